/**
 * A token bucket per account and region: LookupEvents allows about 2
 * requests per second per account and region, and a sweep across many
 * targets must not spend one target's budget twice. Throttling that still
 * happens is retried by the SDK (adaptive mode: backoff and its own
 * client-side rate).
 */
export interface RateLimiterOptions {
  /** Requests per second, sustained. */
  readonly perSecond: number;
  /** How many may go at once after a quiet spell. @default 1 */
  readonly burst?: number;
  /** @default Date.now */
  readonly now?: () => number;
  /** @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface RateLimiter {
  /** Resolves when one request may go. */
  take(): Promise<void>;
}

export const createRateLimiter = ({
  perSecond,
  burst = 1,
  now = Date.now,
  sleep = (ms) => new Promise((r) => setTimeout(r, ms)),
}: RateLimiterOptions): RateLimiter => {
  if (!(perSecond > 0)) throw new Error(`perSecond must be above 0, not ${perSecond}`);
  const interval = 1000 / perSecond;
  // The time the next request may go; requests queue by moving it on.
  let next = -Infinity;
  return {
    async take() {
      const at = Math.max(now() - (burst - 1) * interval, next);
      next = at + interval;
      const wait = at - now();
      if (wait > 0) await sleep(wait);
    },
  };
};

/** One limiter per key (account and region), made on first use. */
export const limiterPerKey = (options: RateLimiterOptions): ((key: string) => RateLimiter) => {
  const limiters = new Map<string, RateLimiter>();
  return (key) => {
    let limiter = limiters.get(key);
    if (!limiter) {
      limiter = createRateLimiter(options);
      limiters.set(key, limiter);
    }
    return limiter;
  };
};

/**
 * At most `limit` calls of `fn` at a time over `items`; the results in the
 * items' order. The first rejection rejects the whole (the calls already
 * started finish on their own). Here rather than in commands/cli, since the
 * sweep function (and the npm package, which ships no commands) needs it too;
 * the commands use it from here.
 */
export const mapConcurrently = async <T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> => {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a whole number of at least 1, got ${limit}`);
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};
