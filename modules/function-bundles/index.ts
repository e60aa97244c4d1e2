/**
 * Where the stacks find the functions' code. The npm package ships each
 * function pre-bundled (`npm run build` writes `dist/bundles/<name>/index.js`),
 * so a user's synth needs no esbuild and no sources; this repo's own app
 * bundles at synth time (`functions/tagger/build.ts`) and passes the folder.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The packaged bundle folder of a function, relative to this module: in the
 * package it is `dist/modules/function-bundles`, so this is `dist/bundles/<name>`
 * (in a checkout, `bundles/<name>` at the root, which only a build would write).
 */
export const packagedBundleDir = (name: string): string => join(__dirname, '..', '..', 'bundles', name);

/**
 * The folder to zip as a function's code: `given` (a relative path is taken
 * from the current directory, as a user would expect of a path they typed),
 * else the packaged bundle. Fails, naming `field`, when there is no `index.js`
 * in it (the handler is `index.handler`).
 */
export const functionBundleDir = (field: string, given: string | undefined, name: string): string => {
  const dir = given === undefined ? packagedBundleDir(name) : resolve(given);
  if (existsSync(join(dir, 'index.js'))) return dir;
  throw new Error(
    given === undefined
      ? `${field}: not given, and the packaged ${name} bundle ${join(dir, 'index.js')} does not exist (build the package with npm run build, or pass ${field})`
      : `${field}: ${dir} holds no index.js (the function's bundle, handler index.handler)`,
  );
};
