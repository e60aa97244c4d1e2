import { DEFAULT_BACKOFF, delayMs, isNotFound, retryWhileNotFound, type Backoff } from '../../../functions/tagger/retry';

const named = (name: string) => Object.assign(new Error(name), { name });

describe('isNotFound', () => {
  it.each([
    'InvalidInstanceID.NotFound',
    'InvalidAMIID.NotFound',
    'InvalidVolume.NotFound',
    'InvalidSnapshot.NotFound',
    'NatGatewayNotFound',
  ])('knows %s', (name) => expect(isNotFound(named(name))).toBe(true));
  it.each(['RequestLimitExceeded', 'UnauthorizedOperation', 'InvalidInstanceID.Malformed', 'NotFoundish'])(
    'does not take %s for one',
    (name) => expect(isNotFound(named(name))).toBe(false),
  );
  it.each([undefined, null, 'InvalidVolume.NotFound', { name: 'InvalidVolume.NotFound' }])('needs an Error (%p)', (value) =>
    expect(isNotFound(value)).toBe(false),
  );
});

describe('delayMs', () => {
  it('doubles from the base up to the cap, jittered between half and all of it', () => {
    const at = (random: number) => [1, 2, 3, 4, 5, 6].map((attempt) => delayMs({ ...DEFAULT_BACKOFF, random: () => random }, attempt));
    expect(at(0)).toEqual([125, 250, 500, 1000, 2000, 2000]);
    expect(at(0.999999).map(Math.round)).toEqual([250, 500, 1000, 2000, 4000, 4000]);
  });

  it('keeps the whole default budget well inside the Lambda timeout (60 s by default)', () => {
    const worst = Array.from({ length: DEFAULT_BACKOFF.attempts - 1 }, (_, n) => delayMs({ ...DEFAULT_BACKOFF, random: () => 1 }, n + 1));
    expect(worst.reduce((a, b) => a + b, 0)).toBe(7_750);
  });
});

describe('retryWhileNotFound', () => {
  const backoff = (): Backoff & { waits: number[] } => {
    const waits: number[] = [];
    return { ...DEFAULT_BACKOFF, random: () => 0.5, sleep: async (ms) => void waits.push(ms), waits };
  };

  it('retries a not-found answer with growing waits until it succeeds', async () => {
    const b = backoff();
    let calls = 0;
    const result = await retryWhileNotFound(b, async () => {
      if (++calls < 4) throw named('InvalidInstanceID.NotFound');
      return 'done';
    });
    expect(result).toEqual({ result: 'done', retries: 3 });
    expect(b.waits).toEqual([187.5, 375, 750]);
  });

  it('gives up after the last try and throws the last answer', async () => {
    const b = backoff();
    const last = named('InvalidVolume.NotFound');
    let calls = 0;
    await expect(
      retryWhileNotFound(b, async () => {
        calls++;
        throw last;
      }),
    ).rejects.toBe(last);
    expect(calls).toBe(DEFAULT_BACKOFF.attempts);
    expect(b.waits).toHaveLength(DEFAULT_BACKOFF.attempts - 1);
  });

  it('throws any other error at once (the SDK has retried it already)', async () => {
    const b = backoff();
    const throttled = named('RequestLimitExceeded');
    await expect(retryWhileNotFound(b, () => Promise.reject(throttled))).rejects.toBe(throttled);
    expect(b.waits).toEqual([]);
  });
});
