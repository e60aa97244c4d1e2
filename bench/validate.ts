/**
 * `npm run bench:validate [-- runs]`: wall time of `npm run validate`, median of
 * several runs (7 by default), on the example config and on a 500-account
 * organization in 17 regions, beside what it is made of (the bundle under
 * plain node, node's own start) and the TypeScript loader it avoids (tsx).
 * Wall time, and CPU time (user + system of the command and its children),
 * which moves far less when other work shares the machine. Prints figures;
 * asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configWith } from './org-config';

const root = join(__dirname, '..');
const runs = Number(process.argv[2] ?? 7);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** CPU seconds of this process's finished children (Linux: cutime + cstime of /proc/self/stat, in 1/100 s). */
const childrenCpu = (): number => {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
};

const time = (command: string, args: string[]): { wall: number; cpu: number } => {
  const cpuBefore = childrenCpu();
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command} ${args.join(' ')}: exit ${result.status}\n${result.stderr}`);
  return { wall, cpu: childrenCpu() - cpuBefore };
};

const large = join(mkdtempSync(join(tmpdir(), 'auto-tag-bench-validate-')), 'org-500.json');
writeFileSync(large, JSON.stringify(configWith(500), null, 2));
const example = join(root, 'config', 'auto-tag.json');

// Builds .gen/validate-config.js once, so the bundle rows measure the check alone.
time('npm', ['run', '-s', 'validate']);
const rows: Array<[string, string, string[]]> = [
  ['node -e 0 (node start, the floor)', process.execPath, ['-e', '0']],
  ['npm run -s validate (esbuild + node), example', 'npm', ['run', '-s', 'validate', '--', '--config', example]],
  ['npm run -s validate, 500 accounts x 17 regions', 'npm', ['run', '-s', 'validate', '--', '--config', large]],
  [
    'esbuild bundling alone (what npm run validate does first)',
    join(root, 'node_modules', '.bin', 'esbuild'),
    [
      'scripts/validate-config.ts',
      '--bundle',
      '--platform=node',
      '--target=node20',
      '--log-level=warning',
      `--outfile=${join(tmpdir(), 'auto-tag-bench-validate.js')}`,
    ],
  ],
  ['node .gen/validate-config.js (the bundle alone), example', process.execPath, ['.gen/validate-config.js', '--config', example]],
  ['node .gen/validate-config.js, 500 accounts x 17 regions', process.execPath, ['.gen/validate-config.js', '--config', large]],
  [
    'node --import tsx scripts/validate-config.ts (not used), example',
    process.execPath,
    ['--import', 'tsx', 'scripts/validate-config.ts', '--config', example],
  ],
];
console.log(`medians of ${runs} runs\n  wall     cpu`);
for (const [label, command, args] of rows) {
  const samples = Array.from({ length: runs }, () => time(command, args));
  const [wall, cpu] = [median(samples.map((s) => s.wall)), median(samples.map((s) => s.cpu))];
  console.log(`${wall.toFixed(2).padStart(6)} s ${cpu.toFixed(2).padStart(5)} s  ${label}`);
}
