/**
 * Keeps the README's policy JSON true: every block marked
 * `<!-- policy <stack> <policy name> -->` is replaced by the document IAM
 * receives for the example config (npm run readme:policies, after npm run synth).
 * A test fails when the README and the synthesized policies differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromTerraformJson, type PolicyDocument } from '../modules/policies/document';

// biome-ignore lint/suspicious/noExplicitAny: resource blocks of synthesized Terraform JSON; only policy attributes are read
type Stacks = Record<string, { resource: Record<string, Record<string, Record<string, any>>> }>;

// The block's body is optional (an empty block is filled) and never spans past its own closing fence.
const BLOCK = /<!-- policy (\S+) (\S+) -->\n```json\n(?:(?!```)[\s\S])*```/g;

/** A managed policy (member stacks) or an SCP (management stack), by name, as IAM receives it. */
export const policyIn = (stacks: Stacks, stack: string, name: string): PolicyDocument => {
  const { aws_iam_policy: managed = {}, aws_organizations_policy: scps = {} } = stacks[stack]?.resource ?? {};
  const found = [...Object.values(managed), ...Object.values(scps)].find((p) => p.name === name);
  if (!found) throw new Error(`README names policy ${name} in stack ${stack}, which the example config does not synthesize`);
  return fromTerraformJson(found.policy ?? found.content);
};

/** Indented JSON with short lists of strings kept on one line, as people write policies. */
const pretty = (doc: PolicyDocument): string =>
  JSON.stringify(doc, null, 2).replace(/\[\n\s+("[^"\n]*"(?:,\n\s+"[^"\n]*")*)\n\s+\]/g, (all, items: string) => {
    const inline = `[${items.split(/,\n\s+/).join(', ')}]`;
    return inline.length <= 100 ? inline : all;
  });

export const renderPolicyBlocks = (readme: string, stacks: Stacks): string =>
  readme.replace(
    BLOCK,
    (_, stack: string, name: string) => `<!-- policy ${stack} ${name} -->\n\`\`\`json\n${pretty(policyIn(stacks, stack, name))}\n\`\`\``,
  );

if (require.main === module) {
  const root = join(__dirname, '..');
  const stacksDir = join(root, 'cdktf.out', 'stacks');
  const readmeFile = join(root, 'README.md');
  const readme = readFileSync(readmeFile, 'utf8');
  const names = [...readme.matchAll(BLOCK)].map((m) => m[1]);
  const stacks: Stacks = Object.fromEntries(names.map((id) => [id, JSON.parse(readFileSync(join(stacksDir, id, 'cdk.tf.json'), 'utf8'))]));
  writeFileSync(readmeFile, renderPolicyBlocks(readme, stacks));
  console.log(`updated ${names.length} policy blocks in ${readmeFile}`);
}
