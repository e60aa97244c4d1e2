/**
 * The tagger's metrics, one definition for the handler that emits them
 * (Powertools EMF, in the namespace POWERTOOLS_METRICS_NAMESPACE names) and
 * the dashboard and alarms that read them. Pure (no Powertools import), so
 * synth code loads it too.
 *
 * Powertools adds the `service` dimension (POWERTOOLS_SERVICE_NAME) to every
 * metric, so each one is stored under `service` plus its own dimension, if any:
 * a dashboard or alarm must name both to find it.
 */
export const SERVICE_DIMENSION = 'service';

export const TAGGER_METRICS = {
  /** One per event tagged, by the kind of caller (identity.ts's Caller). */
  tagged: { name: 'Tagged', unit: 'Count', dimension: 'Caller' },
  /** One per event not acted on, by its skip reason (event.ts's SkipReason). */
  skipped: { name: 'Skipped', unit: 'Count', dimension: 'Reason' },
  /** One per failed attempt (Lambda retries it, then the DLQ keeps it), by FAILURE_REASONS. */
  failed: { name: 'Failed', unit: 'Count', dimension: 'Reason' },
  /**
   * Milliseconds from the event's `eventTime` (CloudTrail's record of the call)
   * to the tags written: the delay users see. No dimension of its own, so its
   * percentiles cover every event of the region.
   */
  tagDelay: { name: 'TagDelay', unit: 'Milliseconds' },
} as const;

/** Why an attempt failed: `Reason` of the Failed metric (the error itself goes to the log). */
export const FAILURE_REASONS = ['resource-not-found', 'error'] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];
