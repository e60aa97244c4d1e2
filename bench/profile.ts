/**
 * Where a large synth spends its time (npm run bench:profile [-- 500]):
 * runs the app (compiled as cdktf.json runs it) under `node --cpu-prof` on N
 * members x 17 regions and prints self time by package, the time inside the
 * main phases (inclusive, recursion counted once), and cdktf's busiest
 * functions. Prints, asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ROOT } from '../__tests__/support/run-main';
import { configWith } from './org-config';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount: number;
  children?: number[];
}

const members = Number(process.argv[2] ?? 500);
const scratch = mkdtempSync(join(tmpdir(), 'auto-tag-profile-'));
const configFile = join(scratch, 'config.json');
writeFileSync(configFile, JSON.stringify(configWith(members)));

// Compile once as the app command does, then profile the compiled app alone.
// One process (no synth workers), so the profile holds all of the work.
const env = { ...process.env, AUTO_TAG_CONFIG: configFile, CDKTF_OUTDIR: join(scratch, 'out'), AUTO_TAG_SYNTH_PROCESSES: '1' };
spawnSync(process.execPath, [join(ROOT, 'scripts', 'app.js')], { cwd: ROOT, env });
const started = process.hrtime.bigint();
const run = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${scratch}`, join(ROOT, '.gen', 'app', 'main.js')], {
  cwd: ROOT,
  env,
  encoding: 'utf8',
});
const wall = Number(process.hrtime.bigint() - started) / 1e9;
if (run.status !== 0) throw new Error(run.stderr);
const profile = JSON.parse(readFileSync(join(scratch, readdirSync(scratch).find((f) => f.endsWith('.cpuprofile'))!), 'utf8'));
rmSync(scratch, { recursive: true, force: true });

const nodes = new Map<number, ProfileNode>(profile.nodes.map((n: ProfileNode) => [n.id, n]));
const sampleMs = (profile.endTime - profile.startTime) / 1000 / profile.samples.length;
const total = profile.samples.length * sampleMs;

/** Which package a frame belongs to: an npm package, the app itself, node, or V8's own entries. */
const owner = ({ functionName, url }: ProfileNode['callFrame']): string => {
  // The innermost package: cdktf bundles json-stable-stringify under its own node_modules.
  const pkg = [...url.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)].pop()?.[1];
  if (pkg) return pkg;
  if (url.includes('.gen/app/')) return 'auto-tag (compiled app)';
  if (url.startsWith('node:')) return 'node (module loading, fs)';
  return functionName.startsWith('(') ? `v8 ${functionName}` : 'JavaScript built-ins (JSON, RegExp, ...)';
};

const selfBy = new Map<string, number>();
for (const node of nodes.values()) {
  const key = owner(node.callFrame);
  selfBy.set(key, (selfBy.get(key) ?? 0) + node.hitCount * sampleMs);
}

/** Inclusive time of the frames matching `match`, not counting a match below another match twice. */
const inclusive = (match: (frame: ProfileNode['callFrame']) => boolean): number => {
  const walk = (node: ProfileNode, inside: boolean): number => {
    const here = inside || match(node.callFrame);
    const own = here ? node.hitCount * sampleMs : 0;
    return own + (node.children ?? []).reduce((sum, child) => sum + walk(nodes.get(child)!, here), 0);
  };
  return walk(nodes.get(profile.nodes[0].id)!, false);
};
const fn = (name: string, file?: string) => (f: ProfileNode['callFrame']) => f.functionName === name && (!file || f.url.endsWith(file));

const pct = (ms: number) => `${ms.toFixed(0).padStart(6)} ms ${((100 * ms) / total).toFixed(0).padStart(3)} %`;
console.log(
  `${members} members x 17 regions: ${wall.toFixed(2)} s wall, ${total.toFixed(0)} ms profiled (${run.stderr.trim() || 'no stderr'})\n`,
);
console.log('Self time by package');
for (const [key, ms] of [...selfBy].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`  ${pct(ms)}  ${key}`);

console.log('\nPhases (inclusive)');
const phases: Array<[string, (f: ProfileNode['callFrame']) => boolean]> = [
  ['module loading (require)', fn('require')],
  ['config load and validation', fn('loadConfig')],
  ['constructing the stacks', fn('addAutoTagStacks')],
  ['App.synth, all of it', fn('synth', 'cdktf/lib/app.js')],
  ['  aspects (invokeAspects)', fn('invokeAspects')],
  ['  validations (runAllValidations)', fn('runAllValidations')],
  ['  toTerraform + token resolution', fn('toTerraform', 'cdktf/lib/terraform-stack.js')],
  ['  JSON writing (json-stable-stringify)', (f) => f.url.includes('json-stable-stringify')],
  ['  asset zip (TerraformAsset)', (f) => f.url.endsWith('terraform-asset.js')],
];
for (const [label, match] of phases) console.log(`  ${pct(inclusive(match))}  ${label}`);

console.log('\ncdktf functions by self time (its bundled packages included)');
const cdktfSelf = new Map<string, number>();
for (const node of nodes.values()) {
  if (!node.callFrame.url.includes('node_modules/cdktf/')) continue;
  const key = `${node.callFrame.functionName || '(anonymous)'} (${basename(node.callFrame.url)})`;
  cdktfSelf.set(key, (cdktfSelf.get(key) ?? 0) + node.hitCount * sampleMs);
}
for (const [key, ms] of [...cdktfSelf].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`  ${pct(ms)}  ${key}`);
