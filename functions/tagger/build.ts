/**
 * Bundles a function (`functions/<name>/index.ts`: the tagger, the reconcile
 * sweep) into one file for its Lambda asset, each its own bundle so one
 * function's code never weighs on the other's size and cold start. Loaded at
 * synth, so it imports nothing but esbuild and node built-ins.
 */
import { buildSync, version as esbuildVersion, type BuildOptions } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FunctionBundle {
  /** The folder to zip as the asset: it holds `index.js` (handler `index.handler`). */
  readonly dir: string;
  /** Size of `index.js` in bytes. */
  readonly bytes: number;
  /** True when the previous bundle was kept because none of its inputs changed. */
  readonly reused: boolean;
}

/** Assignment to an identifier by any operator (`=`, `+=`, `??=`, ...), but not a comparison. */
const ASSIGNMENT = /\b(_\w+)\s*(?:\*\*|<<|>>>?|&&|\|\||\?\?|[-+*/%&|^])?=(?!=)/g;
const STRING_CONSTANT = /\b(_\w+) = ("[^"\\\n]*")[,;]/g;
/** Bindings without `=` (parameters, catch, for-of/in): a name bound there may shadow a constant. */
const PARAMETERS =
  /(?:function\s*[\w$]*\s*|catch\s*)\(([^()]*)\)|\(([^()]*)\)\s*=>|\b(_\w+)\s*=>|for\s*\(\s*(?:const|let|var)\s+([^=;]*?)\s+(?:of|in)\b/g;

/**
 * The SDK's generated schemas (one module per client, all of EC2 in 1.3 MB)
 * write their traits as `{ [_xN]: ... }`, with `_xN` a module constant holding
 * a string. esbuild cannot prove a computed key free of side effects, so it
 * keeps every schema of every EC2 operation. Spelling such keys as the string
 * they hold (only for names assigned exactly once, to a plain string literal,
 * and never bound as a parameter anywhere, where it could shadow the constant)
 * changes nothing at run time and lets the second pass drop what no command uses.
 */
export const inlineConstantKeys = (code: string): string => {
  const assignments = new Map<string, number>();
  for (const [, name] of code.matchAll(ASSIGNMENT)) assignments.set(name, (assignments.get(name) ?? 0) + 1);
  const shadowed = new Set<string>();
  for (const [, ...lists] of code.matchAll(PARAMETERS)) {
    for (const [name] of lists.join(' ').matchAll(/\b_\w+/g)) shadowed.add(name);
  }
  const constants = new Map<string, string>();
  for (const [, name, literal] of code.matchAll(STRING_CONSTANT)) {
    if (assignments.get(name) === 1 && !shadowed.has(name)) constants.set(name, literal);
  }
  return code.replace(/\[(_\w+)\]:/g, (key, name: string) => (constants.has(name) ? `[${constants.get(name)}]:` : key));
};

/** What a bundle was built from, kept beside (not inside) the asset folder so the zip holds index.js alone. */
interface BuildRecord {
  /** Content hash of the inputs (see `inputsKey`). */
  readonly key: string;
  /** Every file esbuild read, relative to the project root. */
  readonly inputs: readonly string[];
  /** Content hash of the `index.js` written, so a bundle changed by hand is rebuilt. */
  readonly output: string;
}

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/**
 * One hash over everything that decides the bundle's bytes: this builder
 * (its options and passes), esbuild's version, and each input file's path
 * and content. A new import changes the importing file, so it is caught too;
 * undefined when an input is gone.
 */
export const inputsKey = (root: string, inputs: readonly string[]): string | undefined => {
  const hash = createHash('sha256').update(readFileSync(__filename)).update(esbuildVersion);
  for (const input of inputs) {
    const file = join(root, input);
    if (!existsSync(file)) return undefined;
    hash.update(`\0${input}\0`).update(readFileSync(file));
  }
  return hash.digest('hex');
};

const recordFile = (outDir: string): string => `${outDir}.inputs.json`;

/** The previous bundle, when its record matches the inputs and the file on disk. */
const previousBundle = (root: string, outDir: string, outfile: string): FunctionBundle | undefined => {
  if (!existsSync(recordFile(outDir)) || !existsSync(outfile)) return undefined;
  let record: BuildRecord;
  try {
    record = JSON.parse(readFileSync(recordFile(outDir), 'utf8'));
  } catch {
    return undefined; // an unreadable record only costs a rebuild
  }
  const code = readFileSync(outfile);
  if (record.output !== sha256(code) || record.key !== inputsKey(root, record.inputs)) return undefined;
  return { dir: outDir, bytes: code.length, reused: true };
};

/** The functions there are to bundle: each a folder of `functions/` with an `index.ts` exporting `handler`. */
export type FunctionName = 'tagger' | 'reconcile';

/**
 * Writes `<outDir>/index.js`: function `name`'s handler with the AWS SDK and Powertools
 * inside (the function does not depend on the runtime's SDK version).
 * Deterministic: the same sources give the same bytes, so the asset hash
 * (and the Terraform plan) only changes when the code does.
 *
 * Reused when nothing it is made from changed (hashing its ~1,750 inputs
 * takes ~25 ms; building takes ~600 ms, the larger part of a small synth).
 *
 * Two passes, because buildSync takes no plugins and synth needs it synchronous:
 * the first resolves and joins the modules into one ES module, the second
 * (after `inlineConstantKeys`) tree-shakes and minifies it.
 */
export const bundleFunction = (name: FunctionName, outDir: string): FunctionBundle => {
  mkdirSync(outDir, { recursive: true });
  const root = join(__dirname, '..', '..');
  const outfile = join(outDir, 'index.js');
  const previous = previousBundle(root, outDir, outfile);
  if (previous) return previous;
  const common: BuildOptions = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node22',
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'error',
  };
  const first = buildSync({
    ...common,
    entryPoints: [join(root, 'functions', name, 'index.ts')],
    write: false,
    format: 'esm',
    // The SDK's ES module builds tree-shake far better than its CommonJS ones.
    mainFields: ['module', 'main'],
    metafile: true,
  });
  const [minified] = buildSync({
    ...common,
    stdin: { contents: inlineConstantKeys(first.outputFiles[0].text), loader: 'js', resolveDir: root },
    outfile,
    write: false,
    format: 'cjs',
    minify: true,
  }).outputFiles;
  // Metafile paths are relative to absWorkingDir: a moved checkout still matches.
  const inputs = Object.keys(first.metafile.inputs);
  const code = Buffer.from(minified.contents);
  const record: BuildRecord = { key: inputsKey(root, inputs) ?? '', inputs, output: sha256(code) };
  replaceFile(outDir, outfile, code);
  replaceFile(outDir, recordFile(outDir), JSON.stringify(record));
  return { dir: outDir, bytes: code.length, reused: false };
};

/**
 * Writes beside the asset folder, then renames into place: synths running
 * side by side (tests, pipeline jobs) never zip or load a half-written bundle.
 */
const replaceFile = (outDir: string, file: string, data: Buffer | string): void => {
  const written = `${outDir}.${process.pid}.tmp`;
  writeFileSync(written, data);
  renameSync(written, file);
};

/**
 * Every function bundle the stacks deploy, by name: the one list the npm
 * package's build (scripts/build-package.ts) writes to `dist/bundles/<name>`,
 * where the stacks find them by default (modules/function-bundles).
 */
export const FUNCTION_BUNDLES: Readonly<Record<FunctionName, (outDir: string) => FunctionBundle>> = {
  tagger: (outDir) => bundleFunction('tagger', outDir),
  reconcile: (outDir) => bundleFunction('reconcile', outDir),
};

/** The tagger's bundle (the event path's function). */
export const bundleTagger = FUNCTION_BUNDLES.tagger;
