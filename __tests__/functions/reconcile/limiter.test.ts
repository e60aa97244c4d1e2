import { createRateLimiter, limiterPerKey, mapConcurrently } from '../../../functions/reconcile/limiter';

/** A clock that only moves when the limiter sleeps. */
const fakeClock = () => {
  let now = 0;
  const waits: number[] = [];
  return { now: () => now, sleep: async (ms: number) => void (waits.push(ms), (now += ms)), waits };
};

describe('createRateLimiter', () => {
  it('spaces requests 1/perSecond apart: LookupEvents at 2 per second waits 500 ms between calls', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ perSecond: 2, ...clock });
    for (let i = 0; i < 4; i++) await limiter.take();
    expect(clock.waits).toEqual([500, 500, 500]);
  });

  it('lets a burst go at once after a quiet spell, then spaces the rest', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ perSecond: 2, burst: 3, ...clock });
    for (let i = 0; i < 5; i++) await limiter.take();
    expect(clock.waits).toEqual([500, 500]);
  });

  it('queues concurrent callers instead of letting them through together', async () => {
    // All three ask at t=0; each sleep is measured from then.
    const waits: number[] = [];
    const limiter = createRateLimiter({ perSecond: 4, now: () => 0, sleep: async (ms) => void waits.push(ms) });
    await Promise.all([limiter.take(), limiter.take(), limiter.take()]);
    expect(waits).toEqual([250, 500]);
  });

  it('refuses a rate that is not above 0', () => {
    expect(() => createRateLimiter({ perSecond: 0 })).toThrow('perSecond must be above 0, not 0');
  });
});

describe('limiterPerKey', () => {
  it('keeps one budget per account and region', async () => {
    const clock = fakeClock();
    const limiter = limiterPerKey({ perSecond: 2, ...clock });
    await limiter('111111111111/eu-west-1').take();
    await limiter('222222222222/eu-west-1').take();
    expect(clock.waits).toEqual([]);
    await limiter('111111111111/eu-west-1').take();
    expect(clock.waits).toEqual([500]);
  });
});

describe('mapConcurrently', () => {
  it('keeps the order of the items and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const results = await mapConcurrently([5, 1, 4, 2, 3], 2, async (n, i) => {
      running++;
      most = Math.max(most, running);
      // Later items finish first: the order must still be the items'.
      await new Promise((resolve) => setImmediate(resolve));
      for (let k = 0; k < n; k++) await Promise.resolve();
      running--;
      return `${i}:${n}`;
    });
    expect(results).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3']);
    expect(most).toBe(2);
  });

  it('handles no items, and rejects with the first error', async () => {
    await expect(mapConcurrently([], 3, async () => 1)).resolves.toEqual([]);
    await expect(
      mapConcurrently([1, 2], 1, async (n) => {
        if (n === 2) throw new Error('two');
        return n;
      }),
    ).rejects.toThrow('two');
  });

  it('refuses a limit below one', async () => {
    await expect(mapConcurrently([1], 0, async (n) => n)).rejects.toThrow('limit must be a whole number of at least 1, got 0');
  });
});
