/**
 * Parse, decide, act, log: one event in, at most one CreateTags out, one
 * structured log line saying which (with Lambda's request id and cold-start
 * flag), one metric counting it, and for a tagged live event the delay since
 * the call (metric and log field). The AWS edges
 * come in as dependencies, so the same flow runs against moto in tests and
 * against AWS in Lambda.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { MetricUnit } from '@aws-lambda-powertools/metrics';
import { AccountNotOnboarded, type Sessions } from './credentials';
import { lookUp } from './describe';
import { contextOf, decide, type EventBridgeEvent, type EventContext, type SkipReason } from './event';
import { crossAccountCaller, type Caller } from './identity';
import { DEFAULT_BACKOFF, isNotFound, retryWhileNotFound, type Backoff } from './retry';
import type { Settings } from './environment';
import { TAGGER_METRICS, type FailureReason } from './metrics';
import { createTags, planTags, type TagPlan } from './tag';

export interface HandlerDeps {
  readonly settings: Settings;
  readonly sessions: Sessions;
  /** Powertools' Logger: `addContext` puts Lambda's request id and the cold-start flag on every line. */
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error' | 'addContext'>;
  /**
   * The part of Powertools' Metrics used here: one count per event, flushed
   * per invocation, and the delay as a single metric of its own (flushed at
   * once, without the count's dimension, so its percentiles cover every event).
   */
  readonly metrics: Counts & { singleMetric(): Pick<Counts, 'addMetric'> };
  /** How not-found answers are retried (tests inject the sleep and the randomness). */
  readonly backoff?: Backoff;
  /** The clock the delay from eventTime is measured by. @default Date.now */
  readonly now?: () => number;
}

interface Counts {
  addDimension(name: string, value: string): void;
  addMetric(name: string, unit: typeof MetricUnit.Count | typeof MetricUnit.Milliseconds, value: number): void;
  publishStoredMetrics(): void;
}

/**
 * The fields of Lambda's context object that Powertools' Logger puts on each
 * line (`function_request_id`, `function_name`, ...); the cold-start flag the
 * Logger keeps itself (true on the first invocation of an on-demand environment).
 */
export interface LambdaContext {
  readonly awsRequestId: string;
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
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
        /** Milliseconds from the event's eventTime to the tags written (live events with an eventTime). */
        readonly delayMs?: number;
      } & Partial<Pick<TagPlan, 'sanitized' | 'overridden' | 'principalIdAltered'>>)
  );

/**
 * The flow both entries share. `now` is given for live events only: the
 * delay of a record read back later (reconcile) is its age, not the tagger's
 * speed, and would drown the figure users compare.
 */
const createTagFlow = ({ settings, sessions, logger, metrics, backoff = DEFAULT_BACKOFF }: HandlerDeps, now?: () => number) => {
  const count = (metric: keyof Omit<typeof TAGGER_METRICS, 'tagDelay'>, value: string): void => {
    const { name, unit, dimension } = TAGGER_METRICS[metric];
    metrics.addDimension(dimension, value);
    metrics.addMetric(name, unit, 1);
  };
  const delaySince = (eventTime: string | undefined): { delayMs?: number } => {
    if (now === undefined || eventTime === undefined) return {};
    const delayMs = Math.max(0, now() - Date.parse(eventTime));
    metrics.singleMetric().addMetric(TAGGER_METRICS.tagDelay.name, TAGGER_METRICS.tagDelay.unit, delayMs);
    return { delayMs };
  };

  const finish = (outcome: Outcome): Outcome => {
    if (outcome.decision === 'skipped') {
      count('skipped', outcome.reason);
      logger.info(outcome.decision, { ...outcome });
    } else {
      count('tagged', outcome.caller);
      // Someone asked for a protected value that is not theirs, the policy cannot
      // match, or another account's principal created it here: worth a look.
      const notable = outcome.overridden !== undefined || outcome.principalIdAltered !== undefined || outcome.callerAccount !== undefined;
      logger[notable ? 'warn' : 'info'](outcome.decision, { ...outcome });
    }
    return outcome;
  };

  const handle = async (event: EventBridgeEvent, resourceIds?: readonly string[]): Promise<Outcome> => {
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
      const { result: tagged, retries } = await retryWhileNotFound(backoff, async () => {
        const found = entry.lookup && !resourceIds ? await lookUp(entry.lookup, ec2, refs) : [];
        const ids = resourceIds ? [...resourceIds] : [...new Set([...refs, ...found].map((r) => r.id))];
        await createTags(ec2, ids, plan.tags);
        return ids;
      });
      return finish({
        ...context,
        decision: 'tagged',
        caller: identity.caller,
        resourceIds: tagged,
        owner: identity.owner,
        principalId: identity.principalId,
        ...(identity.invokedBy && { invokedBy: identity.invokedBy }),
        tags: plan.tags,
        retries,
        ...(plan.sanitized.length > 0 && { sanitized: plan.sanitized }),
        ...(plan.overridden.length > 0 && { overridden: plan.overridden }),
        ...(plan.principalIdAltered && { principalIdAltered: true }),
        ...(callerAccount !== undefined && { callerAccount }),
        ...delaySince(createdAt),
      });
    } catch (error) {
      if (error instanceof AccountNotOnboarded) {
        return finish({ ...context, decision: 'skipped', reason: 'account-not-onboarded' });
      }
      const failure: FailureReason = isNotFound(error) ? 'resource-not-found' : 'error';
      count('failed', failure);
      // Thrown on, so Lambda retries the event and the DLQ keeps it if it keeps failing.
      logger.error('failed', { ...context, decision: 'failed', reason: failure, error: error as Error });
      throw error;
    }
  };

  return async (event: EventBridgeEvent, resourceIds?: readonly string[]): Promise<Outcome> => {
    try {
      return await handle(event, resourceIds);
    } finally {
      metrics.publishStoredMetrics();
    }
  };
};

/**
 * The handler's flow for an event read back later (reconcile): `resourceIds`
 * are the IDs to tag, found from this same event with the catalogue and its
 * lookup beforehand and narrowed to those whose tags are missing or wrong;
 * no lookup runs again, so resources of the event that are gone since (a
 * terminated instance of a launch) do not fail the rest. One CreateTags, the
 * same log line and metric as for a live event.
 */
export const createEventTagger = (deps: HandlerDeps): ((event: EventBridgeEvent, resourceIds: readonly string[]) => Promise<Outcome>) =>
  createTagFlow(deps);

/** The Lambda handler: each invocation's context goes on its log lines before anything is logged. */
export const createHandler = (deps: HandlerDeps): ((event: EventBridgeEvent, context?: LambdaContext) => Promise<Outcome>) => {
  const flow = createTagFlow(deps, deps.now ?? Date.now);
  return (event, context) => {
    if (context !== undefined) deps.logger.addContext(context);
    return flow(event);
  };
};
