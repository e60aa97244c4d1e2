import { scheduleProblem } from '../../modules/config/reconcile';
import { readFileSync } from 'node:fs';
import { ConfigError, parseConfig } from '../../modules/config/load';
import { EXAMPLE_CONFIG_FILE } from '../support/synth';

describe('reconcile.schedule', () => {
  it.each(['rate(1 day)', 'rate(12 hours)', 'rate(30 minutes)', 'cron(0 3 * * ? *)'])('accepts %s', (expression) => {
    expect(scheduleProblem(expression)).toBeUndefined();
  });

  it.each([
    ['rate(1 days)', 'write rate(1 day) (Scheduler takes the singular for 1 only)'],
    ['rate(2 day)', 'write rate(2 days) (Scheduler takes the singular for 1 only)'],
    ['rate(0 hours)', 'rate(...) must be at least 1'],
    ['rate(1 week)', 'rate(...) takes minute(s), hour(s) or day(s), not "week"'],
    ['at(2026-01-01T00:00:00)', 'must recur: a one-time at(...) schedule sweeps once and never again'],
    ['cron(0 3 * * ?)', 'must be rate(<n> <minutes|hours|days>) or cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>)'],
  ])('refuses %s: %s', (expression, problem) => {
    expect(scheduleProblem(expression)).toBe(problem);
  });
});

describe('reconcile in the config', () => {
  const example = JSON.parse(readFileSync(EXAMPLE_CONFIG_FILE, 'utf8'));
  const problems = (reconcile: unknown): string[] => {
    try {
      parseConfig(JSON.stringify({ ...example, reconcile }), 'x.json');
    } catch (err) {
      if (err instanceof ConfigError) return err.problems.map((p) => `${p.path}: ${p.message}`);
      throw err;
    }
    return [];
  };

  it('defaults to a daily sweep of 90 days of records from the trail this project creates', () => {
    expect(parseConfig(JSON.stringify(example), 'x.json').reconcile).toEqual({
      enabled: true,
      schedule: 'rate(1 day)',
      lookbackDays: 90,
      memorySize: 512,
      timeoutSeconds: 900,
    });
  });

  it('names each bad field', () => {
    expect(problems({ schedule: 'rate(1 days)', lookbackDays: 0, trailBucket: { name: 'Bad', region: 'eu-west-1' } })).toEqual([
      'reconcile.schedule: write rate(1 day) (Scheduler takes the singular for 1 only)',
      'reconcile.lookbackDays: 0 must be at least 1',
      'reconcile.trailBucket.name: "Bad" must be an S3 bucket name (3-63 of a-z, 0-9, ., -)',
    ]);
    expect(problems({ enable: false })).toEqual(['reconcile.enable: is not a known field; did you mean "enabled"?']);
  });
});
