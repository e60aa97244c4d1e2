/**
 * Bundles the tagger into one file for the Lambda asset. Loaded at synth, so
 * it imports nothing but esbuild and node built-ins.
 */
import { buildSync } from 'esbuild';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface TaggerBundle {
  /** The folder to zip as the asset: it holds `index.js` (handler `index.handler`). */
  readonly dir: string;
  /** Size of `index.js` in bytes. */
  readonly bytes: number;
}

/**
 * Writes `<outDir>/index.js`: the handler with the AWS SDK and Powertools
 * inside (the function does not depend on the runtime's SDK version).
 * Deterministic: the same sources give the same bytes, so the asset hash
 * (and the Terraform plan) only changes when the code does.
 */
export const bundleTagger = (outDir: string): TaggerBundle => {
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'index.js');
  buildSync({
    absWorkingDir: join(__dirname, '..', '..'),
    entryPoints: [join(__dirname, 'index.ts')],
    outfile,
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    // The SDK's ES module builds tree-shake far better than its CommonJS ones.
    mainFields: ['module', 'main'],
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'error',
  });
  return { dir: outDir, bytes: statSync(outfile).size };
};
