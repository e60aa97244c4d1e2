/**
 * The reconcile sweep's permissions, judged by iam-simulate over the
 * synthesized policies, allowed and denied side: what the sweep role may do
 * (its logs, the trail's log files, the tagger role inside the organization),
 * who may become it, what the tagger role gains for reconcile, the trail
 * bucket and key policies across accounts, the RCP and the central SCP, and
 * the scheduler's role.
 */
import { decide, roleSession, type Caller, type Document } from '../support/iam-simulate';
import { iamDocument, only, synthOrganization } from '../support/synth';
import { rolePolicies } from '../support/iam-simulate';

const MANAGEMENT = '111111111111';
const CENTRAL = '222222222222';
const DEV = '333333333333';
const EU = 'eu-west-1';
const ORG = 'o-a1b2c3d4e5';
const BUCKET = 'auto-tag-org-trail-111111111111';

const stacks = synthOrganization();
const sweep = rolePolicies(stacks.central, 'auto-tag-reconcile-function');
const scheduler = rolePolicies(stacks.central, 'auto-tag-reconcile-scheduler');
const tagger = rolePolicies(stacks[`member-${DEV}`], 'auto-tag-tagger');
const orgPolicy = (name: string): Document =>
  iamDocument(only(stacks.management, 'aws_organizations_policy', (p) => p.name === name).content);
const taggerRcp = orgPolicy('auto-tag-tagger-only-central-function');
const centralScp = orgPolicy('auto-tag-protect-tagger-function');
const bucketPolicy = iamDocument(only(stacks.management, 'aws_s3_bucket_policy').policy);
const keyPolicy = iamDocument(only(stacks.management, 'aws_kms_key').policy);

const sweepSession = roleSession(CENTRAL, 'auto-tag-reconcile-function', 'AROASWEEPEXAMPLE0001', 'auto-tag-reconcile');
const centralAdmin = roleSession(CENTRAL, 'admin', 'AROAADMINCENTRAL0001', 'mallory');
const centralDeployRole = roleSession(CENTRAL, 'OrganizationAccountAccessRole', 'AROADEPLOYCENTRAL001', 'pipeline');
const taggerSession = roleSession(DEV, 'auto-tag-tagger', 'AROATAGGEREXAMPLE001', 'auto-tag');
const ADMINISTRATOR_ACCESS: Document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const SWEEP_ARN = `arn:aws:lambda:${EU}:${CENTRAL}:function:auto-tag-reconcile`;
const CLOUDTRAIL_CONTEXT = {
  'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:${EU}:${MANAGEMENT}:trail/auto-tag-org-trail`,
};
/**
 * iam-simulate cannot read a kms:EncryptionContext key that holds colons
 * (CloudTrail's `aws:cloudtrail:arn`: its key pattern takes none), so it finds
 * that condition missing whatever the context says. The allowed side is judged
 * with that one condition taken out; the denied side with the policy as is.
 */
const withoutEncryptionContext = (doc: Document): Document => ({
  ...doc,
  Statement: doc.Statement.map((statement: any) => {
    const { StringLike, ...rest } = statement.Condition ?? {};
    const like = Object.fromEntries(Object.entries(StringLike ?? {}).filter(([key]) => !key.startsWith('kms:EncryptionContext:')));
    return statement.Condition
      ? { ...statement, Condition: { ...rest, ...(Object.keys(like).length > 0 && { StringLike: like }) } }
      : statement;
  }),
});

/** AssumeRole of dev's tagger role by `caller` (identity `policy`), under the tagger RCP, the trust being `trust`. */
const assumeTagger = (caller: Caller, trust: Document, policy: Document = ADMINISTRATOR_ACCESS) =>
  decide({
    caller,
    action: 'sts:AssumeRole',
    resource: `arn:aws:iam::${DEV}:role/auto-tag-tagger`,
    resourceAccount: DEV,
    context: { 'aws:ResourceOrgID': ORG },
    identityPolicies: [policy],
    resourcePolicy: trust,
    rcps: [taggerRcp],
  });

/** The sweep role's own policy deciding (a resource in the central account, so no resource policy takes part). */
const asSweep = (action: string, resource: string, context: Record<string, string> = {}, policy: Document = sweep.permissions) =>
  decide({ caller: sweepSession, action, resource, context, identityPolicies: [policy] });

describe('the sweep role', () => {
  it('may assume the tagger role in an account of the organization, and no other role nor outside it', async () => {
    const assume = (resource: string, org: string) => asSweep('sts:AssumeRole', resource, { 'aws:ResourceOrgID': org });
    expect(await assume(`arn:aws:iam::${DEV}:role/auto-tag-tagger`, ORG)).toBe('Allowed');
    expect(await assume(`arn:aws:iam::${DEV}:role/auto-tag-tagger`, 'o-otherorg01')).toBe('ImplicitlyDenied');
    expect(await assume(`arn:aws:iam::${DEV}:role/OrganizationAccountAccessRole`, ORG)).toBe('ImplicitlyDenied');
  });

  it("lists and reads the trail's log files, and nothing else of the bucket", async () => {
    expect(
      await asSweep('s3:ListBucket', `arn:aws:s3:::${BUCKET}`, { 's3:prefix': `AWSLogs/${ORG}/${DEV}/CloudTrail/${EU}/2026/03/` }),
    ).toBe('Allowed');
    expect(await asSweep('s3:ListBucket', `arn:aws:s3:::${BUCKET}`, { 's3:prefix': 'other/' })).toBe('ImplicitlyDenied');
    expect(await asSweep('s3:GetObject', `arn:aws:s3:::${BUCKET}/AWSLogs/${ORG}/${DEV}/CloudTrail/${EU}/2026/03/05/f.json.gz`)).toBe(
      'Allowed',
    );
    expect(await asSweep('s3:GetObject', `arn:aws:s3:::another-bucket/AWSLogs/x.json.gz`)).toBe('ImplicitlyDenied');
    expect(await asSweep('s3:PutObject', `arn:aws:s3:::${BUCKET}/AWSLogs/${ORG}/forged.json.gz`)).toBe('ImplicitlyDenied');
    expect(await asSweep('s3:DeleteObject', `arn:aws:s3:::${BUCKET}/AWSLogs/${ORG}/f.json.gz`)).toBe('ImplicitlyDenied');
  });

  it("decrypts CloudTrail's log files through S3 only (its policy and the trail key's, together)", async () => {
    const key = `arn:aws:kms:${EU}:${MANAGEMENT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const decrypt = (action: string, context: Record<string, string>) =>
      decide({
        caller: sweepSession,
        action,
        resource: key,
        resourceAccount: MANAGEMENT,
        context,
        identityPolicies: [withoutEncryptionContext(sweep.permissions)],
        resourcePolicy: withoutEncryptionContext(keyPolicy),
      });
    const viaS3 = { 'kms:ViaService': `s3.${EU}.amazonaws.com`, ...CLOUDTRAIL_CONTEXT };
    expect(await decrypt('kms:Decrypt', viaS3)).toBe('Allowed');
    expect(await decrypt('kms:Decrypt', CLOUDTRAIL_CONTEXT)).toBe('ImplicitlyDenied');
    expect(await decrypt('kms:Encrypt', viaS3)).toBe('ImplicitlyDenied');
  });

  it('writes its own logs only, and cannot tag or describe by itself (it acts as the tagger role)', async () => {
    expect(await asSweep('logs:PutLogEvents', `arn:aws:logs:${EU}:${CENTRAL}:log-group:/aws/lambda/auto-tag-reconcile:log-stream:x`)).toBe(
      'Allowed',
    );
    expect(await asSweep('logs:PutLogEvents', `arn:aws:logs:${EU}:${CENTRAL}:log-group:/aws/lambda/other:log-stream:x`)).toBe(
      'ImplicitlyDenied',
    );
    expect(await asSweep('ec2:CreateTags', `arn:aws:ec2:${EU}:${CENTRAL}:volume/vol-0123456789abcdef0`)).toBe('ImplicitlyDenied');
    expect(await asSweep('cloudtrail:LookupEvents', '*')).toBe('ImplicitlyDenied');
  });

  it('is assumed by Lambda for this account, and by the central deploy role (the reconcile command); by nobody else', async () => {
    const assumeSweep = (caller: Caller, context: Record<string, string> = {}) =>
      decide({
        caller,
        action: 'sts:AssumeRole',
        resource: `arn:aws:iam::${CENTRAL}:role/auto-tag-reconcile-function`,
        resourceAccount: CENTRAL,
        context,
        identityPolicies: [ADMINISTRATOR_ACCESS],
        resourcePolicy: sweep.trust,
      });
    expect(await assumeSweep(centralDeployRole)).toBe('Allowed');
    expect(await assumeSweep(centralAdmin)).toBe('ImplicitlyDenied');
    expect(await assumeSweep(roleSession(DEV, 'OrganizationAccountAccessRole', 'AROADEPLOYDEV0000001', 'pipeline'))).toBe(
      'ImplicitlyDenied',
    );
  });
});

describe('the tagger role, for reconcile', () => {
  const asTagger = (action: string, region: string) =>
    decide({
      caller: taggerSession,
      action,
      resource: '*',
      context: { 'aws:RequestedRegion': region },
      identityPolicies: [tagger.permissions],
    });

  it.each(['ec2:DescribeVolumes', 'ec2:DescribeVpcEndpoints', 'ec2:DescribeTransitGatewayAttachments', 'cloudtrail:LookupEvents'])(
    'may %s in its regions, and not elsewhere',
    async (action) => {
      expect(await asTagger(action, EU)).toBe('Allowed');
      expect(await asTagger(action, 'ap-south-1')).toBe('ImplicitlyDenied');
    },
  );

  it('gains no other read or write (user data, console output, trail changes)', async () => {
    for (const action of [
      'ec2:DescribeInstanceAttribute',
      'ec2:GetConsoleOutput',
      'cloudtrail:StopLogging',
      'cloudtrail:GetTrail',
      'ec2:DeleteTags',
    ]) {
      expect({ action, decision: await asTagger(action, EU) }).toEqual({ action, decision: 'ImplicitlyDenied' });
    }
  });

  it('trusts the sweep role (under the RCP), and still refuses a central administrator', async () => {
    expect(await assumeTagger(sweepSession, tagger.trust, sweep.permissions)).toBe('Allowed');
    expect(await assumeTagger(centralAdmin, tagger.trust)).toBe('ExplicitlyDenied');
  });
});

describe('the RCP: the sweep role is the one other principal that may become the tagger', () => {
  const retrusted = (principal: string): Document => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }],
  });
  /** Someone re-trusted the tagger role to the caller: the RCP alone decides. */
  const assume = (caller: Caller) => assumeTagger(caller, retrusted(caller.context['aws:PrincipalArn'] as string));

  it('admits the sweep role, and still denies a role of its name in another account and the central deploy role', async () => {
    expect(await assume(sweepSession)).toBe('Allowed');
    expect(await assume(roleSession(DEV, 'auto-tag-reconcile-function', 'AROASAMENAMEINDEV002', 'x'))).toBe('ExplicitlyDenied');
    expect(await assume(centralDeployRole)).toBe('ExplicitlyDenied');
  });
});

describe('the trail bucket and key: the sweep role reads across accounts, nobody else of the central account', () => {
  const read = (caller: Caller, action: string, resource: string, resourcePolicy: Document, context: Record<string, string> = {}) =>
    decide({
      caller,
      action,
      resource,
      resourceAccount: MANAGEMENT,
      context: { 'aws:SecureTransport': 'true', ...context },
      identityPolicies: [ADMINISTRATOR_ACCESS],
      resourcePolicy,
    });

  it("lets the sweep role list and get the organization's log files, and not a central administrator", async () => {
    const file = `arn:aws:s3:::${BUCKET}/AWSLogs/${ORG}/${DEV}/CloudTrail/${EU}/2026/03/05/f.json.gz`;
    expect(await read(sweepSession, 's3:GetObject', file, bucketPolicy)).toBe('Allowed');
    expect(await read(sweepSession, 's3:ListBucket', `arn:aws:s3:::${BUCKET}`, bucketPolicy)).toBe('Allowed');
    expect(await read(centralAdmin, 's3:GetObject', file, bucketPolicy)).toBe('ImplicitlyDenied');
    expect(await read(sweepSession, 's3:PutObject', file, bucketPolicy)).toBe('ImplicitlyDenied');
    expect(await read(sweepSession, 's3:GetObject', file, bucketPolicy, { 'aws:SecureTransport': 'false' })).toBe('ExplicitlyDenied');
  });

  it("lets the sweep role decrypt CloudTrail's files with the trail key, and not a central administrator", async () => {
    const key = `arn:aws:kms:${EU}:${MANAGEMENT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    expect(await read(sweepSession, 'kms:Decrypt', key, withoutEncryptionContext(keyPolicy), CLOUDTRAIL_CONTEXT)).toBe('Allowed');
    expect(await read(centralAdmin, 'kms:Decrypt', key, withoutEncryptionContext(keyPolicy), CLOUDTRAIL_CONTEXT)).toBe('ImplicitlyDenied');
    expect(await read(centralAdmin, 'kms:Decrypt', key, keyPolicy, CLOUDTRAIL_CONTEXT)).toBe('ImplicitlyDenied');
    expect(await read(sweepSession, 'kms:Encrypt', key, withoutEncryptionContext(keyPolicy), CLOUDTRAIL_CONTEXT)).toBe('ImplicitlyDenied');
  });
});

describe('the central SCP guards the sweep like the tagger', () => {
  const call = (caller: Caller, action: string, resource: string) =>
    decide({ caller, action, resource, identityPolicies: [ADMINISTRATOR_ACCESS], scps: [centralScp] });

  it.each(['lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration', 'lambda:DeleteFunction', 'lambda:AddPermission'])(
    'denies a central administrator %s on the sweep function; the deploy role may',
    async (action) => {
      expect(await call(centralAdmin, action, SWEEP_ARN)).toBe('ExplicitlyDenied');
      expect(await call(centralDeployRole, action, SWEEP_ARN)).toBe('Allowed');
    },
  );

  it.each(['iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy', 'iam:PassRole'])(
    'denies a central administrator %s on the sweep role; the deploy role may',
    async (action) => {
      const role = `arn:aws:iam::${CENTRAL}:role/auto-tag-reconcile-function`;
      expect(await call(centralAdmin, action, role)).toBe('ExplicitlyDenied');
      expect(await call(centralDeployRole, action, role)).toBe('Allowed');
    },
  );

  it("leaves invoking the sweep to IAM (the scheduler's role invokes it; its input only picks accounts)", async () => {
    const schedulerSession = roleSession(CENTRAL, 'auto-tag-reconcile-scheduler', 'AROASCHEDULER0000001', 'scheduler');
    expect(
      await decide({
        caller: schedulerSession,
        action: 'lambda:InvokeFunction',
        resource: SWEEP_ARN,
        identityPolicies: [scheduler.permissions],
        scps: [centralScp],
      }),
    ).toBe('Allowed');
    const tagger = `arn:aws:lambda:${EU}:${CENTRAL}:function:auto-tag-tagger`;
    // The tagger stays out of its reach twice over: its policy names the sweep only, and the SCP guards the tagger.
    expect(
      await decide({
        caller: schedulerSession,
        action: 'lambda:InvokeFunction',
        resource: tagger,
        identityPolicies: [scheduler.permissions],
        scps: [centralScp],
      }),
    ).toBe('ExplicitlyDenied');
    expect(
      await decide({
        caller: schedulerSession,
        action: 'lambda:InvokeFunction',
        resource: tagger,
        identityPolicies: [scheduler.permissions],
      }),
    ).toBe('ImplicitlyDenied');
  });
});

describe("the scheduler's role", () => {
  it('is assumed by EventBridge Scheduler for the sweep schedule of this account only', async () => {
    const assume = (sourceArn: string, sourceAccount = CENTRAL) =>
      decide({
        caller: { arn: 'scheduler.amazonaws.com', account: CENTRAL, context: {} },
        action: 'sts:AssumeRole',
        resource: `arn:aws:iam::${CENTRAL}:role/auto-tag-reconcile-scheduler`,
        context: { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': sourceAccount },
        identityPolicies: [],
        resourcePolicy: scheduler.trust,
      });
    expect(await assume(`arn:aws:scheduler:${EU}:${CENTRAL}:schedule/default/auto-tag-reconcile`)).toBe('Allowed');
    expect(await assume(`arn:aws:scheduler:${EU}:${CENTRAL}:schedule/default/other`)).toBe('ImplicitlyDenied');
    expect(await assume(`arn:aws:scheduler:${EU}:${CENTRAL}:schedule/default/auto-tag-reconcile`, DEV)).toBe('ImplicitlyDenied');
  });
});
