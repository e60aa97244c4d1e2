/**
 * Synthesizes a large organization on every core. cdktf synthesizes in one
 * thread, and at hundreds of accounts almost all of a synth is cdktf
 * resolving every value of every member stack, so the member stacks are
 * shared out: child processes each run a selective synth of their share
 * (AUTO_TAG_ACCOUNTS) into a folder of their own, while this process
 * synthesizes the rest; their stack files are then moved into the output
 * folder. This process still constructs every stack and writes the manifest,
 * so stack order and dependencies are those of a one-process synth, and the
 * output is the same, byte for byte (__tests__/main.test.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Manifest, TerraformStack, type App, type IStackSynthesizer } from 'cdktf';
import { memberStackId } from '../naming';

/** Set in a worker's environment: a worker never starts workers of its own. */
export const WORKER_VARIABLE = 'AUTO_TAG_SYNTH_WORKER';
/** How many processes synthesize (1 turns the workers off). Default: one per core, for large organizations. */
export const PROCESSES_VARIABLE = 'AUTO_TAG_SYNTH_PROCESSES';
/** Below this many member stacks per process, a worker's start-up (about 0.3 s) costs more than it saves. */
export const MIN_MEMBERS_PER_PROCESS = 50;

/** A setting of the workers that makes no sense. */
export class WorkerSettingError extends Error {}

/** How many processes synthesize `members` member stacks. Pure. */
export const processCount = (members: number, env: NodeJS.ProcessEnv, cores: number): number => {
  if (env[WORKER_VARIABLE]) return 1;
  const asked = env[PROCESSES_VARIABLE];
  if (asked !== undefined) {
    const n = Number(asked);
    if (!Number.isInteger(n) || n < 1)
      throw new WorkerSettingError(`${PROCESSES_VARIABLE}: must be a whole number of processes, 1 or more (got "${asked}")`);
    return Math.max(1, Math.min(n, members));
  }
  return Math.max(1, Math.min(cores, Math.floor(members / MIN_MEMBERS_PER_PROCESS)));
};

/** `ids` cut into `n` contiguous shares of nearly equal size, in order. Pure. */
export const shares = (ids: readonly string[], n: number): string[][] =>
  Array.from({ length: n }, (_, i) => ids.slice(Math.floor((i * ids.length) / n), Math.floor(((i + 1) * ids.length) / n)));

/** A synthesizer that only enters the stack in the manifest: a worker writes its files. */
const manifestOnly = (stack: TerraformStack): IStackSynthesizer => ({
  synthesize: (session) => {
    session.manifest.forStack(stack);
  },
});

export interface Workers {
  /** Waits for every worker, then moves its stack files into the output folder; throws if one failed. */
  readonly finish: () => Promise<void>;
}

/**
 * Starts one worker per share (the same command as this process, selecting
 * the share), and makes `app` leave those member stacks to them.
 */
export const startWorkers = (app: App, workerShares: readonly string[][]): Workers => {
  const runs = workerShares.map((share, i) => {
    // A sibling of the output folder, at the same depth: paths the stacks
    // compute from it (the local backend's relative state path) come out the same.
    const outdir = `${resolve(app.outdir)}.worker-${i}`;
    rmSync(outdir, { recursive: true, force: true });
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]], {
      env: { ...process.env, AUTO_TAG_ACCOUNTS: share.join(','), CDKTF_OUTDIR: outdir, [WORKER_VARIABLE]: '1' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const exit = new Promise<number>((done) => {
      child.on('error', () => done(1));
      child.on('close', (code) => done(code ?? 1));
    });
    return { outdir, exit };
  });
  const ids = new Set(workerShares.flat().map(memberStackId));
  for (const stack of app.node.findAll().filter(TerraformStack.isStack)) {
    if (ids.has(stack.node.id)) stack.synthesizer = manifestOnly(stack);
  }
  return {
    finish: async () => {
      const codes = await Promise.all(runs.map((r) => r.exit));
      const failed = codes.findIndex((code) => code !== 0);
      if (failed >= 0) throw new Error(`synth worker ${failed} failed (exit status ${codes[failed]}); its errors are above`);
      for (const { outdir } of runs) {
        const stacksDir = join(outdir, Manifest.stacksFolder);
        for (const id of readdirSync(stacksDir)) {
          // Only the stack's files: its folder in the output may hold a .terraform directory worth keeping.
          const target = join(app.outdir, Manifest.stacksFolder, id);
          mkdirSync(target, { recursive: true });
          for (const file of readdirSync(join(stacksDir, id))) {
            if (existsSync(join(target, file))) rmSync(join(target, file), { recursive: true });
            renameSync(join(stacksDir, id, file), join(target, file));
          }
        }
        rmSync(outdir, { recursive: true, force: true });
      }
    },
  };
};
