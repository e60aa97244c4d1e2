/** The report of `replay`: one row per message handled, why it failed and what replay did. Pure. */
import { renderTable, type Column } from '../cli/output';
import type { ReplayRow } from './replay';

const COLUMNS: readonly Column<ReplayRow>[] = [
  { header: 'message', value: (row) => row.messageId },
  { header: 'kind', value: (row) => row.kind },
  { header: 'event', value: (row) => row.eventName },
  { header: 'account', value: (row) => row.account },
  { header: 'region', value: (row) => row.region },
  { header: 'failed because', value: (row) => row.failure },
  { header: 'action', value: (row) => row.action },
  { header: 'result', value: (row) => row.result },
];

export const renderReport = (rows: readonly ReplayRow[], dryRun: boolean): string => {
  if (rows.length === 0) return 'The dead-letter queue is empty: nothing to replay.';
  const count = (action: ReplayRow['action']) => rows.filter((row) => row.action === action).length;
  const summary = dryRun
    ? `${count('would-replay')} of ${rows.length} messages would be replayed; ${count('kept')} would be kept (--dry-run: nothing was invoked or deleted).`
    : `${count('replayed')} of ${rows.length} messages replayed and deleted; ${count('kept')} kept${count('replayed-not-deleted') ? `; ${count('replayed-not-deleted')} replayed but not deleted` : ''}.`;
  return [renderTable(COLUMNS, rows), '', summary].join('\n');
};

/** Whether the run left nothing wrong: every message replayed and deleted (or, dry, replayable). */
export const allReplayed = (rows: readonly ReplayRow[], dryRun: boolean): boolean =>
  rows.every((row) => row.action === (dryRun ? 'would-replay' : 'replayed'));
