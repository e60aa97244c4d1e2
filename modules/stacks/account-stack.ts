import { Construct } from 'constructs';
import { LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Config } from '../config/schema';
import { arn, deployRoleName, homeRegion } from '../naming';

/**
 * One Terraform state acting in one account: a single AWS provider that
 * assumes the deploy role there and refuses any other account, so a wrong
 * pipeline credential can never apply a stack to the wrong account.
 */
export class AccountStack extends TerraformStack {
  constructor(scope: Construct, id: string, config: Config, accountId: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', {
      // The default only; regional resources name their region explicitly.
      region: homeRegion(config),
      allowedAccountIds: [accountId],
      assumeRole: [{ roleArn: arn.role(accountId, deployRoleName(config, accountId)), sessionName: `auto-tag-${id}` }],
    });
    configureBackend(this, id, config.backend);
  }
}

const configureBackend = (stack: TerraformStack, id: string, backend: Config['backend']): void => {
  if (backend.type === 'local') {
    new LocalBackend(stack, { path: `terraform.${id}.tfstate` });
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
