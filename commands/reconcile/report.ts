/**
 * The reconcile report: one row per resource (or per account, region or
 * resource type that could not be read), as a table, JSON or CSV. Pure.
 */
import type { AccountConfig } from '../../modules/config/schema';
import type { Row } from '../../functions/reconcile/reconcile';
import { renderTable, toCsv, type Column } from '../cli/output';

/** The columns, with the account's name beside its id. */
export const reportColumns = (accounts: readonly AccountConfig[]): Column<Row>[] => {
  const names = new Map(accounts.map((a) => [a.id, a.name]));
  return [
    { header: 'account', value: (row) => (names.has(row.account) ? `${names.get(row.account)} (${row.account})` : row.account) },
    { header: 'region', value: (row) => row.region },
    { header: 'resource', value: (row) => row.resource },
    { header: 'type', value: (row) => row.type },
    { header: 'found creator', value: (row) => row.creator },
    { header: 'action', value: (row) => row.action },
    { header: 'detail', value: (row) => row.detail ?? (row.eventName && `${row.eventName} ${row.eventId ?? ''}`.trim()) },
  ];
};

/** One line counting each action: "3 tagged, 10 already-tagged, 1 no-record, 0 failed". */
export const summaryLine = (counts: Readonly<Record<Row['action'], number>>, dryRun: boolean): string =>
  (['tagged', 'would-tag', 'already-tagged', 'no-record', 'failed'] as const)
    .filter((action) => (action === 'would-tag' ? dryRun : action !== 'tagged' || !dryRun))
    .map((action) => `${counts[action]} ${action}`)
    .join(', ');

export type Format = 'table' | 'json' | 'csv';

/** The report in `format`; the table ends with the summary line. */
export const renderReport = (format: Format, accounts: readonly AccountConfig[], rows: readonly Row[], summary: string): string => {
  if (format === 'json') return JSON.stringify(rows, null, 2);
  const columns = reportColumns(accounts);
  return format === 'csv' ? toCsv(columns, rows) : `${renderTable(columns, rows)}\n\n${summary}`;
};
