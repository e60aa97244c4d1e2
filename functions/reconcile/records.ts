/**
 * Creation records, purely: where a trail keeps an account's and region's
 * log files, what one log file holds, and how far back to read.
 */
import { gunzipSync } from 'node:zlib';
import { isRecord } from '../tagger/record';

/** Where the trail's log files are: the bucket's key prefix (the trail's S3KeyPrefix) and the organization, for the org layout. */
export interface TrailLocation {
  /** The trail's S3 key prefix, without a trailing slash. @default none */
  readonly keyPrefix?: string;
  /** An organization trail's files sit under the organization's id. @default none (only the single-account layout) */
  readonly organizationId?: string;
}

const DAY_MS = 86_400_000;
const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * The key prefixes of every month from `since` to `until` (UTC) in both
 * layouts: an organization trail's `AWSLogs/<orgId>/<account>/CloudTrail/<region>/YYYY/MM/`
 * and a single account's `AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/`.
 * A month per listing (not a day) keeps the calls few: the keys carry the day.
 */
export const logPrefixes = (location: TrailLocation, account: string, region: string, since: Date, until: Date): string[] => {
  const base = location.keyPrefix ? `${location.keyPrefix}/AWSLogs/` : 'AWSLogs/';
  const roots = [...(location.organizationId ? [`${base}${location.organizationId}/${account}/`] : []), `${base}${account}/`];
  const months: string[] = [];
  // Months counted from year 0 (y * 12 + m), so a year end needs no special case.
  const last = until.getUTCFullYear() * 12 + until.getUTCMonth();
  for (let month = since.getUTCFullYear() * 12 + since.getUTCMonth(); month <= last; month++) {
    months.push(`${Math.floor(month / 12)}/${pad((month % 12) + 1)}/`);
  }
  return roots.flatMap((root) => months.map((month) => `${root}CloudTrail/${region}/${month}`));
};

const KEY_DAY = /\/CloudTrail\/[a-z0-9-]+\/(\d{4})\/(\d{2})\/(\d{2})\//;

/** Whether a log file's key names a day on or after `since`'s day (a day's file may hold records of its first minutes). */
export const keyOnOrAfter = (key: string, since: Date): boolean => {
  const match = KEY_DAY.exec(key);
  if (!match) return false;
  const day = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return day >= Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), since.getUTCDate());
};

/** The records of one log file (gzipped JSON `{"Records": [...]}`); throws naming the file when it is not one. */
export const parseLogFile = (key: string, body: Uint8Array): unknown[] => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(gunzipSync(body).toString('utf8'));
  } catch (error) {
    throw new Error(`${key}: not a gzipped JSON CloudTrail log file (${(error as Error).message})`, { cause: error });
  }
  if (!isRecord(parsed) || !Array.isArray(parsed.Records)) throw new Error(`${key}: no "Records" array`);
  return parsed.Records;
};

/**
 * `--since`: a number of days back from `now`, or a date (`YYYY-MM-DD` or an
 * ISO timestamp). Throws naming the option for anything else, a date in the
 * future included.
 */
export const parseSince = (value: string, now: Date): Date => {
  const since = /^\d+$/.test(value)
    ? new Date(now.getTime() - Number(value) * DAY_MS)
    : /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(value)
      ? new Date(value)
      : undefined;
  if (since === undefined || Number.isNaN(since.getTime()))
    throw new Error(`--since: "${value}" is neither a number of days nor a date (YYYY-MM-DD)`);
  if (since.getTime() > now.getTime()) throw new Error(`--since: ${value} is in the future`);
  return since;
};
