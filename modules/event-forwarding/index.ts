import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { cloudTrailEventPattern } from '../event-pattern';
import { RoleWithPolicy } from '../iam-role';
import { arn } from '../naming';
import type { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { addDeadLetterQueue } from '../dead-letter-queue';
import { toTerraformJson } from '../policies/document';
import { deadLetterQueuePolicy, forwardingRolePermissions } from '../policies/event-forwarding';
import { serviceTrustPolicy } from '../policies/service-trust';

export interface EventForwardingProps {
  /** The member account whose default buses forward (the forwarding roles trust its rules only). */
  readonly accountId: string;
  /** The regions to forward from: one rule, target, role and dead-letter queue each. */
  readonly regions: readonly string[];
  /** The AWS provider of a region (an alias per region: AWS provider 5.x has no resource-level region). */
  readonly provider: (region: string) => TerraformProvider;
  /** The forwarding rule's name on each region's default bus. */
  readonly ruleName: string;
  /** The forwarding role's name in a region (one role per region). */
  readonly roleName: (region: string) => string;
  /** The central account, whose bus in the same region each rule targets. */
  readonly centralAccountId: string;
  /** The central bus's name (the same in every region). */
  readonly centralBusName: string;
  /** The dead-letter queue of each region's forwarding target (same name in every region). */
  readonly deadLetterQueueName: string;
}

/**
 * In each region of a member account, a rule on the default bus that sends the
 * supported CloudTrail events to the central bus of the same region, through a
 * role of that region's own. EventBridge keeps the event's `account` and
 * `region`, which is what the tagger acts on.
 */
export class EventForwarding extends Construct {
  readonly roles: readonly RoleWithPolicy['role'][];
  readonly rules: readonly CloudwatchEventRule[];

  constructor(scope: Construct, id: string, props: EventForwardingProps) {
    super(scope, id);
    const forwardings = props.regions.map((region) => forwardRegion(this, region, region, props));
    this.rules = forwardings.map((f) => f.rule);
    this.roles = forwardings.map((f) => f.role);
  }
}

/** The settings of one region's forwarding: those of `EventForwarding` but the region list. */
export type RegionForwardingProps = Omit<EventForwardingProps, 'regions'>;

/**
 * One region's forwarding (role, rule, dead-letter queue with its alarm and
 * policy, target), created directly in `scope` with construct ids
 * `<part>-<id>`, which are Terraform addresses: `EventForwarding` passes the
 * region's name, the `member-regional` Terraform module (whose region is its
 * caller's provider's) a fixed id.
 */
export const forwardRegion = (
  scope: Construct,
  id: string,
  region: string,
  props: RegionForwardingProps,
): { rule: CloudwatchEventRule; role: RoleWithPolicy['role']; deadLetterQueue: SqsQueue } => {
  const centralBusArn = arn.eventBus(region, props.centralAccountId, props.centralBusName);
  // A role per region, so a rule can reach its own region's bus only.
  const { role } = new RoleWithPolicy(scope, `role-${id}`, {
    roleName: props.roleName(region),
    description: `auto-tag: lets EventBridge forward CloudTrail events to the central bus in ${region}`,
    trust: serviceTrustPolicy('events.amazonaws.com', props.accountId, [arn.rule(region, props.accountId, 'default', props.ruleName)]),
    policyName: 'put-events-on-central-bus',
    permissions: forwardingRolePermissions({ centralBusArn }),
  });
  const provider = props.provider(region);
  const rule = new CloudwatchEventRule(scope, `rule-${id}`, {
    provider,
    name: props.ruleName,
    description: 'auto-tag: forward supported EC2 create calls to the central bus',
    eventBusName: 'default',
    eventPattern: JSON.stringify(cloudTrailEventPattern()),
  });
  // Events the central bus refuses (or that outlive EventBridge's retries)
  // are parked here, and the alarm says so, instead of vanishing.
  const { queue } = addDeadLetterQueue(scope, {
    provider,
    queueName: props.deadLetterQueueName,
    alarmDescription: `auto-tag: events that could not be forwarded to the central bus in ${region} are waiting in the dead-letter queue`,
    ids: { queue: `dlq-${id}`, alarm: `dlq-alarm-${id}` },
  });
  new SqsQueuePolicy(scope, `dlq-policy-${id}`, {
    provider,
    queueUrl: queue.url,
    policy: toTerraformJson(deadLetterQueuePolicy({ queueArn: queue.arn, ruleArn: rule.arn })),
  });
  new CloudwatchEventTarget(scope, `target-${id}`, {
    provider,
    rule: rule.name,
    eventBusName: 'default',
    targetId: 'central-bus',
    arn: centralBusArn,
    roleArn: role.arn,
    deadLetterConfig: { arn: queue.arn },
  });
  return { rule, role, deadLetterQueue: queue };
};
