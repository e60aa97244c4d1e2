/**
 * Plans every synthesized stack (`npm run plan`, after the synth it runs
 * first). `cdktf diff` takes exactly one stack, so this is how a pipeline sees
 * the whole organization's changes before it deploys.
 *
 * Reads the manifest of the output folder (CDKTF_OUTDIR, default cdktf.out),
 * runs `terraform init` in each stack's folder one at a time (inits sharing a
 * provider cache race, so cdktf serializes them too), then `terraform plan`
 * PLAN_PARALLELISM stacks at a time (default 4). Each stack's output is printed
 * whole when it finishes, then one line per stack. Exit status 1 if any stack
 * failed, else 0. Uses the provider cache cdktf uses (TF_PLUGIN_CACHE_DIR, by
 * default ~/.terraform.d/plugin-cache).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
const parallelism = Number(process.env.PLAN_PARALLELISM ?? 4);
if (!Number.isInteger(parallelism) || parallelism < 1) {
  console.error(`PLAN_PARALLELISM: must be a whole number of stacks, 1 or more (got "${process.env.PLAN_PARALLELISM}")`);
  process.exit(2);
}
const pluginCache = process.env.TF_PLUGIN_CACHE_DIR ?? join(homedir(), '.terraform.d', 'plugin-cache');
mkdirSync(pluginCache, { recursive: true });
const env = { ...process.env, TF_PLUGIN_CACHE_DIR: pluginCache, TF_IN_AUTOMATION: '1', TF_INPUT: '0' };

interface Outcome {
  readonly code: number;
  readonly output: string;
}

/** Runs terraform in a folder, collecting its output (stdout and stderr, interleaved as written). */
const terraform = (cwd: string, args: string[]): Promise<Outcome> =>
  new Promise((done) => {
    const child = spawn('terraform', args, { cwd, env });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', (err) => done({ code: 1, output: `${err.message}\n` }));
    child.on('close', (code) => done({ code: code ?? 1, output: Buffer.concat(chunks).toString() }));
  });

/** `-detailed-exitcode`: 0 nothing to do, 2 changes, anything else a failure. */
const VERDICT: Record<number, string> = { 0: 'no changes', 2: 'changes' };

const main = async () => {
  const manifestFile = join(outdir, 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`${manifestFile} not found: synthesize first (npm run synth)`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const stacks = Object.values<{ name: string; workingDirectory: string }>(manifest.stacks);
  const verdicts = new Map<string, string>();
  const ready: typeof stacks = [];
  for (const stack of stacks) {
    const init = await terraform(join(outdir, stack.workingDirectory), ['init', '-input=false', '-no-color']);
    if (init.code === 0) ready.push(stack);
    else {
      process.stdout.write(`=== ${stack.name}: terraform init failed\n${init.output}\n`);
      verdicts.set(stack.name, 'init failed');
    }
  }
  const queue = [...ready];
  const worker = async () => {
    for (let stack = queue.shift(); stack; stack = queue.shift()) {
      const plan = await terraform(join(outdir, stack.workingDirectory), ['plan', '-input=false', '-no-color', '-detailed-exitcode']);
      const verdict = VERDICT[plan.code] ?? 'plan failed';
      process.stdout.write(`=== ${stack.name}: ${verdict}\n${plan.output}\n`);
      verdicts.set(stack.name, verdict);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallelism, queue.length) }, worker));
  console.log('\nSummary:');
  for (const { name } of stacks) console.log(`  ${name}: ${verdicts.get(name)}`);
  process.exitCode = [...verdicts.values()].some((v) => v.endsWith('failed')) ? 1 : 0;
};

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
