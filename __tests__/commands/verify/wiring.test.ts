import { validateConfig } from '../../../modules/config/load';
import { cloudTrailEventPattern } from '../../../modules/event-pattern';
import { selectTargets } from '../../../commands/cli/config';
import { sampleConfig } from '../../support/commands/sample-config';
import { failureLines, renderReport } from '../../../commands/verify/report';
import { expectedWiring, verifyRow, type Observations } from '../../../commands/verify/wiring';

const config = sampleConfig;

/** What AWS holds for a correctly deployed account and region, built from the synthesized expectations. */
const wired = (account: string, region: string): Observations => {
  const expected = expectedWiring(config, account, region);
  const aliasArn = expected.queue.aliasArn;
  const queueArn = `arn:aws:sqs:${region}:222222222222:auto-tag-tagger-dlq`;
  return {
    trails: {
      found: [
        { name: 'auto-tag-org-trail', homeRegion: 'eu-west-1', isOrganizationTrail: true, isMultiRegionTrail: true, isLogging: true },
      ],
    },
    forwardingRule: {
      found: {
        state: 'ENABLED',
        eventPattern: JSON.stringify(cloudTrailEventPattern()),
        targets: [
          { arn: expected.forwarding.targetArn, roleArn: expected.forwarding.roleArn, deadLetterArn: expected.forwarding.deadLetterArn },
        ],
      },
    },
    forwardQueue: { found: { arn: expected.forwarding.deadLetterArn!, visible: 0, inFlight: 0, delayed: 0 } },
    taggerRole: {
      found: {
        trustPolicy: JSON.stringify({
          Statement: [{ Effect: 'Allow', Principal: { AWS: expected.tagger.functionRoleArn }, Action: 'sts:AssumeRole' }],
        }),
      },
    },
    centralBus: { found: { policy: JSON.stringify(expected.bus.policy) } },
    centralRule: {
      found: {
        state: 'ENABLED',
        eventPattern: JSON.stringify(cloudTrailEventPattern()),
        targets: [{ arn: aliasArn, deadLetterArn: queueArn }],
      },
    },
    alias: { found: { functionVersion: '1' } },
    onFailure: { found: { destination: queueArn } },
    queue: { found: { arn: queueArn, visible: 0, inFlight: 0, delayed: 0 } },
  };
};

describe('expectedWiring', () => {
  it("derives the names and ARNs of the account's and the central account's resources in the region", () => {
    const expected = expectedWiring(config, '333333333333', 'us-east-1');
    expect(expected).toMatchObject({
      trailName: 'auto-tag-org-trail',
      forwarding: {
        label: 'rule auto-tag-forward-to-central',
        targetArn: 'arn:aws:events:us-east-1:222222222222:event-bus/auto-tag',
        roleArn: 'arn:aws:iam::333333333333:role/auto-tag-forwarder-us-east-1',
        deadLetterArn: 'arn:aws:sqs:us-east-1:333333333333:auto-tag-forward-dlq',
      },
      tagger: { roleName: 'auto-tag-tagger', functionRoleArn: 'arn:aws:iam::222222222222:role/auto-tag-tagger-function' },
      function: {
        rule: {
          label: 'central rule auto-tag-tag-new-resources',
          targetArn: 'arn:aws:lambda:us-east-1:222222222222:function:auto-tag-tagger:PROD',
        },
      },
      queue: { queueName: 'auto-tag-tagger-dlq' },
    });
  });

  it('expects no particular trail when the config uses an existing one', () => {
    expect(
      expectedWiring(validateConfig({ ...config, orgTrail: { create: false } }), '333333333333', 'us-east-1').trailName,
    ).toBeUndefined();
  });
});

describe('verifyRow and the report', () => {
  const targets = selectTargets(config);
  const rows = (broken: (o: Observations, account: string, region: string) => Observations) =>
    targets.map((t) => verifyRow(config, t, broken(wired(t.account.id, t.region), t.account.id, t.region)));

  it('passes every check of a wired organization, and the report says so', () => {
    const all = rows((o) => o);
    expect(all.every((row) => row.ok)).toBe(true);
    expect(renderReport(all)).toBe(
      [
        'account     id            region     trail  forwarding  forward-dlq-empty  tagger-role  central-bus  function  dlq  dlq-empty',
        '----------  ------------  ---------  -----  ----------  -----------------  -----------  -----------  --------  ---  ---------',
        'management  111111111111  eu-west-1  ✔      ✔           ✔                  ✔            ✔            ✔         ✔    ✔',
        'management  111111111111  us-east-1  ✔      ✔           ✔                  ✔            ✔            ✔         ✔    ✔',
        'tooling     222222222222  eu-west-1  ✔      ✔           ✔                  ✔            ✔            ✔         ✔    ✔',
        'tooling     222222222222  us-east-1  ✔      ✔           ✔                  ✔            ✔            ✔         ✔    ✔',
        'dev         333333333333  eu-west-1  ✔      ✔           ✔                  ✔            ✔            ✔         ✔    ✔',
        'dev         333333333333  us-east-1  ✔      ✔           ✔                  ✔            ✔            ✔         ✔    ✔',
        'sandbox     444444444444  eu-west-1  ✔      ✔           ✔                  ✔            ✔            ✔         ✔    ✔',
        '',
        '7 of 7 account-region pairs wired.',
      ].join('\n'),
    );
  });

  it("marks a central problem in every row of its region but explains it once, where it is; an account's role once per account", () => {
    const all = rows((o, account, region) => ({
      ...o,
      ...(region === 'us-east-1' ? { queue: { found: { ...(o.queue as any).found, visible: 2 } } } : {}),
      ...(account === '333333333333' ? { taggerRole: { missing: true } as const } : {}),
    }));
    expect(all.map((row) => [row.accountName, row.region, row.ok])).toEqual([
      ['management', 'eu-west-1', true],
      ['management', 'us-east-1', false],
      ['tooling', 'eu-west-1', true],
      ['tooling', 'us-east-1', false],
      ['dev', 'eu-west-1', false],
      ['dev', 'us-east-1', false],
      ['sandbox', 'eu-west-1', true],
    ]);
    expect(failureLines(all)).toEqual([
      '✘ dlq-empty in tooling (222222222222) us-east-1: 2 messages in the dead-letter queue (2 waiting): see npm run replay -- --region us-east-1',
      '✘ tagger-role in dev (333333333333): role auto-tag-tagger not found',
    ]);
    expect(renderReport(all)).toContain('3 of 7 account-region pairs wired; 2 problems:');
    expect(renderReport(all)).toContain(
      'dev         333333333333  eu-west-1  ✔      ✔           ✔                  ✘            ✔            ✔         ✔    ✔',
    );
  });

  it('fails the row of an account and region whose forwarding dead-letter queue holds events, pointing at reconcile', () => {
    const all = rows((o, account, region) =>
      account === '333333333333' && region === 'us-east-1'
        ? { ...o, forwardQueue: { found: { ...(o.forwardQueue as any).found, visible: 1 } } }
        : o,
    );
    expect(all.filter((row) => !row.ok).map((row) => `${row.accountName} ${row.region}`)).toEqual(['dev us-east-1']);
    expect(failureLines(all)).toEqual([
      '✘ forward-dlq-empty in dev (333333333333) us-east-1: 1 message in the forwarding dead-letter queue (1 waiting): events that never reached the central bus; tag their resources with npm run reconcile -- --accounts 333333333333 --regions us-east-1',
    ]);
  });

  it('marks a check that could not run as skipped, which fails no row', () => {
    const [row] = rows((o) => ({ ...o, queue: { missing: true } }));
    expect(row.checks['dlq-empty']).toMatchObject({ status: 'skip' });
    expect(row.checks.dlq).toMatchObject({ status: 'fail', reason: 'queue auto-tag-tagger-dlq not found' });
    expect(renderReport([row]).split('\n')[2]).toMatch(/✘ {4}–$/);
  });
});
