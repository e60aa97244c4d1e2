/**
 * The app command of cdktf.json: compiles main.ts and the project files it
 * imports into one JavaScript file with esbuild (tens of milliseconds; npm
 * packages stay external and load from node_modules), then runs it in this
 * process. Plain node instead of a TypeScript loader: tsx made the example's
 * synth slower (its startup, and source-mapped stack traces), and compiling
 * here, on every run, means a fresh clone needs no build step and the output
 * can never be stale. Like tsx, this does not type-check: `npm run typecheck`
 * (part of `npm test`) does.
 */

const { build } = require('esbuild');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

const root = join(__dirname, '..');
const outfile = join(root, '.gen', 'app', 'main.js');

/**
 * Each source keeps its own `__dirname`/`__filename` (main.ts finds the
 * config, the tagger build finds its entry through them) instead of the
 * bundle's, which lives elsewhere.
 */
const ownLocation = {
  name: 'own-location',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.ts$/ }, ({ path }) => ({
      contents: readFileSync(path, 'utf8')
        .replace(/\b__dirname\b/g, JSON.stringify(dirname(path)))
        .replace(/\b__filename\b/g, JSON.stringify(path)),
      loader: 'ts',
    }));
  },
};

build({
  entryPoints: [join(root, 'main.ts')],
  outfile,
  write: false,
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'error',
  plugins: [ownLocation],
}).then(
  ({ outputFiles: [compiled] }) => {
    // Written aside, then renamed into place: synths running side by side never load a half-written file.
    const written = `${outfile}.${process.pid}`;
    mkdirSync(dirname(outfile), { recursive: true });
    writeFileSync(written, compiled.contents);
    renameSync(written, outfile);
    require(outfile);
  },
  () => process.exit(1), // esbuild has printed the errors
);
