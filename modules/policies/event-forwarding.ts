/** Policies on the path member default bus -> central bus. */
import { policy, type PolicyDocument } from './document';

/** On each central bus: only principals of the organization may put events. */
export const centralBusPolicy = (props: { readonly busArn: string; readonly organizationId: string }): PolicyDocument =>
  policy({
    Sid: 'PutEventsFromOrganizationOnly',
    Effect: 'Allow',
    // "*" is narrowed by aws:PrincipalOrgID: listing accounts would need a central change per onboarding.
    Principal: '*',
    Action: 'events:PutEvents',
    Resource: props.busArn,
    Condition: { StringEquals: { 'aws:PrincipalOrgID': props.organizationId } },
  });

/** The member's forwarding role may put events on the central buses of its regions and nowhere else. */
export const forwardingRolePermissions = (props: { readonly centralBusArns: readonly string[] }): PolicyDocument =>
  policy({
    Sid: 'PutEventsOnCentralBusesOnly',
    Effect: 'Allow',
    Action: 'events:PutEvents',
    Resource: props.centralBusArns,
  });

/** Lets EventBridge park events the central rule could not deliver, for that rule only. */
export const deadLetterQueuePolicy = (props: { readonly queueArn: string; readonly ruleArn: string }): PolicyDocument =>
  policy({
    Sid: 'UndeliverableEventsFromTheCentralRule',
    Effect: 'Allow',
    Principal: { Service: 'events.amazonaws.com' },
    Action: 'sqs:SendMessage',
    Resource: props.queueArn,
    Condition: { ArnEquals: { 'aws:SourceArn': props.ruleArn } },
  });
