import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { arn } from '../naming';
import { toTerraformJson } from '../policies/document';
import { orgTrailBucketPolicy, orgTrailKeyPolicy, type LogReader } from '../policies/org-trail-bucket';

export interface OrgTrailProps {
  /** The organization trail's name. */
  readonly trailName: string;
  /** The S3 bucket the trail writes its log files to (created here, with its policy and encryption key). */
  readonly bucketName: string;
  /** The organization (o-...) whose accounts the trail records; the bucket policy admits its log files only. */
  readonly organizationId: string;
  /** The management account the trail and its bucket live in. */
  readonly managementAccountId: string;
  /** The trail's home region (it records every region regardless). */
  readonly region: string;
  /** The AWS provider of `region` (an alias per region: AWS provider 5.x has no resource-level region). */
  readonly provider: TerraformProvider;
  /** Days before log files (and their noncurrent versions) expire. */
  readonly logRetentionDays: number;
  /**
   * A role of another account that reads the log files (the reconcile sweep's): the bucket and key policies admit it.
   * @default none
   */
  readonly logReader?: LogReader;
}

/**
 * The organization trail: records management events of every account and
 * region, which is what puts "AWS API Call via CloudTrail" events on each
 * member's default bus. Must be deployed in the management account.
 */
export class OrgTrail extends Construct {
  readonly trail: Cloudtrail;
  readonly bucket: S3Bucket;
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: OrgTrailProps) {
    super(scope, id);
    const provider = props.provider;
    const trailArn = arn.trail(props.region, props.managementAccountId, props.trailName);

    this.key = new KmsKey(this, 'key', {
      provider,
      description: `auto-tag: encrypts the log files of the organization trail ${props.trailName}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: toTerraformJson(orgTrailKeyPolicy({ trailArn, managementAccountId: props.managementAccountId, reader: props.logReader })),
    });
    new KmsAlias(this, 'key-alias', { provider, name: `alias/${props.trailName}`, targetKeyId: this.key.keyId });

    this.bucket = new S3Bucket(this, 'bucket', { provider, bucket: props.bucketName });
    const bucketId = this.bucket.id;
    new S3BucketPublicAccessBlock(this, 'public-access-block', {
      provider,
      bucket: bucketId,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    // Bucket owner owns every object; ACLs are ignored (CloudTrail's bucket-owner-full-control still applies).
    new S3BucketOwnershipControls(this, 'ownership', { provider, bucket: bucketId, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    new S3BucketVersioningA(this, 'versioning', { provider, bucket: bucketId, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      provider,
      bucket: bucketId,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: this.key.arn }, bucketKeyEnabled: true }],
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      provider,
      bucket: bucketId,
      rule: [
        {
          id: 'expire-trail-logs',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          expiration: [{ days: props.logRetentionDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.logRetentionDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });
    const bucketPolicy = new S3BucketPolicy(this, 'policy', {
      provider,
      bucket: bucketId,
      policy: toTerraformJson(
        orgTrailBucketPolicy({
          bucketArn: `arn:aws:s3:::${props.bucketName}`,
          trailArn,
          managementAccountId: props.managementAccountId,
          organizationId: props.organizationId,
          reader: props.logReader,
        }),
      ),
    });

    this.trail = new Cloudtrail(this, 'trail', {
      provider,
      name: props.trailName,
      s3BucketName: bucketId,
      isOrganizationTrail: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      kmsKeyId: this.key.arn,
      // CloudTrail checks the bucket policy when the trail is created.
      dependsOn: [bucketPolicy],
    });
  }
}
