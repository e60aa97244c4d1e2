/**
 * The reconcile sweep's settings (`reconcile` in the config): a scheduled
 * function in the central account that repairs what the events missed.
 */
import { z } from 'zod';

const UNITS = ['minute', 'hour', 'day'] as const;

/**
 * What EventBridge Scheduler accepts for a recurring schedule
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html):
 * `rate(<n> <unit>)`, with the unit singular for 1 and plural otherwise, or
 * `cron(<6 fields>)`. A one-time `at(...)` is refused: a sweep that runs
 * once repairs nothing after that.
 */
export const scheduleProblem = (expression: string): string | undefined => {
  if (expression.startsWith('at(')) return 'must recur: a one-time at(...) schedule sweeps once and never again';
  const rate = /^rate\((\d+) ([a-z]+)\)$/.exec(expression);
  if (rate) {
    const [, value, word] = rate;
    const n = Number(value);
    if (n < 1) return 'rate(...) must be at least 1';
    const unit = UNITS.find((u) => word === u || word === `${u}s`);
    if (unit === undefined) return `rate(...) takes minute(s), hour(s) or day(s), not "${word}"`;
    const expected = n === 1 ? unit : `${unit}s`;
    return word === expected ? undefined : `write rate(${n} ${expected}) (Scheduler takes the singular for 1 only)`;
  }
  if (/^cron\(\S+( \S+){5}\)$/.test(expression)) return undefined;
  return 'must be rate(<n> <minutes|hours|days>) or cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>)';
};

export const reconcileSettings = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .describe(
        'The off switch: false leaves the schedule disabled (the function and its role stay, for the reconcile command and manual runs)',
      ),
    schedule: z
      .string()
      .superRefine((expression, ctx) => {
        const problem = scheduleProblem(expression);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .default('rate(1 day)')
      .describe('EventBridge Scheduler expression of the sweep (UTC): rate(...) or cron(...)'),
    lookbackDays: z
      .int()
      .min(1)
      .max(3650)
      .default(90)
      .describe('How far back creation records are read (S3 log files; LookupEvents keeps 90 days)'),
    trailBucket: z
      .strictObject({
        name: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: 'must be an S3 bucket name (3-63 of a-z, 0-9, ., -)' }),
        region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, { error: 'must be an AWS region code' }),
        keyPrefix: z
          .string()
          .regex(/^[\w!.*'()/-]*[^/]$/, { error: "must be the trail's S3 key prefix, without a trailing /" })
          .optional()
          .describe("The trail's S3 key prefix. Default: none"),
      })
      .optional()
      .describe(
        'Where an existing organization trail writes (orgTrail.create false); its bucket policy must let the sweep role read it. Default: the trail this project creates; without either, the sweep reads LookupEvents',
      ),
    memorySize: z.int().min(128).max(10240).default(512),
    timeoutSeconds: z.int().min(60).max(900).default(900).describe('A sweep of many accounts and regions needs long: up to 15 minutes'),
  })
  .describe('The reconcile sweep: a scheduled function in the central account (home region) that tags what the events missed');
