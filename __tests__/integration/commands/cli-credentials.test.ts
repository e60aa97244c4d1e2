/**
 * The commands' credentials against moto's STS: the caller's default chain
 * (here the test environment) assumes each account's deploy role, and what
 * it gets acts in that account.
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { accountCredentials } from '../../../commands/cli/credentials';
import { validateConfig } from '../../../modules/config/load';

const config = validateConfig({
  organizationId: 'o-a1b2c3d4e5',
  managementAccountId: '340000000001',
  centralAccountId: '340000000002',
  regions: ['eu-west-1'],
  homeRegion: 'eu-west-1',
  accounts: [
    { id: '340000000001', name: 'management', deployRoleName: 'PipelineDeploy' },
    { id: '340000000002', name: 'central' },
  ],
});

const whoAmI = async (credentials: ReturnType<ReturnType<typeof accountCredentials>>) =>
  new STSClient({ region: 'eu-west-1', credentials }).send(new GetCallerIdentityCommand({}));

describe('accountCredentials', () => {
  it("assumes each account's deploy role (its own, else the organization's), with the command's session name", async () => {
    const credentials = accountCredentials(config, { sessionName: 'auto-tag-verify' });
    await expect(whoAmI(credentials('340000000001'))).resolves.toMatchObject({
      Account: '340000000001',
      Arn: 'arn:aws:sts::340000000001:assumed-role/PipelineDeploy/auto-tag-verify',
    });
    await expect(whoAmI(credentials('340000000002'))).resolves.toMatchObject({
      Account: '340000000002',
      Arn: 'arn:aws:sts::340000000002:assumed-role/OrganizationAccountAccessRole/auto-tag-verify',
    });
  });

  it('assumes the role it is told to instead, and one provider serves an account throughout', async () => {
    const credentials = accountCredentials(config, { sessionName: 's', role: 'ReadOnly' });
    expect(credentials('340000000002')).toBe(credentials('340000000002'));
    await expect(whoAmI(credentials('340000000002'))).resolves.toMatchObject({ Arn: 'arn:aws:sts::340000000002:assumed-role/ReadOnly/s' });
  });

  it("leaves the caller's own credentials to the client when told not to assume anything", () => {
    expect(accountCredentials(config, { sessionName: 's', role: false })('340000000002')).toBeUndefined();
  });
});
