/**
 * The reports of the operator commands: an aligned text table for people,
 * JSON and CSV (RFC 4180) for pipelines. Pure: each returns a string.
 */

import type { OptionSpec } from './options';

/** `--json`, the same for every command. */
export const JSON_OPTION = {
  type: 'boolean',
  description: 'print the rows as JSON (for pipelines) instead of the table',
} as const satisfies OptionSpec;

/** The marks of a check's outcome in a table. */
export const MARK = { pass: '✔', fail: '✘', skip: '–' } as const;

export type Cell = string | number | boolean | undefined | null;

export interface Column<R> {
  readonly header: string;
  readonly value: (row: R) => Cell;
  /** Numbers read best right-aligned. @default 'left' */
  readonly align?: 'left' | 'right';
}

const text = (cell: Cell): string => (cell === undefined || cell === null ? '' : String(cell));

// Code points, not UTF-16 units, so a mark or an accented name counts once.
const width = (value: string): number => [...value].length;

const pad = (value: string, size: number, align: 'left' | 'right' = 'left'): string => {
  const fill = ' '.repeat(size - width(value));
  return align === 'right' ? fill + value : value + fill;
};

/**
 * An aligned table: header, a rule, one line per row; columns two spaces
 * apart, no trailing spaces. Line breaks inside a cell are shown as spaces so
 * a row stays one line.
 */
export const renderTable = <R>(columns: readonly Column<R>[], rows: readonly R[]): string => {
  const cells = rows.map((row) => columns.map((column) => text(column.value(row)).replace(/\s*[\r\n]+\s*/g, ' ')));
  const widths = columns.map((column, i) => Math.max(width(column.header), ...cells.map((line) => width(line[i]))));
  const line = (values: readonly string[]) =>
    values
      .map((value, i) => pad(value, widths[i], columns[i].align))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
};

/** Rows as a JSON array (two-space indented), for pipelines. */
export const toJson = (rows: readonly unknown[]): string => JSON.stringify(rows, null, 2);

// RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
const csvField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** RFC 4180 CSV: a header record, one record per row, CRLF line breaks. */
export const toCsv = <R>(columns: readonly Column<R>[], rows: readonly R[]): string =>
  `${[columns.map((c) => c.header), ...rows.map((row) => columns.map((c) => text(c.value(row))))]
    .map((record) => record.map(csvField).join(','))
    .join('\r\n')}\r\n`;
