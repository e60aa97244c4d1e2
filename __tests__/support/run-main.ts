/** Runs the app exactly as `cdktf synth` does (cdktf.json's app command, through a shell), into a fresh output folder. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/** The command cdktf runs to synthesize (cdktf.json `app`). */
export const APP_COMMAND: string = JSON.parse(readFileSync(join(ROOT, 'cdktf.json'), 'utf8')).app;

export const freshOutdir = (): string => join(mkdtempSync(join(tmpdir(), 'auto-tag-main-')), 'cdktf.out');

export interface RunMainOptions {
  /** Extra environment (AUTO_TAG_ACCOUNTS, SYNTH_HCL_OUTPUT, AUTO_TAG_FAST_SYNTH...). @default none */
  readonly env?: Record<string, string>;
  /** Output folder, to synthesize into one that already exists. @default a fresh one */
  readonly outdir?: string;
}

export const runMain = (configFile?: string, { env = {}, outdir = freshOutdir() }: RunMainOptions = {}) => {
  const result = spawnSync(APP_COMMAND, {
    cwd: ROOT,
    shell: true,
    env: { ...process.env, CDKTF_OUTDIR: outdir, ...(configFile ? { AUTO_TAG_CONFIG: configFile } : {}), ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stderr: result.stderr, outdir };
};
