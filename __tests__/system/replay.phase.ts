/**
 * `npm run replay` against the deployed central dead-letter queue: a dead
 * letter for a volume someone created is replayed first against moto's own
 * Lambda, which cannot run a function without Docker and answers with an
 * error (the message is kept, moto's answer shown), then against a loopback
 * Lambda stub running the shipped bundle with the deployed function's
 * environment and role (see ../support/commands/lambda-stub.ts), which
 * tags the volume; the message is deleted and the queue is left empty.
 *
 * What moto cannot give: a dead letter written by EventBridge or Lambda
 * themselves (moto cannot deliver to a Lambda target at all), so the message
 * is put as EventBridge writes one (the event as the body, its error attributes).
 */
import { GetQueueAttributesCommand, GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { accountCredentials } from '../../commands/cli/credentials';
import type { ReplayRow } from '../../commands/replay/replay';
import { validateConfig } from '../../modules/config/load';
import { FUNCTION_ALIAS, deployRoleName, namesFor } from '../../modules/naming';
import { startLambdaStub, type LambdaStub } from '../support/commands/lambda-stub';
import { allTags, assumeRole, type Session } from '../support/moto/aws';
import { SCENARIOS } from '../support/moto/scenarios';
import type { DeployedOrganization } from '../support/system/deployed-organization';
import { deployedFunction } from '../support/system/events';
import { runScript } from './verify.phase';

const REGION = 'eu-west-1';

export const replayPhase = (organization: () => DeployedOrganization): void => {
  describe('npm run replay', () => {
    let deployed: DeployedOrganization;
    let stub: LambdaStub | undefined;
    let sqs: SQSClient;
    let queueUrl: string;
    let alice: Session;
    let volume: { eventId: string; ids: readonly string[] };
    const names = () => namesFor(validateConfig(deployed.config));

    beforeAll(async () => {
      deployed = organization();
      const config = validateConfig(deployed.config);
      sqs = new SQSClient({
        region: REGION,
        credentials: accountCredentials(config, { sessionName: 'system-test' })(deployed.org.central),
      });
      ({ QueueUrl: queueUrl } = (await sqs.send(new GetQueueUrlCommand({ QueueName: names().deadLetterQueue }))) as { QueueUrl: string });
      const dev = deployed.org.members[0];
      alice = await assumeRole(dev, deployRoleName(config, dev), 'alice');
      const { event, expected } = await SCENARIOS.CreateVolume(alice, REGION);
      volume = { eventId: event.detail.eventID, ids: expected };
      const attribute = (value: string) => ({ DataType: 'String', StringValue: value });
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: JSON.stringify(event),
          MessageAttributes: {
            ERROR_CODE: attribute('SDK_CLIENT_ERROR'),
            ERROR_MESSAGE: attribute('Rate Exceeded.'),
            RULE_ARN: attribute('rule'),
            TARGET_ARN: attribute('alias'),
          },
        }),
      );
    }, 60_000);

    afterAll(() => stub?.stop());

    const replay = async (env: Record<string, string> = {}) => {
      const { code, stdout } = await runScript('replay', ['--config', deployed.configFile, '--region', REGION, '--json'], env);
      return { code, rows: JSON.parse(stdout) as ReplayRow[] };
    };

    it("keeps the dead letter when the function fails, with the answer as the reason: moto's Lambda cannot run it (no Docker)", async () => {
      const { code, rows } = await replay();
      expect(code).toBe(1);
      expect(rows).toEqual([
        expect.objectContaining({
          eventId: volume.eventId,
          kind: 'eventbridge',
          failure: 'SDK_CLIENT_ERROR: Rate Exceeded.',
          action: 'kept',
        }),
      ]);
      expect(rows[0].result).toMatch(/^the function failed \(Handled\): error running docker/);
    }, 60_000);

    it("replays it through the deployed function's PROD alias (the shipped bundle, its environment and role, behind a Lambda stub), tags the volume and empties the queue", async () => {
      const fn = await deployedFunction(deployed, REGION);
      stub = await startLambdaStub({ bundleDir: fn.bundle, functionName: names().functionName, qualifier: FUNCTION_ALIAS, env: fn.env });
      const { code, rows } = await replay({ AWS_ENDPOINT_URL_LAMBDA: stub.endpoint });
      expect({ code, rows: rows.map((r) => [r.eventId, r.action, r.result]) }).toEqual({
        code: 0,
        rows: [[volume.eventId, 'replayed', `tagged ${volume.ids.join(', ')}`]],
      });
      const tags = await allTags(alice.ec2(REGION));
      for (const id of volume.ids) expect(tags[id]).toMatchObject({ Owner: 'alice', PrincipalId: alice.userIdentity.principalId });
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      expect(Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
    }, 60_000);
  });
};
