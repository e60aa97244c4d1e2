/**
 * `npm run build:terraform`: writes the Terraform modules into
 * terraform/modules/ (see modules/terraform-modules), with the functions
 * bundled by the same build the synth uses, and prints each module's size.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { bundleFunction } from '../functions/tagger/build';
import { buildTerraformModules } from '../modules/terraform-modules';

const root = join(__dirname, '..');
// The same bundles, in the same folders, as the synth's (main.ts).
const bundle = (name: 'tagger' | 'reconcile') => bundleFunction(name, join(root, '.gen', name)).dir;
const modules = buildTerraformModules(join(root, 'terraform', 'modules'), { tagger: bundle('tagger'), reconcile: bundle('reconcile') });
for (const { dir, files } of modules) {
  const bytes = readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
  console.log(`${relative(root, dir).padEnd(36)} ${String(bytes).padStart(9)} bytes  ${files.join(', ')}`);
}
