/**
 * An organization trail's bucket, written the way CloudTrail writes it:
 * gzipped `{"Records": [...]}` files under
 * `AWSLogs/<orgId>/<account>/CloudTrail/<region>/YYYY/MM/DD/` (and the
 * single-account layout without the organization), into moto's S3.
 */
import { CreateBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';

const pad = (n: number) => String(n).padStart(2, '0');

/** CloudTrail's log file key for `account` and `region` on `day`. */
export const logFileKey = (
  location: { organizationId?: string; keyPrefix?: string },
  account: string,
  region: string,
  day: Date,
): string => {
  const date = `${day.getUTCFullYear()}/${pad(day.getUTCMonth() + 1)}/${pad(day.getUTCDate())}`;
  const stamp = `${day.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '').slice(0, 13)}Z`;
  const org = location.organizationId ? `${location.organizationId}/` : '';
  return `${location.keyPrefix ? `${location.keyPrefix}/` : ''}AWSLogs/${org}${account}/CloudTrail/${region}/${date}/${account}_CloudTrail_${region}_${stamp}_${randomBytes(8).toString('hex')}.json.gz`;
};

export const createTrailBucket = (s3: S3Client, bucket: string, region: string) =>
  s3.send(
    new CreateBucketCommand({
      Bucket: bucket,
      ...(region !== 'us-east-1' && { CreateBucketConfiguration: { LocationConstraint: region as never } }),
    }),
  );

/** Writes one log file holding `records`; returns its key. */
export const putLogFile = async (s3: S3Client, bucket: string, key: string, records: readonly unknown[]): Promise<string> => {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: gzipSync(JSON.stringify({ Records: records })) }));
  return key;
};
