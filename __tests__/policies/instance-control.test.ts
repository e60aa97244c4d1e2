/**
 * Every way to control an instance, judged by iam-simulate over the
 * synthesized owner-only and team policies: the owner (and, with team ABAC,
 * the team) may; anyone else may not, even with ec2:*, ssm:* and
 * ec2-instance-connect:* from another policy.
 */
import { decide, groupPolicies, iamUser, type Caller, type Document } from '../support/iam-simulate';
import { synthOrganization } from '../support/synth';

const DEV = '333333333333';
const SANDBOX = '555555555555';
const EU = 'eu-west-1';

const stacks = synthOrganization();
const policies: Record<string, Document[]> = {
  [DEV]: Object.values(groupPolicies(stacks[`member-${DEV}`])),
  [SANDBOX]: Object.values(groupPolicies(stacks[`member-${SANDBOX}`])),
};

/** What a user might also hold from another policy: every way in, on everything. */
const BROAD: Document = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['ec2:*', 'ssm:*', 'ec2-instance-connect:*'], Resource: '*' }],
};

const bob = iamUser(SANDBOX, 'bob', 'AIDABOBSANDBOX000001');
const alice = iamUser(SANDBOX, 'alice', 'AIDAALICESANDBOX0001');
const devBob = iamUser(DEV, 'bob', 'AIDABOBEXAMPLE000001', { Team: 'blue' });
const devDave = iamUser(DEV, 'dave', 'AIDADAVEEXAMPLE00001', { Team: 'blue' });
const devAlice = iamUser(DEV, 'alice', 'AIDAALICEEXAMPLE0001', { Team: 'red' });
const userid = (caller: Caller) => caller.context['aws:userid'] as string;

const instance = (account: string) => `arn:aws:ec2:${EU}:${account}:instance/i-0123456789abcdef0`;
const volume = (account: string) => `arn:aws:ec2:${EU}:${account}:volume/vol-0123456789abcdef0`;

/**
 * The resource tags as each service puts them in the request: EC2 and EC2
 * Instance Connect as ec2:ResourceTag (and aws:ResourceTag), Systems Manager
 * as ssm:resourceTag (and aws:ResourceTag).
 */
const tagsOf = (action: string, tags: Record<string, string>) => {
  const prefix = action.startsWith('ssm:') ? 'ssm:resourceTag' : 'ec2:ResourceTag';
  return Object.fromEntries(
    Object.entries(tags).flatMap(([k, v]) => [
      [`${prefix}/${k}`, v],
      [`aws:ResourceTag/${k}`, v],
    ]),
  );
};

/** Every resource of the call that belongs to the instance, with its tags; the strictest decision wins. */
const control = async (caller: Caller, action: string, resources: string[], tags: Record<string, string>, extra: Document[] = []) => {
  const decisions = await Promise.all(
    resources.map((resource) =>
      decide({
        caller,
        action,
        resource,
        context: { 'aws:RequestedRegion': EU, ...tagsOf(action, tags) },
        identityPolicies: [...policies[caller.account], ...extra],
      }),
    ),
  );
  return (['ExplicitlyDenied', 'ImplicitlyDenied', 'Allowed'] as const).find((d) => decisions.includes(d));
};

/** A call's other resources, which carry no owner (the new copy, the document run). */
const newResource = (caller: Caller, action: string, resource: string) =>
  decide({
    caller,
    action,
    resource,
    context: { 'aws:RequestedRegion': resource.split(':')[3] },
    identityPolicies: policies[caller.account],
  });

// Each action with the instance resources IAM judges it on (Service Authorization Reference).
const WAYS_IN: [action: string, on: (account: string) => string[]][] = [
  ['ec2:CreateSnapshot', (a) => [volume(a)]],
  ['ec2:CreateSnapshots', (a) => [instance(a), volume(a)]],
  ['ec2:CreateImage', (a) => [instance(a)]],
  ['ec2:CreateReplaceRootVolumeTask', (a) => [instance(a)]],
  ['ec2:AssociateIamInstanceProfile', (a) => [instance(a)]],
  ['ec2:ReplaceIamInstanceProfileAssociation', (a) => [instance(a)]],
  ['ec2:DisassociateIamInstanceProfile', (a) => [instance(a)]],
  ['ec2:GetConsoleOutput', (a) => [instance(a)]],
  ['ec2:GetConsoleScreenshot', (a) => [instance(a)]],
  ['ec2-instance-connect:SendSSHPublicKey', (a) => [instance(a)]],
  ['ec2-instance-connect:SendSerialConsoleSSHPublicKey', (a) => [instance(a)]],
  ['ssm:SendCommand', (a) => [instance(a)]],
  ['ssm:StartSession', (a) => [instance(a)]],
];

describe('owner-only control covers every way into an instance', () => {
  it.each(WAYS_IN)('%s: the owner may', async (action, on) => {
    expect(await control(bob, action, on(SANDBOX), { PrincipalId: userid(bob) })).toBe('Allowed');
  });

  it.each(WAYS_IN)('%s: anyone else may not, even with ec2:*, ssm:* and ec2-instance-connect:* beside it', async (action, on) => {
    expect(await control(bob, action, on(SANDBOX), { PrincipalId: userid(alice) }, [BROAD])).toBe('ExplicitlyDenied');
    // Nobody owns an instance the tagger has not reached yet.
    expect(await control(bob, action, on(SANDBOX), {}, [BROAD])).toBe('ExplicitlyDenied');
  });

  it.each(WAYS_IN)('%s: with team ABAC, a member of the team may, another team may not', async (action, on) => {
    const davesBlue = { PrincipalId: userid(devDave), Team: 'blue' };
    expect(await control(devBob, action, on(DEV), davesBlue)).toBe('Allowed');
    expect(await control(devAlice, action, on(DEV), davesBlue, [BROAD])).toBe('ExplicitlyDenied');
  });

  it.each([
    ['ec2:CreateSnapshot', `arn:aws:ec2:${EU}::snapshot/snap-0123456789abcdef0`],
    ['ec2:CreateImage', `arn:aws:ec2:${EU}::image/ami-0123456789abcdef0`],
    ['ec2:CreateReplaceRootVolumeTask', `arn:aws:ec2:${EU}:${SANDBOX}:replace-root-volume-task/replacevol-0123456789abcdef0`],
    ['ssm:SendCommand', `arn:aws:ssm:${EU}:${SANDBOX}:document/AWS-RunShellScript`],
    ['ssm:StartSession', `arn:aws:ssm:${EU}:${SANDBOX}:document/SSM-SessionManagerRunShell`],
  ])('%s: the new copy or the document (%s) is allowed in covered regions; the instance decides', async (action, resource) => {
    expect(await newResource(bob, action, resource)).toBe('Allowed');
    expect(await newResource(bob, action, resource.replace(EU, 'ap-south-1'))).toBe('ImplicitlyDenied');
  });
});
