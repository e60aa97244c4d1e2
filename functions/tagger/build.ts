/**
 * Bundles the tagger into one file for the Lambda asset. Loaded at synth, so
 * it imports nothing but esbuild and node built-ins.
 */
import { buildSync, type BuildOptions } from 'esbuild';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface TaggerBundle {
  /** The folder to zip as the asset: it holds `index.js` (handler `index.handler`). */
  readonly dir: string;
  /** Size of `index.js` in bytes. */
  readonly bytes: number;
}

/** Assignment to an identifier by any operator (`=`, `+=`, `??=`, ...), but not a comparison. */
const ASSIGNMENT = /\b(_\w+)\s*(?:\*\*|<<|>>>?|&&|\|\||\?\?|[-+*/%&|^])?=(?!=)/g;
const STRING_CONSTANT = /\b(_\w+) = ("[^"\\\n]*")[,;]/g;
/** Bindings without `=` (parameters, catch, for-of/in): a name bound there may shadow a constant. */
const PARAMETERS = /(?:function\s*[\w$]*\s*|catch\s*)\(([^()]*)\)|\(([^()]*)\)\s*=>|\b(_\w+)\s*=>|for\s*\(\s*(?:const|let|var)\s+([^=;]*?)\s+(?:of|in)\b/g;

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

/**
 * Writes `<outDir>/index.js`: the handler with the AWS SDK and Powertools
 * inside (the function does not depend on the runtime's SDK version).
 * Deterministic: the same sources give the same bytes, so the asset hash
 * (and the Terraform plan) only changes when the code does.
 *
 * Two passes, because buildSync takes no plugins and synth needs it synchronous:
 * the first resolves and joins the modules into one ES module, the second
 * (after `inlineConstantKeys`) tree-shakes and minifies it.
 */
export const bundleTagger = (outDir: string): TaggerBundle => {
  mkdirSync(outDir, { recursive: true });
  const root = join(__dirname, '..', '..');
  const outfile = join(outDir, 'index.js');
  const common: BuildOptions = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node22',
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'error',
  };
  const [joined] = buildSync({
    ...common,
    entryPoints: [join(__dirname, 'index.ts')],
    write: false,
    format: 'esm',
    // The SDK's ES module builds tree-shake far better than its CommonJS ones.
    mainFields: ['module', 'main'],
  }).outputFiles;
  buildSync({
    ...common,
    stdin: { contents: inlineConstantKeys(joined.text), loader: 'js', resolveDir: root },
    outfile,
    format: 'cjs',
    minify: true,
  });
  return { dir: outDir, bytes: statSync(outfile).size };
};
