/**
 * Synth wall time and peak memory by organization size (npm run bench:synth).
 * Runs main.ts exactly as `cdktf synth` does (tsx), once per size, on a
 * generated config of N accounts in the example's two regions.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleConfigInput } from '../__tests__/helpers/synth';

const root = join(__dirname, '..');
const sizes = (process.argv[2] ?? '5,50,200,500').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 3);

const configWith = (accounts: number) => {
  const example = exampleConfigInput();
  const extra = Array.from({ length: Math.max(0, accounts - example.accounts.length) }, (_, i) => ({
    id: String(600000000000 + i),
    name: `member-${i}`,
  }));
  return { ...example, accounts: [...example.accounts, ...extra].slice(0, Math.max(accounts, 2)) };
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`synth of main.ts via tsx, median of ${runs} runs`);
console.log('accounts  stacks  wall_s  peak_rss_mb  out_mb');
for (const accounts of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'auto-tag-bench-'));
  const configFile = join(dir, 'config.json');
  writeFileSync(configFile, JSON.stringify(configWith(accounts)));
  const walls: number[] = [];
  const peaks: number[] = [];
  let stacks = 0;
  let outMb = 0;
  for (let i = 0; i < runs; i++) {
    const out = join(dir, `out-${i}`);
    const started = process.hrtime.bigint();
    const result = spawnSync(
      process.execPath,
      ['--require', join(__dirname, 'report-peak-memory.cjs'), '--import', 'tsx', join(root, 'main.ts')],
      { cwd: root, env: { ...process.env, AUTO_TAG_CONFIG: configFile, CDKTF_OUTDIR: out }, encoding: 'utf8' },
    );
    walls.push(Number(process.hrtime.bigint() - started) / 1e9);
    if (result.status !== 0) throw new Error(`synth failed for ${accounts} accounts:\n${result.stderr}`);
    peaks.push(Number(/PEAK_RSS_KB=(\d+)/.exec(result.stderr)?.[1] ?? NaN) / 1024);
    stacks = readdirSync(join(out, 'stacks')).length;
    outMb = Number(spawnSync('du', ['-sm', out], { encoding: 'utf8' }).stdout.split('\t')[0]);
  }
  console.log(
    [String(accounts).padStart(8), String(stacks).padStart(6), median(walls).toFixed(2).padStart(7), median(peaks).toFixed(0).padStart(12), String(outMb).padStart(7)].join('  '),
  );
  rmSync(dir, { recursive: true, force: true });
}
