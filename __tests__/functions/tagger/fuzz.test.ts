/**
 * Thousands of malformed and mutated events, built from every CloudTrail
 * fixture with a fixed seed (a failure reproduces exactly; its seed and
 * mutations are in the message). Whatever arrives, the handler:
 *  - never throws (the fakes never fail, so nothing real went wrong),
 *  - writes exactly one decision line and one metric,
 *  - tags only IDs the event's responseElements or a describe answer named,
 *    in the envelope's account and region, which the record agrees with,
 *  - writes only the configured keys, with values AWS accepts,
 *  - leaves Object.prototype alone.
 */
import { decide } from '../../../functions/tagger/event';
import { cloudTrailFixtures, identityFixtures } from '../../fixtures/all-fixtures';
import { pick, prng, type Random } from '../../support/random';
import { echoEc2, runHandler, sessionsFor, type Sent } from '../../support/tagger/harness';

const SEED = 0x5eed;
const MUTANTS_PER_FIXTURE = Number(process.env.FUZZ_MUTANTS ?? 120);
const ENV = { CREATED_AT_TAG_KEY: 'CreatedAt', CREATOR_ARN_TAG_KEY: 'CreatorArn', INVOKED_BY_TAG_KEY: 'InvokedBy' };
const KEYS = ['Owner', 'PrincipalId', ...Object.values(ENV)];
const ALLOWED_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@,]*$/u;

const hex = (random: Random, length: number) => Array.from({ length }, () => pick(random, [...'0123456789abcdef'])).join('');

const ODD_STRINGS = [
  '',
  ' ',
  'x'.repeat(3_000),
  '\u202eevil\u202c',
  'zero\u200bwidth',
  '😀👩‍💻',
  'lone\uD800surrogate',
  'nul\u0000byte',
  'Ⅻ١٢٣',
  'aws:reserved',
  'AWS:Reserved',
  'a,b;c|d',
  '../../etc/passwd',
  '<script>',
  'constructor',
  '__proto__',
];
const PREFIXES = [
  'i',
  'vol',
  'eni',
  'snap',
  'ami',
  'sg',
  'subnet',
  'vpc',
  'rtb',
  'acl',
  'igw',
  'nat',
  'eipalloc',
  'lt',
  'key',
  'tgw',
  'vpce',
  'pcx',
];
const wrongKindId = (random: Random) => `${pick(random, PREFIXES)}-${hex(random, pick(random, [8, 17, 3, 30]))}`;
const junk = (random: Random): unknown =>
  pick(random, [
    () => null,
    () => 0,
    () => -1,
    () => 1e308,
    () => true,
    () => [],
    () => ({}),
    () => pick(random, ODD_STRINGS),
    () => wrongKindId(random),
    () => Array.from({ length: 1_500 }, () => wrongKindId(random)),
    () => ({ items: Array.from({ length: 1_500 }, () => ({ instanceId: `i-${hex(random, 17)}`, volumeId: `vol-${hex(random, 17)}` })) }),
    () => JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
    () => ({ items: { length: 1e9 } }),
  ])();

/** Every [parent, key] in the tree, the root's children first. */
const slots = (root: unknown): [Record<string, unknown> | unknown[], string][] => {
  const found: [Record<string, unknown> | unknown[], string][] = [];
  const walk = (node: unknown, depth: number) => {
    if (typeof node !== 'object' || node === null || depth > 12) return;
    // The first keys of each node only: a mutant's own huge arrays need not be walked.
    for (const key of Object.keys(node).slice(0, 50)) {
      found.push([node as Record<string, unknown>, key]);
      walk((node as Record<string, unknown>)[key], depth + 1);
    }
  };
  walk(root, 0);
  return found;
};

const identities = identityFixtures().map(([, fixture]) => fixture.userIdentity);

/** The record in `detail`, when an earlier mutation left one. */
const detailOf = (event: any): Record<string, any> | undefined =>
  typeof event.detail === 'object' && event.detail !== null && !Array.isArray(event.detail) ? event.detail : undefined;

/** Named mutations; each edits `event` in place. */
const MUTATIONS: Record<string, (event: any, random: Random) => void> = {
  deleteSomething: (event, random) => {
    if (slots(event).length === 0) return;
    const [parent, key] = pick(random, slots(event));
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  },
  wrongType: (event, random) => {
    if (slots(event).length === 0) return;
    const [parent, key] = pick(random, slots(event));
    (parent as Record<string, unknown>)[key] = junk(random);
  },
  oddString: (event, random) => {
    const strings = slots(event).filter(([parent, key]) => typeof (parent as Record<string, unknown>)[key] === 'string');
    if (strings.length === 0) return;
    const [parent, key] = pick(random, strings);
    (parent as Record<string, unknown>)[key] = pick(random, [pick(random, ODD_STRINGS), wrongKindId(random)]);
  },
  wrongKindIdsInResponse: (event, random) => {
    const inResponse = slots(detailOf(event)?.responseElements).filter(
      ([parent, key]) => typeof (parent as Record<string, unknown>)[key] === 'string',
    );
    for (const [parent, key] of inResponse) if (random() < 0.5) (parent as Record<string, unknown>)[key] = wrongKindId(random);
  },
  crossAccount: (event, random) => {
    const field = pick(random, ['account', 'region', 'recipientAccountId', 'awsRegion']);
    const value =
      field.endsWith('ccount') || field.endsWith('AccountId')
        ? pick(random, ['999999999999', '0', 111122223333])
        : pick(random, ['us-west-2', 'eu-west-1.evil.com', '']);
    if (field === 'account' || field === 'region') event[field] = value;
    else if (detailOf(event)) detailOf(event)![field] = value;
  },
  prototypeKeys: (event, random) => {
    const records = [event, ...slots(event).map(([parent, key]) => (parent as Record<string, unknown>)[key])].filter(
      (node): node is Record<string, unknown> => typeof node === 'object' && node !== null && !Array.isArray(node),
    );
    Object.assign(
      pick(random, records),
      JSON.parse(
        '{"__proto__": {"polluted": "yes"}, "constructor": "RunInstances", "prototype": {"polluted": "yes"}, "hasOwnProperty": 1}',
      ),
    );
  },
  otherCaller: (event, random) => {
    const detail = detailOf(event);
    if (detail) detail.userIdentity = structuredClone(pick(random, identities));
  },
  /** IAM allows `,` in session names: a consistent identity whose PrincipalId must be written unchanged. */
  commaInSession: (event) => {
    const user = detailOf(event)?.userIdentity;
    if (user?.type === 'AssumedRole' && typeof user.arn === 'string' && typeof user.principalId === 'string') {
      user.arn += ',ops';
      user.principalId += ',ops';
    }
  },
  /** Names CloudTrail states and nothing vouches for (an IAM user's name, its ARN): values to sanitize. */
  oddNames: (event, random) => {
    const user = detailOf(event)?.userIdentity;
    if (typeof user !== 'object' || user === null) return;
    if (typeof user.userName === 'string') user.userName += pick(random, ODD_STRINGS);
    if (user.type !== 'AssumedRole' && typeof user.arn === 'string') user.arn += pick(random, ['#1', '<b>', '😀', '\u0000']);
  },
  hugeResponse: (event, random) => {
    const detail = detailOf(event);
    if (detail) detail.responseElements = junk(random);
  },
  manyInstances: (event, random) => {
    // More IDs than one CreateTags may carry (1000): the only case for a second call.
    const response = detailOf(event)?.responseElements;
    if (typeof response?.instancesSet === 'object' && response.instancesSet !== null) {
      response.instancesSet.items = Array.from({ length: 1_000 + Math.floor(random() * 200) }, () => ({
        instanceId: `i-${hex(random, 17)}`,
        networkInterfaceSet: { items: [{ networkInterfaceId: `eni-${hex(random, 17)}` }] },
      }));
    }
  },
  claimProtectedTags: (event, random) => {
    const detail = detailOf(event);
    if (detail) {
      detail.requestParameters = {
        ...(typeof detail.requestParameters === 'object' ? detail.requestParameters : {}),
        tagSpecificationSet: {
          items: [{ resourceType: 'instance', tags: [{ key: pick(random, KEYS), value: pick(random, ODD_STRINGS) }] }],
        },
      };
    }
  },
  failedOrReadOnly: (event, random) => {
    const detail = detailOf(event);
    if (detail)
      Object.assign(
        detail,
        pick(random, [
          { errorCode: 'Client.DryRunOperation' },
          { readOnly: true },
          { eventSource: 's3.amazonaws.com' },
          { errorCode: { nested: [1] } },
        ]),
      );
  },
  notAnEvent: (event, random) => {
    for (const key of Object.keys(event)) delete event[key];
    Object.assign(event, { detail: pick(random, [null, 'x', [], 42]) });
  },
};

/** A describe answer with what was asked for, plus junk a real answer could not contain. */
const junkyEc2 = (random: Random) => {
  const ec2 = echoEc2();
  const send = ec2.client.send.bind(ec2.client);
  (ec2.client as { send: unknown }).send = async (command: never) => {
    const output = (await send(command)) as any;
    const call = ec2.sent.at(-1)!;
    if (call.command === 'DescribeInstances') {
      for (const instance of output.Reservations[0].Instances) {
        instance.BlockDeviceMappings = [
          { Ebs: { VolumeId: `vol-${hex(random, 17)}` } },
          { Ebs: { VolumeId: pick(random, [null, 7, 'vol-not-hex', pick(random, ODD_STRINGS)]) } },
          { Ebs: null },
        ];
        instance.NetworkInterfaces = [{ NetworkInterfaceId: wrongKindId(random) }];
      }
    }
    return output;
  };
  return ec2;
};

const stringsIn = (value: unknown, into = new Set<string>(), depth = 0): Set<string> => {
  if (typeof value === 'string') into.add(value);
  else if (typeof value === 'object' && value !== null && depth < 20)
    for (const child of Object.values(value)) stringsIn(child, into, depth + 1);
  return into;
};

describe('fuzz: the handler over mutated events', () => {
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
  const seen = { tagged: 0, skipped: 0, chunked: 0, overridden: 0, sanitized: 0 };

  it.each(cloudTrailFixtures().map(([name, event], index) => [name, event, SEED + index] as const))('%s', async (name, original, seed) => {
    const random = prng(seed);
    for (let n = 0; n < MUTANTS_PER_FIXTURE; n++) {
      const event = structuredClone(original);
      const applied = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(random, Object.keys(MUTATIONS)));
      for (const mutation of applied) MUTATIONS[mutation](event, random);
      const where = `${name} seed ${seed} mutant ${n}: ${applied.join(', ')}`;

      const ec2 = junkyEc2(random);
      const sessions = sessionsFor(ec2.client);
      const expected = decide(event);
      const { result, error, lines, metrics, delays, sent } = await runHandler(event, { ec2, sessions, env: ENV });

      expect({ where, error }).toEqual({ where, error: undefined });
      expect({ where, lines: lines.length, metrics: metrics.length }).toEqual({ where, lines: 1, metrics: 1 });
      // A tagged event with an eventTime also has its delay, as a metric of its own.
      expect({ where, delays: delays.length }).toEqual({ where, delays: result?.delayMs === undefined ? 0 : 1 });
      const creates: Sent[] = sent.filter((call) => call.command === 'CreateTags');
      if (result.decision === 'skipped') {
        expect({ where, creates }).toEqual({ where, creates: [] });
        seen.skipped++;
        continue;
      }

      seen.tagged++;
      if (creates.length > 1) seen.chunked++;
      if (result.overridden) seen.overridden++;
      if (result.sanitized) seen.sanitized++;
      // Where: the envelope's account and region, which the record agrees with.
      expect(expected).toMatchObject({ action: 'tag' });
      expect({ where, at: sessions.ec2.mock.calls }).toEqual({ where, at: [[event.account, event.region]] });
      expect([event.detail.recipientAccountId, event.detail.awsRegion]).toEqual([event.account, event.region]);
      // What: only named IDs, each once, in as few calls as the 1000-ID limit allows.
      const known = stringsIn(event.detail.responseElements);
      for (const call of sent) stringsIn(call.output, known);
      const tagged = creates.flatMap((call) => call.input.Resources as string[]);
      expect({ where, unknown: tagged.filter((id) => !known.has(id)) }).toEqual({ where, unknown: [] });
      expect(new Set(tagged).size).toBe(tagged.length);
      expect(creates.length).toBe(Math.ceil(tagged.length / 1000));
      // With what: the configured keys, values AWS accepts, the same in every chunk.
      for (const call of creates) {
        expect(call.input.Tags).toEqual(creates[0].input.Tags);
        for (const { Key, Value } of call.input.Tags) {
          expect({ where, Key, known: KEYS.includes(Key) }).toEqual({ where, Key, known: true });
          expect({ where, Value, ok: ALLOWED_VALUE.test(Value) && Value.length <= 256 }).toEqual({ where, Value, ok: true });
        }
      }
      const principalId = creates[0].input.Tags.find((tag: { Key: string }) => tag.Key === 'PrincipalId').Value;
      expect({ where, same: principalId === result.principalId }).toEqual({ where, same: !result.principalIdAltered });
    }
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  // Runs after the fixtures: the mutations must reach every branch, or the properties above prove little.
  it('reached tagging, skipping, chunking, overwriting and sanitizing', () => {
    expect(seen.tagged).toBeGreaterThan(500);
    expect(seen.skipped).toBeGreaterThan(500);
    expect(seen.chunked).toBeGreaterThan(0);
    expect(seen.overridden).toBeGreaterThan(0);
    expect(seen.sanitized).toBeGreaterThan(50);
  });
});
