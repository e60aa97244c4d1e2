import { MARK, renderTable, toCsv, toJson, type Column } from '../../../commands/cli/output';

interface Row {
  readonly account: string;
  readonly count: number;
  readonly ok: boolean;
  readonly note?: string;
}

const columns: Column<Row>[] = [
  { header: 'account', value: (r) => r.account },
  { header: 'n', value: (r) => r.count, align: 'right' },
  { header: 'ok', value: (r) => (r.ok ? MARK.pass : MARK.fail) },
  { header: 'note', value: (r) => r.note },
];

const rows: Row[] = [
  { account: 'dev', count: 3, ok: true },
  { account: 'sandbox-é', count: 120, ok: false, note: 'rule "x", disabled\nsince today' },
];

describe('renderTable', () => {
  it('aligns every column under its header (numbers right), marks counted as one character, no trailing spaces', () => {
    expect(renderTable(columns, rows)).toBe(
      [
        'account      n  ok  note',
        '---------  ---  --  ------------------------------',
        'dev          3  ✔',
        'sandbox-é  120  ✘   rule "x", disabled since today',
      ].join('\n'),
    );
  });

  it('prints the header alone for no rows', () => {
    expect(renderTable(columns, [])).toBe('account  n  ok  note\n-------  -  --  ----');
  });
});

describe('toJson', () => {
  it('is the rows as a JSON array, parseable back', () => {
    expect(JSON.parse(toJson(rows))).toEqual(rows);
  });
});

describe('toCsv', () => {
  it('follows RFC 4180: header record, CRLF breaks, fields with commas, quotes or breaks quoted and their quotes doubled', () => {
    expect(toCsv(columns, rows)).toBe(
      ['account,n,ok,note', 'dev,3,✔,', 'sandbox-é,120,✘,"rule ""x"", disabled\nsince today"', ''].join('\r\n'),
    );
  });
});
