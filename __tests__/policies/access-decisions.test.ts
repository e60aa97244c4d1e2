/**
 * The access decisions the tags exist for, judged by a real IAM evaluator
 * (@cloud-copilot/iam-simulate) over the policy documents of the synthesized
 * example organization, as Terraform hands them to IAM.
 *
 * dev (333333333333) has every policy: owner-only, tag guard, required tags,
 * allowed keys and team ABAC; sandbox (555555555555) only owner-only and the
 * guard. The tag-guard SCP is attached at the root.
 */
import {
  decide,
  groupPolicies,
  iamUser,
  roleSession,
  rolePolicies,
  tagWrite,
  type Caller,
  type Decision,
  type Document,
} from '../support/iam-simulate';
import { createdResourceTypes } from '../../functions/tagger/catalogue';
import { iamDocument, only, regionOf, synthOrganization } from '../support/synth';

const DEV = '333333333333';
const SANDBOX = '555555555555';
const CENTRAL = '222222222222';
const OUTSIDER = '999999999999';
const EU = 'eu-west-1';

const stacks = synthOrganization();
const devPolicies = Object.values(groupPolicies(stacks[`member-${DEV}`]));
const sandboxPolicies = Object.values(groupPolicies(stacks[`member-${SANDBOX}`]));
const scp: Document = iamDocument(only(stacks.management, 'aws_organizations_policy', (p) => p.name === 'auto-tag-tag-guard').content);
const tagger = rolePolicies(stacks[`member-${DEV}`], 'auto-tag-tagger');
const functionRole = rolePolicies(stacks.central, 'auto-tag-tagger-function');

/** What a user might also hold: full EC2 and Auto Scaling access from another policy. */
const EC2_FULL_ACCESS: Document = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['ec2:*', 'autoscaling:*'], Resource: '*' }],
};
const ADMINISTRATOR_ACCESS: Document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

const bob = iamUser(DEV, 'bob', 'AIDABOBEXAMPLE000001', { Team: 'blue' });
const alice = iamUser(DEV, 'alice', 'AIDAALICEEXAMPLE0001', { Team: 'red' });
const dave = iamUser(DEV, 'dave', 'AIDADAVEEXAMPLE00001', { Team: 'blue' });
const carol = iamUser(DEV, 'carol', 'AIDACAROLEXAMPLE0001');
const SSO_ROLE = 'aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Developer_0123456789abcdef';
const bobSso = roleSession(DEV, SSO_ROLE, 'AROASSODEVELOPER0001', 'bob@example.com');
const bobAssumed = roleSession(DEV, 'developer', 'AROADEVELOPERROLE001', 'bob');
const sandboxBob = iamUser(SANDBOX, 'bob', 'AIDABOBSANDBOX000001');
const sandboxAlice = iamUser(SANDBOX, 'alice', 'AIDAALICESANDBOX0001');

const userid = (caller: Caller) => caller.context['aws:userid'] as string;
const instanceArn = (account = DEV, id = 'i-0123456789abcdef0') => `arn:aws:ec2:${EU}:${account}:instance/${id}`;
const volumeArn = (account = DEV) => `arn:aws:ec2:${EU}:${account}:volume/vol-0123456789abcdef0`;

/** The resource tags of an instance or volume launched by `owner` (none when undefined). */
const taggedBy = (owner?: Caller, team?: string) => ({
  ...(owner ? { 'ec2:ResourceTag/PrincipalId': userid(owner) } : {}),
  ...(team ? { 'ec2:ResourceTag/Team': team } : {}),
});

/** The group policies of the caller's account. */
const policiesOf = (caller: Caller) => (caller.account === SANDBOX ? sandboxPolicies : devPolicies);

const onInstance = (caller: Caller, action: string, tags: Record<string, string>, policies = policiesOf(caller)) =>
  decide({
    caller,
    action,
    resource: instanceArn(caller.account),
    context: { 'aws:RequestedRegion': EU, ...tags },
    identityPolicies: policies,
  });

/**
 * A create call with tags on the new resource, as EC2 authorizes it: the call
 * itself on the new resource, and ec2:CreateTags for the tags as part of it.
 * The strictest of the two decisions is the outcome.
 */
const create = async (
  caller: Caller,
  action: 'RunInstances' | 'CreateVolume',
  tags: Record<string, string>,
  policies = policiesOf(caller),
) => {
  const resource = action === 'RunInstances' ? instanceArn(caller.account, 'i-0fedcba9876543210') : volumeArn(caller.account);
  const base = { caller, resource, identityPolicies: policies, scps: [scp] };
  const decisions = [
    await decide({ ...base, action: `ec2:${action}`, context: { 'aws:RequestedRegion': EU, ...tagWrite(tags) } }),
    ...(Object.keys(tags).length
      ? [await decide({ ...base, action: 'ec2:CreateTags', context: { 'aws:RequestedRegion': EU, ...tagWrite(tags, action) } })]
      : []),
  ];
  const order: Decision[] = ['ExplicitlyDenied', 'ImplicitlyDenied', 'Allowed'];
  return order.find((d) => decisions.includes(d))!;
};

/** Tags written on an existing instance (no create action). */
const retag = (caller: Caller, action: 'ec2:CreateTags' | 'ec2:DeleteTags', tags: Record<string, string>, extra: Document[] = []) =>
  decide({
    caller,
    action,
    resource: instanceArn(caller.account),
    context: { ...taggedBy(caller), ...(Object.keys(tags).length ? tagWrite(tags) : {}) },
    identityPolicies: [...policiesOf(caller), ...extra],
    scps: [scp],
  });

const RIGHT_TAGS = { CostCenter: '1234', Environment: 'dev' };

describe('owner-only EC2 control (TagBasedEC2RestrictionsPolicy)', () => {
  it.each(['ec2:StopInstances', 'ec2:StartInstances', 'ec2:RebootInstances', 'ec2:TerminateInstances', 'ec2:ModifyInstanceAttribute'])(
    'Bob may %s his own instance',
    async (action) => {
      expect(await onInstance(sandboxBob, action, taggedBy(sandboxBob))).toBe('Allowed');
    },
  );

  it("denies Bob Alice's instance, and an instance nobody is tagged on yet", async () => {
    expect(await onInstance(sandboxBob, 'ec2:StopInstances', taggedBy(sandboxAlice))).toBe('ExplicitlyDenied');
    expect(await onInstance(sandboxBob, 'ec2:TerminateInstances', taggedBy())).toBe('ExplicitlyDenied');
  });

  it("denies Alice's instance even when Bob's other policies grant ec2:* everywhere", async () => {
    expect(await onInstance(sandboxBob, 'ec2:StopInstances', taggedBy(sandboxAlice), [...sandboxPolicies, EC2_FULL_ACCESS])).toBe(
      'ExplicitlyDenied',
    );
  });

  it("works for an IAM Identity Center session, whose aws:userid is '<role id>:<user>'", async () => {
    expect(await onInstance(bobSso, 'ec2:StopInstances', taggedBy(bobSso))).toBe('Allowed');
    expect(await onInstance(bobSso, 'ec2:StopInstances', taggedBy(alice, 'red'))).toBe('ExplicitlyDenied');
  });

  it('works for an assumed-role session, and the same person through another role is another principal', async () => {
    expect(await onInstance(bobAssumed, 'ec2:RebootInstances', taggedBy(bobAssumed))).toBe('Allowed');
    // Bob's SSO session launched it; his session on the developer role has another aws:userid.
    expect(await onInstance(bobAssumed, 'ec2:RebootInstances', taggedBy(bobSso))).toBe('ExplicitlyDenied');
  });

  it("does not let Bob attach Alice's volume to his own instance", async () => {
    const attach = (volumeOwner: Caller) =>
      decide({
        caller: sandboxBob,
        action: 'ec2:AttachVolume',
        resource: volumeArn(SANDBOX),
        context: taggedBy(volumeOwner),
        identityPolicies: sandboxPolicies,
      });
    expect(await attach(sandboxBob)).toBe('Allowed');
    expect(await attach(sandboxAlice)).toBe('ExplicitlyDenied');
  });

  it('launches only in the regions the tagger covers', async () => {
    const launch = (region: string) =>
      decide({
        caller: sandboxBob,
        action: 'ec2:RunInstances',
        resource: `arn:aws:ec2:${region}:${SANDBOX}:instance/i-0fedcba9876543210`,
        context: { 'aws:RequestedRegion': region },
        identityPolicies: sandboxPolicies,
      });
    expect(await launch(EU)).toBe('Allowed');
    expect(await launch('us-east-1')).toBe('ImplicitlyDenied');
  });
});

describe('tag guard (identity policy)', () => {
  it('denies Bob adding or changing PrincipalId or Owner on his own instance, even with ec2:* from another policy', async () => {
    expect(await retag(bob, 'ec2:CreateTags', { PrincipalId: userid(bob) }, [EC2_FULL_ACCESS])).toBe('ExplicitlyDenied');
    expect(await retag(bob, 'ec2:CreateTags', { PrincipalId: userid(alice) }, [EC2_FULL_ACCESS])).toBe('ExplicitlyDenied');
    expect(await retag(bob, 'ec2:CreateTags', { Owner: 'bob' }, [EC2_FULL_ACCESS])).toBe('ExplicitlyDenied');
    // Any resource, not only instances.
    const onSecurityGroup = await decide({
      caller: bob,
      action: 'ec2:CreateTags',
      resource: `arn:aws:ec2:${EU}:${DEV}:security-group/sg-0123456789abcdef0`,
      context: tagWrite({ PrincipalId: userid(bob) }),
      identityPolicies: [...devPolicies, EC2_FULL_ACCESS],
    });
    expect(onSecurityGroup).toBe('ExplicitlyDenied');
  });

  it('treats a look-alike key in another case as the protected key', async () => {
    // In sandbox, where no allowed-keys policy would deny the odd key anyway.
    expect(await retag(sandboxBob, 'ec2:CreateTags', { principalid: userid(sandboxAlice) }, [EC2_FULL_ACCESS])).toBe('ExplicitlyDenied');
    expect(await retag(sandboxBob, 'ec2:CreateTags', { OWNER: 'alice' }, [EC2_FULL_ACCESS])).toBe('ExplicitlyDenied');
    expect(await retag(sandboxBob, 'ec2:CreateTags', { Project: 'x' }, [EC2_FULL_ACCESS])).toBe('Allowed');
  });

  it('denies deleting a protected key, and deleting every tag at once', async () => {
    expect(await retag(bob, 'ec2:DeleteTags', { PrincipalId: userid(bob) }, [EC2_FULL_ACCESS])).toBe('ExplicitlyDenied');
    expect(await retag(bob, 'ec2:DeleteTags', {}, [EC2_FULL_ACCESS])).toBe('ExplicitlyDenied');
  });

  it('leaves other keys alone', async () => {
    expect(await retag(bob, 'ec2:CreateTags', { Name: 'web' }, [EC2_FULL_ACCESS])).toBe('Allowed');
  });

  it('lets a caller tag PrincipalId at launch with their own aws:userid only, and never Owner', async () => {
    expect(await create(bob, 'RunInstances', { ...RIGHT_TAGS, PrincipalId: userid(bob) })).toBe('Allowed');
    expect(await create(bob, 'RunInstances', { ...RIGHT_TAGS, PrincipalId: userid(alice) })).toBe('ExplicitlyDenied');
    expect(await create(bob, 'RunInstances', { ...RIGHT_TAGS, PrincipalId: userid(bob), Owner: 'bob' })).toBe('ExplicitlyDenied');
  });

  it('denies a protected key on an Auto Scaling group, whose tags its service-linked role would copy to instances', async () => {
    expect(
      await decide({
        caller: bob,
        action: 'autoscaling:CreateOrUpdateTags',
        resource: `arn:aws:autoscaling:${EU}:${DEV}:autoScalingGroup:0b1d2c3e-1111-2222-3333-444455556666:autoScalingGroupName/web`,
        context: tagWrite({ PrincipalId: userid(alice) }),
        identityPolicies: [...devPolicies, EC2_FULL_ACCESS],
      }),
    ).toBe('ExplicitlyDenied');
  });
});

describe('tag guard (service control policy)', () => {
  const admin = roleSession(DEV, 'admin', 'AROAADMINEXAMPLE0001', 'ops');
  const taggerSession = roleSession(DEV, 'auto-tag-tagger', 'AROATAGGEREXAMPLE001', 'auto-tag');
  const tag = (caller: Caller, tags: Record<string, string>, policies: Document[], resource = instanceArn()) =>
    decide({
      caller,
      action: 'ec2:CreateTags',
      resource,
      context: { 'aws:RequestedRegion': resource.split(':')[3], ...tagWrite(tags) },
      identityPolicies: policies,
      scps: [scp],
    });

  it('denies an account administrator writing PrincipalId', async () => {
    expect(await tag(admin, { PrincipalId: userid(admin) }, [ADMINISTRATOR_ACCESS])).toBe('ExplicitlyDenied');
    expect(await tag(admin, { Name: 'web' }, [ADMINISTRATOR_ACCESS])).toBe('Allowed');
  });

  it('lets the tagger role write the protected keys, and only those', async () => {
    const protectedTags = { Owner: 'alice', PrincipalId: userid(alice) };
    expect(await tag(taggerSession, protectedTags, [tagger.permissions])).toBe('Allowed');
    expect(await tag(taggerSession, protectedTags, [tagger.permissions], volumeArn())).toBe('Allowed');
    expect(await tag(taggerSession, { Name: 'web' }, [tagger.permissions])).toBe('ImplicitlyDenied');
    expect(await tag(taggerSession, { ...protectedTags, Name: 'web' }, [tagger.permissions])).toBe('ImplicitlyDenied');
  });

  // Also proves each catalogue resource type is one IAM knows for ec2:CreateTags:
  // the simulator refuses an ARN that matches none of the action's resource types.
  it.each(createdResourceTypes())('lets the tagger role tag a new %s in a covered region, not elsewhere', async (type) => {
    const account = ['snapshot', 'image'].includes(type) ? '' : DEV;
    const arnIn = (region: string) => `arn:aws:ec2:${region}:${account}:${type}/example0123`;
    const protectedTags = { Owner: 'alice', PrincipalId: userid(alice) };
    expect(await tag(taggerSession, protectedTags, [tagger.permissions], arnIn(EU))).toBe('Allowed');
    expect(await tag(taggerSession, protectedTags, [tagger.permissions], arnIn('ap-south-1'))).toBe('ImplicitlyDenied');
  });

  it('does not mistake a role of the same name under another path for the tagger', async () => {
    const impostor = roleSession(DEV, 'custom/auto-tag-tagger', 'AROAIMPOSTOREXAMPLE1', 'x');
    expect(await tag(impostor, { PrincipalId: userid(alice) }, [ADMINISTRATOR_ACCESS])).toBe('ExplicitlyDenied');
  });

  it('keeps the tagger role out of reach of everyone but the deploy roles', async () => {
    const updateTrust = (caller: Caller) =>
      decide({
        caller,
        action: 'iam:UpdateAssumeRolePolicy',
        resource: `arn:aws:iam::${DEV}:role/auto-tag-tagger`,
        identityPolicies: [ADMINISTRATOR_ACCESS],
        scps: [scp],
      });
    expect(await updateTrust(admin)).toBe('ExplicitlyDenied');
    expect(await updateTrust(roleSession(DEV, 'OrganizationAccountAccessRole', 'AROADEPLOYEXAMPLE001', 'pipeline'))).toBe('Allowed');
  });
});

describe('required tags on create (aws:RequestTag) and allowed keys (aws:TagKeys)', () => {
  const own = { PrincipalId: userid(bob) };

  it('allows RunInstances with the required tags, allowed values and the caller’s own PrincipalId', async () => {
    expect(await create(bob, 'RunInstances', { ...RIGHT_TAGS, ...own })).toBe('Allowed');
    expect(await create(bob, 'RunInstances', { ...RIGHT_TAGS, ...own, Name: 'web', Team: 'blue' })).toBe('Allowed');
  });

  it('denies RunInstances without the required tags, or without the own PrincipalId', async () => {
    expect(await create(bob, 'RunInstances', {})).toBe('ExplicitlyDenied');
    expect(await create(bob, 'RunInstances', { CostCenter: '1234', ...own })).toBe('ExplicitlyDenied');
    expect(await create(bob, 'RunInstances', RIGHT_TAGS)).toBe('ExplicitlyDenied');
  });

  it('denies a disallowed value and an extra key outside the allowed ones', async () => {
    expect(await create(bob, 'RunInstances', { ...RIGHT_TAGS, ...own, Environment: 'qa' })).toBe('ExplicitlyDenied');
    expect(await create(bob, 'RunInstances', { ...RIGHT_TAGS, ...own, Project: 'x' })).toBe('ExplicitlyDenied');
  });

  it('applies to CreateVolume the same way', async () => {
    expect(await create(bob, 'CreateVolume', { ...RIGHT_TAGS, ...own })).toBe('Allowed');
    expect(await create(bob, 'CreateVolume', { Environment: 'prod', ...own })).toBe('ExplicitlyDenied');
  });

  it('never lets a required tag change after creation', async () => {
    expect(await retag(bob, 'ec2:CreateTags', { CostCenter: '9999' }, [EC2_FULL_ACCESS])).toBe('ExplicitlyDenied');
    expect(await retag(bob, 'ec2:DeleteTags', { Environment: 'dev' }, [EC2_FULL_ACCESS])).toBe('ExplicitlyDenied');
  });

  it('does not apply where the account turns it off (sandbox)', async () => {
    expect(await create(sandboxBob, 'RunInstances', {})).toBe('Allowed');
    expect(await create(sandboxBob, 'RunInstances', { Project: 'x' })).toBe('Allowed');
  });
});

describe('team ABAC (aws:PrincipalTag)', () => {
  it("lets Bob control an instance of his team that Dave launched, not one of Alice's team", async () => {
    expect(await onInstance(bob, 'ec2:StopInstances', taggedBy(dave, 'blue'))).toBe('Allowed');
    expect(await onInstance(bob, 'ec2:StopInstances', taggedBy(alice, 'red'))).toBe('ExplicitlyDenied');
  });

  it('gives a caller without a team tag the owner rule only', async () => {
    expect(await onInstance(carol, 'ec2:StopInstances', taggedBy(dave, 'blue'))).toBe('ExplicitlyDenied');
    expect(await onInstance(carol, 'ec2:StopInstances', taggedBy(carol))).toBe('Allowed');
  });

  it('lets the team tag be set at launch to your own team only, and never changed', async () => {
    const own = { ...RIGHT_TAGS, PrincipalId: userid(bob) };
    expect(await create(bob, 'RunInstances', { ...own, Team: 'blue' })).toBe('Allowed');
    expect(await create(bob, 'RunInstances', { ...own, Team: 'red' })).toBe('ExplicitlyDenied');
    expect(await create(carol, 'RunInstances', { ...RIGHT_TAGS, PrincipalId: userid(carol), Team: 'blue' })).toBe('ExplicitlyDenied');
    expect(await retag(bob, 'ec2:CreateTags', { Team: 'blue' }, [EC2_FULL_ACCESS])).toBe('ExplicitlyDenied');
  });
});

describe("the project's own roles and bus", () => {
  const functionSession = roleSession(CENTRAL, 'auto-tag-tagger-function', 'AROAFUNCTIONEXAMPLE1', 'auto-tag-tagger');
  const assumeTagger = (caller: Caller, identity: Document) =>
    decide({
      caller,
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${DEV}:role/auto-tag-tagger`,
      resourceAccount: DEV,
      // What Lambda adds to every call the function's code makes.
      context: {
        'aws:ResourceOrgID': 'o-a1b2c3d4e5',
        'lambda:SourceFunctionArn': `arn:aws:lambda:${EU}:${CENTRAL}:function:auto-tag-tagger`,
      },
      identityPolicies: [identity],
      resourcePolicy: tagger.trust,
    });

  it('lets the central function assume the tagger role, and no other role, even an administrator', async () => {
    expect(await assumeTagger(functionSession, functionRole.permissions)).toBe('Allowed');
    expect(await assumeTagger(roleSession(CENTRAL, 'admin', 'AROAADMINCENTRAL0001', 'ops'), ADMINISTRATOR_ACCESS)).toBe('ImplicitlyDenied');
    expect(await assumeTagger(roleSession(DEV, 'auto-tag-tagger-function', 'AROASAMENAMEINDEV001', 'x'), ADMINISTRATOR_ACCESS)).toBe(
      'ImplicitlyDenied',
    );
  });

  const forwarder = (account: string, region: string, org = 'o-a1b2c3d4e5') =>
    roleSession(account, `auto-tag-forwarder-${region}`, 'AROAFORWARDEREXAMPLE', 'events', {}, org);
  const putEvents = (caller: Caller, region: string, identity: Document) =>
    decide({
      caller,
      action: 'events:PutEvents',
      resource: `arn:aws:events:${region}:${CENTRAL}:event-bus/auto-tag`,
      resourceAccount: CENTRAL,
      identityPolicies: [identity],
      resourcePolicy: iamDocument(
        Object.values(stacks.central.resource.aws_cloudwatch_event_bus_policy).find((p) => regionOf(stacks.central, p) === region)!.policy,
      ),
    });
  const forwarderPermissions = (region: string) => rolePolicies(stacks[`member-${DEV}`], `auto-tag-forwarder-${region}`).permissions;

  it("lets a member's forwarding role put events on its own region's central bus only", async () => {
    expect(await putEvents(forwarder(DEV, EU), EU, forwarderPermissions(EU))).toBe('Allowed');
    expect(await putEvents(forwarder(DEV, EU), 'us-east-1', forwarderPermissions(EU))).toBe('ImplicitlyDenied');
  });

  it('refuses events from an account outside the organization, and from other roles inside it', async () => {
    expect(await putEvents(forwarder(OUTSIDER, EU, 'o-zzzzzzzzzz'), EU, ADMINISTRATOR_ACCESS)).toBe('ImplicitlyDenied');
    expect(await putEvents(roleSession(DEV, 'admin', 'AROAADMINEXAMPLE0001', 'ops'), EU, ADMINISTRATOR_ACCESS)).toBe('ImplicitlyDenied');
  });
});

describe('policy variables on their way through Terraform', () => {
  const raw = (name: string) => only(stacks[`member-${DEV}`], 'aws_iam_policy', (p) => p.name === name).policy as string;

  it.each([
    ['TagBasedEC2RestrictionsPolicy', 'aws:userid'],
    ['auto-tag-tag-guard', 'aws:userid'],
    ['auto-tag-required-tags', 'aws:userid'],
    ['auto-tag-team-abac', 'aws:PrincipalTag/Team'],
  ])('%s carries $${%s} for Terraform, which IAM receives as ${…}', (name, variable) => {
    expect(raw(name)).toContain(`"$\${${variable}}"`);
    expect(raw(name)).not.toMatch(/[^$]\$\{aws:/);
    expect(JSON.stringify(iamDocument(raw(name)))).toContain(`"\${${variable}}"`);
  });

  it('the SCP too', () => {
    const content = only(stacks.management, 'aws_organizations_policy', (p) => p.name === 'auto-tag-tag-guard').content as string;
    expect(content).toContain('"$${aws:userid}"');
    expect(content).not.toMatch(/[^$]\$\{aws:/);
  });
});
