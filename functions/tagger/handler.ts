/**
 * Parse, decide, act, log: one event in, at most one CreateTags out, and one
 * structured log line saying which. The AWS edges come in as dependencies, so
 * the same flow runs against moto in tests and against AWS in Lambda.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { AccountNotOnboarded, type Sessions } from './credentials';
import { lookUp } from './describe';
import { contextOf, decide, type EventBridgeEvent, type EventContext, type SkipReason } from './event';
import type { Settings } from './settings';
import { createTags } from './tag';

export interface HandlerDeps {
  readonly settings: Settings;
  readonly sessions: Sessions;
  readonly logger: Pick<Logger, 'info' | 'error'>;
}

/** What happened to an event: logged as one line, and returned (EventBridge ignores it). */
export type Outcome = EventContext &
  (
    | { readonly decision: 'skipped'; readonly reason: SkipReason; readonly errorCode?: string }
    | { readonly decision: 'tagged'; readonly resourceIds: string[]; readonly owner: string; readonly principalId: string }
  );

export const createHandler = ({ settings, sessions, logger }: HandlerDeps) => {
  const finish = (outcome: Outcome): Outcome => {
    logger.info(outcome.decision, { ...outcome });
    return outcome;
  };

  return async (event: EventBridgeEvent): Promise<Outcome> => {
    const context = contextOf(event);
    const decision = decide(event);
    if (decision.action === 'skip') {
      const { action, ...skip } = decision;
      return finish({ ...context, decision: 'skipped', ...skip });
    }

    const { account, region, entry, refs, identity } = decision;
    try {
      const ec2 = await sessions.ec2(account, region);
      const found = entry.lookup ? await lookUp(entry.lookup, ec2, refs) : [];
      const resourceIds = [...new Set([...refs, ...found].map((r) => r.id))];
      await createTags(ec2, resourceIds, {
        [settings.ownerTagKey]: identity.owner,
        [settings.principalIdTagKey]: identity.principalId,
      });
      return finish({ ...context, decision: 'tagged', resourceIds, ...identity });
    } catch (error) {
      if (error instanceof AccountNotOnboarded) {
        return finish({ ...context, decision: 'skipped', reason: 'account-not-onboarded' });
      }
      // Thrown on, so Lambda retries the event and the DLQ keeps it if it keeps failing.
      logger.error('failed', { ...context, error: error as Error });
      throw error;
    }
  };
};
