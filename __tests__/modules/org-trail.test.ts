import { iamDocument, only, regionOf, synthOrganization } from '../support/synth';

describe('OrgTrail (management stack)', () => {
  const management = synthOrganization().management;
  const trail = only(management, 'aws_cloudtrail');
  const bucketName = 'auto-tag-org-trail-111111111111';
  const keyArn = expect.stringMatching(/^\$\{aws_kms_key\..+\.arn\}$/);
  const trailArn = 'arn:aws:cloudtrail:eu-west-1:111111111111:trail/auto-tag-org-trail';

  it('records every account and region of the organization, with log file validation', () => {
    expect(trail).toMatchObject({
      name: 'auto-tag-org-trail',
      is_organization_trail: true,
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
    });
    expect(regionOf(management, trail)).toBe('eu-west-1');
    expect(trail.s3_bucket_name).toMatch(/^\$\{aws_s3_bucket\..+\.id\}$/);
    expect(trail.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_policy\./)]);
  });

  it('keeps the logs in a private, versioned, encrypted bucket with a retention', () => {
    expect(only(management, 'aws_s3_bucket').bucket).toBe(bucketName);
    expect(only(management, 'aws_s3_bucket_public_access_block')).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(only(management, 'aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
    expect(only(management, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: keyArn }, bucket_key_enabled: true },
    ]);
    expect(only(management, 'aws_s3_bucket_lifecycle_configuration').rule[0].expiration).toEqual([{ days: 365 }]);
  });

  it('lets CloudTrail write for this trail only (aws:SourceArn), under the account and organization prefixes', () => {
    const doc = iamDocument(only(management, 'aws_s3_bucket_policy').policy);
    const write = doc.Statement.find((s: any) => s.Sid === 'CloudTrailWrite');
    expect(write.Resource).toEqual([
      `arn:aws:s3:::${bucketName}/AWSLogs/111111111111/*`,
      `arn:aws:s3:::${bucketName}/AWSLogs/o-a1b2c3d4e5/*`,
    ]);
    expect(write.Condition.StringEquals).toEqual({ 'aws:SourceArn': trailArn, 's3:x-amz-acl': 'bucket-owner-full-control' });
    const acl = doc.Statement.find((s: any) => s.Sid === 'CloudTrailAclCheck');
    expect(acl.Condition.StringEquals).toEqual({ 'aws:SourceArn': trailArn });
    expect(doc.Statement.find((s: any) => s.Effect === 'Deny').Condition).toEqual({ Bool: { 'aws:SecureTransport': 'false' } });
  });

  it('encrypts log files with a rotated customer managed key that CloudTrail may use for this trail only', () => {
    expect(trail.kms_key_id).toEqual(keyArn);
    const key = only(management, 'aws_kms_key');
    expect(key).toMatchObject({ enable_key_rotation: true });
    expect(regionOf(management, key)).toBe('eu-west-1');
    const statements = iamDocument(key.policy).Statement;
    const encrypt = statements.find((s: any) => s.Action === 'kms:GenerateDataKey*');
    expect(encrypt).toMatchObject({
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Condition: {
        StringEquals: { 'aws:SourceArn': trailArn },
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:111111111111:trail/*' },
      },
    });
    const decrypt = statements.find((s: any) => s.Sid === 'AccountPrincipalsDecryptTrailLogs');
    expect(decrypt.Condition.StringEquals).toEqual({ 'kms:CallerAccount': '111111111111' });
  });

  it('takes the trail name and bucket from config when given', () => {
    const custom = synthOrganization({
      orgTrail: { create: true, name: 'org-trail', bucketName: 'acme-trail-logs', logRetentionDays: 30 },
    }).management;
    expect(only(custom, 'aws_cloudtrail').name).toBe('org-trail');
    expect(only(custom, 'aws_s3_bucket').bucket).toBe('acme-trail-logs');
  });
});
