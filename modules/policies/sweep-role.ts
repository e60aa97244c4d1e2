/**
 * The reconcile sweep's roles in the central account: the function's
 * execution role (it reads the trail's log files and becomes the tagger in
 * each member account) and the role EventBridge Scheduler invokes it with.
 */
import { arn } from '../naming';
import { policy, type PolicyDocument } from './document';

export interface SweepRoleTrustProps {
  readonly accountId: string;
  /**
   * The central account's deploy role: the reconcile command runs a backfill
   * as the sweep role through it. It can already change the tagger function's
   * code (the central guard SCP leaves that to it alone), so trusting it
   * gives it nothing it does not have.
   */
  readonly deployRoleArn: string;
}

export const sweepRoleTrustPolicy = (props: SweepRoleTrustProps): PolicyDocument =>
  policy(
    {
      Sid: 'LambdaForThisAccountOnly',
      Effect: 'Allow',
      Principal: { Service: 'lambda.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } },
    },
    {
      Sid: 'TheReconcileCommandThroughTheDeployRole',
      Effect: 'Allow',
      Principal: { AWS: props.deployRoleArn },
      Action: 'sts:AssumeRole',
    },
  );

/** Where the sweep reads creation records: the trail's bucket (in the management account) and its key prefix. */
export interface TrailReadProps {
  readonly bucket: string;
  /** @default none */
  readonly keyPrefix?: string;
  /** The trail's account (the management account): its KMS key encrypts the log files. */
  readonly trailAccountId: string;
  readonly region: string;
}

export interface SweepRolePermissionsProps {
  readonly accountId: string;
  /** The sweep's region (the home region). */
  readonly region: string;
  readonly organizationId: string;
  readonly logGroupName: string;
  readonly taggerRoleName: string;
  /** The trail's log files; absent: the sweep reads LookupEvents only (as the tagger role). @default none */
  readonly trail?: TrailReadProps;
}

/** The log files' keys under the trail's prefix: `[<prefix>/]AWSLogs/`. */
export const trailLogsPrefix = (keyPrefix?: string): string => `${keyPrefix ? `${keyPrefix}/` : ''}AWSLogs/`;

export const sweepRolePermissions = (props: SweepRolePermissionsProps): PolicyDocument => {
  const trail = props.trail;
  const logs = trail && trailLogsPrefix(trail.keyPrefix);
  return policy(
    {
      Sid: 'WriteOwnLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      // Streams are created per execution environment, so their names are unknown: ":*" is the stream part.
      Resource: `${arn.logGroup(props.region, props.accountId, props.logGroupName)}:*`,
    },
    {
      Sid: 'AssumeTaggerRoleInsideOrganization',
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      // Any account, as for the tagger function: onboarding an account needs no
      // central redeploy. aws:ResourceOrgID keeps it inside the organization; the
      // tagger role's trust and the organization's RCP name this role.
      Resource: `arn:aws:iam::*:role/${props.taggerRoleName}`,
      Condition: { StringEquals: { 'aws:ResourceOrgID': props.organizationId } },
    },
    ...(trail && logs
      ? [
          {
            Sid: 'ListTrailLogFiles',
            Effect: 'Allow' as const,
            Action: 's3:ListBucket',
            Resource: `arn:aws:s3:::${trail.bucket}`,
            Condition: { StringLike: { 's3:prefix': `${logs}*` } },
          },
          {
            Sid: 'ReadTrailLogFiles',
            Effect: 'Allow' as const,
            Action: 's3:GetObject',
            Resource: `arn:aws:s3:::${trail.bucket}/${logs}*`,
          },
          {
            Sid: 'DecryptTrailLogFiles',
            Effect: 'Allow' as const,
            Action: 'kms:Decrypt',
            // The trail's key, whose id lives in another account's state: any key of
            // that account and region, narrowed to S3 reads of CloudTrail's log files.
            Resource: `arn:aws:kms:${trail.region}:${trail.trailAccountId}:key/*`,
            Condition: {
              StringEquals: { 'kms:ViaService': `s3.${trail.region}.amazonaws.com` },
              StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${trail.trailAccountId}:trail/*` },
            },
          },
        ]
      : []),
  );
};

export interface SweepSchedulerProps {
  readonly accountId: string;
  readonly sweepFunctionArn: string;
  readonly scheduleArn: string;
}

/** EventBridge Scheduler, for this account's sweep schedule only (confused deputy closed by aws:SourceArn). */
export const sweepSchedulerTrustPolicy = (props: SweepSchedulerProps): PolicyDocument =>
  policy({
    Sid: 'SchedulerForTheSweepScheduleOnly',
    Effect: 'Allow',
    Principal: { Service: 'scheduler.amazonaws.com' },
    Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'aws:SourceAccount': props.accountId }, ArnEquals: { 'aws:SourceArn': props.scheduleArn } },
  });

export const sweepSchedulerPermissions = (props: SweepSchedulerProps): PolicyDocument =>
  policy({
    Sid: 'InvokeTheSweep',
    Effect: 'Allow',
    Action: 'lambda:InvokeFunction',
    // The function and its versions (the schedule invokes the unqualified function).
    Resource: [props.sweepFunctionArn, `${props.sweepFunctionArn}:*`],
  });
