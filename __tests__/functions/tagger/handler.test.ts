import { AccountNotOnboarded } from '../../../functions/tagger/credentials';
import { decide } from '../../../functions/tagger/event';
import { cloudTrailFixtures, identityFixtures } from '../../fixtures/all-fixtures';
import { fixture } from '../../fixtures/cloudtrail-events';
import { echoEc2, instantBackoff, lambdaContext, metricOf, named, runHandler, sessionsFor } from '../../support/tagger/harness';

const noAws = () =>
  sessionsFor((() => {
    throw new Error('no AWS call expected');
  }) as () => never);

/** Every string anywhere in `value`: the IDs an event could possibly name. */
const stringsIn = (value: unknown): Set<string> => {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') found.add(v);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(walk);
  };
  walk(value);
  return found;
};

describe('handler', () => {
  it('logs a skip as one structured JSON line, counts it, and touches no AWS API', async () => {
    const event = fixture('RunInstances');
    event.detail.errorCode = 'Client.DryRunOperation';
    const sessions = noAws();
    const { result, lines, metrics } = await runHandler(event, { sessions });

    expect(sessions.ec2).not.toHaveBeenCalled();
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'skipped',
        service: 'auto-tag',
        eventId: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
        account: '111122223333',
        region: 'eu-west-1',
        eventName: 'RunInstances',
        decision: 'skipped',
        reason: 'api-error',
        errorCode: 'Client.DryRunOperation',
      }),
    ]);
    expect(metrics.map(metricOf)).toEqual([
      { namespace: 'AutoTag', name: 'Skipped', dimensions: { service: 'auto-tag', Reason: 'api-error' }, value: 1 },
    ]);
    expect(result).toEqual(expect.objectContaining({ decision: 'skipped', reason: 'api-error' }));
  });

  it('never throws on junk: it is a logged, counted skip', async () => {
    for (const junk of [undefined, null, 'x', [], { detail: null }]) {
      const { result, lines, metrics } = await runHandler(junk, { sessions: noAws() });
      expect(result).toEqual(expect.objectContaining({ decision: 'skipped', reason: 'malformed-event' }));
      expect(lines).toHaveLength(1);
      expect(metrics.map(metricOf)).toEqual([
        expect.objectContaining({ name: 'Skipped', dimensions: expect.objectContaining({ Reason: 'malformed-event' }) }),
      ]);
    }
  });

  it('names the identity type it does not support', async () => {
    const event = fixture('CreateVolume');
    event.detail.userIdentity = Object.fromEntries(identityFixtures())['identity-center-user'].userIdentity;
    const { lines } = await runHandler(event, { sessions: noAws() });
    expect(lines).toEqual([expect.objectContaining({ reason: 'unsupported-identity-type', identityType: 'IdentityCenterUser' })]);
  });

  it('tags everything the event and its lookup name, in one CreateTags call, and counts it by caller', async () => {
    const ec2 = echoEc2();
    const { result, lines, metrics, sent } = await runHandler(fixture('CreateVolume'), { ec2 });

    expect(sent).toEqual([
      {
        command: 'CreateTags',
        output: {},
        input: {
          Resources: ['vol-0bbbbbbbbbbbbbbb1'],
          Tags: [
            { Key: 'Owner', Value: 'bob' },
            { Key: 'PrincipalId', Value: 'AIDAEXAMPLEUSERID1234' },
          ],
        },
      },
    ]);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'tagged',
        caller: 'IAMUser',
        resourceIds: ['vol-0bbbbbbbbbbbbbbb1'],
        owner: 'bob',
        principalId: 'AIDAEXAMPLEUSERID1234',
        tags: { Owner: 'bob', PrincipalId: 'AIDAEXAMPLEUSERID1234' },
        retries: 0,
      }),
    ]);
    expect(metrics.map(metricOf)).toEqual([
      { namespace: 'AutoTag', name: 'Tagged', dimensions: { service: 'auto-tag', Caller: 'IAMUser' }, value: 1 },
    ]);
    expect(result).toMatchObject({ decision: 'tagged' });
  });

  it('writes the configured keys and extra tags', async () => {
    const ec2 = echoEc2();
    const env = {
      OWNER_TAG_KEY: 'CreatedBy',
      PRINCIPAL_ID_TAG_KEY: 'CreatorId',
      CREATED_AT_TAG_KEY: 'CreatedAt',
      CREATOR_ARN_TAG_KEY: 'CreatorArn',
      INVOKED_BY_TAG_KEY: 'InvokedBy',
    };
    const event = fixture('CreateVolume');
    await runHandler(event, { ec2, env });
    expect(ec2.sent[0].input.Tags).toEqual([
      { Key: 'CreatedBy', Value: 'bob' },
      { Key: 'CreatorId', Value: 'AIDAEXAMPLEUSERID1234' },
      { Key: 'CreatedAt', Value: event.detail.eventTime },
      { Key: 'CreatorArn', Value: event.detail.userIdentity.arn },
      { Key: 'InvokedBy', Value: '' },
    ]);
  });

  it('tags a service-linked role launch as the service, never as a person, and says which service', async () => {
    const event = fixture('RunInstances');
    event.detail.userIdentity = Object.fromEntries(identityFixtures())['auto-scaling-service-linked-role'].userIdentity;
    const ec2 = echoEc2();
    const { lines, metrics } = await runHandler(event, { ec2 });
    expect(lines).toEqual([
      expect.objectContaining({
        message: 'tagged',
        caller: 'AWSServiceRole',
        owner: 'AWSServiceRoleForAutoScaling',
        principalId: 'AROAEXAMPLEASGROLE123:AutoScaling',
        invokedBy: 'autoscaling.amazonaws.com',
      }),
    ]);
    expect(metrics.map(metricOf)).toEqual([
      expect.objectContaining({ name: 'Tagged', dimensions: expect.objectContaining({ Caller: 'AWSServiceRole' }) }),
    ]);
  });

  it('overwrites a protected value the request asked for, and warns about it', async () => {
    const event = fixture('CreateVolume');
    event.detail.requestParameters.tagSpecificationSet = {
      items: [
        {
          resourceType: 'volume',
          tags: [
            { key: 'PrincipalId', value: 'AROAVICTIMROLEID12345:victim' },
            { key: 'Name', value: 'data' },
          ],
        },
      ],
    };
    const ec2 = echoEc2();
    const { lines } = await runHandler(event, { ec2 });
    expect(ec2.sent[0].input.Tags).toContainEqual({ Key: 'PrincipalId', Value: 'AIDAEXAMPLEUSERID1234' });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'WARN',
        message: 'tagged',
        overridden: [{ key: 'PrincipalId', requested: 'AROAVICTIMROLEID12345:victim', written: 'AIDAEXAMPLEUSERID1234' }],
      }),
    ]);
  });

  it('sanitizes a value AWS would refuse, logs the original, and leaves a valid aws:userid alone', async () => {
    const event = fixture('RunInstances');
    // IAMUser records name the user in userName, which nothing but CloudTrail vouches for.
    event.detail.userIdentity = {
      ...event.detail.userIdentity,
      type: 'IAMUser',
      principalId: 'AIDAEXAMPLEUSERID1234',
      userName: 'bob#ops',
    };
    const ec2 = echoEc2();
    const { lines } = await runHandler(event, { ec2 });
    expect(ec2.sent.at(-1)!.input.Tags).toEqual([
      { Key: 'Owner', Value: 'bob ops' },
      { Key: 'PrincipalId', Value: 'AIDAEXAMPLEUSERID1234' },
    ]);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'INFO',
        principalId: 'AIDAEXAMPLEUSERID1234',
        sanitized: [{ key: 'Owner', original: 'bob#ops', written: 'bob ops' }],
      }),
    ]);
    expect(lines[0]).not.toHaveProperty('principalIdAltered');
  });

  it('writes a session name with a comma as it is: IAM allows it, and the owner-only policy needs it', async () => {
    const event = fixture('RunInstances');
    event.detail.userIdentity.principalId = 'AROAEXAMPLEROLEID1234:alice,ops';
    event.detail.userIdentity.arn = 'arn:aws:sts::111122223333:assumed-role/Dev/alice,ops';
    const ec2 = echoEc2();
    await runHandler(event, { ec2 });
    expect(ec2.sent.at(-1)!.input.Tags).toEqual([
      { Key: 'Owner', Value: 'alice,ops' },
      { Key: 'PrincipalId', Value: 'AROAEXAMPLEROLEID1234:alice,ops' },
    ]);
  });

  describe('a resource not visible yet', () => {
    it('is retried with backoff when CreateTags answers NotFound, as it does right after RunInstances', async () => {
      const backoff = instantBackoff();
      const ec2 = echoEc2((call, sent) =>
        call.command === 'CreateTags' && sent.filter((c) => c.command === 'CreateTags').length < 3
          ? named('InvalidInstanceID.NotFound')
          : undefined,
      );
      const { result, lines, metrics } = await runHandler(fixture('RunInstances'), { ec2, backoff });
      expect(ec2.sent.map((c) => c.command)).toEqual([
        'DescribeInstances',
        'CreateTags',
        'DescribeInstances',
        'CreateTags',
        'DescribeInstances',
        'CreateTags',
      ]);
      expect(backoff.waits).toEqual([187.5, 375]);
      expect(result).toMatchObject({ decision: 'tagged', retries: 2 });
      expect(lines).toEqual([expect.objectContaining({ message: 'tagged', retries: 2 })]);
      expect(metrics.map(metricOf)).toEqual([expect.objectContaining({ name: 'Tagged' })]);
    });

    it('is retried when the lookup answers NotFound', async () => {
      const ec2 = echoEc2((call, sent) =>
        call.command === 'DescribeInstances' && sent.length === 1 ? named('InvalidInstanceID.NotFound') : undefined,
      );
      const { result } = await runHandler(fixture('RunInstances'), { ec2 });
      expect(ec2.sent.map((c) => c.command)).toEqual(['DescribeInstances', 'DescribeInstances', 'CreateTags']);
      expect(result).toMatchObject({ decision: 'tagged', retries: 1 });
    });

    it('fails the event after the last try: logged, counted, flushed and thrown so the DLQ keeps it', async () => {
      const notFound = named('InvalidVolume.NotFound');
      const backoff = instantBackoff();
      const ec2 = echoEc2(() => notFound);
      const { error, lines, metrics } = await runHandler(fixture('CreateVolume'), { ec2, backoff });
      expect(error).toBe(notFound);
      expect(ec2.sent).toHaveLength(6);
      expect(backoff.waits).toHaveLength(5);
      expect(lines).toEqual([
        expect.objectContaining({
          level: 'ERROR',
          message: 'failed',
          decision: 'failed',
          reason: 'resource-not-found',
          eventName: 'CreateVolume',
        }),
      ]);
      expect(metrics.map(metricOf)).toEqual([
        expect.objectContaining({ name: 'Failed', dimensions: expect.objectContaining({ Reason: 'resource-not-found' }) }),
      ]);
    });
  });

  it('skips an account that was never onboarded', async () => {
    const denied = sessionsFor((() => {
      throw new AccountNotOnboarded('AssumeRole denied in 444455556666');
    }) as () => never);
    const { result, lines, metrics } = await runHandler(fixture('CreateSnapshot'), { sessions: denied });
    expect(result).toEqual(expect.objectContaining({ decision: 'skipped', reason: 'account-not-onboarded', account: '444455556666' }));
    expect(lines).toEqual([expect.objectContaining({ message: 'skipped', reason: 'account-not-onboarded' })]);
    expect(metrics.map(metricOf)).toEqual([
      expect.objectContaining({ name: 'Skipped', dimensions: expect.objectContaining({ Reason: 'account-not-onboarded' }) }),
    ]);
  });

  it('logs and rethrows any other failure at once, and still flushes its metric', async () => {
    const failure = named('RequestLimitExceeded');
    const failing = sessionsFor((() => {
      throw failure;
    }) as () => never);
    const { error, lines, metrics } = await runHandler(fixture('CreateImage'), { sessions: failing });
    expect(error).toBe(failure);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'failed',
        reason: 'error',
        eventId: 'c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f',
        error: expect.objectContaining({ name: 'RequestLimitExceeded', message: 'RequestLimitExceeded' }),
      }),
    ]);
    expect(metrics.map(metricOf)).toEqual([
      expect.objectContaining({ name: 'Failed', dimensions: expect.objectContaining({ Reason: 'error' }) }),
    ]);
  });

  it('leaves the same tags when the same event comes twice', async () => {
    const ec2 = echoEc2();
    await runHandler(fixture('RunInstances'), { ec2 });
    await runHandler(fixture('RunInstances'), { ec2 });
    const [first, second] = ec2.sent.filter((c) => c.command === 'CreateTags');
    expect(second).toEqual(first);
  });
});

describe('handler over every CloudTrail fixture, with every caller', () => {
  const identities = identityFixtures();

  it.each(cloudTrailFixtures())('%s', async (_, original) => {
    for (const [identity, { userIdentity, expected }] of identities) {
      const event = structuredClone(original);
      event.detail.userIdentity = userIdentity;
      const ec2 = echoEc2();
      const { result, error, lines, metrics, sent } = await runHandler(event, { ec2 });
      const context = `${identity}: ${JSON.stringify(result)}`;

      expect({ context, error }).toEqual({ context, error: undefined });
      expect(lines).toHaveLength(1);
      expect(metrics).toHaveLength(1);
      if ('reason' in expected || decide(event).action === 'skip') {
        expect({ context, decision: result.decision, sent }).toEqual({ context, decision: 'skipped', sent: [] });
        continue;
      }
      const creates = sent.filter((c) => c.command === 'CreateTags');
      expect({ context, creates: creates.length }).toEqual({ context, creates: 1 });
      const [{ input }] = creates;
      // Only IDs the event carried or a describe call answered.
      const known = stringsIn(event.detail.responseElements);
      for (const call of sent) for (const id of stringsIn(call.output)) known.add(id);
      for (const id of input.Resources) expect({ context, id, known: known.has(id) }).toEqual({ context, id, known: true });
      expect(input.Resources).toEqual(result.resourceIds);
      expect({ context, tags: input.Tags }).toEqual({
        context,
        tags: [
          { Key: 'Owner', Value: expected.owner },
          { Key: 'PrincipalId', Value: expected.principalId },
        ],
      });
      expect(metricOf(metrics[0])).toMatchObject({ name: 'Tagged', dimensions: { Caller: expected.caller } });
    }
  });
});

describe('handler: a caller from another account', () => {
  it('tags the truth, and logs a warning naming the caller account (its aws:userid matches no principal here)', async () => {
    const event = fixture('CreateVolume');
    event.detail.userIdentity = { ...event.detail.userIdentity, accountId: '999999999999' };
    const ec2 = echoEc2();
    const { result, lines, sent } = await runHandler(event, { ec2 });
    expect(sent.map((call) => call.command)).toEqual(['CreateTags']);
    expect(result).toEqual(expect.objectContaining({ decision: 'tagged', account: '111122223333', callerAccount: '999999999999' }));
    expect(lines).toEqual([expect.objectContaining({ level: 'WARN', decision: 'tagged', callerAccount: '999999999999' })]);
  });

  it('logs no caller account when the caller is of the event account', async () => {
    const { result, lines } = await runHandler(fixture('CreateVolume'), { ec2: echoEc2() });
    expect(result).not.toHaveProperty('callerAccount');
    expect(lines).toEqual([expect.objectContaining({ level: 'INFO', decision: 'tagged' })]);
  });
});

describe('handler: what operators read', () => {
  it('records the delay from eventTime to the tags written, in the log line and as a metric of its own', async () => {
    const event = fixture('CreateVolume');
    const now = () => Date.parse(event.detail.eventTime) + 61_250;
    const { result, lines, metrics, delays } = await runHandler(event, { now });
    expect(result).toMatchObject({ decision: 'tagged', delayMs: 61_250 });
    expect(lines).toEqual([expect.objectContaining({ message: 'tagged', delayMs: 61_250 })]);
    // No Caller dimension: its percentiles cover every event of the region.
    expect(delays.map(metricOf)).toEqual([{ namespace: 'AutoTag', name: 'TagDelay', dimensions: { service: 'auto-tag' }, value: 61_250 }]);
    expect(delays[0]._aws.CloudWatchMetrics[0].Metrics[0].Unit).toBe('Milliseconds');
    expect(metrics.map(metricOf)).toEqual([expect.objectContaining({ name: 'Tagged' })]);
  });

  it('measures no delay for an event it skips, an event that fails, or one without a valid eventTime', async () => {
    const dryRun = fixture('RunInstances');
    dryRun.detail.errorCode = 'Client.DryRunOperation';
    const noTime = fixture('CreateVolume');
    delete noTime.detail.eventTime;
    const failing = sessionsFor(() => {
      throw named('ThrottlingException');
    });
    const runs = [
      await runHandler(dryRun, { sessions: noAws() }),
      await runHandler(noTime),
      await runHandler(fixture('CreateImage'), { sessions: failing }),
    ];
    expect(runs.map((run) => [run.result?.decision ?? 'failed', run.delays.length, run.lines[0].delayMs])).toEqual([
      ['skipped', 0, undefined],
      ['tagged', 0, undefined],
      ['failed', 0, undefined],
    ]);
  });

  it("puts Lambda's request id and the cold-start flag on every line: cold on the first invocation only", async () => {
    // Lambda sets this for on-demand environments; Powertools reports no cold start under provisioned concurrency.
    process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';
    const first = await runHandler(fixture('CreateVolume'), { context: lambdaContext('req-1') }).finally(
      () => delete process.env.AWS_LAMBDA_INITIALIZATION_TYPE,
    );
    const second = await runHandler(fixture('CreateSnapshot'), { context: lambdaContext('req-2'), handler: first.handler });
    const context = {
      function_name: 'auto-tag-tagger',
      function_arn: 'arn:aws:lambda:eu-west-1:222222222222:function:auto-tag-tagger:PROD',
    };
    expect(first.lines).toEqual([
      expect.objectContaining({ ...context, message: 'tagged', function_request_id: 'req-1', cold_start: true }),
    ]);
    expect(second.lines).toEqual([
      expect.objectContaining({ ...context, message: 'tagged', function_request_id: 'req-2', cold_start: false }),
    ]);
  });
});
