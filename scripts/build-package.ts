/**
 * `npm run build` (and `prepack`): the npm package's contents in dist/ — the
 * public entry point compiled with declarations (tsconfig.build.json), and
 * every function of FUNCTION_BUNDLES bundled into dist/bundles/<name>/index.js,
 * where the stacks look by default, so users synthesize without esbuild.
 * An argument names another output folder (the tarball test builds into a
 * temporary one, so it never empties the dist/ of a pack in progress).
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FUNCTION_BUNDLES } from '../functions/tagger/build';

const root = join(__dirname, '..');
const dist = process.argv[2] ? resolve(process.argv[2]) : join(root, 'dist');

// A clean folder: nothing stale (a renamed module, an old bundle) reaches the tarball.
rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', dist], {
  stdio: 'inherit',
});
for (const [name, bundle] of Object.entries(FUNCTION_BUNDLES)) {
  const { bytes } = bundle(join(dist, 'bundles', name));
  // stderr: `npm pack --json` runs this (prepack) and its stdout must stay JSON.
  console.error(`${join(dist, 'bundles', name, 'index.js')}: ${bytes} bytes`);
}
