/**
 * Keeps each stack folder of the output holding one Terraform config.
 * `cdktf synth --hcl` writes `cdk.tf` and a plain synth `cdk.tf.json`, each
 * leaving the other in place; Terraform reads both, so every later plan
 * failed on duplicate resources until cdktf.out was deleted by hand.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Manifest, TerraformStack, type App } from 'cdktf';

/** The file names cdktf gives a stack's config: HCL and JSON. */
export const STACK_FILE_NAMES = ['cdk.tf', 'cdk.tf.json'] as const;

/**
 * Deletes, in the folder of every stack the app will write, the config file
 * of the other format (left by an earlier synth). Returns the files deleted.
 */
export const removeOtherFormat = (app: App): string[] => {
  const stale = STACK_FILE_NAMES.filter((name) => name !== app.manifest.stackFileName);
  return app.node
    .findAll()
    .filter(TerraformStack.isStack)
    .flatMap((stack) => stale.map((name) => join(app.outdir, Manifest.stacksFolder, stack.node.id, name)))
    .filter((file) => existsSync(file))
    .map((file) => {
      rmSync(file);
      return file;
    });
};
