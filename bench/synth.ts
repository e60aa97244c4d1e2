/**
 * Synth by organization size (npm run bench:synth [-- 1,10,100,500]); prints
 * figures, asserts nothing. For each size, a config of N member accounts
 * (besides the management and central accounts) in the 17 regions every AWS account has enabled by default (the example's
 * access policies, all on), then BENCH_RUNS fresh processes (default 3) of
 * each of these, medians reported:
 *  - app: cdktf.json's app command, exactly as `cdktf synth` runs it;
 *  - one: the same, selecting one member account (AUTO_TAG_ACCOUNTS);
 *  - naive: the same stacks without this project's speed work, as a first
 *    version would run them: provider classes from the package root, main.ts
 *    under type-checking ts-node, the cdktf bypasses off (AUTO_TAG_FAST_SYNTH=0),
 *    the tagger bundled anew. Same machine, same run: the ratio is fair
 *    (BENCH_NAIVE=0 leaves it out).
 * Peak memory is that of the largest process (each reports its own as it
 * exits); CPU time is that of all of them (the synth, its workers, esbuild).
 * CPU time is the steadier figure when other work shares the machine, so the
 * ratios use it.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_COMMAND, ROOT } from '../__tests__/support/run-main';
import { configWith } from './org-config';

const sizes = (process.argv[2] ?? '1,10,100,500').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 3);
/** BENCH_NAIVE=0 leaves the baseline out (it takes minutes at 500 members). */
const withNaive = process.env.BENCH_NAIVE !== '0';
const PEAK = `--require ${join(__dirname, 'report-peak-memory.cjs')}`;
/**
 * A copy of the app whose provider imports go through the package root
 * (`import { iamRole } from '@cdktf/provider-aws'`, which loads and
 * type-checks all of its ~2,200 resources), for the naive baseline.
 */
const naiveCopy = (): string => {
  const dir = join(ROOT, '.gen', 'naive');
  rmSync(dir, { recursive: true, force: true });
  for (const part of ['main.ts', 'modules', 'functions']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  const deepImport = /import \{([^}]*)\} from '@cdktf\/provider-aws\/lib\/([\w-]+)';/g;
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
    const file = join(dir, name);
    const code = readFileSync(file, 'utf8').replace(deepImport, (_, names: string, module: string) => {
      const namespace = module.replace(/-(\w)/g, (__, c: string) => c.toUpperCase());
      const aliases = names
        .split(',')
        .map((n) => n.trim().replace(/^type\s+/, ''))
        .filter(Boolean)
        .map((n) => {
          const [imported, local = imported] = n.split(/\s+as\s+/);
          return `import ${local} = root_${namespace}.${imported};`;
        });
      return [`import { ${namespace} as root_${namespace} } from '@cdktf/provider-aws';`, ...aliases].join('\n');
    });
    writeFileSync(file, code);
  }
  return dir;
};

interface Run {
  readonly wall: number;
  /** User + system CPU seconds of the synth and every process it started. */
  readonly cpu: number;
  readonly peakMb: number;
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
/**
 * CPU seconds of every process this one has waited for, and theirs (Linux:
 * cutime + cstime of /proc/self/stat): the synth, its worker processes and esbuild's.
 */
const childrenCpu = (): number => {
  const afterName = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(afterName[13]) + Number(afterName[14])) / CLOCK_TICKS;
};

const run = (command: string, env: Record<string, string>): Run => {
  const started = process.hrtime.bigint();
  const cpuBefore = childrenCpu();
  const result = spawnSync(command, { cwd: ROOT, shell: true, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: PEAK, ...env } });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${command} failed:\n${result.stderr}`);
  // Every node process and worker thread reports its process's peak; the largest process's is the figure.
  const peaks = [...result.stderr.matchAll(/PEAK_RSS_KB=(\d+)/g)].map(([, kb]) => Number(kb));
  return { wall, cpu: childrenCpu() - cpuBefore, peakMb: Math.max(...peaks) / 1024 };
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const medianOf = (make: (i: number) => Run): Run => {
  const all = Array.from({ length: runs }, (_, i) => make(i));
  return { wall: median(all.map((r) => r.wall)), cpu: median(all.map((r) => r.cpu)), peakMb: median(all.map((r) => r.peakMb)) };
};

/** Bytes of the Terraform JSON written and resources in it, over every stack. */
const outputOf = (outdir: string) => {
  let bytes = 0;
  let resources = 0;
  for (const stack of readdirSync(join(outdir, 'stacks'))) {
    const file = join(outdir, 'stacks', stack, 'cdk.tf.json');
    bytes += statSync(file).size;
    const json = JSON.parse(readFileSync(file, 'utf8'));
    for (const byName of Object.values<Record<string, unknown>>(json.resource ?? {})) resources += Object.keys(byName).length;
  }
  return { stacks: readdirSync(join(outdir, 'stacks')).length, bytes, resources };
};

const naive = naiveCopy();
const naiveCommand = `node --require ts-node/register ${join(naive, 'main.ts')}`;
const scratch = mkdtempSync(join(tmpdir(), 'auto-tag-bench-'));
const cell = (r: Run) => `${r.wall.toFixed(2)} s (CPU ${r.cpu.toFixed(2)} s) / ${r.peakMb.toFixed(0)} MB`;

console.log(`synth by organization size, 17 regions, median of ${runs} fresh processes each (node ${process.version})`);
console.log(`app: ${APP_COMMAND}   naive: ${naiveCommand.replace(`${ROOT}/`, '')}\n`);
console.log(
  '| members | stacks | resources | JSON MB | app: wall (CPU) / peak | CPU ms per 1,000 more resources | one member (AUTO_TAG_ACCOUNTS) | naive baseline | naive / app (CPU, memory) |',
);
console.log('|---:|---:|---:|---:|---|---:|---|---|---|');
/** The previous size's app figures: the cost of a resource is the slope between two sizes (startup is fixed). */
let previous: { cpu: number; resources: number } | undefined;
try {
  for (const members of sizes) {
    const configFile = join(scratch, `config-${members}.json`);
    const config = configWith(members);
    writeFileSync(configFile, JSON.stringify(config));
    const outdir = (what: string, i: number) => join(scratch, `${what}-${members}-${i}`);
    const env = (what: string, i: number) => ({ AUTO_TAG_CONFIG: configFile, CDKTF_OUTDIR: outdir(what, i) });
    const app = medianOf((i) => run(APP_COMMAND, env('app', i)));
    const one = medianOf((i) => run(APP_COMMAND, { ...env('one', i), AUTO_TAG_ACCOUNTS: config.accounts[config.accounts.length - 1].id }));
    const slow = withNaive
      ? medianOf((i) => {
          rmSync(join(naive, '.gen'), { recursive: true, force: true });
          return run(naiveCommand, { ...env('naive', i), AUTO_TAG_FAST_SYNTH: '0' });
        })
      : undefined;
    const out = outputOf(outdir('app', 0));
    console.log(
      `| ${members} | ${out.stacks} | ${out.resources} | ${(out.bytes / 2 ** 20).toFixed(1)} | ${cell(app)} | ${previous ? (((app.cpu - previous.cpu) * 1e6) / (out.resources - previous.resources)).toFixed(0) : '-'} | ${cell(one)} | ${slow ? `${cell(slow)} | ${(slow.cpu / app.cpu).toFixed(1)}x, ${(slow.peakMb / app.peakMb).toFixed(1)}x` : '- | -'} |`,
    );
    previous = { cpu: app.cpu, resources: out.resources };
    for (let i = 0; i < runs; i++) for (const what of ['app', 'one', 'naive']) rmSync(outdir(what, i), { recursive: true, force: true });
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
  rmSync(naive, { recursive: true, force: true });
}
