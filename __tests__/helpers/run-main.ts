/** Runs the entry point as `cdktf synth` does (`tsx main.ts`), into a fresh output folder. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

export const runMain = (configFile?: string) => {
  const outdir = join(mkdtempSync(join(tmpdir(), 'auto-tag-main-')), 'cdktf.out');
  const env = { ...process.env, CDKTF_OUTDIR: outdir, ...(configFile ? { AUTO_TAG_CONFIG: configFile } : {}) };
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'main.ts')], { cwd: ROOT, env, encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr, outdir };
};
