import { createdResourceTypes, describeActions } from '../../functions/tagger/catalogue';
import { cloudTrailEventPattern } from '../../modules/event-pattern';
import { iamDocument, only, resources, synthOrganization } from '../helpers/synth';

describe('member stack', () => {
  const stacks = synthOrganization();
  const dev = stacks['member-333333333333'];
  const role = (name: string) => only(dev, 'aws_iam_role', (r) => r.name === name);
  const rolePolicy = (roleName: string) =>
    iamDocument(only(dev, 'aws_iam_role_policy', (p) => p.role === `\${${roleRef(roleName)}.name}`).policy);
  const roleRef = (name: string) => {
    const [key] = Object.entries(dev.resource.aws_iam_role).find(([, r]) => r.name === name)!;
    return `aws_iam_role.${key}`;
  };

  describe('tagger role', () => {
    it('trusts only the central function role, and only inside the organization', () => {
      expect(iamDocument(role('auto-tag-tagger').assume_role_policy).Statement).toEqual([
        {
          Sid: 'OnlyTheCentralTaggerFunction',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::222222222222:role/auto-tag-tagger-function' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
        },
      ]);
    });

    it('may write the two protected tag keys and nothing else, on the resource types the catalogue creates', () => {
      const [tag, describe] = rolePolicy('auto-tag-tagger').Statement;
      expect(tag.Action).toBe('ec2:CreateTags');
      expect(tag.Condition).toEqual({
        'ForAllValues:StringEquals': { 'aws:TagKeys': ['Owner', 'PrincipalId'] },
        Null: { 'aws:TagKeys': 'false' },
      });
      expect(tag.Resource).toEqual(
        expect.arrayContaining([
          'arn:aws:ec2:eu-west-1:333333333333:instance/*',
          'arn:aws:ec2:us-east-1:333333333333:volume/*',
          'arn:aws:ec2:eu-west-1::snapshot/*',
          'arn:aws:ec2:us-east-1::image/*',
        ]),
      );
      expect(tag.Resource).toHaveLength(2 * createdResourceTypes().length);
      expect(describe).toMatchObject({
        Action: describeActions(),
        Resource: '*',
        Condition: { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } },
      });
    });

    it('follows the configured tag keys and role name', () => {
      const custom = synthOrganization({ taggerRoleName: 'tagger', tagKeys: { owner: 'CreatedBy', principalId: 'CreatorId' } });
      const central = only(custom.central, 'aws_lambda_function', (f) => f.region === 'eu-west-1');
      expect(central.environment.variables).toMatchObject({ TAGGER_ROLE_NAME: 'tagger', OWNER_TAG_KEY: 'CreatedBy', PRINCIPAL_ID_TAG_KEY: 'CreatorId' });
      const member = custom['member-333333333333'];
      const policy = iamDocument(resources(member, 'aws_iam_role_policy').find((p) => p.name === 'write-creator-tags')!.policy);
      expect(policy.Statement[0].Condition['ForAllValues:StringEquals']['aws:TagKeys']).toEqual(['CreatedBy', 'CreatorId']);
    });
  });

  describe('event forwarding', () => {
    it('forwards the catalogue events from the default bus of each region to the central bus of the same region', () => {
      const rules = resources(dev, 'aws_cloudwatch_event_rule');
      const targets = resources(dev, 'aws_cloudwatch_event_target');
      expect(rules.map((r) => r.region)).toEqual(['eu-west-1', 'us-east-1']);
      for (const rule of rules) {
        expect(rule.event_bus_name).toBe('default');
        expect(JSON.parse(rule.event_pattern)).toEqual(cloudTrailEventPattern());
        const target = targets.find((t) => t.region === rule.region)!;
        expect(target.arn).toBe(`arn:aws:events:${rule.region}:222222222222:event-bus/auto-tag`);
        expect(target.role_arn).toBe(`\${${roleRef('auto-tag-forwarder')}.arn}`);
      }
    });

    it("gives the forwarding role PutEvents on its regions' central buses only, for EventBridge rules of this account", () => {
      expect(rolePolicy('auto-tag-forwarder').Statement).toEqual([
        {
          Sid: 'PutEventsOnCentralBusesOnly',
          Effect: 'Allow',
          Action: 'events:PutEvents',
          Resource: ['arn:aws:events:eu-west-1:222222222222:event-bus/auto-tag', 'arn:aws:events:us-east-1:222222222222:event-bus/auto-tag'],
        },
      ]);
      expect(iamDocument(role('auto-tag-forwarder').assume_role_policy).Statement[0]).toMatchObject({
        Principal: { Service: 'events.amazonaws.com' },
        Condition: {
          StringEquals: { 'aws:SourceAccount': '333333333333' },
          ArnEquals: {
            'aws:SourceArn': [
              'arn:aws:events:eu-west-1:333333333333:rule/auto-tag-forward-to-central',
              'arn:aws:events:us-east-1:333333333333:rule/auto-tag-forward-to-central',
            ],
          },
        },
      });
    });
  });

  describe('TagBasedEC2RestrictionsPolicy', () => {
    const policy = only(dev, 'aws_iam_policy');

    it('lets only the owner stop, start, reboot or terminate, by the PrincipalId tag', () => {
      expect(policy.name).toBe('TagBasedEC2RestrictionsPolicy');
      const owner = iamDocument(policy.policy).Statement.find((s: any) => s.Sid === 'OwnerOnlyInstanceControl');
      expect(owner).toEqual({
        Sid: 'OwnerOnlyInstanceControl',
        Effect: 'Allow',
        Action: ['ec2:RebootInstances', 'ec2:StartInstances', 'ec2:StopInstances', 'ec2:TerminateInstances'],
        Resource: 'arn:aws:ec2:*:333333333333:instance/*',
        Condition: { StringEquals: { 'ec2:ResourceTag/PrincipalId': '${aws:userid}' } },
      });
    });

    it('reaches Terraform with the policy variable escaped, so IAM receives ${aws:userid}', () => {
      expect(policy.policy).toContain('"ec2:ResourceTag/PrincipalId":"$${aws:userid}"');
      expect(policy.policy).not.toMatch(/[^$]\$\{aws:/);
    });

    it('is carried by the restricted group', () => {
      const group = only(dev, 'aws_iam_group');
      expect(group.name).toBe('auto-tag-restricted-ec2-users');
      const attachment = only(dev, 'aws_iam_group_policy_attachment');
      expect(attachment.policy_arn).toMatch(/^\$\{aws_iam_policy\..+\.arn\}$/);
      expect(attachment.group).toMatch(/^\$\{aws_iam_group\..+\.name\}$/);
    });
  });
});
