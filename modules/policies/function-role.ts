/** What the central tagger function's execution role may do. */
import { arn } from '../naming';
import { policy, type PolicyDocument } from './document';
import { perRegion } from './lists';

export interface FunctionRolePermissionsProps {
  /** The central account the function runs in. */
  readonly accountId: string;
  /** The regions the function is deployed in (its log group, queue and function ARN in each). */
  readonly regions: readonly string[];
  /** The tagger role may be assumed only in accounts of this organization (o-...). */
  readonly organizationId: string;
  /** The function's log group (the same name in every region). */
  readonly logGroupName: string;
  /** The tagger role's name in every member account. */
  readonly taggerRoleName: string;
  /** The function's dead-letter queue (the same name in every region). */
  readonly deadLetterQueueName: string;
  /** The tagger function's name (the same in every region): only its code may use the role to become the tagger. */
  readonly functionName: string;
}

export const functionRolePermissions = (props: FunctionRolePermissionsProps): PolicyDocument =>
  policy(
    {
      Sid: 'WriteOwnLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      // Streams are created per execution environment, so their names are unknown: ":*" is the stream part.
      Resource: perRegion(props.regions, (region) => `${arn.logGroup(region, props.accountId, props.logGroupName)}:*`),
    },
    {
      Sid: 'AssumeTaggerRoleInsideOrganization',
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      // Any account: onboarding an account must not need a central redeploy (nor
      // hit the policy size limit at hundreds of accounts). aws:ResourceOrgID
      // keeps it inside the organization, the role name to the tagger role.
      Resource: `arn:aws:iam::*:role/${props.taggerRoleName}`,
      Condition: {
        StringEquals: { 'aws:ResourceOrgID': props.organizationId },
        // Lambda adds lambda:SourceFunctionArn to every call the function's code
        // makes: the role's credentials used anywhere else cannot become the
        // tagger. (AWS supports the key in identity policies and SCPs, not in
        // a role's trust policy.)
        ArnEquals: {
          'lambda:SourceFunctionArn': perRegion(props.regions, (region) => arn.lambdaFunction(region, props.accountId, props.functionName)),
        },
      },
    },
    {
      Sid: 'SendFailedEventsToDeadLetterQueue',
      Effect: 'Allow',
      Action: 'sqs:SendMessage',
      Resource: perRegion(props.regions, (region) => arn.queue(region, props.accountId, props.deadLetterQueueName)),
    },
  );
