/**
 * `npm run verify` against the deployed organization: first with one thing
 * broken in each way, through the SDK as an operator or an accident would
 * (the org trail stopped, a forwarding rule disabled, another retargeted, a
 * tagger role trusting one more principal, a central bus's policy removed, a
 * central rule disabled, a message in the central dead-letter queue and one in
 * a member's forwarding dead-letter queue), then with all of
 * it put back exactly as it was read, so the phases after this one see the
 * organization as deployed.
 *
 * What moto cannot show: AWS's own rewriting of stored documents. moto returns
 * a bus policy and a rule pattern as they were put and IAM's trust policy
 * URL-encoded, as AWS does; the comparison ignores key and list order and,
 * for policies, one-item lists, which is what AWS is known to change.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { CloudTrailClient, StartLoggingCommand, StopLoggingCommand } from '@aws-sdk/client-cloudtrail';
import {
  DescribeEventBusCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  EventBridgeClient,
  ListTargetsByRuleCommand,
  PutPermissionCommand,
  PutTargetsCommand,
  RemovePermissionCommand,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { GetRoleCommand, IAMClient, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { DeleteMessageCommand, GetQueueUrlCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { accountCredentials } from '../../commands/cli/credentials';
import type { Row } from '../../commands/verify/wiring';
import { validateConfig } from '../../modules/config/load';
import { arn, namesFor } from '../../modules/naming';
import type { DeployedOrganization } from '../support/system/deployed-organization';

const ROOT = join(__dirname, '..', '..');

/** `npm run -s <script> -- <args>` as an operator runs it, with the suite's environment (moto's endpoint, test credentials) and `env`. */
export const runScript = (
  script: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '-s', script, '--', ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
    );
  });

/** A break: how to make it, and how to put back exactly what was there. */
interface Break {
  readonly make: () => Promise<void>;
  readonly undo: () => Promise<void>;
}

const breaks = async (deployed: DeployedOrganization): Promise<Break[]> => {
  const config = validateConfig(deployed.config);
  const names = namesFor(config);
  const credentials = accountCredentials(config, { sessionName: 'system-test-breaks' });
  const { org } = deployed;
  const [dev, sandbox] = org.members;
  const events = (account: string, region: string) => new EventBridgeClient({ region, credentials: credentials(account) });
  const trail = arn.trail('eu-west-1', org.management, 'auto-tag-org-trail');
  const cloudTrail = new CloudTrailClient({ region: 'eu-west-1', credentials: credentials(org.management) });
  const disable = (client: EventBridgeClient, Name: string, EventBusName: string): Break => ({
    make: async () => void (await client.send(new DisableRuleCommand({ Name, EventBusName }))),
    undo: async () => void (await client.send(new EnableRuleCommand({ Name, EventBusName }))),
  });

  // dev, us-east-1: the forwarding rule's target pointed at a bus of dev's own.
  const retarget = events(dev, 'us-east-1');
  const forwarding = { Rule: names.forwardingRule, EventBusName: 'default' };
  const { Targets: original = [] } = await retarget.send(new ListTargetsByRuleCommand(forwarding));
  const target = original.find((t) => t.Id === 'central-bus')!;

  // sandbox: the tagger role also trusting the account itself.
  const iam = new IAMClient({ region: 'eu-west-1', credentials: credentials(sandbox) });
  const { Role } = await iam.send(new GetRoleCommand({ RoleName: names.taggerRole }));
  const trust = decodeURIComponent(Role!.AssumeRolePolicyDocument!);
  const widened = JSON.parse(trust);
  widened.Statement.push({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${sandbox}:root` }, Action: 'sts:AssumeRole' });

  // central, eu-west-1: the bus policy removed.
  const centralEu = events(org.central, 'eu-west-1');
  const { Policy: busPolicy } = await centralEu.send(new DescribeEventBusCommand({ Name: names.centralBus }));

  // A message waiting in a dead-letter queue, taken out again after.
  const messageWaiting = async (account: string, region: string, queueName: string): Promise<Break> => {
    const sqs = new SQSClient({ region, credentials: credentials(account) });
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
    return {
      make: async () =>
        void (await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify({ placed: 'by the system test' }) }))),
      undo: async () => {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
        for (const m of Messages) await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle! }));
      },
    };
  };

  return [
    {
      make: async () => void (await cloudTrail.send(new StopLoggingCommand({ Name: trail }))),
      undo: async () => void (await cloudTrail.send(new StartLoggingCommand({ Name: trail }))),
    },
    disable(events(dev, 'eu-west-1'), names.forwardingRule, 'default'),
    {
      make: async () =>
        void (await retarget.send(
          new PutTargetsCommand({ ...forwarding, Targets: [{ ...target, Arn: arn.eventBus('us-east-1', dev, 'default') } as Target] }),
        )),
      undo: async () => void (await retarget.send(new PutTargetsCommand({ ...forwarding, Targets: [target] }))),
    },
    {
      make: async () =>
        void (await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: names.taggerRole, PolicyDocument: JSON.stringify(widened) }))),
      undo: async () => void (await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: names.taggerRole, PolicyDocument: trust }))),
    },
    {
      make: async () =>
        void (await centralEu.send(new RemovePermissionCommand({ EventBusName: names.centralBus, RemoveAllPermissions: true }))),
      undo: async () => void (await centralEu.send(new PutPermissionCommand({ EventBusName: names.centralBus, Policy: busPolicy }))),
    },
    disable(events(org.central, 'us-east-1'), names.centralRule, names.centralBus),
    await messageWaiting(org.central, 'us-east-1', names.deadLetterQueue),
    await messageWaiting(sandbox, 'eu-west-1', names.forwardingDeadLetterQueue),
  ];
};

export const verifyPhase = (organization: () => DeployedOrganization): void => {
  describe('npm run verify', () => {
    let deployed: DeployedOrganization;
    beforeAll(() => (deployed = organization()));

    const failedChecks = (rows: readonly Row[]) =>
      Object.fromEntries(
        rows.map((row) => [
          `${row.accountName} ${row.region}`,
          Object.entries(row.checks)
            .filter(([, c]) => c.status === 'fail')
            .map(([name]) => name),
        ]),
      );

    it(
      'finds each thing broken, in the rows it affects, with a reason naming it, and exits 1',
      async () => {
        const all = await breaks(deployed);
        let run: Awaited<ReturnType<typeof runScript>>;
        await Promise.all(all.map((b) => b.make()));
        try {
          run = await runScript('verify', ['--config', deployed.configFile, '--json']);
        } finally {
          for (const b of all) await b.undo();
        }
        expect(run.code).toBe(1);
        // stderr is no terminal here: no progress line, so a pipeline's logs stay clean.
        expect(run.stderr).not.toContain('verifying');
        const rows: Row[] = JSON.parse(run.stdout);
        expect(failedChecks(rows)).toEqual({
          'management eu-west-1': ['trail', 'central-bus'],
          'management us-east-1': ['trail', 'function', 'dlq-empty'],
          'tooling eu-west-1': ['trail', 'central-bus'],
          'tooling us-east-1': ['trail', 'function', 'dlq-empty'],
          'dev eu-west-1': ['trail', 'forwarding', 'central-bus'],
          'dev us-east-1': ['trail', 'forwarding', 'function', 'dlq-empty'],
          'sandbox eu-west-1': ['trail', 'forward-dlq-empty', 'tagger-role', 'central-bus'],
        });
        const { org } = deployed;
        const reason = (account: string, region: string, check: keyof Row['checks']) =>
          rows.find((r) => r.account === account && r.region === region)!.checks[check].reason;
        expect(reason(org.members[1], 'eu-west-1', 'trail')).toBe('trail auto-tag-org-trail is not logging');
        expect(reason(org.members[0], 'eu-west-1', 'forwarding')).toBe('rule auto-tag-forward-to-central is DISABLED');
        expect(reason(org.members[0], 'us-east-1', 'forwarding')).toBe(
          `it targets arn:aws:events:us-east-1:${org.members[0]}:event-bus/default instead of arn:aws:events:us-east-1:${org.central}:event-bus/auto-tag`,
        );
        expect(reason(org.members[1], 'eu-west-1', 'tagger-role')).toBe(`it also trusts arn:aws:iam::${org.members[1]}:root`);
        expect(reason(org.central, 'eu-west-1', 'central-bus')).toBe('central bus auto-tag has no policy: no member can put events on it');
        expect(reason(org.central, 'us-east-1', 'function')).toBe('central rule auto-tag-tag-new-resources is DISABLED');
        expect(reason(org.central, 'us-east-1', 'dlq-empty')).toBe(
          '1 message in the dead-letter queue (1 waiting): see npm run replay -- --region us-east-1',
        );
        expect(reason(org.members[1], 'eu-west-1', 'forward-dlq-empty')).toBe(
          `1 message in the forwarding dead-letter queue (1 waiting): events that never reached the central bus; tag their resources with npm run reconcile -- --accounts ${org.members[1]} --regions eu-west-1`,
        );
      },
      2 * 60_000,
    );

    it('finds the organization wired again once everything is put back, and exits 0', async () => {
      const run = await runScript('verify', ['--config', deployed.configFile]);
      expect({ code: run.code, summary: run.stdout.trim().split('\n').at(-1) }).toEqual({
        code: 0,
        summary: '7 of 7 account-region pairs wired.',
      });
    }, 60_000);
  });
};
