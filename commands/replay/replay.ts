/**
 * The replay loop, with the queue and the function as dependencies (SQS and
 * Lambda in the command, fakes in unit tests, moto and a Lambda stub in the
 * integration test).
 *
 * Never twice at once: each message is received with a visibility timeout
 * longer than replaying its batch can take (the function's timeout bounds
 * every invoke), so no other replay run sees it meanwhile; within a run,
 * a message SQS delivers again is recognized by its id. Only a message whose
 * replay succeeded is deleted; the others (kept, unrecognized, or all of them
 * with --dry-run) are made visible again when the run ends.
 */
import { mapConcurrently } from '../../functions/reconcile/limiter';
import { describeEvent, parseDeadLetter, type QueueMessage } from './dead-letter';

export interface ReceivedMessage extends QueueMessage {
  /** The receipt handle of this delivery. */
  readonly receipt: string;
}

export interface DeadLetterQueue {
  /** Up to `max` (at most 10) messages, hidden from other readers for `visibilitySeconds`. */
  receive(max: number, visibilitySeconds: number): Promise<ReceivedMessage[]>;
  delete(receipt: string): Promise<void>;
  /** Makes these deliveries visible again now. */
  release(receipts: readonly string[]): Promise<void>;
}

/** The function's answer to one synchronous invoke: success (its return value), or why not. */
export type InvokeResult = { readonly ok: true; readonly answer: unknown } | { readonly ok: false; readonly reason: string };

export type Invoker = (event: Record<string, unknown>) => Promise<InvokeResult>;

export interface ReplayOptions {
  /** Show what would be replayed; invoke and delete nothing. */
  readonly dryRun: boolean;
  /** Handle at most this many messages. @default all of them */
  readonly max?: number;
  /** Invokes at once. */
  readonly concurrency: number;
  /** The function's timeout: the longest one invoke can take. */
  readonly functionTimeoutSeconds: number;
  /** Called once per message handled (for the progress line). @default nothing */
  readonly onHandled?: () => void;
}

export type Action = 'replayed' | 'replayed-not-deleted' | 'kept' | 'would-replay';

export interface ReplayRow {
  readonly messageId: string;
  readonly kind: 'eventbridge' | 'lambda' | 'unrecognized';
  readonly eventName?: string;
  readonly eventId?: string;
  readonly account?: string;
  readonly region?: string;
  /** Why it reached the dead-letter queue (or why it is not a dead letter we know). */
  readonly failure: string;
  readonly action: Action;
  /** The function's answer, or why the message was kept. */
  readonly result: string;
}

/** SQS receives at most 10 messages per call. */
const BATCH = 10;
// Room for the SDK's own retries and the network around the function's run.
const MARGIN_SECONDS = 30;

/** How long a batch stays hidden: every one of its invokes, run `concurrency` at a time, each up to the function's timeout. */
export const visibilitySeconds = (functionTimeoutSeconds: number, concurrency: number): number =>
  Math.ceil(BATCH / concurrency) * (functionTimeoutSeconds + MARGIN_SECONDS);

/** The tagger's answer in a few words: what it tagged, or why it skipped. */
export const describeAnswer = (answer: unknown): string => {
  const outcome = answer as { decision?: unknown; resourceIds?: unknown; reason?: unknown } | null;
  if (outcome?.decision === 'tagged' && Array.isArray(outcome.resourceIds)) return `tagged ${outcome.resourceIds.join(', ')}`;
  if (outcome?.decision === 'skipped') return `skipped: ${String(outcome.reason)}`;
  const text = JSON.stringify(answer) ?? 'no answer';
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
};

export const replayDeadLetters = async (queue: DeadLetterQueue, invoke: Invoker, options: ReplayOptions): Promise<ReplayRow[]> => {
  const rows: ReplayRow[] = [];
  const seen = new Set<string>();
  // Every message received and not deleted, by id, with its newest receipt: released at the end, whatever happened.
  const held = new Map<string, string>();
  const hidden = visibilitySeconds(options.functionTimeoutSeconds, options.concurrency);
  const limit = options.max ?? Infinity;

  const handle = async (message: ReceivedMessage): Promise<ReplayRow> => {
    const letter = parseDeadLetter(message);
    if (letter.kind === 'unrecognized') {
      return {
        messageId: message.id,
        kind: letter.kind,
        failure: letter.problem,
        action: 'kept',
        result: 'not a dead letter replay knows: look at it by hand',
      };
    }
    const row = { messageId: message.id, kind: letter.kind, ...describeEvent(letter.event), failure: letter.failure };
    if (options.dryRun) {
      return { ...row, action: 'would-replay', result: 'not invoked (--dry-run)' };
    }
    const result = await invoke(letter.event);
    if (!result.ok) return { ...row, action: 'kept', result: result.reason };
    try {
      await queue.delete(held.get(message.id)!);
      held.delete(message.id);
      return { ...row, action: 'replayed', result: describeAnswer(result.answer) };
    } catch (error) {
      return {
        ...row,
        action: 'replayed-not-deleted',
        result: `${describeAnswer(result.answer)}; deleting failed (${(error as Error).name}: ${(error as Error).message}), so it will be replayed again`,
      };
    }
  };

  try {
    while (rows.length < limit) {
      const batch = await queue.receive(Math.min(BATCH, limit - rows.length), hidden);
      if (batch.length === 0) break;
      const fresh = batch.filter((message) => {
        // Delivered again (at-least-once): handled once, and only its newest receipt can delete or release it.
        if (seen.has(message.id) && !held.has(message.id)) return false;
        held.set(message.id, message.receipt);
        return !seen.has(message.id) && seen.add(message.id);
      });
      if (fresh.length === 0) break;
      rows.push(
        ...(await mapConcurrently(fresh, options.concurrency, async (message) => {
          const row = await handle(message);
          options.onHandled?.();
          return row;
        })),
      );
    }
  } finally {
    if (held.size > 0) await queue.release([...held.values()]);
  }
  return rows;
};
