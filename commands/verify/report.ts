/** The report of `verify`: a table with a mark per check, the reasons once each, or JSON. Pure. */
import { MARK, renderTable, type Column } from '../cli/output';
import { CHECK_NAMES, type Row } from './wiring';

const COLUMNS: readonly Column<Row>[] = [
  { header: 'account', value: (row) => row.accountName },
  { header: 'id', value: (row) => row.account },
  { header: 'region', value: (row) => row.region },
  ...CHECK_NAMES.map((name): Column<Row> => ({ header: name, value: (row) => MARK[row.checks[name].status] })),
];

/**
 * One line per failed check and place: a central or organization-wide
 * problem shows in the row of every account it affects, but is explained once.
 */
export const failureLines = (rows: readonly Row[]): string[] => {
  const lines = rows.flatMap((row) =>
    CHECK_NAMES.filter((name) => row.checks[name].status === 'fail').map(
      (name) => `${MARK.fail} ${name} in ${row.checks[name].where}: ${row.checks[name].reason}`,
    ),
  );
  return [...new Set(lines)];
};

export const renderReport = (rows: readonly Row[]): string => {
  const failures = failureLines(rows);
  const wired = rows.filter((row) => row.ok).length;
  const summary = `${wired} of ${rows.length} account-region pairs wired${failures.length ? `; ${failures.length} problem${failures.length === 1 ? '' : 's'}:` : '.'}`;
  return [renderTable(COLUMNS, rows), '', summary, ...failures].join('\n');
};
