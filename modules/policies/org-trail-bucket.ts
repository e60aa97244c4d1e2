/**
 * The org trail's bucket policy, after "Amazon S3 bucket policy for CloudTrail"
 * (organization trails): CloudTrail may check the ACL and write under the
 * management account's and the organization's prefixes, for this trail only.
 */
import { policy, type PolicyDocument } from './document';

export interface OrgTrailBucketPolicyProps {
  readonly bucketArn: string;
  readonly trailArn: string;
  readonly managementAccountId: string;
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
