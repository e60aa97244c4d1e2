/**
 * The sweep's metric names: the contract with the alarms and the dashboard
 * (modules/), which import them from here. Pure data, loaded at synth.
 */

/** What reconcile did with one resource: the `Action` dimension of `SweepResources` and the report's action column. */
export const SWEEP_ACTIONS = ['tagged', 'already-tagged', 'no-record', 'failed'] as const;
export type SweepAction = (typeof SWEEP_ACTIONS)[number];

export const SWEEP_METRICS = {
  /** The CloudWatch namespace: the function's POWERTOOLS_METRICS_NAMESPACE, the tagger's namespace. */
  namespaceVariable: 'POWERTOOLS_METRICS_NAMESPACE',
  /** Count of resources per sweep, one datum per action each run (zero included, so an alarm sees a value every period). */
  resources: 'SweepResources',
  /** Its one dimension (besides Powertools' `service`), valued by `SWEEP_ACTIONS`. */
  actionDimension: 'Action',
  /** Accounts and regions the sweep could not read at all (listing or records failed): counted per run. */
  failedTargets: 'SweepFailedTargets',
} as const;
