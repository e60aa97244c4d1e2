/**
 * The org trail's bucket policy, after "Amazon S3 bucket policy for CloudTrail"
 * (organization trails): CloudTrail may check the ACL and write under the
 * management account's and the organization's prefixes, for this trail only.
 */
import { policy, type PolicyDocument } from './document';

export interface OrgTrailBucketPolicyProps {
  /** The trail's bucket (the policy's resource). */
  readonly bucketArn: string;
  /** The organization trail: CloudTrail may write for this trail only. */
  readonly trailArn: string;
  /** The management account, whose own log files the trail writes under `AWSLogs/<id>/`. */
  readonly managementAccountId: string;
  /** The organization (o-...), whose accounts' log files the trail writes under `AWSLogs/<o-id>/`. */
  readonly organizationId: string;
  /**
   * A role of another account that reads the log files (the reconcile sweep's).
   * @default none: only the management account's own principals, by their IAM policies
   */
  readonly reader?: LogReader;
}

/**
 * A reader of the trail's log files in another account. Named through its
 * account with `aws:PrincipalArn`, not as a principal itself: S3 and KMS
 * refuse a policy naming a role that does not exist yet, and the
 * management stack deploys before the central one that creates the role.
 */
export interface LogReader {
  readonly accountId: string;
  readonly roleArn: string;
}

const readerPrincipal = (reader: LogReader) => ({
  Principal: { AWS: `arn:aws:iam::${reader.accountId}:root` },
  Condition: { ArnEquals: { 'aws:PrincipalArn': reader.roleArn } },
});

export const orgTrailBucketPolicy = (props: OrgTrailBucketPolicyProps): PolicyDocument => {
  const thisTrail = { 'aws:SourceArn': props.trailArn };
  return policy(
    {
      Sid: 'CloudTrailAclCheck',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:GetBucketAcl',
      Resource: props.bucketArn,
      Condition: { StringEquals: thisTrail },
    },
    {
      Sid: 'CloudTrailWrite',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:PutObject',
      // Object keys are CloudTrail's own (date, region, file); the prefixes fix the accounts.
      Resource: [`${props.bucketArn}/AWSLogs/${props.managementAccountId}/*`, `${props.bucketArn}/AWSLogs/${props.organizationId}/*`],
      Condition: { StringEquals: { ...thisTrail, 's3:x-amz-acl': 'bucket-owner-full-control' } },
    },
    ...(props.reader
      ? [
          {
            Sid: 'SweepListsLogFiles',
            Effect: 'Allow' as const,
            Action: 's3:ListBucket',
            Resource: props.bucketArn,
            ...readerPrincipal(props.reader),
          },
          {
            Sid: 'SweepReadsLogFiles',
            Effect: 'Allow' as const,
            Action: 's3:GetObject',
            // Both log layouts of the trail: the management account's and the organization's.
            Resource: [`${props.bucketArn}/AWSLogs/${props.managementAccountId}/*`, `${props.bucketArn}/AWSLogs/${props.organizationId}/*`],
            ...readerPrincipal(props.reader),
          },
        ]
      : []),
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [props.bucketArn, `${props.bucketArn}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  );
};

export interface OrgTrailKeyPolicyProps {
  /** The organization trail: CloudTrail may encrypt with the key for this trail only. */
  readonly trailArn: string;
  /** The management account, which owns the key and administers it through IAM. */
  readonly managementAccountId: string;
  /** See `OrgTrailBucketPolicyProps.reader`. @default none */
  readonly reader?: LogReader;
}

/**
 * The key policy of the trail's KMS key, after "Configure AWS KMS key policies
 * for CloudTrail": the account administers it through IAM, CloudTrail may
 * encrypt for this trail only, and the account's principals may decrypt log
 * files of this account's trails (still subject to their IAM policies).
 */
export const orgTrailKeyPolicy = (props: OrgTrailKeyPolicyProps): PolicyDocument => {
  const trailsOfThisAccount = { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${props.managementAccountId}:trail/*` };
  return policy(
    {
      Sid: 'AccountAdministersKeyThroughIam',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${props.managementAccountId}:root` },
      Action: 'kms:*',
      // In a key policy "*" is this key.
      Resource: '*',
    },
    {
      Sid: 'CloudTrailEncryptsForThisTrail',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:GenerateDataKey*',
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceArn': props.trailArn }, StringLike: trailsOfThisAccount },
    },
    {
      Sid: 'CloudTrailDescribesKey',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:DescribeKey',
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceArn': props.trailArn } },
    },
    {
      Sid: 'AccountPrincipalsDecryptTrailLogs',
      Effect: 'Allow',
      // Narrowed to callers of this account by kms:CallerAccount; their IAM policies still apply.
      Principal: { AWS: '*' },
      Action: ['kms:Decrypt', 'kms:ReEncryptFrom'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:CallerAccount': props.managementAccountId }, StringLike: trailsOfThisAccount },
    },
    ...(props.reader
      ? [
          {
            Sid: 'SweepDecryptsTrailLogs',
            Effect: 'Allow' as const,
            Principal: { AWS: `arn:aws:iam::${props.reader.accountId}:root` },
            Action: 'kms:Decrypt',
            Resource: '*',
            Condition: { ArnEquals: { 'aws:PrincipalArn': props.reader.roleArn }, StringLike: trailsOfThisAccount },
          },
        ]
      : []),
  );
};
