/**
 * Events through the deployed wiring: people create resources in every member
 * account and region, their CloudTrail events go onto the member's default bus,
 * travel through the deployed forwarding rule and role to the deployed central
 * bus and rule, and the shipped function bundle tags what they created,
 * assuming the deployed tagger role.
 *
 * Where moto falls short, and what the harness does about it:
 * - moto cannot invoke a Lambda target (it raises NotImplementedError for any
 *   target it does not emulate, which would fail every PutEvents upstream), so
 *   while events are driven the deployed rule's Lambda target is replaced by a
 *   capture queue, and put back afterwards exactly as it was read.
 * - moto loses the source account on the way: the forwarding hop re-puts the
 *   event into the central account as a new event (new id and time, the
 *   central account as its account), and its delivery to a target drops
 *   `account` altogether (moto's default input template has no `account`).
 *   AWS keeps the source account in `account` across buses and delivers it.
 *   The function, given the events as moto delivers them, refuses them
 *   (invalid-envelope: no account to act in), which the test checks; it is
 *   then given each event with `account` set to the record's
 *   recipientAccountId, as AWS delivers it. What this cannot prove: that AWS
 *   keeps `account` when forwarding (AWS documents it; the function's
 *   envelope check refuses any event whose account and record disagree).
 * - moto neither evaluates the central bus policy nor the forwarding role on a
 *   cross-account PutEvents target; those decisions are proven by iam-simulate.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  EventBridgeClient,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateTagsCommand, CreateVolumeCommand } from '@aws-sdk/client-ec2';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { STSClient, AssumeRoleCommand } from '@aws-sdk/client-sts';
import { cloudTrailEvent, fixture } from '../../fixtures/cloudtrail-events';
import { assumeRole, type Session } from '../moto/aws';
import { MOTO_MISSING, SCENARIOS } from '../moto/scenarios';
import { validateConfig } from '../../../modules/config/load';
import { namesFor } from '../../../modules/naming';
import type { MotoServer } from '../moto/server';
import type { ConfigInput } from '../../../modules/config/schema';
import type { EmulatedOrganization } from './emulated-organization';
import { runProcess } from './run-process';

/** The person creating resources in every account: a role session, as most people are. */
export const CREATOR_SESSION = 'alice';

export type SentKind = 'catalogue' | 'moto-missing' | 'failed-call' | 'read-only-call' | 'other-service' | 'uncovered-region';

export interface SentEvent {
  readonly kind: SentKind;
  readonly account: string;
  readonly region: string;
  readonly eventName: string;
  readonly eventId: string;
  /** IDs the tagger must tag (catalogue events moto implements). */
  readonly expected: readonly string[];
  readonly caller: Session['userIdentity'];
}

export interface DrivenEvents {
  readonly sent: readonly SentEvent[];
  /** Events as they reached the central rule, by region. */
  readonly arrived: Readonly<Record<string, readonly any[]>>;
  /** The shipped function's outcome for each arrived event, as moto delivered it. */
  readonly asDelivered: Readonly<Record<string, readonly any[]>>;
  /** ... and with `account` as AWS delivers it. */
  readonly outcomes: Readonly<Record<string, readonly any[]>>;
  /** Member sessions, to read back tags. */
  readonly sessions: Readonly<Record<string, Session>>;
}

/**
 * What driving events needs of an organization deployed into moto, whichever
 * way it was deployed: the cdktf stacks (organization.test.ts) or the
 * Terraform modules' example (terraform-example.test.ts).
 */
export interface EventDeployment {
  readonly moto: MotoServer;
  readonly org: EmulatedOrganization;
  /** A scratch folder of the run. */
  readonly workDir: string;
  /** The organization as a config: its accounts (and their deploy roles), regions and names. */
  readonly config: ConfigInput;
  /** The zip Terraform uploaded as the tagger's code. */
  readonly taggerZip: () => string;
}

const CAPTURE_TARGET_ID = 'system-test-capture';

const namesOf = (deployed: EventDeployment) => namesFor(validateConfig(deployed.config));

const credentialsOf = (session: Session) => (session.ec2('us-east-1').config.credentials as any)();

const deployRoleOf = (deployed: EventDeployment, account: string): string =>
  deployed.config.accounts.find((a) => a.id === account)?.deployRoleName ?? 'OrganizationAccountAccessRole';

/** Replaces the central rule's Lambda target with a capture queue in each region; returns how to put things back. */
const captureCentralRule = async (deployed: EventDeployment, central: Session) => {
  const names = namesOf(deployed);
  const credentials = await credentialsOf(central);
  const regions = deployed.config.regions;
  const captures = await Promise.all(
    regions.map(async (region) => {
      const events = new EventBridgeClient({ region, credentials });
      const sqs = new SQSClient({ region, credentials });
      const rule = { Rule: names.centralRule, EventBusName: names.centralBus };
      const { Targets: original = [] } = await events.send(new ListTargetsByRuleCommand(rule));
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'auto-tag-system-capture' }));
      const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
      await events.send(new RemoveTargetsCommand({ ...rule, Ids: original.map((t) => t.Id!) }));
      await events.send(new PutTargetsCommand({ ...rule, Targets: [{ Id: CAPTURE_TARGET_ID, Arn: Attributes!.QueueArn }] }));
      return { region, events, sqs, rule, original, queueUrl: QueueUrl! };
    }),
  );
  return {
    /** Every message the capture queue of each region holds, deleted as read. */
    drain: async (): Promise<Record<string, any[]>> =>
      Object.fromEntries(
        await Promise.all(
          captures.map(async ({ region, sqs, queueUrl }) => {
            const bodies: any[] = [];
            for (;;) {
              const { Messages = [] } = await sqs.send(
                new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
              );
              if (Messages.length === 0) return [region, bodies];
              bodies.push(...Messages.map((m) => JSON.parse(m.Body!)));
              await sqs.send(
                new DeleteMessageBatchCommand({
                  QueueUrl: queueUrl,
                  Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
                }),
              );
            }
          }),
        ),
      ),
    restore: async (): Promise<void> => {
      for (const { events, sqs, rule, original, queueUrl } of captures) {
        await events.send(new RemoveTargetsCommand({ ...rule, Ids: [CAPTURE_TARGET_ID] }));
        await events.send(new PutTargetsCommand({ ...rule, Targets: original }));
        await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
      }
    },
  };
};

/** A CloudTrail event put on the default bus of the session's account, as CloudTrail does. */
const putOnDefaultBus = async (session: Session, region: string, event: any): Promise<void> => {
  const events = new EventBridgeClient({ region, credentials: await credentialsOf(session) });
  const { FailedEntryCount, Entries } = await events.send(
    new PutEventsCommand({ Entries: [{ Source: event.source, DetailType: event['detail-type'], Detail: JSON.stringify(event.detail) }] }),
  );
  if (FailedEntryCount) throw new Error(`PutEvents failed: ${JSON.stringify(Entries)}`);
};

/** Events that must not be tagged from: each through the same bus, none may reach the function or tag anything. */
const controlEvents = (session: Session, region: string): Array<{ kind: SentKind; event: any }> => {
  const call = { account: session.account, region, userIdentity: session.userIdentity };
  const failed = cloudTrailEvent('RunInstances', { ...call, responseElements: null });
  failed.detail.errorCode = 'Client.UnauthorizedOperation';
  failed.detail.errorMessage = 'You are not authorized to perform this operation.';
  const readOnly = cloudTrailEvent('RunInstances', {
    ...call,
    responseElements: { reservationId: 'r-0123456789abcdef0', instancesSet: { items: [] } },
  });
  Object.assign(readOnly.detail, { eventName: 'DescribeInstances', readOnly: true, responseElements: null });
  const otherService = cloudTrailEvent('RunInstances', { ...call, responseElements: null });
  Object.assign(otherService, { source: 'aws.s3' });
  Object.assign(otherService.detail, {
    eventSource: 's3.amazonaws.com',
    eventName: 'CreateBucket',
    requestParameters: { bucketName: 'b' },
  });
  return [
    { kind: 'failed-call', event: failed },
    { kind: 'read-only-call', event: readOnly },
    { kind: 'other-service', event: otherService },
    // Catalogue events moto cannot perform: the record's own response, so the rule must forward them.
    ...MOTO_MISSING.map((name) => ({
      kind: 'moto-missing' as const,
      event: cloudTrailEvent(name, { ...call, responseElements: fixture(name).detail.responseElements }),
    })),
  ];
};

const sent = (kind: SentKind, event: any, expected: readonly string[]): SentEvent => ({
  kind,
  account: event.account,
  region: event.region,
  eventName: event.detail.eventName,
  eventId: event.detail.eventID,
  expected,
  caller: event.detail.userIdentity,
});

/** Creates, in every account and configured region, what each catalogue event creates, and sends the events. */
const createAndSend = async (deployed: EventDeployment, sessions: Record<string, Session>): Promise<SentEvent[]> => {
  const all: SentEvent[] = [];
  for (const account of deployed.config.accounts) {
    const session = sessions[account.id];
    for (const region of deployed.config.regions) {
      const covered = (account.regions ?? deployed.config.regions).includes(region);
      if (!covered) {
        const { event, expected } = await SCENARIOS.RunInstances(session, region);
        await putOnDefaultBus(session, region, event);
        all.push(sent('uncovered-region', event, expected));
        continue;
      }
      for (const name of Object.keys(SCENARIOS)) {
        const { event, expected } = await SCENARIOS[name](session, region);
        await putOnDefaultBus(session, region, event);
        all.push(sent('catalogue', event, expected));
      }
      for (const { kind, event } of controlEvents(session, region)) {
        await putOnDefaultBus(session, region, event);
        all.push(sent(kind, event, []));
      }
    }
  }
  return all;
};

/**
 * How the deployed function runs in a region: the shipped bundle, the
 * deployed function's environment and its execution role's credentials.
 * Read before moto's IAM enforcement goes on (the harness's own calls are
 * made with test credentials moto knows no user for).
 */
export const deployedFunction = async (deployed: EventDeployment, region: string) => {
  const central = deployed.org.central;
  const names = namesOf(deployed);
  const deploySession = await assumeRole(central, deployRoleOf(deployed, central), 'system-test');
  const lambda = new LambdaClient({ region, credentials: await credentialsOf(deploySession) });
  const { Environment } = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: names.functionName, Qualifier: 'PROD' }));
  const { Credentials } = await new STSClient({ region }).send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${central}:role/${names.functionRole}`, RoleSessionName: names.functionName }),
  );
  return {
    bundle: unpackTaggerBundle(deployed),
    env: lambdaEnvironment(Environment!.Variables!, names.functionName, region, Credentials!),
  };
};

/**
 * A deployed function's process environment as Lambda gives it: its variables,
 * region and name, its role's credentials, moto's endpoint, and nothing of
 * the machine's own AWS configuration.
 */
export const lambdaEnvironment = (
  variables: Readonly<Record<string, string>>,
  functionName: string,
  region: string,
  credentials: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string },
): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  ...variables,
  AWS_REGION: region,
  AWS_LAMBDA_FUNCTION_NAME: functionName,
  AWS_ENDPOINT_URL: process.env.AWS_ENDPOINT_URL!,
  AWS_ACCESS_KEY_ID: credentials.AccessKeyId!,
  AWS_SECRET_ACCESS_KEY: credentials.SecretAccessKey!,
  AWS_SESSION_TOKEN: credentials.SessionToken!,
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_EC2_METADATA_DISABLED: 'true',
});

/** The shipped Lambda zip, unpacked: the very code Terraform uploaded. */
const unpackTaggerBundle = (deployed: EventDeployment): string => {
  const dir = join(deployed.workDir, 'tagger-bundle');
  if (!existsSync(dir)) {
    mkdirSync(dir);
    const unzip = spawnSync('unzip', ['-q', deployed.taggerZip(), '-d', dir], { encoding: 'utf8' });
    if (unzip.status !== 0) throw new Error(`cannot unzip the tagger bundle: ${unzip.stderr || unzip.error}`);
  }
  return dir;
};

type DeployedFunction = Awaited<ReturnType<typeof deployedFunction>>;

/** The bundle in a fresh node: one warm "container", events handled one by one as Lambda invokes them. */
const invoke = async (deployed: EventDeployment, fn: DeployedFunction, events: readonly any[]): Promise<any[]> => {
  const dir = mkdtempSync(join(deployed.workDir, 'invoke-'));
  writeFileSync(join(dir, 'events.json'), JSON.stringify(events));
  const script = `
    const { readFileSync, writeFileSync } = require('node:fs');
    const { handler } = require(${JSON.stringify(fn.bundle)});
    (async () => {
      const outcomes = [];
      for (const event of JSON.parse(readFileSync('events.json', 'utf8'))) {
        // A throw is what Lambda retries and then parks in the DLQ: recorded, and the next event handled.
        try { outcomes.push(await handler(event)); } catch (error) { outcomes.push({ thrown: String(error) }); }
      }
      writeFileSync('outcomes.json', JSON.stringify(outcomes));
    })().catch((error) => { console.error(error); process.exit(1); });`;
  const { code, output } = await runProcess(process.execPath, ['-e', script], { cwd: dir, env: fn.env });
  if (code !== 0) throw new Error(`the bundle failed:\n${output.slice(-4000)}`);
  return JSON.parse(readFileSync(join(dir, 'outcomes.json'), 'utf8'));
};

/** moto's IAM enforcement, switched on for what runs inside `body` only. */
const withIamEnforced = async <T>(endpoint: string, body: () => Promise<T>): Promise<T> => {
  const set = (count: string) => fetch(`${endpoint}/moto-api/reset-auth`, { method: 'POST', body: count });
  await set('0');
  try {
    return await body();
  } finally {
    await set('inf');
  }
};

/** As AWS delivers a forwarded event: the source account kept in `account` (moto delivers none). */
export const asAwsDelivers = (event: any): any => ({ ...event, account: event.detail.recipientAccountId });

export const driveEvents = async (deployed: EventDeployment): Promise<DrivenEvents> => {
  const sessions: Record<string, Session> = {};
  for (const { id } of deployed.config.accounts) sessions[id] = await assumeRole(id, deployRoleOf(deployed, id), CREATOR_SESSION);
  const centralDeploy = await assumeRole(deployed.org.central, deployRoleOf(deployed, deployed.org.central), 'system-test');
  const capture = await captureCentralRule(deployed, centralDeploy);
  let arrived: Record<string, any[]>;
  let sentEvents: SentEvent[];
  try {
    sentEvents = await createAndSend(deployed, sessions);
    arrived = await capture.drain();
  } finally {
    await capture.restore();
  }
  const asDelivered: Record<string, any[]> = {};
  const outcomes: Record<string, any[]> = {};
  const functions = Object.fromEntries(
    await Promise.all(deployed.config.regions.map(async (region) => [region, await deployedFunction(deployed, region)] as const)),
  );
  const handleAll = () =>
    Promise.all(
      deployed.config.regions.map(async (region) => {
        const events = arrived[region];
        // A few as moto delivers them show the function fails closed; every one is then handled as AWS delivers it.
        asDelivered[region] = await invoke(deployed, functions[region], events.slice(0, 3));
        outcomes[region] = await invoke(deployed, functions[region], events.map(asAwsDelivers));
      }),
    );
  await handleAll();
  return { sent: sentEvents, arrived, asDelivered, outcomes, sessions };
};

/** What one call answered: allowed, or the error's name. */
const attempt = async (call: () => Promise<unknown>): Promise<string> => {
  try {
    await call();
    return 'allowed';
  } catch (error) {
    return (error as Error).name;
  }
};

/**
 * What moto's IAM enforcement (`INITIAL_NO_AUTH_ACTION_COUNT`, switched at
 * run time through /moto-api/reset-auth) makes of the deployed roles, with
 * credentials taken before it goes on: the central function's role assuming a
 * member's tagger role and another role there, and the tagger role tagging.
 */
export const probeIamEnforcement = async (deployed: EventDeployment, member: string, region: string) => {
  const names = namesOf(deployed);
  const fn = await deployedFunction(deployed, region);
  const functionSts = new STSClient({
    region,
    credentials: {
      accessKeyId: fn.env.AWS_ACCESS_KEY_ID,
      secretAccessKey: fn.env.AWS_SECRET_ACCESS_KEY,
      sessionToken: fn.env.AWS_SESSION_TOKEN,
    },
  });
  const tagger = await assumeRole(member, names.taggerRole, 'probe');
  const { VolumeId } = await tagger.ec2(region).send(new CreateVolumeCommand({ AvailabilityZone: `${region}a`, Size: 1 }));
  const assume = (role: string) => () =>
    functionSts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${member}:role/${role}`, RoleSessionName: 'probe' }));
  return withIamEnforced(deployed.moto.endpoint, async () => ({
    functionAssumesTagger: await attempt(assume(names.taggerRole)),
    functionAssumesDeployRole: await attempt(assume(deployRoleOf(deployed, member))),
    taggerCreatesTags: await attempt(() =>
      tagger.ec2(region).send(new CreateTagsCommand({ Resources: [VolumeId!], Tags: [{ Key: 'Owner', Value: 'probe' }] })),
    ),
  }));
};
