/**
 * Hundreds of mutated copies of the example config, with a fixed seed (a
 * failure names its mutant and mutations, and reproduces exactly): fields
 * deleted, wrong types, mistyped regions, duplicates, spaces, huge arrays,
 * odd unicode, renamed keys, plausible settings, and broken JSON text. Each
 * one either validates and then synthesizes every stack in-process with the
 * real stack code, or fails with a ConfigError whose problems all have a
 * path and a one-line message. Nothing else may be thrown.
 */
import { Testing, type TerraformStack } from 'cdktf';
import { ConfigError, parseConfig } from '../../modules/config/load';
import { AWS_REGIONS } from '../../modules/config/regions';
import { skipTokenStackTraces } from '../../modules/fast-synth';
import { addAutoTagStacks } from '../../modules/stacks/app';
import { pick, prng, type Random } from '../support/random';
import { exampleConfigInput, fakeBundleDir } from '../support/synth';

const SEED = 0xc0f16;
const MUTANTS = Number(process.env.FUZZ_MUTANTS ?? 300);

type Json = unknown;
type Container = Record<string, Json> | Json[];
type Path = PropertyKey[];

const ODD_STRINGS = [
  '',
  ' ',
  'x'.repeat(5_000),
  '\u202eevil',
  'zero\u200bwidth',
  '😀👩‍💻',
  'lone\uD800',
  'nul\u0000',
  'Ⅻ١٢٣',
  'aws:x',
  '__proto__',
  'constructor',
  '../../etc/passwd',
  '${aws:userid}',
  '$${x}',
];
const JUNK: ReadonlyArray<(random: Random) => Json> = [
  () => null,
  () => 0,
  () => -1,
  () => 1.5,
  () => 1e308,
  () => true,
  () => false,
  () => [],
  () => ({}),
  (random) => pick(random, ODD_STRINGS),
  () => JSON.parse('{"__proto__": {"polluted": true}}'),
  () => [[[[[[[[[[[]]]]]]]]]]],
];

/** Every path to a value in the tree, the root's included. */
const paths = (node: Json, at: Path = []): Path[] => {
  const here = [at];
  if (Array.isArray(node)) return here.concat(...node.slice(0, 30).map((child, i) => paths(child, [...at, i])));
  if (typeof node === 'object' && node !== null) return here.concat(...Object.entries(node).map(([k, child]) => paths(child, [...at, k])));
  return here;
};
const get = (root: Json, path: Path): Json => path.reduce<Json>((node, key) => (node as Record<PropertyKey, Json>)?.[key as string], root);
/** [parent, key] of a path below the root. */
const slot = (root: Json, path: Path): [Container, PropertyKey] => [get(root, path.slice(0, -1)) as Container, path[path.length - 1]];
const isContainer = (value: Json): value is Container => typeof value === 'object' && value !== null;
const stringsIn = (root: Json) => paths(root).filter((p) => p.length > 0 && typeof get(root, p) === 'string');

const mangleRegion = (random: Random, region: string): string => {
  const i = Math.floor(random() * (region.length - 1));
  return pick(random, [
    () => region.slice(0, i) + region[i + 1] + region[i] + region.slice(i + 2), // two letters swapped
    () => region.slice(0, i) + region.slice(i + 1), // one dropped
    () => region.toUpperCase(),
    () => ` ${region}`,
    () => region.replace(/\d$/, '9'),
    () => pick(random, AWS_REGIONS), // a real one, maybe not among the top-level regions
  ])();
};

/** Settings a person might plausibly write, valid or not. */
const SETTINGS: ReadonlyArray<(random: Random) => [Path, Json]> = [
  (random) => [['homeRegion'], pick(random, ['eu-west-1', 'us-east-1', 'eu-west-2', 'eu-wset-1'])],
  () => [['orgTrail'], { create: false }],
  (random) => [
    ['orgTrail'],
    {
      create: true,
      name: 'org-trail',
      logRetentionDays: pick(random, [1, 0, 400]),
      bucketName: pick(random, ['my-trail-logs', 'My_Bucket']),
    },
  ],
  (random) => [
    ['backend'],
    { type: 's3', bucket: 'state-bucket', region: pick(random, ['eu-west-1', 'eu-wset-1']), keyPrefix: pick(random, ['p', 'bad prefix']) },
  ],
  (random) => [
    ['tagKeys', pick(random, ['createdAt', 'creatorArn', 'invokedBy'])],
    pick(random, ['CreatedAt', 'Owner', 'Creator ', 'aws:x']),
  ],
  (random) => [
    ['function', pick(random, ['memorySize', 'timeoutSeconds', 'reservedConcurrency', 'maximumRetryAttempts', 'logRetentionDays'])],
    pick(random, [1, 30, 128, 900, 10_241]),
  ],
  (random) => [['function', 'alarmTopicName'], pick(random, ['dlq-alarms', 'bad topic'])],
  (random) => [['tagGuardScp'], { targetIds: [pick(random, ['r-a1b2', 'ou-ab12-34cd56ef', '333333333333', 'root'])] }],
  (random) => [['accounts', Math.floor(random() * 5), 'regions'], [pick(random, ['eu-west-1', 'us-east-1', 'ap-south-1'])]],
  (random) => [
    ['accounts', Math.floor(random() * 5), 'accessPolicies'],
    { teamAbac: pick(random, [false, {}, { tagKey: 'Squad' }, true]) },
  ],
  (random) => [['accounts', Math.floor(random() * 5), 'deployRoleName'], pick(random, ['Deployer', 'bad role!'])],
  (random) => [['namePrefix'], pick(random, ['at', 'Auto-Tag', 'a'.repeat(30)])],
  (random) => [['taggerRoleName'], pick(random, ['tagger', ''])],
];

/** Named mutations of the parsed config; each edits it in place. */
const MUTATIONS: Record<string, (config: Json, random: Random) => void> = {
  remove: (config, random) => {
    const below = paths(config).filter((p) => p.length > 0);
    const [parent, key] = slot(config, pick(random, below));
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key as string];
  },
  wrongType: (config, random) => {
    const [parent, key] = slot(
      config,
      pick(
        random,
        paths(config).filter((p) => p.length > 0),
      ),
    );
    (parent as Record<PropertyKey, Json>)[key as string] = pick(random, JUNK)(random);
  },
  mistypeRegion: (config, random) => {
    const regions = stringsIn(config).filter((p) => (AWS_REGIONS as readonly Json[]).includes(get(config, p)));
    if (regions.length === 0) return;
    const path = pick(random, regions);
    const [parent, key] = slot(config, path);
    (parent as Record<PropertyKey, Json>)[key as string] = mangleRegion(random, get(config, path) as string);
  },
  duplicate: (config, random) => {
    const arrays = paths(config).filter((p) => Array.isArray(get(config, p)) && (get(config, p) as Json[]).length > 0);
    if (arrays.length === 0) return;
    const array = get(config, pick(random, arrays)) as Json[];
    array.push(structuredClone(pick(random, array)));
  },
  spaces: (config, random) => {
    const strings = stringsIn(config);
    if (strings.length === 0) return;
    const [parent, key] = slot(config, pick(random, strings));
    const value = (parent as Record<PropertyKey, string>)[key as string];
    (parent as Record<PropertyKey, Json>)[key as string] = pick(random, [` ${value}`, `${value} `, `${value}\u00a0`, `\t${value}`]);
  },
  oddString: (config, random) => {
    const strings = stringsIn(config);
    if (strings.length === 0) return;
    const [parent, key] = slot(config, pick(random, strings));
    (parent as Record<PropertyKey, Json>)[key as string] = pick(random, ODD_STRINGS);
  },
  hugeArray: (config, random) => {
    const arrays = paths(config).filter((p) => Array.isArray(get(config, p)) && (get(config, p) as Json[]).length > 0);
    if (arrays.length === 0) return;
    const array = get(config, pick(random, arrays)) as Json[];
    array.push(...Array.from({ length: 2_000 }, () => structuredClone(pick(random, array))));
  },
  renameKey: (config, random) => {
    const keyed = paths(config).filter((p) => p.length > 0 && typeof p[p.length - 1] === 'string');
    if (keyed.length === 0) return;
    const [parent, key] = slot(config, pick(random, keyed));
    const name = String(key);
    const renamed = pick(random, [name.slice(0, -1), `${name}s`, name.toLowerCase(), name.toUpperCase(), ` ${name}`]);
    const value = (parent as Record<string, Json>)[name];
    delete (parent as Record<string, Json>)[name];
    (parent as Record<string, Json>)[renamed] = value;
  },
  setting: (config, random) => {
    const [path, value] = pick(random, SETTINGS)(random);
    const parent = get(config, path.slice(0, -1));
    if (isContainer(parent)) (parent as Record<PropertyKey, Json>)[path[path.length - 1] as string] = value;
  },
  shuffle: (config, random) => {
    const arrays = paths(config).filter((p) => Array.isArray(get(config, p)));
    const array = get(config, pick(random, arrays)) as Json[];
    array.sort(() => random() - 0.5);
  },
};

/** Mutations of the JSON text itself. */
const TEXT_MUTATIONS: Record<string, (text: string, random: Random) => string> = {
  deleteChar: (text, random) => {
    const i = Math.floor(random() * text.length);
    return text.slice(0, i) + text.slice(i + 1);
  },
  insertChar: (text, random) => {
    const i = Math.floor(random() * text.length);
    return text.slice(0, i) + pick(random, [...'{}[],:"\\/\' x0\n\u0001']) + text.slice(i);
  },
  repeatLine: (text, random) => {
    const lines = text.split('\n');
    const i = Math.floor(random() * lines.length);
    return [...lines.slice(0, i + 1), lines[i], ...lines.slice(i + 1)].join('\n');
  },
  truncate: (text, random) => text.slice(0, Math.floor(random() * text.length)),
};

/**
 * Every stack of a valid config built by the app's code and resolved to its
 * Terraform JSON (`toTerraform`, what synthesis writes; the files and the
 * asset zip are left out, as they do not depend on the config's values).
 */
const synthesize = (config: ReturnType<typeof parseConfig>, bundleDir: string): void => {
  const app = Testing.app();
  addAutoTagStacks(app, { config, taggerBundleDir: bundleDir, sweepBundleDir: bundleDir });
  for (const stack of app.node.children as TerraformStack[]) {
    const json = JSON.parse(JSON.stringify(stack.toTerraform()));
    expect(Object.keys(json.resource ?? {}).length).toBeGreaterThan(0);
  }
};

describe('config fuzz', () => {
  // As the app synthesizes (same output, pinned by the fast-synth tests): a third of the time otherwise.
  beforeAll(skipTokenStackTraces);

  it(`${MUTANTS} mutants of the example: each one synthesizes, or fails with path-named problems and nothing else`, () => {
    const random = prng(SEED);
    const bundleDir = fakeBundleDir();
    const outcomes = { synthesized: 0, invalid: 0, syntax: 0 };
    for (let n = 0; n < MUTANTS; n++) {
      const config = exampleConfigInput() as Json;
      const applied: string[] = [];
      for (let m = 1 + Math.floor(random() * 3); m > 0; m--) {
        const name = pick(random, Object.keys(MUTATIONS));
        MUTATIONS[name](config, random);
        applied.push(name);
      }
      let text = JSON.stringify(config, null, 2);
      if (random() < 0.25) {
        const name = pick(random, Object.keys(TEXT_MUTATIONS));
        text = TEXT_MUTATIONS[name](text, random);
        applied.push(name);
      }
      const where = `seed ${SEED} mutant ${n}: ${applied.join(', ')}`;
      let valid;
      try {
        valid = parseConfig(text, 'mutant.json');
      } catch (err) {
        if (!(err instanceof ConfigError)) throw new Error(`${where}: threw ${(err as Error).stack}`);
        const lines = err.problems.map((p) => `${p.path}: ${p.message}`);
        // A path and a one-line message in the project's words: no stack, no zod default, no unprinted value.
        const unclear = err.problems.filter(
          (p) => p.path === '' || p.message === '' || /\n|undefined|\[object |Invalid input/.test(p.message),
        );
        expect({ where, problems: lines.length, repeated: lines.length - new Set(lines).size, unclear }).toEqual({
          where,
          problems: expect.any(Number),
          repeated: 0,
          unclear: [],
        });
        expect(lines.length).toBeGreaterThan(0);
        outcomes[err.problems[0].path === '(file)' ? 'syntax' : 'invalid'] += 1;
        continue;
      }
      try {
        synthesize(valid, bundleDir);
      } catch (err) {
        throw new Error(`${where}: a valid config failed to synthesize: ${(err as Error).stack}`);
      }
      outcomes.synthesized += 1;
    }
    // Both sides are exercised, so the test cannot pass by rejecting (or accepting) everything.
    expect(outcomes.synthesized).toBeGreaterThanOrEqual(MUTANTS / 15);
    expect(outcomes.invalid).toBeGreaterThanOrEqual(MUTANTS / 3);
    expect(outcomes.syntax).toBeGreaterThanOrEqual(MUTANTS / 30);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
