/**
 * EC2 is eventually consistent: right after RunInstances, DescribeInstances
 * or CreateTags can answer `InvalidInstanceID.NotFound` for the instance just
 * made. Such an answer is retried with jittered exponential backoff, bounded
 * well inside the Lambda timeout; other errors are not (the SDK already
 * retried them), and the last error is thrown so Lambda retries the event.
 */

/** Not-found codes that do not end in `.NotFound`. */
const NOT_FOUND_CODES = new Set(['NatGatewayNotFound']);

export const isNotFound = (error: unknown): boolean => {
  const name = error instanceof Error ? error.name : undefined;
  return name !== undefined && (name.endsWith('.NotFound') || NOT_FOUND_CODES.has(name));
};

export interface Backoff {
  /** Tries in all, the first included. */
  readonly attempts: number;
  /** The wait before the second try; it doubles for each further one... */
  readonly baseMs: number;
  /** ...up to this. */
  readonly capMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** A number in [0, 1). */
  readonly random: () => number;
}

/** 6 tries; waits of 250, 500, 1000, 2000, 4000 ms, each jittered down to half: 3.9 to 7.75 s in all. */
export const DEFAULT_BACKOFF: Backoff = {
  attempts: 6,
  baseMs: 250,
  capMs: 4_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** The wait before try `attempt + 1` (attempt counts from 1): "equal jitter", half fixed and half random. */
export const delayMs = (backoff: Pick<Backoff, 'baseMs' | 'capMs' | 'random'>, attempt: number): number => {
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** (attempt - 1));
  return ceiling / 2 + backoff.random() * (ceiling / 2);
};

/** Runs `action` until it does not fail with a not-found error, or the tries run out. Returns the result and the retries it took. */
export const retryWhileNotFound = async <T>(backoff: Backoff, action: () => Promise<T>): Promise<{ result: T; retries: number }> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return { result: await action(), retries: attempt - 1 };
    } catch (error) {
      if (!isNotFound(error) || attempt >= backoff.attempts) throw error;
      await backoff.sleep(delayMs(backoff, attempt));
    }
  }
};
