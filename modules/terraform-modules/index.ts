/**
 * `npm run build:terraform`: the Terraform modules (./definitions.ts) as
 * plain module folders, each synthesized by cdktf from the project's own
 * constructs and rendered without provider or backend (./render.ts).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { TERRAFORM_MODULES, type ModuleBundles } from './definitions';
import { ModuleStack } from './module-stack';
import { moduleFiles, moduleReadme } from './render';

export { TERRAFORM_MODULES } from './definitions';

/**
 * cdktf warns of "escape sequences" whenever a string passed to a Terraform
 * function holds a reference (the ARN templates in formatlist and
 * conditional): it resolves them right, as `terraform validate` of every
 * module and the example's apply prove, so that one warning is not printed.
 */
const ESCAPE_WARNING = "You're using escape sequences";
const synthQuietly = (app: App): void => {
  const warn = console.warn;
  let quoted = false;
  console.warn = (...args: unknown[]) => {
    // The warning comes as two calls: the sentence, then the string it is about.
    const skip = quoted || String(args[0]).startsWith(ESCAPE_WARNING);
    quoted = !quoted && skip;
    if (!skip) warn(...args);
  };
  try {
    app.synth();
  } finally {
    console.warn = warn;
  }
};

export interface BuiltModule {
  readonly name: string;
  /** The folder written. */
  readonly dir: string;
  /** Every file written (names in `dir`), the zips included. */
  readonly files: readonly string[];
}

/**
 * Writes every module into `<outDir>/<name>/`, replacing what was there
 * (`outDir` holds nothing else). The function zips are made from `bundles`.
 */
export const buildTerraformModules = (outDir: string, bundles: ModuleBundles): BuiltModule[] => {
  const synthDir = mkdtempSync(join(tmpdir(), 'auto-tag-terraform-modules-'));
  try {
    // No provider block is meant to survive: cdktf's check for one is skipped.
    const app = new App({ outdir: synthDir, skipValidation: true, stackTraces: false });
    const stacks = TERRAFORM_MODULES.map((definition) => {
      const stack = new ModuleStack(app, definition.name);
      definition.build(stack, bundles);
      return { definition, stack };
    });
    synthQuietly(app);
    rmSync(outDir, { recursive: true, force: true });
    return stacks.map(({ definition, stack }) => {
      const stackDir = join(synthDir, 'stacks', definition.name);
      const files = moduleFiles(JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8')), stack.outputNames);
      files['README.md'] = moduleReadme(definition, files);
      const dir = join(outDir, definition.name);
      mkdirSync(dir, { recursive: true });
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      for (const zip of stack.zips) {
        copyFileSync(join(stackDir, zip.asset.path), join(dir, zip.fileName));
        rmSync(zip.stagedDir, { recursive: true, force: true });
      }
      return { name: definition.name, dir, files: [...Object.keys(files), ...stack.zips.map((z) => z.fileName)].sort() };
    });
  } finally {
    rmSync(synthDir, { recursive: true, force: true });
  }
};
