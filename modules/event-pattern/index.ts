/**
 * The EventBridge pattern every rule uses, member forwarding rules and central
 * rules alike, generated from the function's event catalogue: a rule can never
 * ask for an event the function cannot handle, and a new catalogue entry is
 * matched everywhere on the next deploy.
 */
import { DETAIL_TYPE, EVENTBRIDGE_SOURCE, EVENT_SOURCE, SUPPORTED_EVENT_NAMES } from '../../functions/tagger/catalogue';

export interface EventPattern {
  readonly source: readonly string[];
  readonly 'detail-type': readonly string[];
  readonly detail: {
    readonly eventSource: readonly string[];
    readonly eventName: readonly string[];
    /** Failed and DryRun calls created nothing; dropping them here saves an invocation each. */
    readonly errorCode: readonly [{ readonly exists: false }];
  };
}

export const cloudTrailEventPattern = (): EventPattern => ({
  source: [EVENTBRIDGE_SOURCE],
  'detail-type': [DETAIL_TYPE],
  detail: {
    eventSource: [EVENT_SOURCE],
    eventName: [...SUPPORTED_EVENT_NAMES],
    errorCode: [{ exists: false }],
  },
});
