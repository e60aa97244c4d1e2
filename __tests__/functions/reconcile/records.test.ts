import { gzipSync } from 'node:zlib';
import { keyOnOrAfter, logPrefixes, parseLogFile, parseSince } from '../../../functions/reconcile/records';

describe('logPrefixes', () => {
  it('lists every month of the window in both layouts, across a year end', () => {
    expect(
      logPrefixes(
        { organizationId: 'o-abc1234567' },
        '111111111111',
        'eu-west-1',
        new Date('2025-12-20T00:00:00Z'),
        new Date('2026-01-03T00:00:00Z'),
      ),
    ).toEqual([
      'AWSLogs/o-abc1234567/111111111111/CloudTrail/eu-west-1/2025/12/',
      'AWSLogs/o-abc1234567/111111111111/CloudTrail/eu-west-1/2026/01/',
      'AWSLogs/111111111111/CloudTrail/eu-west-1/2025/12/',
      'AWSLogs/111111111111/CloudTrail/eu-west-1/2026/01/',
    ]);
  });

  it("puts the trail's key prefix first, and without an organization reads the single-account layout only", () => {
    expect(logPrefixes({ keyPrefix: 'trails/org' }, '111111111111', 'us-east-1', new Date('2026-03-05Z'), new Date('2026-03-09Z'))).toEqual(
      ['trails/org/AWSLogs/111111111111/CloudTrail/us-east-1/2026/03/'],
    );
  });
});

describe('keyOnOrAfter', () => {
  const key = (day: string) => `AWSLogs/o-abc1234567/111111111111/CloudTrail/eu-west-1/${day}/111111111111_CloudTrail_eu-west-1_x.json.gz`;

  it("keeps a file of the window's first day (it may hold records after the start) and later ones, drops earlier days", () => {
    const since = new Date('2026-03-05T18:30:00Z');
    expect(keyOnOrAfter(key('2026/03/05'), since)).toBe(true);
    expect(keyOnOrAfter(key('2026/04/01'), since)).toBe(true);
    expect(keyOnOrAfter(key('2026/03/04'), since)).toBe(false);
  });

  it('drops a key that is not a CloudTrail log file', () => {
    expect(keyOnOrAfter('AWSLogs/111111111111/CloudTrail-Digest/eu-west-1/2026/03/05/x.json.gz', new Date('2026-01-01Z'))).toBe(false);
  });
});

describe('parseLogFile', () => {
  it('reads the records of a gzipped log file', () => {
    const records = [{ eventName: 'CreateVolume' }, { eventName: 'RunInstances' }];
    expect(parseLogFile('k', gzipSync(JSON.stringify({ Records: records })))).toEqual(records);
  });

  it('names the file when it is not gzipped JSON, or has no Records array', () => {
    expect(() => parseLogFile('a/b.json.gz', Buffer.from('{"Records": []}'))).toThrow(
      /^a\/b\.json\.gz: not a gzipped JSON CloudTrail log file/,
    );
    expect(() => parseLogFile('a/c.json.gz', gzipSync('{"records": []}'))).toThrow('a/c.json.gz: no "Records" array');
  });
});

describe('parseSince', () => {
  const now = new Date('2026-03-10T12:00:00Z');

  it('takes a number of days back from now, or a date', () => {
    expect(parseSince('7', now)).toEqual(new Date('2026-03-03T12:00:00Z'));
    expect(parseSince('2026-01-01', now)).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(parseSince('2026-03-01T08:00:00Z', now)).toEqual(new Date('2026-03-01T08:00:00Z'));
  });

  it('names the option for anything else, and for a date in the future', () => {
    expect(() => parseSince('last week', now)).toThrow('--since: "last week" is neither a number of days nor a date (YYYY-MM-DD)');
    expect(() => parseSince('2026-13-45', now)).toThrow(/^--since: "2026-13-45"/);
    expect(() => parseSince('2027-01-01', now)).toThrow('--since: 2027-01-01 is in the future');
  });
});
