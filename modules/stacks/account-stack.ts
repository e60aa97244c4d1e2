import { Construct } from 'constructs';
import { LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Config } from '../config/schema';
import { arn } from '../naming';

export interface AccountStackProps {
  readonly accountId: string;
  /** The provider's default region; regional resources name theirs explicitly. */
  readonly homeRegion: string;
  readonly deployRoleName: string;
  readonly backend: Config['backend'];
}

/**
 * One Terraform state acting in one account: a single AWS provider that
 * assumes the deploy role there and refuses any other account, so a wrong
 * pipeline credential can never apply a stack to the wrong account.
 */
export class AccountStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: AccountStackProps) {
    super(scope, id);
    new AwsProvider(this, 'aws', {
      region: props.homeRegion,
      allowedAccountIds: [props.accountId],
      assumeRole: [{ roleArn: arn.role(props.accountId, props.deployRoleName), sessionName: `auto-tag-${id}` }],
    });
    configureBackend(this, id, props.backend);
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
