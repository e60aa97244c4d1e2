/**
 * The scheduled sweep: what to sweep comes in the invocation (the schedule's
 * input, written at synth from the config: it outgrows Lambda's 4 KB of
 * environment at a few hundred accounts), how from the environment. Counts
 * go out as metrics (SWEEP_METRICS), each resource's outcome as the tagger's
 * own log line when tagged, and one summary line.
 */
import { z } from 'zod';
import type { HandlerDeps } from '../tagger/handler';
import { createdResourceTypes } from '../tagger/catalogue';
import { SWEEP_ACTIONS, SWEEP_METRICS } from './metrics';
import { countActions, reconcile, type ReconcileDeps, type Row } from './reconcile';

const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** The invocation: every account with the regions it covers. */
export const sweepInput = z.strictObject({
  accounts: z
    .array(
      z.strictObject({
        id: z.string().regex(ACCOUNT, { error: 'must be a 12-digit account id' }),
        regions: z.array(z.string().regex(REGION, { error: 'must be a region code' })).min(1, { error: 'must list at least one region' }),
      }),
    )
    .min(1, { error: 'must list at least one account' }),
});
export type SweepInput = z.infer<typeof sweepInput>;

/** The input, or an error naming each bad field (`accounts[0].regions[1]: must be a region code`). */
export const parseSweepInput = (input: unknown): SweepInput => {
  const result = sweepInput.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || 'input'}: ${issue.message}`);
  throw new Error(`sweep input is invalid: ${problems.join('; ')}`);
};

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

export const createSweepHandler = ({ reconcileDeps, logger, metrics }: SweepDeps) => async (input: unknown): Promise<SweepSummary> => {
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
