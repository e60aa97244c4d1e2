/**
 * The contract between the central stack and the sweep function: the
 * variables the stack sets (`renderSweepEnvironment`) and the function reads
 * (`readSweepSettings`). The tagger's own variables (role, tag keys,
 * namespace) come first, read by the tagger's contract: the sweep writes the
 * same tags as the same role. Pure, loaded at synth. A wrong value is a
 * deployment bug: it throws at cold start, naming the variable.
 */
import { readSettings, renderEnvironment, type Settings } from '../tagger/environment';

export interface SweepSettings {
  readonly tagger: Settings;
  /** TRAIL_BUCKET: the trail's bucket; empty: LookupEvents only. @default none */
  readonly trailBucket?: string;
  /** TRAIL_BUCKET_REGION: the bucket's region. Required with TRAIL_BUCKET. */
  readonly trailBucketRegion?: string;
  /** TRAIL_KEY_PREFIX: the trail's S3 key prefix. @default none */
  readonly trailKeyPrefix?: string;
  /** ORGANIZATION_ID: the org trail's files are under it. */
  readonly organizationId: string;
  /** LOOKBACK_DAYS: how far back creation records are read. @default 90 */
  readonly lookbackDays: number;
}

export const SWEEP_VARIABLES = {
  trailBucket: 'TRAIL_BUCKET',
  trailBucketRegion: 'TRAIL_BUCKET_REGION',
  trailKeyPrefix: 'TRAIL_KEY_PREFIX',
  organizationId: 'ORGANIZATION_ID',
  lookbackDays: 'LOOKBACK_DAYS',
} as const;

export const SWEEP_DEFAULTS = { lookbackDays: 90 } as const;

/**
 * The sweep's POWERTOOLS_SERVICE_NAME: the `service` of its log lines and
 * the `service` dimension of its metrics. Its own, not the tagger's, so the
 * tagger's alarms and dashboard count live events only, and the sweep's
 * repairs and failures are told apart from them.
 */
export const SWEEP_SERVICE_NAME = 'auto-tag-reconcile';

type Env = Readonly<Record<string, string | undefined>>;

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const KEY_PREFIX = /^[\w!.*'()/-]*[^/]$/;

const invalid = (name: string, value: string | undefined, rule: string): Error =>
  new Error(`${name} is ${value === undefined || value === '' ? 'not set' : `invalid: ${JSON.stringify(value)}`} (${rule})`);

export const readSweepSettings = (env: Env): SweepSettings => {
  const trailBucket = env[SWEEP_VARIABLES.trailBucket] || undefined;
  if (trailBucket !== undefined && !BUCKET.test(trailBucket)) throw invalid(SWEEP_VARIABLES.trailBucket, trailBucket, 'an S3 bucket name');
  const trailBucketRegion = env[SWEEP_VARIABLES.trailBucketRegion] || undefined;
  if (trailBucket !== undefined && !(trailBucketRegion && REGION.test(trailBucketRegion))) {
    throw invalid(SWEEP_VARIABLES.trailBucketRegion, trailBucketRegion, `the region of ${SWEEP_VARIABLES.trailBucket}`);
  }
  const trailKeyPrefix = env[SWEEP_VARIABLES.trailKeyPrefix] || undefined;
  if (trailKeyPrefix !== undefined && !KEY_PREFIX.test(trailKeyPrefix))
    throw invalid(SWEEP_VARIABLES.trailKeyPrefix, trailKeyPrefix, 'an S3 key prefix without a trailing /');
  const organizationId = env[SWEEP_VARIABLES.organizationId];
  if (!organizationId || !/^o-[a-z0-9]{10,32}$/.test(organizationId))
    throw invalid(SWEEP_VARIABLES.organizationId, organizationId, 'an organization id, o-...');
  const days = env[SWEEP_VARIABLES.lookbackDays] || String(SWEEP_DEFAULTS.lookbackDays);
  if (!/^\d{1,4}$/.test(days) || Number(days) < 1) throw invalid(SWEEP_VARIABLES.lookbackDays, days, 'a whole number of days, 1 or more');
  return {
    tagger: readSettings(env),
    ...(trailBucket && { trailBucket, trailBucketRegion }),
    ...(trailKeyPrefix && { trailKeyPrefix }),
    organizationId,
    lookbackDays: Number(days),
  };
};

/** The environment that makes `readSweepSettings` return `settings` (every variable set; unset ones empty). */
export const renderSweepEnvironment = (settings: SweepSettings): Record<string, string> => ({
  ...renderEnvironment(settings.tagger),
  POWERTOOLS_SERVICE_NAME: SWEEP_SERVICE_NAME,
  [SWEEP_VARIABLES.trailBucket]: settings.trailBucket ?? '',
  [SWEEP_VARIABLES.trailBucketRegion]: settings.trailBucketRegion ?? '',
  [SWEEP_VARIABLES.trailKeyPrefix]: settings.trailKeyPrefix ?? '',
  [SWEEP_VARIABLES.organizationId]: settings.organizationId,
  [SWEEP_VARIABLES.lookbackDays]: String(settings.lookbackDays),
});
