/**
 * The real dependencies of reconcile, shared by the command and the sweep
 * function: the tagger role's sessions assumed with the caller's STS client
 * (the sweep role's credentials), the trail bucket read with an S3 client of
 * the caller's, LookupEvents as the tagger role where the bucket cannot be
 * read, and the function's own tag flow.
 */
import { CloudTrailClient, type CloudTrailClientConfig } from '@aws-sdk/client-cloudtrail';
import type { S3Client } from '@aws-sdk/client-s3';
import { SUPPORTED_EVENT_NAMES } from '../tagger/catalogue';
import { CLIENT_CONFIG, createSessions, type AssumeRoleClient, type SessionDeps } from '../tagger/credentials';
import type { Settings } from '../tagger/environment';
import { createEventTagger, type HandlerDeps } from '../tagger/handler';
import { limiterPerKey } from './limiter';
import type { ReconcileDeps } from './reconcile';
import { isUnreadable, lookUpEvents, readTrailBucket, type Records } from './sources';
import type { TrailLocation } from './records';

/** LookupEvents' quota: about 2 requests per second per account and region. */
export const LOOKUP_EVENTS_PER_SECOND = 2;

export interface WiringOptions {
  readonly settings: Settings;
  /** Assumes the tagger role (its credentials: the sweep role's). */
  readonly sts: AssumeRoleClient;
  /** The trail's bucket; without it, only LookupEvents. @default none */
  readonly trail?: TrailLocation & { readonly s3: S3Client; readonly bucket: string };
  /** Records from this time on. */
  readonly since: Date;
  /** @default now */
  readonly until?: Date;
  readonly logger: HandlerDeps['logger'];
  readonly metrics: HandlerDeps['metrics'];
  /** LookupEvents requests per second per account and region. @default LOOKUP_EVENTS_PER_SECOND */
  readonly lookupEventsPerSecond?: number;
  /** How the EC2 and CloudTrail clients are made (tests and the bench count calls through them). @default the SDK's constructors */
  readonly clients?: Pick<SessionDeps, 'ec2Client'> & { readonly cloudtrail?: (config: CloudTrailClientConfig) => CloudTrailClient };
}

export const wireReconcile = ({
  settings,
  sts,
  trail,
  since,
  until = new Date(),
  logger,
  metrics,
  clients = {},
  lookupEventsPerSecond = LOOKUP_EVENTS_PER_SECOND,
}: WiringOptions): ReconcileDeps => {
  const sessions = createSessions(settings, { sts, ...(clients.ec2Client && { ec2Client: clients.ec2Client }) });
  const cloudtrail = clients.cloudtrail ?? ((config: CloudTrailClientConfig) => new CloudTrailClient(config));
  const limiter = limiterPerKey({ perSecond: lookupEventsPerSecond });
  // Once the bucket answers "denied", every target goes to LookupEvents without asking it again.
  let bucketReadable = trail !== undefined;
  const lookup = (account: string, region: string): Promise<Records> =>
    lookUpEvents(
      {
        cloudtrail: cloudtrail({
          ...CLIENT_CONFIG,
          // Throttling is likely at 2 requests per second: more tries, with the SDK's adaptive backoff.
          maxAttempts: 8,
          region,
          credentials: () => sessions.credentials(account, region),
        }),
        limiter: limiter(`${account}/${region}`),
      },
      SUPPORTED_EVENT_NAMES,
      since,
      until,
    );
  const records = async (account: string, region: string): Promise<Records> => {
    if (trail && bucketReadable) {
      try {
        return await readTrailBucket(trail, account, region, since, until);
      } catch (error) {
        if (!isUnreadable(error)) throw error;
        logger.warn('trail bucket not readable: using LookupEvents', { bucket: trail.bucket, error: (error as Error).name });
        bucketReadable = false;
      }
    }
    return lookup(account, region);
  };
  return { settings, sessions, records, tagEvent: createEventTagger({ settings, sessions, logger, metrics }), logger };
};
