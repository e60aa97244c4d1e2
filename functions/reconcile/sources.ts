/**
 * Where creation records come from, at the AWS edges. Primary: the trail's
 * log files in S3 (every event the trail kept, as old as the bucket's
 * retention, no per-account rate limit). Secondary, where the bucket cannot
 * be read: CloudTrail LookupEvents in the account and region itself (90
 * days, about 2 requests per second per account and region).
 */
import { type CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { mapConcurrently, type RateLimiter } from './limiter';
import { keyOnOrAfter, logPrefixes, parseLogFile, type TrailLocation } from './records';

/** The records a source returned and the calls it took (for the report and the bench). */
export interface Records {
  readonly records: unknown[];
  readonly source: 's3' | 'lookup-events';
  /** Log files read (S3) or pages read (LookupEvents). */
  readonly reads: number;
  /** Log files or events that could not be parsed: logged and skipped by the caller. */
  readonly malformed: readonly string[];
}

export interface TrailBucket extends TrailLocation {
  readonly s3: S3Client;
  readonly bucket: string;
}

// Log files are small (KBs to a few MB); a few at once keep the connection pool busy without piling up memory.
const PARALLEL_GETS = 8;

/** Every record in the trail's log files of `account` and `region` from `since` on (both key layouts). */
export const readTrailBucket = async (
  { s3, bucket, ...location }: TrailBucket,
  account: string,
  region: string,
  since: Date,
  until: Date,
): Promise<Records> => {
  const keys: string[] = [];
  for (const Prefix of logPrefixes(location, account, region, since, until)) {
    let ContinuationToken: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix, ContinuationToken }));
      keys.push(...(page.Contents ?? []).flatMap(({ Key }) => (Key?.endsWith('.json.gz') && keyOnOrAfter(Key, since) ? [Key] : [])));
      ContinuationToken = page.NextContinuationToken;
    } while (ContinuationToken);
  }
  const malformed: string[] = [];
  const files = await mapConcurrently(keys, PARALLEL_GETS, async (Key) => {
    const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key }));
    try {
      return parseLogFile(Key, await Body!.transformToByteArray());
    } catch (error) {
      malformed.push((error as Error).message);
      return [];
    }
  });
  return { records: files.flat(), source: 's3', reads: keys.length, malformed };
};

/**
 * Whether an S3 error means "this caller cannot read the bucket" (so
 * LookupEvents is used instead), not an outage: a denial or no such bucket,
 * by its code or, where S3 answers without a body (a denied HEAD), by status 403.
 */
export const isUnreadable = (error: unknown): boolean =>
  error instanceof Error &&
  (['AccessDenied', 'NoSuchBucket', 'AllAccessDisabled', 'InvalidAccessKeyId', 'KMS.AccessDeniedException'].includes(error.name) ||
    (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 403);

export interface LookupEventsSource {
  readonly cloudtrail: CloudTrailClient;
  /** Shared by every call in this account and region. */
  readonly limiter: RateLimiter;
}

/**
 * Every record of the given event names since `since`, one query per name
 * (LookupEvents takes one attribute per call: by name, only the catalogue's
 * events come back, not every read-only Describe of the account).
 */
export const lookUpEvents = async (
  { cloudtrail, limiter }: LookupEventsSource,
  eventNames: readonly string[],
  since: Date,
  until: Date,
): Promise<Records> => {
  const records: unknown[] = [];
  const malformed: string[] = [];
  let reads = 0;
  for (const name of eventNames) {
    let NextToken: string | undefined;
    do {
      await limiter.take();
      const page = await cloudtrail.send(
        new LookupEventsCommand({
          LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: name }],
          StartTime: since,
          EndTime: until,
          NextToken,
        }),
      );
      reads++;
      for (const event of page.Events ?? []) {
        // The full record, as the trail would have written it.
        try {
          records.push(JSON.parse(event.CloudTrailEvent ?? ''));
        } catch {
          malformed.push(`LookupEvents event ${event.EventId}: CloudTrailEvent is not JSON`);
        }
      }
      NextToken = page.NextToken;
    } while (NextToken);
  }
  return { records, source: 'lookup-events', reads, malformed };
};
