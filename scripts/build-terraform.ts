/**
 * `npm run build:terraform`: writes the Terraform modules into
 * terraform/modules/ (see modules/terraform-modules), with the tagger
 * bundled by the same build the synth uses, and prints each module's size.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { bundleTagger } from '../functions/tagger/build';
import { buildTerraformModules } from '../modules/terraform-modules';

const root = join(__dirname, '..');
const modules = buildTerraformModules(join(root, 'terraform', 'modules'), { tagger: bundleTagger(join(root, '.gen', 'tagger')).dir });
for (const { dir, files } of modules) {
  const bytes = readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
  console.log(`${relative(root, dir).padEnd(36)} ${String(bytes).padStart(9)} bytes  ${files.join(', ')}`);
}
