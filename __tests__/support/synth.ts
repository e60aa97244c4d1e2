/** Synthesizes the whole organization from a config, for assertions on the Terraform JSON. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing, type TerraformStack } from 'cdktf';
import type { ConfigInput } from '../../modules/config/schema';
import { validateConfig } from '../../modules/config/load';
import { addAutoTagStacks } from '../../modules/stacks/app';
import { fromTerraformJson } from '../../modules/policies/document';

export const EXAMPLE_CONFIG_FILE = join(__dirname, '..', '..', 'config', 'auto-tag.json');

export const exampleConfigInput = (): ConfigInput => JSON.parse(readFileSync(EXAMPLE_CONFIG_FILE, 'utf8'));

/** A stand-in bundle: stack tests are about the Terraform, not the code inside the zip. */
export const fakeBundleDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'auto-tag-bundle-'));
  writeFileSync(join(dir, 'index.js'), 'exports.handler = async () => {};\n');
  return dir;
};

/** Terraform JSON of one stack: `resource[type][name]` etc. */
export interface StackJson {
  readonly terraform: { backend: Record<string, Record<string, unknown>>; required_providers: Record<string, unknown> };
  readonly provider: { aws: Array<Record<string, unknown>> };
  readonly resource: Record<string, Record<string, Record<string, any>>>;
  readonly output?: Record<string, unknown>;
}

/** The cdktf stacks of the organization, before synthesis. */
export const organizationStacks = (overrides: Partial<ConfigInput> = {}): TerraformStack[] => {
  const config = validateConfig({ ...exampleConfigInput(), ...overrides });
  const app = Testing.app();
  addAutoTagStacks(app, { config, taggerBundleDir: fakeBundleDir(), sweepBundleDir: fakeBundleDir() });
  return app.node.children as TerraformStack[];
};

export const synthOrganization = (overrides: Partial<ConfigInput> = {}): Record<string, StackJson> =>
  Object.fromEntries(organizationStacks(overrides).map((stack) => [stack.node.id, JSON.parse(Testing.synth(stack)) as StackJson]));

/**
 * The region a resource acts in: that of the provider it names (`aws.<alias>`),
 * else the stack's default provider's, as Terraform resolves it.
 */
export const regionOf = (stack: StackJson, resource: Record<string, any>): string => {
  const alias = typeof resource.provider === 'string' ? resource.provider.replace(/^aws\./, '') : undefined;
  const provider = stack.provider.aws.find((p) => p.alias === alias);
  if (!provider) throw new Error(`no provider ${resource.provider ?? 'aws'} in the stack`);
  return provider.region as string;
};

/** All resources of a type in a stack, as a list. */
export const resources = (stack: StackJson, type: string): Array<Record<string, any>> => Object.values(stack.resource[type] ?? {});

/** The one resource of a type (fails loudly when there are more or none). */
export const only = (stack: StackJson, type: string, where: (r: Record<string, any>) => boolean = () => true): Record<string, any> => {
  const found = resources(stack, type).filter(where);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
};

/** A policy document from the Terraform JSON string, as IAM will read it (after Terraform un-escapes `$${`). */
export const iamDocument = (terraformString: string): any => fromTerraformJson(terraformString);
