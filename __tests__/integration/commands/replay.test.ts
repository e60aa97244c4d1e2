/**
 * `npm run replay` end to end: the central dead-letter queue is a real SQS
 * queue in moto holding both kinds of dead letter (and one of no known shape),
 * people's resources are real in moto's EC2, and the invokes go to a loopback
 * Lambda stub running the shipped tagger bundle (see lambda-stub.ts: moto
 * cannot run a function without Docker). The command runs as an operator
 * runs it, with the Lambda endpoint pointed at the stub.
 *
 * What this cannot prove: Lambda's side of an invoke (the alias resolving to
 * a version, the function's role and timeout, throttling); the stub runs the
 * bundle with the function's variables and a role's credentials from moto.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { accountCredentials } from '../../../commands/cli/credentials';
import type { ReplayRow } from '../../../commands/replay/replay';
import { bundleTagger } from '../../../functions/tagger/build';
import { validateConfig } from '../../../modules/config/load';
import { FUNCTION_ALIAS, arn, namesFor } from '../../../modules/naming';
import { allTags, assumeRole, type Session } from '../../support/moto/aws';
import { SCENARIOS } from '../../support/moto/scenarios';
import { sdkEnv } from '../../support/moto/server';
import { startLambdaStub, type LambdaStub } from '../../support/commands/lambda-stub';

const CENTRAL = '350000000001';
const MEMBER = '350000000002';
const EU = 'eu-west-1';
const ROOT = join(__dirname, '..', '..', '..');

const config = validateConfig({
  organizationId: 'o-a1b2c3d4e5',
  managementAccountId: CENTRAL,
  centralAccountId: CENTRAL,
  regions: [EU],
  homeRegion: EU,
  accounts: [
    { id: CENTRAL, name: 'tooling' },
    { id: MEMBER, name: 'dev' },
  ],
});
const names = namesFor(config);

const replay = (args: readonly string[], lambdaEndpoint: string): Promise<{ code: number; rows: ReplayRow[]; stderr: string }> =>
  new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '-s', 'replay', '--', ...args, '--json'],
      { cwd: ROOT, env: { ...process.env, AWS_ENDPOINT_URL_LAMBDA: lambdaEndpoint } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, rows: stdout ? JSON.parse(stdout) : [], stderr }),
    );
  });

describe('npm run replay, against a moto queue and the tagger bundle behind a Lambda stub', () => {
  const dir = mkdtempSync(join(tmpdir(), 'auto-tag-replay-'));
  const configFile = join(dir, 'auto-tag.json');
  let stub: LambdaStub;
  let sqs: SQSClient;
  let queueUrl: string;
  let alice: Session;
  const sent: Record<string, { eventId: string; expected: readonly string[] }> = {};

  beforeAll(async () => {
    writeFileSync(configFile, JSON.stringify(config));
    sqs = new SQSClient({ region: EU, credentials: accountCredentials(config, { sessionName: 'test' })(CENTRAL) });
    ({ QueueUrl: queueUrl } = (await sqs.send(new CreateQueueCommand({ QueueName: names.deadLetterQueue }))) as { QueueUrl: string });

    // The function as Lambda would run it: the shipped bundle, its variables, its role's credentials.
    const bundle = bundleTagger(join(dir, 'bundle'));
    const { Credentials } = await new STSClient({ region: EU }).send(
      new AssumeRoleCommand({ RoleArn: arn.role(CENTRAL, names.functionRole), RoleSessionName: names.functionName }),
    );
    stub = await startLambdaStub({
      bundleDir: bundle.dir,
      functionName: names.functionName,
      qualifier: FUNCTION_ALIAS,
      env: {
        // moto's endpoint and no local AWS config, then what Lambda sets: region, name, the role's credentials.
        ...sdkEnv(process.env.AWS_ENDPOINT_URL!),
        PATH: process.env.PATH ?? '',
        TAGGER_ROLE_NAME: names.taggerRole,
        AWS_REGION: EU,
        AWS_LAMBDA_FUNCTION_NAME: names.functionName,
        AWS_ACCESS_KEY_ID: Credentials!.AccessKeyId!,
        AWS_SECRET_ACCESS_KEY: Credentials!.SecretAccessKey!,
        AWS_SESSION_TOKEN: Credentials!.SessionToken!,
      },
    });

    // What failed to be tagged: two real calls, and a volume deleted before it could be.
    alice = await assumeRole(MEMBER, 'developer', 'alice');
    const launched = await SCENARIOS.RunInstances(alice, EU);
    const volume = await SCENARIOS.CreateVolume(alice, EU);
    const gone = await SCENARIOS.CreateVolume(alice, EU);
    gone.event.detail.responseElements.volumeId = 'vol-0000000000000dead';
    const attributes = (code: string, message: string) => ({
      ERROR_CODE: { DataType: 'String', StringValue: code },
      ERROR_MESSAGE: { DataType: 'String', StringValue: message },
      RULE_ARN: { DataType: 'String', StringValue: arn.rule(EU, CENTRAL, names.centralBus, names.centralRule) },
      TARGET_ARN: { DataType: 'String', StringValue: `${arn.lambdaFunction(EU, CENTRAL, names.functionName)}:${FUNCTION_ALIAS}` },
    });
    const record = (event: unknown) => ({
      version: '1.0',
      requestContext: {
        requestId: 'r-1',
        functionArn: `${arn.lambdaFunction(EU, CENTRAL, names.functionName)}:${FUNCTION_ALIAS}`,
        condition: 'RetriesExhausted',
        approximateInvokeCount: 3,
      },
      requestPayload: event,
      responseContext: { statusCode: 200, executedVersion: '1', functionError: 'Unhandled' },
      responsePayload: { errorType: 'ThrottlingException', errorMessage: 'Rate exceeded' },
    });
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify(launched.event),
        MessageAttributes: attributes('SDK_CLIENT_ERROR', 'Rate Exceeded.'),
      }),
    );
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(record(volume.event)) }));
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify(gone.event),
        MessageAttributes: attributes('SDK_CLIENT_ERROR', 'Lambda timed out'),
      }),
    );
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'a note someone left' }));
    for (const [key, scenario] of Object.entries({ launched, volume, gone }))
      sent[key] = { eventId: scenario.event.detail.eventID, expected: scenario.expected };
  }, 60_000);

  afterAll(async () => {
    await stub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const byEvent = (rows: readonly ReplayRow[]) => Object.fromEntries(rows.map((row) => [row.eventId ?? row.kind, row]));

  it('with --dry-run shows every message and why it failed, invoking and deleting nothing', async () => {
    const { code, rows, stderr } = await replay(['--config', configFile, '--region', EU, '--dry-run'], stub.endpoint);
    expect({ code, stderr: stderr.includes('reading dead letters') }).toEqual({ code: 1, stderr: false });
    const row = byEvent(rows);
    expect(row[sent.launched.eventId]).toMatchObject({
      kind: 'eventbridge',
      eventName: 'RunInstances',
      account: MEMBER,
      region: EU,
      failure: 'SDK_CLIENT_ERROR: Rate Exceeded.',
      action: 'would-replay',
    });
    expect(row[sent.volume.eventId]).toMatchObject({
      kind: 'lambda',
      eventName: 'CreateVolume',
      failure: 'RetriesExhausted: ThrottlingException: Rate exceeded after 3 attempts',
      action: 'would-replay',
    });
    expect(row[sent.gone.eventId]).toMatchObject({ kind: 'eventbridge', action: 'would-replay' });
    expect(row.unrecognized).toMatchObject({ failure: 'the body is not JSON', action: 'kept' });
    expect(stub.invocations).toEqual([]);
    expect(Object.values(await allTags(alice.ec2(EU))).filter((t) => 'Owner' in t)).toEqual([]);
  });

  it("replays each event through the function's PROD alias, synchronously, deletes only what succeeded, and leaves the rest visible", async () => {
    const { code, rows } = await replay(['--config', configFile, '--region', EU], stub.endpoint);
    expect(code).toBe(1);
    const row = byEvent(rows);
    const taggedIds = (r: ReplayRow) =>
      r.result
        .replace(/^tagged /, '')
        .split(', ')
        .sort();
    for (const key of ['launched', 'volume']) {
      expect(row[sent[key].eventId]).toMatchObject({ action: 'replayed', result: expect.stringMatching(/^tagged /) });
      expect(taggedIds(row[sent[key].eventId])).toEqual([...sent[key].expected].sort());
    }
    // The bundle retried the volume that is gone, then threw: Lambda's FunctionError, so the message stays.
    expect(row[sent.gone.eventId]).toMatchObject({
      action: 'kept',
      result: expect.stringMatching(/^the function failed \(Unhandled\): InvalidVolume\.NotFound: /),
    });
    expect(row.unrecognized).toMatchObject({ action: 'kept' });
    expect(stub.invocations).toEqual(
      Array(3).fill({ functionName: names.functionName, qualifier: 'PROD', invocationType: 'RequestResponse' }),
    );

    // The replayed calls' resources carry their creator now, and nothing else does.
    const tags = await allTags(alice.ec2(EU));
    const tagged = Object.entries(tags).filter(([, t]) => 'Owner' in t);
    expect(tagged.map(([id]) => id).sort()).toEqual([...sent.launched.expected, ...sent.volume.expected].sort());
    for (const [, t] of tagged) expect(t).toMatchObject({ Owner: 'alice', PrincipalId: alice.userIdentity.principalId });

    // Kept messages are visible again at once, not after the visibility timeout.
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 0 }),
    );
    expect(Messages.map((m) => (m.Body === 'a note someone left' ? 'note' : JSON.parse(m.Body!).detail.eventID)).sort()).toEqual(
      [sent.gone.eventId, 'note'].sort(),
    );
  }, 60_000);
});
