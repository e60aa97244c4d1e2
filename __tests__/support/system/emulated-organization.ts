/**
 * What AWS would already have before a platform team's first deploy, created
 * in moto: the organization with its accounts, and the deploy role of the
 * management account (moto, like AWS, gives every account it creates an
 * OrganizationAccountAccessRole). Nothing of auto-tag's own.
 */
import { CreateAccountCommand, CreateOrganizationCommand, ListRootsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import type { ConfigInput } from '../../../modules/config/schema';

export interface EmulatedOrganization {
  readonly organizationId: string;
  readonly rootId: string;
  readonly management: string;
  readonly central: string;
  /** Member accounts besides management and central. */
  readonly members: readonly string[];
}

/** The management account's own deploy role (it has no OrganizationAccountAccessRole). */
export const MANAGEMENT_DEPLOY_ROLE = 'auto-tag-deploy';

/** moto's default account: the caller with plain test credentials, so the organization's management account. */
const clientConfig = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
});

export const createOrganization = async (endpoint: string, memberNames: readonly string[]): Promise<EmulatedOrganization> => {
  const organizations = new OrganizationsClient(clientConfig(endpoint));
  const { Organization } = await organizations.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const created: string[] = [];
  for (const name of ['tooling', ...memberNames]) {
    const { CreateAccountStatus } = await organizations.send(new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` }));
    created.push(CreateAccountStatus!.AccountId!);
  }
  const { Roots } = await organizations.send(new ListRootsCommand({}));
  const trustManagement = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${Organization!.MasterAccountId}:root` }, Action: 'sts:AssumeRole' }],
  });
  await new IAMClient(clientConfig(endpoint)).send(
    new CreateRoleCommand({ RoleName: MANAGEMENT_DEPLOY_ROLE, AssumeRolePolicyDocument: trustManagement }),
  );
  const [central, ...members] = created;
  return { organizationId: Organization!.Id!, rootId: Roots![0].Id!, management: Organization!.MasterAccountId!, central, members };
};

/**
 * The system test's config: management + central + the members, two regions,
 * the tag-guard SCP at the root, the last member covering one region only,
 * and local state in `stateDir`.
 */
export const systemConfig = (org: EmulatedOrganization, memberNames: readonly string[], stateDir: string): ConfigInput =>
  ({
    organizationId: org.organizationId,
    managementAccountId: org.management,
    centralAccountId: org.central,
    homeRegion: 'eu-west-1',
    regions: ['eu-west-1', 'us-east-1'],
    accounts: [
      { id: org.management, name: 'management', deployRoleName: MANAGEMENT_DEPLOY_ROLE },
      { id: org.central, name: 'tooling' },
      ...org.members.map((id, i) => ({ id, name: memberNames[i], ...(i === org.members.length - 1 ? { regions: ['eu-west-1'] } : {}) })),
    ],
    tagGuardScp: { targetIds: [org.rootId] },
    backend: { type: 'local', stateDir },
  }) as ConfigInput;
