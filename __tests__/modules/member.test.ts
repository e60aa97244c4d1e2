import { createdResourceTypes, describeActions } from '../../functions/tagger/catalogue';
import { cloudTrailEventPattern } from '../../modules/event-pattern';
import { iamDocument, only, regionOf, resources, synthOrganization, type StackJson } from '../support/synth';

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
    it('trusts only the central function role and the reconcile sweep role, and only inside the organization', () => {
      expect(iamDocument(role('auto-tag-tagger').assume_role_policy).Statement).toEqual([
        {
          Sid: 'OnlyTheCentralTaggerFunction',
          Effect: 'Allow',
          Principal: {
            AWS: ['arn:aws:iam::222222222222:role/auto-tag-tagger-function', 'arn:aws:iam::222222222222:role/auto-tag-reconcile-function'],
          },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
        },
      ]);
    });

    it('may write the two protected tag keys and nothing else, on the resource types the catalogue creates, in its regions', () => {
      const [tag, describe] = rolePolicy('auto-tag-tagger').Statement;
      expect(tag.Action).toBe('ec2:CreateTags');
      expect(tag.Condition).toEqual({
        StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] },
        'ForAllValues:StringEquals': { 'aws:TagKeys': ['Owner', 'PrincipalId'] },
        Null: { 'aws:TagKeys': 'false' },
      });
      expect(tag.Resource).toEqual(
        expect.arrayContaining([
          'arn:aws:ec2:*:333333333333:instance/*',
          'arn:aws:ec2:*:333333333333:volume/*',
          'arn:aws:ec2:*::snapshot/*',
          'arn:aws:ec2:*::image/*',
        ]),
      );
      expect(tag.Resource).toHaveLength(createdResourceTypes().length);
      expect(describe).toMatchObject({
        Action: describeActions(),
        Resource: '*',
        Condition: { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } },
      });
    });

    it('may write the extra tags too when they are configured, and the function is told their keys', () => {
      const custom = synthOrganization({ tagKeys: { createdAt: 'CreatedAt', creatorArn: 'CreatorArn' } });
      const env = only(
        custom.central,
        'aws_lambda_function',
        (f) => regionOf(custom.central, f) === 'eu-west-1' && f.function_name === 'auto-tag-tagger',
      ).environment.variables;
      expect(env).toMatchObject({ CREATED_AT_TAG_KEY: 'CreatedAt', CREATOR_ARN_TAG_KEY: 'CreatorArn', INVOKED_BY_TAG_KEY: '' });
      const member = custom['member-333333333333'];
      const policy = iamDocument(resources(member, 'aws_iam_role_policy').find((p) => p.name === 'write-creator-tags')!.policy);
      expect(policy.Statement[0].Condition['ForAllValues:StringEquals']['aws:TagKeys']).toEqual([
        'Owner',
        'PrincipalId',
        'CreatedAt',
        'CreatorArn',
      ]);
    });

    it('follows the configured tag keys and role name', () => {
      const custom = synthOrganization({ taggerRoleName: 'tagger', tagKeys: { owner: 'CreatedBy', principalId: 'CreatorId' } });
      const central = only(
        custom.central,
        'aws_lambda_function',
        (f) => regionOf(custom.central, f) === 'eu-west-1' && f.function_name === 'auto-tag-tagger',
      );
      expect(central.environment.variables).toMatchObject({
        TAGGER_ROLE_NAME: 'tagger',
        OWNER_TAG_KEY: 'CreatedBy',
        PRINCIPAL_ID_TAG_KEY: 'CreatorId',
      });
      const member = custom['member-333333333333'];
      const policy = iamDocument(resources(member, 'aws_iam_role_policy').find((p) => p.name === 'write-creator-tags')!.policy);
      expect(policy.Statement[0].Condition['ForAllValues:StringEquals']['aws:TagKeys']).toEqual(['CreatedBy', 'CreatorId']);
    });
  });

  describe('event forwarding', () => {
    it('forwards the catalogue events from the default bus of each region to the central bus of the same region', () => {
      const rules = resources(dev, 'aws_cloudwatch_event_rule');
      const targets = resources(dev, 'aws_cloudwatch_event_target');
      expect(rules.map((r) => regionOf(dev, r))).toEqual(['eu-west-1', 'us-east-1']);
      for (const rule of rules) {
        expect(rule.event_bus_name).toBe('default');
        expect(JSON.parse(rule.event_pattern)).toEqual(cloudTrailEventPattern());
        const region = regionOf(dev, rule);
        const target = targets.find((t) => regionOf(dev, t) === region)!;
        expect(target.arn).toBe(`arn:aws:events:${region}:222222222222:event-bus/auto-tag`);
        expect(target.role_arn).toBe(`\${${roleRef(`auto-tag-forwarder-${region}`)}.arn}`);
      }
    });

    it.each(['eu-west-1', 'us-east-1'])(
      'parks what the central bus would not take in %s in a dead-letter queue that only its forwarding rule may fill, with an alarm',
      (region) => {
        const [queueKey, queue] = Object.entries(dev.resource.aws_sqs_queue).find(([, q]) => regionOf(dev, q) === region)!;
        expect(queue).toMatchObject({ name: 'auto-tag-forward-dlq', sqs_managed_sse_enabled: true, message_retention_seconds: 1209600 });
        const target = resources(dev, 'aws_cloudwatch_event_target').find((t) => regionOf(dev, t) === region)!;
        expect(target.dead_letter_config).toEqual({ arn: `\${aws_sqs_queue.${queueKey}.arn}` });
        const queuePolicy = resources(dev, 'aws_sqs_queue_policy').find((p) => regionOf(dev, p) === region)!;
        expect(iamDocument(queuePolicy.policy).Statement).toEqual([
          expect.objectContaining({
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Condition: { ArnEquals: { 'aws:SourceArn': expect.stringMatching(/^\$\{aws_cloudwatch_event_rule\./) } },
          }),
        ]);
        const alarm = resources(dev, 'aws_cloudwatch_metric_alarm').find((a) => regionOf(dev, a) === region)!;
        expect(alarm).toMatchObject({
          alarm_name: 'auto-tag-forward-dlq-not-empty',
          dimensions: { QueueName: `\${aws_sqs_queue.${queueKey}.name}` },
          threshold: 0,
        });
      },
    );

    it.each(['eu-west-1', 'us-east-1'])(
      "gives the forwarding role of %s PutEvents on that region's central bus only, for that region's rule only",
      (region) => {
        expect(rolePolicy(`auto-tag-forwarder-${region}`).Statement).toEqual([
          {
            Sid: 'PutEventsOnThisRegionsCentralBusOnly',
            Effect: 'Allow',
            Action: 'events:PutEvents',
            Resource: `arn:aws:events:${region}:222222222222:event-bus/auto-tag`,
          },
        ]);
        expect(iamDocument(role(`auto-tag-forwarder-${region}`).assume_role_policy).Statement[0]).toMatchObject({
          Principal: { Service: 'events.amazonaws.com' },
          Condition: {
            StringEquals: { 'aws:SourceAccount': '333333333333' },
            ArnEquals: { 'aws:SourceArn': [`arn:aws:events:${region}:333333333333:rule/auto-tag-forward-to-central`] },
          },
        });
      },
    );
  });

  describe('access policies', () => {
    const attachedTo = (stack: StackJson) => {
      const byKey = stack.resource.aws_iam_policy;
      return resources(stack, 'aws_iam_group_policy_attachment')
        .map((a) => {
          const key = /^\$\{aws_iam_policy\.(.+)\.arn\}$/.exec(a.policy_arn)![1];
          expect(a.group).toMatch(/^\$\{aws_iam_group\..+\.name\}$/);
          return byKey[key].name;
        })
        .sort();
    };

    it('puts every policy the organization default selects on the restricted group', () => {
      expect(only(dev, 'aws_iam_group').name).toBe('auto-tag-restricted-ec2-users');
      expect(attachedTo(dev)).toEqual([
        'TagBasedEC2RestrictionsPolicy',
        'auto-tag-allowed-tag-keys',
        'auto-tag-required-tags',
        'auto-tag-tag-guard',
        'auto-tag-team-abac',
      ]);
      expect(Object.keys(dev.output!)).toEqual([expect.stringMatching(/policy-arns/)]);
    });

    it("follows an account's override, policy by policy", () => {
      expect(attachedTo(stacks['member-555555555555'])).toEqual(['TagBasedEC2RestrictionsPolicy', 'auto-tag-tag-guard']);
      const none = synthOrganization({ accessPolicies: { ownerOnlyEc2: false, tagGuard: false } })['member-333333333333'];
      expect(resources(none, 'aws_iam_policy')).toEqual([]);
    });

    it('lets only the owner (or, with team ABAC, the team) control an instance, by the PrincipalId tag', () => {
      const policy = only(dev, 'aws_iam_policy', (p) => p.name === 'TagBasedEC2RestrictionsPolicy');
      const statements = iamDocument(policy.policy).Statement;
      expect(statements.find((s: any) => s.Sid === 'OwnerOnlyInstanceControl')).toMatchObject({
        Effect: 'Allow',
        Action: expect.arrayContaining(['ec2:RebootInstances', 'ec2:StartInstances', 'ec2:StopInstances', 'ec2:TerminateInstances']),
        Resource: ['arn:aws:ec2:*:333333333333:instance/*', 'arn:aws:ec2:*:333333333333:volume/*'],
        Condition: { StringEquals: { 'ec2:ResourceTag/PrincipalId': '${aws:userid}' } },
      });
      expect(statements.filter((s: any) => s.Effect === 'Deny').map((s: any) => s.Sid)).toEqual([
        'NobodyOutsideOwnerAndTeam',
        'NobodyButTheOwnerWithoutTeam',
        'NobodyOutsideOwnerAndTeamThroughSsm',
        'NobodyButTheOwnerWithoutTeamThroughSsm',
      ]);
    });
  });
});
