/**
 * The scheduled sweep: what to sweep comes in the invocation (the schedule's
 * input, input.ts, written at synth from the config: it outgrows Lambda's 4 KB
 * of environment at a few hundred accounts), how from the environment. Counts
 * go out as metrics (SWEEP_METRICS), each resource's outcome as the tagger's
 * own log line when tagged, and one summary line.
 */
import type { HandlerDeps } from '../tagger/handler';
import { createdResourceTypes } from '../tagger/catalogue';
import { SWEEP_ACTIONS, SWEEP_METRICS } from './metrics';
import { parseSweepInput } from './input';
import { countActions, reconcile, type ReconcileDeps, type Row } from './reconcile';

export interface SweepSummary {
  readonly counts: Record<Row['action'], number>;
  /** Accounts and regions that could not be read (listing or records). */
  readonly failedTargets: number;
}

export interface SweepDeps {
  /** Made per invocation: the window of records ends now. */
  readonly reconcileDeps: () => ReconcileDeps;
  readonly logger: HandlerDeps['logger'];
  readonly metrics: Pick<HandlerDeps['metrics'], 'addDimension' | 'addMetric' | 'publishStoredMetrics'>;
}

export const createSweepHandler =
  ({ reconcileDeps, logger, metrics }: SweepDeps) =>
  async (input: unknown): Promise<SweepSummary> => {
    const { accounts } = parseSweepInput(input);
    const targets = accounts.flatMap(({ id, regions }) => regions.map((region) => ({ account: id, region })));
    const rows = await reconcile(reconcileDeps(), targets, { types: createdResourceTypes() });
    const whole = rows.filter((row) => row.resource === '-');
    const counts = countActions(rows.filter((row) => row.resource !== '-'));
    const failedTargets = new Set(whole.map((row) => `${row.account}/${row.region}`)).size;
    // One flush per datum: Powertools keeps one set of dimensions per flush.
    for (const action of SWEEP_ACTIONS) {
      metrics.addDimension(SWEEP_METRICS.actionDimension, action);
      metrics.addMetric(SWEEP_METRICS.resources, 'Count', counts[action]);
      metrics.publishStoredMetrics();
    }
    metrics.addMetric(SWEEP_METRICS.failedTargets, 'Count', failedTargets);
    metrics.publishStoredMetrics();
    for (const row of whole) logger.error('sweep target failed', { ...row });
    for (const row of rows.filter((r) => r.action === 'no-record')) logger.warn('no creation record', { ...row });
    logger.info('sweep', { targets: targets.length, ...counts, failedTargets });
    return { counts, failedTargets };
  };
