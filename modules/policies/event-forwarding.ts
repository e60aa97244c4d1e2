/** Policies on the path member default bus -> central bus. */
import { policy, type PolicyDocument } from './document';

export interface CentralBusPolicyProps {
  /** The central bus the policy is attached to (its resource). */
  readonly busArn: string;
  /** Only principals of this organization (o-...) may put events on the bus. */
  readonly organizationId: string;
  /** The forwarding role's name (the same in every member account) for this bus's region. */
  readonly forwardingRoleName: string;
}

/** On each central bus: only the forwarding roles of the organization's accounts may put events. */
export const centralBusPolicy = (props: CentralBusPolicyProps): PolicyDocument =>
  policy({
    Sid: 'PutEventsFromOrganizationForwardersOnly',
    Effect: 'Allow',
    // "*" is narrowed by aws:PrincipalOrgID and the role name: listing accounts
    // would need a central change per onboarding.
    Principal: '*',
    Action: 'events:PutEvents',
    Resource: props.busArn,
    Condition: {
      StringEquals: { 'aws:PrincipalOrgID': props.organizationId },
      ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::*:role/${props.forwardingRoleName}` },
    },
  });

/** A member's forwarding role of one region may put events on that region's central bus and nowhere else. */
export const forwardingRolePermissions = (props: { readonly centralBusArn: string }): PolicyDocument =>
  policy({
    Sid: 'PutEventsOnThisRegionsCentralBusOnly',
    Effect: 'Allow',
    Action: 'events:PutEvents',
    Resource: props.centralBusArn,
  });

/** Lets EventBridge park events a rule (the central one, or a member's forwarding rule) could not deliver, for that rule only. */
export const deadLetterQueuePolicy = (props: { readonly queueArn: string; readonly ruleArn: string }): PolicyDocument =>
  policy({
    Sid: 'UndeliverableEventsFromThisRuleOnly',
    Effect: 'Allow',
    Principal: { Service: 'events.amazonaws.com' },
    Action: 'sqs:SendMessage',
    Resource: props.queueArn,
    Condition: { ArnEquals: { 'aws:SourceArn': props.ruleArn } },
  });
