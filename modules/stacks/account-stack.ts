import type { Construct } from 'constructs';
import { relative, resolve } from 'node:path';
import { App, LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import { AwsProvider, type AwsProviderConfig } from '@cdktf/provider-aws/lib/provider';
import type { Config } from '../config/schema';
import { arn, deployRoleName, homeRegion } from '../naming';

/**
 * The AWS provider versions the synthesized JSON works with. The bindings are
 * generated for 6.x, but every stack uses only what 5.100 has too (one
 * provider alias per region instead of 6.x's resource-level `region`), so a
 * pipeline pinned to 5.x applies the same JSON; the system test applies it with 5.100.
 */
export const AWS_PROVIDER_VERSIONS = '>= 5.100.0, < 7.0.0';

export interface AccountStackProps {
  /** The validated organization config (`parseConfig`/`loadConfig`): deploy roles, home region and backend come from it. */
  readonly config: Config;
  /** The 12-digit account the stack's providers act in (and the only one they accept). */
  readonly accountId: string;
  /** The regions that get a provider alias (named after the region) in this stack. */
  readonly regions: readonly string[];
}

/**
 * One Terraform state acting in one account: AWS providers that assume the
 * deploy role there and refuse any other account, so a wrong pipeline
 * credential can never apply a stack to the wrong account. The default
 * provider (home region) serves global resources (IAM, Organizations); each
 * covered region has its own alias, named after the region, for regional ones.
 */
export class AccountStack extends TerraformStack {
  private readonly regionProviders = new Map<string, AwsProvider>();

  constructor(scope: Construct, id: string, { config, accountId, regions }: AccountStackProps) {
    super(scope, id);
    const settings = (region: string): AwsProviderConfig => ({
      region,
      allowedAccountIds: [accountId],
      assumeRole: [{ roleArn: arn.role(accountId, deployRoleName(config, accountId)), sessionName: `auto-tag-${id}` }],
    });
    new AwsProvider(this, 'aws', settings(homeRegion(config)));
    for (const region of regions) {
      this.regionProviders.set(region, new AwsProvider(this, `aws-${region}`, { ...settings(region), alias: region }));
    }
    this.addOverride('terraform.required_providers.aws.version', AWS_PROVIDER_VERSIONS);
    configureBackend(this, id, config.backend);
  }

  /** The provider alias of a region this stack covers. */
  regionProvider(region: string): AwsProvider {
    const provider = this.regionProviders.get(region);
    if (!provider) throw new Error(`stack ${this.node.id} has no provider for region ${region}`);
    return provider;
  }
}

const configureBackend = (stack: TerraformStack, id: string, backend: Config['backend']): void => {
  if (backend.type === 'local') {
    // Outside the output folder: cdktf deletes the folder of every stack no
    // longer in the config, and with it a state kept there, so an account
    // removed from the config before its destroy would become unmanageable.
    // Terraform reads the path from the stack's folder (<outdir>/stacks/<id>);
    // relative, so the JSON stays the same on every checkout.
    const stackDir = resolve(App.of(stack).outdir, 'stacks', id);
    new LocalBackend(stack, { path: relative(stackDir, resolve(backend.stateDir, `${id}.tfstate`)) });
    return;
  }
  const s3 = new S3Backend(stack, {
    bucket: backend.bucket,
    key: `${backend.keyPrefix ? `${backend.keyPrefix}/` : ''}${id}.tfstate`,
    region: backend.region,
    encrypt: true,
  });
  // Terraform >= 1.10 locks with a lockfile in the bucket (no DynamoDB table);
  // cdktf 0.21's S3Backend predates both settings.
  s3.addOverride('use_lockfile', true);
  if (backend.roleArn) s3.addOverride('assume_role', { role_arn: backend.roleArn });
};
