import { Construct } from 'constructs';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { cloudTrailEventPattern } from '../event-pattern';
import { RoleWithPolicy } from '../iam-role';
import { arn } from '../naming';
import { forwardingRolePermissions } from '../policies/event-forwarding';
import { serviceTrustPolicy } from '../policies/service-trust';

export interface EventForwardingProps {
  readonly accountId: string;
  readonly regions: readonly string[];
  readonly ruleName: string;
  readonly roleName: string;
  readonly centralAccountId: string;
  readonly centralBusName: string;
}

/**
 * In each region of a member account, a rule on the default bus that sends the
 * supported CloudTrail events to the central bus of the same region. EventBridge
 * keeps the event's `account` and `region`, which is what the tagger acts on.
 */
export class EventForwarding extends Construct {
  readonly role: RoleWithPolicy['role'];
  readonly rules: readonly CloudwatchEventRule[];

  constructor(scope: Construct, id: string, props: EventForwardingProps) {
    super(scope, id);
    const centralBusArn = (region: string) => arn.eventBus(region, props.centralAccountId, props.centralBusName);

    const forwarding = new RoleWithPolicy(this, 'role', {
      roleName: props.roleName,
      description: 'auto-tag: lets EventBridge forward CloudTrail events to the central bus',
      trust: serviceTrustPolicy(
        'events.amazonaws.com',
        props.accountId,
        props.regions.map((region) => arn.rule(region, props.accountId, 'default', props.ruleName)),
      ),
      policyName: 'put-events-on-central-bus',
      permissions: forwardingRolePermissions({ centralBusArns: props.regions.map(centralBusArn) }),
    });
    this.role = forwarding.role;

    this.rules = props.regions.map((region) => {
      const rule = new CloudwatchEventRule(this, `rule-${region}`, {
        region,
        name: props.ruleName,
        description: 'auto-tag: forward supported EC2 create calls to the central bus',
        eventBusName: 'default',
        eventPattern: JSON.stringify(cloudTrailEventPattern()),
      });
      new CloudwatchEventTarget(this, `target-${region}`, {
        region,
        rule: rule.name,
        eventBusName: 'default',
        targetId: 'central-bus',
        arn: centralBusArn(region),
        roleArn: this.role.arn,
      });
      return rule;
    });
  }
}
