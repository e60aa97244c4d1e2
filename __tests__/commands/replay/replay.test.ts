import {
  describeAnswer,
  replayDeadLetters,
  visibilitySeconds,
  type DeadLetterQueue,
  type Invoker,
  type ReceivedMessage,
} from '../../../commands/replay/replay';
import { allReplayed, renderReport } from '../../../commands/replay/report';
import { invokeResult } from '../../../commands/replay/aws';
import { cloudTrailEvent, fixture, type FixtureName } from '../../fixtures/cloudtrail-events';

/** An SQS queue in memory: received messages are hidden until deleted or released; `redeliver` hands out ids again (at-least-once). */
const fakeQueue = (bodies: Array<{ body: string; attributes?: Record<string, string> }>, { redeliver = false } = {}) => {
  const messages = bodies.map((m, i) => ({
    id: `m${i + 1}`,
    body: m.body,
    attributes: m.attributes ?? {},
    hidden: false,
    deleted: false,
    receipts: 0,
  }));
  const calls: string[] = [];
  let receives = 0;
  const queue: DeadLetterQueue = {
    async receive(max, visibility) {
      calls.push(`receive ${max} ${visibility}`);
      // With `redeliver`, the second receive hands out hidden messages once more.
      const again = redeliver && ++receives === 2;
      const visible = messages.filter((m) => !m.deleted && (!m.hidden || again)).slice(0, max);
      return visible.map((m): ReceivedMessage => {
        m.hidden = true;
        m.receipts++;
        return { id: m.id, body: m.body, attributes: m.attributes, receipt: `${m.id}#${m.receipts}` };
      });
    },
    async delete(receipt) {
      calls.push(`delete ${receipt}`);
      messages.find((m) => receipt.startsWith(`${m.id}#`))!.deleted = true;
    },
    async release(receipts) {
      calls.push(`release ${receipts.join(' ')}`);
      for (const receipt of receipts) messages.find((m) => receipt.startsWith(`${m.id}#`))!.hidden = false;
    },
  };
  return { queue, calls, left: () => messages.filter((m) => !m.deleted).map((m) => m.id) };
};

const event = (name: FixtureName, account = '333333333333') => {
  const { detail } = fixture(name);
  return cloudTrailEvent(name, {
    account,
    region: 'eu-west-1',
    userIdentity: detail.userIdentity,
    responseElements: detail.responseElements,
  });
};
const eventBridgeLetter = (e: object) => ({
  body: JSON.stringify(e),
  attributes: { ERROR_CODE: 'SDK_CLIENT_ERROR', ERROR_MESSAGE: 'throttled' },
});
const lambdaLetter = (e: object) => ({
  body: JSON.stringify({
    requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
    requestPayload: e,
    responsePayload: { errorType: 'Error', errorMessage: 'boom' },
  }),
});

/** The tagger, as far as replay sees it: tags what RunInstances and CreateVolume made, fails for another account. */
const tagger = (): { invoke: Invoker; invoked: any[] } => {
  const invoked: any[] = [];
  return {
    invoked,
    invoke: async (e: any) => {
      invoked.push(e);
      if (e.account === '444444444444') return { ok: false, reason: 'the function failed (Unhandled): Error: boom' };
      return { ok: true, answer: { decision: 'tagged', resourceIds: [`${e.detail.eventName}-id`] } };
    },
  };
};

const OPTIONS = { dryRun: false, concurrency: 2, functionTimeoutSeconds: 60 };

describe('replayDeadLetters', () => {
  it('replays both kinds with the original event, deletes what succeeded, keeps and releases the rest', async () => {
    const failing = event('CreateVolume', '444444444444');
    const first = event('RunInstances');
    const second = event('CreateVolume');
    const { queue, calls, left } = fakeQueue([
      eventBridgeLetter(first),
      lambdaLetter(second),
      eventBridgeLetter(failing),
      { body: 'junk' },
    ]);
    const { invoke, invoked } = tagger();
    const rows = await replayDeadLetters(queue, invoke, OPTIONS);
    // The original events, as they were.
    expect(invoked).toEqual([JSON.parse(eventBridgeLetter(first).body), second, failing]);
    expect(rows.map((r) => [r.messageId, r.kind, r.eventName, r.action, r.result])).toEqual([
      ['m1', 'eventbridge', 'RunInstances', 'replayed', 'tagged RunInstances-id'],
      ['m2', 'lambda', 'CreateVolume', 'replayed', 'tagged CreateVolume-id'],
      ['m3', 'eventbridge', 'CreateVolume', 'kept', 'the function failed (Unhandled): Error: boom'],
      ['m4', 'unrecognized', undefined, 'kept', 'not a dead letter replay knows: look at it by hand'],
    ]);
    expect(rows.map((r) => r.failure)).toEqual([
      'SDK_CLIENT_ERROR: throttled',
      'RetriesExhausted: Error: boom after 3 attempts',
      'SDK_CLIENT_ERROR: throttled',
      'the body is not JSON',
    ]);
    expect(left()).toEqual(['m3', 'm4']);
    // Hidden for a whole batch's invokes (10 messages, 2 at a time, 60 s + 30 s each), released once at the end.
    expect(calls.slice(0, 4)).toEqual(['receive 10 450', 'delete m1#1', 'delete m2#1', 'receive 10 450']);
    expect(calls[4].split(' ').sort()).toEqual(['m3#1', 'm4#1', 'release']);
    expect(allReplayed(rows, false)).toBe(false);
  });

  it('with --dry-run invokes and deletes nothing, and releases everything it read', async () => {
    const { queue, calls, left } = fakeQueue([eventBridgeLetter(event('RunInstances')), { body: '{}' }]);
    const { invoke, invoked } = tagger();
    const rows = await replayDeadLetters(queue, invoke, { ...OPTIONS, dryRun: true });
    expect(invoked).toEqual([]);
    expect(rows.map((r) => r.action)).toEqual(['would-replay', 'kept']);
    expect(left()).toEqual(['m1', 'm2']);
    expect(calls.at(-1)).toBe('release m1#1 m2#1');
  });

  it('handles at most --max messages, asking SQS for no more than that', async () => {
    const { queue, calls, left } = fakeQueue(Array.from({ length: 25 }, () => eventBridgeLetter(event('RunInstances'))));
    const rows = await replayDeadLetters(queue, tagger().invoke, { ...OPTIONS, max: 12 });
    expect(rows).toHaveLength(12);
    expect(calls.filter((c) => c.startsWith('receive'))).toEqual(['receive 10 450', 'receive 2 450']);
    expect(left()).toHaveLength(13);
    expect(allReplayed(rows, false)).toBe(true);
  });

  it('never handles a message twice in a run when SQS delivers it again, and releases it by its newest receipt', async () => {
    const failing = event('CreateVolume', '444444444444');
    const { queue, calls } = fakeQueue([eventBridgeLetter(failing)], { redeliver: true });
    const { invoke, invoked } = tagger();
    const rows = await replayDeadLetters(queue, invoke, OPTIONS);
    expect(invoked).toHaveLength(1);
    expect(rows).toHaveLength(1);
    expect(calls).toEqual(['receive 10 450', 'receive 10 450', 'release m1#2']);
  });

  it('says so when a replayed message cannot be deleted', async () => {
    const { queue } = fakeQueue([eventBridgeLetter(event('RunInstances'))]);
    queue.delete = async () => {
      throw Object.assign(new Error('expired'), { name: 'ReceiptHandleIsInvalid' });
    };
    const [row] = await replayDeadLetters(queue, tagger().invoke, OPTIONS);
    expect(row).toMatchObject({
      action: 'replayed-not-deleted',
      result: 'tagged RunInstances-id; deleting failed (ReceiptHandleIsInvalid: expired), so it will be replayed again',
    });
  });

  it('releases what it holds even when something unexpected stops it', async () => {
    const { queue, calls } = fakeQueue([eventBridgeLetter(event('RunInstances')), { body: 'junk' }]);
    await expect(
      replayDeadLetters(
        queue,
        async () => {
          throw new Error('bug');
        },
        { ...OPTIONS, concurrency: 1 },
      ),
    ).rejects.toThrow('bug');
    expect(calls.at(-1)).toBe('release m1#1 m2#1');
  });

  it('calls onHandled once per message', async () => {
    const { queue } = fakeQueue([eventBridgeLetter(event('RunInstances')), { body: 'junk' }]);
    let handled = 0;
    await replayDeadLetters(queue, tagger().invoke, { ...OPTIONS, onHandled: () => handled++ });
    expect(handled).toBe(2);
  });
});

describe('visibilitySeconds', () => {
  it("covers a batch of 10 invokes at the given concurrency, each up to the function's timeout plus 30 s", () => {
    expect(visibilitySeconds(60, 4)).toBe(270);
    expect(visibilitySeconds(60, 10)).toBe(90);
    expect(visibilitySeconds(900, 1)).toBe(9300);
  });
});

describe('describeAnswer', () => {
  it('says what the tagger did, or shows a short form of any other answer', () => {
    expect(describeAnswer({ decision: 'tagged', resourceIds: ['i-1', 'vol-2'] })).toBe('tagged i-1, vol-2');
    expect(describeAnswer({ decision: 'skipped', reason: 'account-not-onboarded' })).toBe('skipped: account-not-onboarded');
    expect(describeAnswer(undefined)).toBe('no answer');
    expect(describeAnswer('x'.repeat(200))).toHaveLength(120);
  });
});

describe('invokeResult', () => {
  const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

  it("is the function's answer when it did not fail", () => {
    expect(invokeResult(undefined, bytes({ decision: 'tagged', resourceIds: [] }))).toEqual({
      ok: true,
      answer: { decision: 'tagged', resourceIds: [] },
    });
    expect(invokeResult(undefined, new TextEncoder().encode('plain'))).toEqual({ ok: true, answer: 'plain' });
    expect(invokeResult(undefined, undefined)).toEqual({ ok: true, answer: undefined });
  });

  it('is a failure with the error type and message on a FunctionError', () => {
    expect(invokeResult('Unhandled', bytes({ errorType: 'InvalidVolume.NotFound', errorMessage: 'gone', trace: [] }))).toEqual({
      ok: false,
      reason: 'the function failed (Unhandled): InvalidVolume.NotFound: gone',
    });
    expect(invokeResult('Unhandled', undefined)).toEqual({ ok: false, reason: 'the function failed (Unhandled)' });
    expect(invokeResult('Handled', new TextEncoder().encode('error running docker'))).toEqual({
      ok: false,
      reason: 'the function failed (Handled): error running docker',
    });
  });
});

describe('renderReport', () => {
  it('says when there was nothing to do', () => {
    expect(renderReport([], false)).toBe('The dead-letter queue is empty: nothing to replay.');
  });

  it('shows one row per message and counts what happened', async () => {
    const { queue } = fakeQueue([eventBridgeLetter(event('RunInstances')), { body: 'junk' }]);
    const rows = await replayDeadLetters(queue, tagger().invoke, OPTIONS);
    const report = renderReport(rows, false).split('\n');
    expect(report[0]).toMatch(/^message +kind +event +account +region +failed because +action +result$/);
    expect(report[2]).toMatch(
      /^m1 +eventbridge +RunInstances +333333333333 +eu-west-1 +SDK_CLIENT_ERROR: throttled +replayed +tagged RunInstances-id$/,
    );
    expect(report.at(-1)).toBe('1 of 2 messages replayed and deleted; 1 kept.');
    expect(
      renderReport(
        rows.map((r) => ({ ...r, action: r.action === 'replayed' ? 'would-replay' : r.action })),
        true,
      )
        .split('\n')
        .at(-1),
    ).toBe('1 of 2 messages would be replayed; 1 would be kept (--dry-run: nothing was invoked or deleted).');
  });
});
