/**
 * Nobody but the central function becomes the tagger, judged by iam-simulate
 * over the synthesized organization policies: the tag-guard SCP (deploy roles
 * exempt only as themselves; auto-tag's roles and forwarding rules guarded),
 * the tagger RCP, the central account's SCP, and lambda:SourceFunctionArn on
 * the function role's AssumeRole.
 */
import { decide, rolePolicies, roleSession, type Caller, type Document } from '../support/iam-simulate';
import { iamDocument, only, synthOrganization } from '../support/synth';

const MANAGEMENT = '111111111111';
const CENTRAL = '222222222222';
const DEV = '333333333333';
const EU = 'eu-west-1';

const stacks = synthOrganization();
const orgPolicy = (name: string): Document =>
  iamDocument(only(stacks.management, 'aws_organizations_policy', (p) => p.name === name).content);
const tagGuardScp = orgPolicy('auto-tag-tag-guard');
const taggerRcp = orgPolicy('auto-tag-tagger-only-central-function');
const centralScp = orgPolicy('auto-tag-protect-tagger-function');
const tagger = rolePolicies(stacks[`member-${DEV}`], 'auto-tag-tagger');
const functionRole = rolePolicies(stacks.central, 'auto-tag-tagger-function');

const ADMINISTRATOR_ACCESS: Document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const devAdmin = roleSession(DEV, 'admin', 'AROAADMINEXAMPLE0001', 'mallory');
const devDeployRole = roleSession(DEV, 'OrganizationAccountAccessRole', 'AROADEPLOYEXAMPLE001', 'pipeline');
const centralAdmin = roleSession(CENTRAL, 'admin', 'AROAADMINCENTRAL0001', 'mallory');
const centralDeployRole = roleSession(CENTRAL, 'OrganizationAccountAccessRole', 'AROADEPLOYCENTRAL001', 'pipeline');
const functionSession = roleSession(CENTRAL, 'auto-tag-tagger-function', 'AROAFUNCTIONEXAMPLE1', 'auto-tag-tagger');
const FUNCTION_ARN = `arn:aws:lambda:${EU}:${CENTRAL}:function:auto-tag-tagger`;

/** An administrator's call in their own account, under an SCP at the root. */
const adminCall = (caller: Caller, action: string, resource: string, scp: Document) =>
  decide({ caller, action, resource, identityPolicies: [ADMINISTRATOR_ACCESS], scps: [scp] });

describe('tag-guard SCP: deploy roles are exempt only as themselves, and guarded', () => {
  const role = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;

  it("does not exempt a role named like another account's deploy role (auto-tag-deploy is the management account's)", async () => {
    // Mallory may create a role of that name in dev, but it is exempt nowhere but the management account.
    expect(await adminCall(devAdmin, 'iam:CreateRole', role(DEV, 'auto-tag-deploy'), tagGuardScp)).toBe('Allowed');
    const impostor = roleSession(DEV, 'auto-tag-deploy', 'AROAIMPOSTORDEPLOY01', 'mallory');
    expect(await adminCall(impostor, 'iam:UpdateAssumeRolePolicy', role(DEV, 'auto-tag-tagger'), tagGuardScp)).toBe('ExplicitlyDenied');
    // The real one, in its own account, is exempt.
    const managementDeploy = roleSession(MANAGEMENT, 'auto-tag-deploy', 'AROAMGMTDEPLOY000001', 'pipeline');
    expect(await adminCall(managementDeploy, 'iam:UpdateAssumeRolePolicy', role(MANAGEMENT, 'auto-tag-tagger'), tagGuardScp)).toBe(
      'Allowed',
    );
  });

  it.each(['iam:CreateRole', 'iam:UpdateAssumeRolePolicy', 'iam:AttachRolePolicy', 'iam:PutRolePolicy', 'iam:DeleteRole'])(
    'denies a member administrator %s on the deploy role, so nobody can become it; the deploy role itself may',
    async (action) => {
      expect(await adminCall(devAdmin, action, role(DEV, 'OrganizationAccountAccessRole'), tagGuardScp)).toBe('ExplicitlyDenied');
      expect(await adminCall(devDeployRole, action, role(DEV, 'OrganizationAccountAccessRole'), tagGuardScp)).toBe('Allowed');
    },
  );

  it.each(['iam:UpdateAssumeRolePolicy', 'iam:PutRolePolicy', 'iam:DeleteRole', 'iam:PassRole'])(
    'denies a member administrator %s on the tagger role and the forwarding roles; the deploy role may',
    async (action) => {
      for (const name of ['auto-tag-tagger', 'auto-tag-forwarder-eu-west-1', 'auto-tag-forwarder-us-east-1']) {
        expect(await adminCall(devAdmin, action, role(DEV, name), tagGuardScp)).toBe('ExplicitlyDenied');
        expect(await adminCall(devDeployRole, action, role(DEV, name), tagGuardScp)).toBe('Allowed');
      }
      // Other roles are the administrator's business.
      expect(await adminCall(devAdmin, action, role(DEV, 'app-server'), tagGuardScp)).toBe('Allowed');
    },
  );

  it.each(['sqs:DeleteQueue', 'sqs:PurgeQueue', 'sqs:SetQueueAttributes'])(
    "denies a member administrator %s on the forwarding target's dead-letter queue; the deploy role may",
    async (action) => {
      const queue = `arn:aws:sqs:${EU}:${DEV}:auto-tag-forward-dlq`;
      expect(await adminCall(devAdmin, action, queue, tagGuardScp)).toBe('ExplicitlyDenied');
      expect(await adminCall(devDeployRole, action, queue, tagGuardScp)).toBe('Allowed');
      expect(await adminCall(devAdmin, action, `arn:aws:sqs:${EU}:${DEV}:orders`, tagGuardScp)).toBe('Allowed');
    },
  );

  it.each(['events:DisableRule', 'events:DeleteRule', 'events:PutRule', 'events:PutTargets', 'events:RemoveTargets'])(
    'denies a member administrator %s on the forwarding rule (tagging silently off); the deploy role may',
    async (action) => {
      const forwardingRule = `arn:aws:events:${EU}:${DEV}:rule/auto-tag-forward-to-central`;
      expect(await adminCall(devAdmin, action, forwardingRule, tagGuardScp)).toBe('ExplicitlyDenied');
      expect(await adminCall(devDeployRole, action, forwardingRule, tagGuardScp)).toBe('Allowed');
      expect(await adminCall(devAdmin, action, `arn:aws:events:${EU}:${DEV}:rule/nightly-backup`, tagGuardScp)).toBe('Allowed');
    },
  );
});

describe('tagger RCP: the tagger role is assumed by the central function or by nobody', () => {
  /** Mallory re-trusted the tagger role to her own role (which the SCP forbids; the RCP holds even if it did not). */
  const retrusted = (principal: string): Document => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }],
  });
  const assume = (caller: Caller, trust: Document, rcps?: Document[], context: Record<string, string> = {}) =>
    decide({
      caller,
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${DEV}:role/auto-tag-tagger`,
      resourceAccount: DEV,
      context: { 'aws:ResourceOrgID': 'o-a1b2c3d4e5', ...context },
      identityPolicies: [caller === functionSession ? functionRole.permissions : ADMINISTRATOR_ACCESS],
      resourcePolicy: trust,
      ...(rcps ? { rcps } : {}),
    });

  it('denies a member administrator whose role the tagger trust names; without the RCP that trust would let her in', async () => {
    const trustsMallory = retrusted(devAdmin.context['aws:PrincipalArn'] as string);
    expect(await assume(devAdmin, trustsMallory)).toBe('Allowed');
    expect(await assume(devAdmin, trustsMallory, [taggerRcp])).toBe('ExplicitlyDenied');
  });

  it('denies a role of the function role’s name in another account, and a central administrator', async () => {
    const sameName = roleSession(DEV, 'auto-tag-tagger-function', 'AROASAMENAMEINDEV001', 'x');
    expect(await assume(sameName, retrusted(sameName.context['aws:PrincipalArn'] as string), [taggerRcp])).toBe('ExplicitlyDenied');
    expect(await assume(centralAdmin, retrusted(`arn:aws:iam::${CENTRAL}:root`), [taggerRcp])).toBe('ExplicitlyDenied');
  });

  it('lets the central function in, through the real trust, under the RCP', async () => {
    expect(await assume(functionSession, tagger.trust, [taggerRcp], { 'lambda:SourceFunctionArn': FUNCTION_ARN })).toBe('Allowed');
  });

  it("refuses the function role's credentials used outside the function's code (no lambda:SourceFunctionArn, or another function's)", async () => {
    expect(await assume(functionSession, tagger.trust, [taggerRcp])).toBe('ImplicitlyDenied');
    const otherFunction = `arn:aws:lambda:${EU}:${CENTRAL}:function:something-else`;
    expect(await assume(functionSession, tagger.trust, [taggerRcp], { 'lambda:SourceFunctionArn': otherFunction })).toBe(
      'ImplicitlyDenied',
    );
  });
});

describe('central SCP: only the deploy role changes, invokes or re-roles the tagger function', () => {
  const onFunction: [action: string, resource: string][] = [
    ['lambda:UpdateFunctionCode', FUNCTION_ARN],
    ['lambda:UpdateFunctionConfiguration', FUNCTION_ARN],
    ['lambda:PublishVersion', FUNCTION_ARN],
    ['lambda:UpdateAlias', `${FUNCTION_ARN}:PROD`],
    ['lambda:DeleteFunction', `${FUNCTION_ARN}:7`],
    ['lambda:InvokeFunction', `${FUNCTION_ARN}:PROD`],
    ['lambda:AddPermission', FUNCTION_ARN],
    ['lambda:CreateFunctionUrlConfig', FUNCTION_ARN],
    ['iam:PassRole', `arn:aws:iam::${CENTRAL}:role/auto-tag-tagger-function`],
    ['iam:UpdateAssumeRolePolicy', `arn:aws:iam::${CENTRAL}:role/auto-tag-tagger-function`],
    ['iam:PutRolePolicy', `arn:aws:iam::${CENTRAL}:role/auto-tag-tagger-function`],
    ['events:PutTargets', `arn:aws:events:${EU}:${CENTRAL}:rule/auto-tag/auto-tag-tag-new-resources`],
    ['events:DisableRule', `arn:aws:events:us-east-1:${CENTRAL}:rule/auto-tag/auto-tag-tag-new-resources`],
  ];

  it.each(onFunction)('denies a central administrator %s on %s; the deploy role may', async (action, resource) => {
    expect(await adminCall(centralAdmin, action, resource, centralScp)).toBe('ExplicitlyDenied');
    expect(await adminCall(centralDeployRole, action, resource, centralScp)).toBe('Allowed');
  });

  it('leaves the central account’s other functions, roles and rules alone', async () => {
    expect(await adminCall(centralAdmin, 'lambda:UpdateFunctionCode', `arn:aws:lambda:${EU}:${CENTRAL}:function:billing`, centralScp)).toBe(
      'Allowed',
    );
    expect(await adminCall(centralAdmin, 'iam:PassRole', `arn:aws:iam::${CENTRAL}:role/billing`, centralScp)).toBe('Allowed');
    expect(await adminCall(centralAdmin, 'lambda:GetFunction', FUNCTION_ARN, centralScp)).toBe('Allowed');
  });
});

describe('organization policies stay within the Organizations size limit (5,120 characters)', () => {
  it.each(['auto-tag-tag-guard', 'auto-tag-tagger-only-central-function', 'auto-tag-protect-tagger-function'])('%s', (name) => {
    expect(JSON.stringify(orgPolicy(name)).length).toBeLessThan(5_120);
  });

  it('are an SCP and an RCP at the configured targets, and an SCP on the central account', () => {
    const attachments = Object.values(stacks.management.resource.aws_organizations_policy_attachment);
    const policies = stacks.management.resource.aws_organizations_policy;
    const byName = (name: string) => Object.entries(policies).find(([, p]) => p.name === name)!;
    const targetsOf = (name: string) =>
      attachments.filter((a) => a.policy_id === `\${aws_organizations_policy.${byName(name)[0]}.id}`).map((a) => a.target_id);
    expect(byName('auto-tag-tagger-only-central-function')[1].type).toBe('RESOURCE_CONTROL_POLICY');
    expect(targetsOf('auto-tag-tagger-only-central-function')).toEqual(targetsOf('auto-tag-tag-guard'));
    expect(targetsOf('auto-tag-protect-tagger-function')).toEqual([CENTRAL]);
    expect(byName('auto-tag-protect-tagger-function')[1].type).toBe('SERVICE_CONTROL_POLICY');
  });
});
