import { renderReport, summaryLine } from '../../../commands/reconcile/report';
import type { Row } from '../../../functions/reconcile/reconcile';

const accounts = [{ id: '111111111111', name: 'dev' }] as any;
const rows: Row[] = [
  {
    account: '111111111111',
    region: 'eu-west-1',
    type: 'volume',
    resource: 'vol-1',
    creator: 'alice',
    action: 'tagged',
    detail: 'Owner missing; PrincipalId missing',
    eventName: 'CreateVolume',
    eventId: 'e1',
  },
  { account: '111111111111', region: 'eu-west-1', type: 'volume', resource: 'vol-2', action: 'no-record' },
  { account: '222222222222', region: 'us-east-1', resource: '-', action: 'failed', detail: 'listing fleet: Throttling, "slow down"' },
];
const counts = { tagged: 1, 'would-tag': 0, 'already-tagged': 4, 'no-record': 1, failed: 1 };

describe('the reconcile report', () => {
  it('is a table with the account name beside its id, and a summary line', () => {
    expect(renderReport('table', accounts, rows, summaryLine(counts, false)).split('\n')).toEqual([
      'account             region     resource  type    found creator  action     detail',
      '------------------  ---------  --------  ------  -------------  ---------  --------------------------------------',
      'dev (111111111111)  eu-west-1  vol-1     volume  alice          tagged     Owner missing; PrincipalId missing',
      'dev (111111111111)  eu-west-1  vol-2     volume                 no-record',
      '222222222222        us-east-1  -                                failed     listing fleet: Throttling, "slow down"',
      '',
      '1 tagged, 4 already-tagged, 1 no-record, 1 failed',
    ]);
  });

  it('counts would-tag instead of tagged in a dry run', () => {
    expect(summaryLine({ ...counts, tagged: 0, 'would-tag': 3 }, true)).toBe('3 would-tag, 4 already-tagged, 1 no-record, 1 failed');
  });

  it('is RFC 4180 CSV or the rows as JSON for pipelines', () => {
    const csv = renderReport('csv', accounts, rows, '').split('\r\n');
    expect(csv[0]).toBe('account,region,resource,type,found creator,action,detail');
    expect(csv[3]).toBe('222222222222,us-east-1,-,,,failed,"listing fleet: Throttling, ""slow down"""');
    expect(JSON.parse(renderReport('json', accounts, rows, ''))).toEqual(rows);
  });
});
