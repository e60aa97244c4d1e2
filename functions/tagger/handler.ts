/**
 * Parse, decide, act, log: one event in, at most one CreateTags out, one
 * structured log line saying which, and one metric counting it. The AWS edges
 * come in as dependencies, so the same flow runs against moto in tests and
 * against AWS in Lambda.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { AccountNotOnboarded, type Sessions } from './credentials';
import { lookUp } from './describe';
import { contextOf, decide, type EventBridgeEvent, type EventContext, type SkipReason } from './event';
import { crossAccountCaller, type Caller } from './identity';
import { DEFAULT_BACKOFF, isNotFound, retryWhileNotFound, type Backoff } from './retry';
import type { Settings } from './environment';
import { createTags, planTags, type TagPlan } from './tag';

export interface HandlerDeps {
  readonly settings: Settings;
  readonly sessions: Sessions;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** The part of Powertools' Metrics used here: one count per event, flushed per invocation. */
  readonly metrics: {
    addDimension(name: string, value: string): void;
    addMetric(name: string, unit: typeof MetricUnit.Count, value: number): void;
    publishStoredMetrics(): void;
  };
  /** How not-found answers are retried (tests inject the sleep and the randomness). */
  readonly backoff?: Backoff;
}

/** What happened to an event: logged as one line, and returned (EventBridge ignores it). */
export type Outcome = EventContext &
  (
    | { readonly decision: 'skipped'; readonly reason: SkipReason; readonly errorCode?: string; readonly identityType?: string }
    | ({
        readonly decision: 'tagged';
        readonly caller: Caller;
        readonly resourceIds: string[];
        readonly owner: string;
        readonly principalId: string;
        readonly invokedBy?: string;
        readonly tags: TagPlan['tags'];
        /** Not-found answers retried before the tags were written. */
        readonly retries: number;
        /** The caller's account, when it is not the event's (see crossAccountCaller). */
        readonly callerAccount?: string;
      } & Partial<Pick<TagPlan, 'sanitized' | 'overridden' | 'principalIdAltered'>>)
  );

/** Why an event failed, as a metric dimension (the error itself goes to the log). */
type Failure = 'resource-not-found' | 'error';

export const createHandler = ({ settings, sessions, logger, metrics, backoff = DEFAULT_BACKOFF }: HandlerDeps) => {
  const count = (metric: 'Tagged' | 'Skipped' | 'Failed', dimension: 'Caller' | 'Reason', value: string): void => {
    metrics.addDimension(dimension, value);
    metrics.addMetric(metric, MetricUnit.Count, 1);
  };

  const finish = (outcome: Outcome): Outcome => {
    if (outcome.decision === 'skipped') {
      count('Skipped', 'Reason', outcome.reason);
      logger.info(outcome.decision, { ...outcome });
    } else {
      count('Tagged', 'Caller', outcome.caller);
      // Someone asked for a protected value that is not theirs, the policy cannot
      // match, or another account's principal created it here: worth a look.
      const notable = outcome.overridden !== undefined || outcome.principalIdAltered !== undefined || outcome.callerAccount !== undefined;
      logger[notable ? 'warn' : 'info'](outcome.decision, { ...outcome });
    }
    return outcome;
  };

  const handle = async (event: EventBridgeEvent): Promise<Outcome> => {
    const context = contextOf(event);
    const decision = decide(event);
    if (decision.action === 'skip') {
      const { action, ...skip } = decision;
      return finish({ ...context, decision: 'skipped', ...skip });
    }

    const { account, region, entry, refs, identity, createdAt, requested } = decision;
    const plan = planTags(settings, identity, createdAt, requested);
    const callerAccount = crossAccountCaller(event.detail?.userIdentity, account);
    try {
      const ec2 = await sessions.ec2(account, region);
      // A resource this new may not be visible yet, to the lookup or to CreateTags.
      const { result: resourceIds, retries } = await retryWhileNotFound(backoff, async () => {
        const found = entry.lookup ? await lookUp(entry.lookup, ec2, refs) : [];
        const ids = [...new Set([...refs, ...found].map((r) => r.id))];
        await createTags(ec2, ids, plan.tags);
        return ids;
      });
      return finish({
        ...context,
        decision: 'tagged',
        caller: identity.caller,
        resourceIds,
        owner: identity.owner,
        principalId: identity.principalId,
        ...(identity.invokedBy && { invokedBy: identity.invokedBy }),
        tags: plan.tags,
        retries,
        ...(plan.sanitized.length > 0 && { sanitized: plan.sanitized }),
        ...(plan.overridden.length > 0 && { overridden: plan.overridden }),
        ...(plan.principalIdAltered && { principalIdAltered: true }),
        ...(callerAccount !== undefined && { callerAccount }),
      });
    } catch (error) {
      if (error instanceof AccountNotOnboarded) {
        return finish({ ...context, decision: 'skipped', reason: 'account-not-onboarded' });
      }
      const failure: Failure = isNotFound(error) ? 'resource-not-found' : 'error';
      count('Failed', 'Reason', failure);
      // Thrown on, so Lambda retries the event and the DLQ keeps it if it keeps failing.
      logger.error('failed', { ...context, decision: 'failed', reason: failure, error: error as Error });
      throw error;
    }
  };

  return async (event: EventBridgeEvent): Promise<Outcome> => {
    try {
      return await handle(event);
    } finally {
      metrics.publishStoredMetrics();
    }
  };
};
