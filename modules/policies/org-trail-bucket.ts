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
}

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
      Resource: [
        `${props.bucketArn}/AWSLogs/${props.managementAccountId}/*`,
        `${props.bucketArn}/AWSLogs/${props.organizationId}/*`,
      ],
      Condition: { StringEquals: { ...thisTrail, 's3:x-amz-acl': 'bucket-owner-full-control' } },
    },
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
  );
};
