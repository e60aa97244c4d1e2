/**
 * The reading side of `verify`: one call per thing to look at, each answer
 * turned into an `Observed` value (found, missing, or unreadable with the
 * error), never thrown. Reads shared by several rows (the trail, an
 * account's role, a region's central resources) are made once.
 */
import { CloudTrailClient, DescribeTrailsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { DescribeEventBusCommand, DescribeRuleCommand, EventBridgeClient, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetAliasCommand, GetFunctionEventInvokeConfigCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Config } from '../../modules/config/schema';
import { FUNCTION_ALIAS, homeRegion, namesFor } from '../../modules/naming';
import type { Target } from '../cli/config';
import type { AccountCredentials } from '../cli/credentials';
import type { Observed, QueueInfo, RuleInfo, TrailInfo } from './checks';
import type { Observations } from './wiring';

// The error names AWS gives for "no such thing", per service.
const MISSING = new Set([
  'ResourceNotFoundException', // EventBridge, Lambda
  'NoSuchEntityException', // IAM (the SDK's class name)
  'NoSuchEntity',
  'QueueDoesNotExist', // SQS (JSON protocol)
  'AWS.SimpleQueueService.NonExistentQueue',
  'TrailNotFoundException',
]);

/** Runs a read, turning "not found" into `missing` and any other error into `unreadable`. */
export const observe = async <T>(read: () => Promise<T>): Promise<Observed<T>> => {
  try {
    return { found: await read() };
  } catch (error) {
    const { name, message } = error as Error;
    return MISSING.has(name) ? { missing: true } : { unreadable: `${name}: ${message}` };
  }
};

const memo = <T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> => {
  let value = cache.get(key);
  if (!value) {
    value = make();
    cache.set(key, value);
  }
  return value;
};

// Bounded, so a hung endpoint fails the check instead of the whole run.
const CLIENT_CONFIG = { maxAttempts: 3, requestHandler: { connectionTimeout: 5_000, requestTimeout: 15_000 } } as const;

export interface Reader {
  observe(target: Target): Promise<Observations>;
}

export const createReader = (config: Config, credentials: AccountCredentials): Reader => {
  const names = namesFor(config);
  const central = config.centralAccountId;
  const cache = new Map<string, Promise<Observed<unknown>>>();
  const shared = <T>(key: string, read: () => Promise<T>) => memo(cache, key, () => observe(read)) as Promise<Observed<T>>;
  const client = <C>(Client: new (config: object) => C, account: string, region: string): C =>
    new Client({ ...CLIENT_CONFIG, region, credentials: credentials(account) });

  const readRule = async (account: string, region: string, bus: string, rule: string): Promise<RuleInfo> => {
    const events = client(EventBridgeClient, account, region);
    const { State, EventPattern } = await events.send(new DescribeRuleCommand({ Name: rule, EventBusName: bus }));
    const targets: RuleInfo['targets'][number][] = [];
    let NextToken: string | undefined;
    do {
      const page = await events.send(new ListTargetsByRuleCommand({ Rule: rule, EventBusName: bus, NextToken }));
      targets.push(...(page.Targets ?? []).map((t) => ({ arn: t.Arn!, roleArn: t.RoleArn, deadLetterArn: t.DeadLetterConfig?.Arn })));
      NextToken = page.NextToken;
    } while (NextToken);
    return { state: State ?? 'UNKNOWN', eventPattern: EventPattern, targets };
  };

  const readTrails = async (): Promise<TrailInfo[]> => {
    const management = config.managementAccountId;
    const { trailList = [] } = await client(CloudTrailClient, management, homeRegion(config)).send(
      new DescribeTrailsCommand({ trailNameList: config.orgTrail.create ? [config.orgTrail.name] : undefined, includeShadowTrails: true }),
    );
    return Promise.all(
      trailList.map(async (trail) => {
        // The status is asked in the trail's home region, by ARN (which also works for a trail of another account).
        const status = await observe(() =>
          client(CloudTrailClient, management, trail.HomeRegion!).send(new GetTrailStatusCommand({ Name: trail.TrailARN })),
        );
        return {
          name: trail.Name!,
          homeRegion: trail.HomeRegion!,
          isOrganizationTrail: trail.IsOrganizationTrail ?? false,
          isMultiRegionTrail: trail.IsMultiRegionTrail ?? false,
          isLogging: 'found' in status ? status.found.IsLogging === true : 'missing' in status ? 'not found' : status.unreadable,
        };
      }),
    );
  };

  const readQueue = async (account: string, region: string, name: string): Promise<QueueInfo> => {
    const sqs = client(SQSClient, account, region);
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl,
        AttributeNames: [
          'QueueArn',
          'ApproximateNumberOfMessages',
          'ApproximateNumberOfMessagesNotVisible',
          'ApproximateNumberOfMessagesDelayed',
        ],
      }),
    );
    return {
      arn: Attributes.QueueArn!,
      visible: Number(Attributes.ApproximateNumberOfMessages ?? 0),
      inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
      delayed: Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0),
    };
  };

  return {
    async observe({ account, region }) {
      const [trails, forwardingRule, forwardQueue, taggerRole, centralBus, centralRule, alias, onFailure, queue] = await Promise.all([
        shared('trails', readTrails),
        observe(() => readRule(account.id, region, 'default', names.forwardingRule)),
        observe(() => readQueue(account.id, region, names.forwardingDeadLetterQueue)),
        shared(`role/${account.id}`, async () => {
          // IAM is global; the home region is as good as any.
          const { Role } = await client(IAMClient, account.id, homeRegion(config)).send(new GetRoleCommand({ RoleName: names.taggerRole }));
          return { trustPolicy: Role?.AssumeRolePolicyDocument ?? '' };
        }),
        shared(`bus/${region}`, async () => {
          const { Policy } = await client(EventBridgeClient, central, region).send(new DescribeEventBusCommand({ Name: names.centralBus }));
          return { policy: Policy };
        }),
        shared(`rule/${region}`, () => readRule(central, region, names.centralBus, names.centralRule)),
        shared(`alias/${region}`, async () => {
          const { FunctionVersion } = await client(LambdaClient, central, region).send(
            new GetAliasCommand({ FunctionName: names.functionName, Name: FUNCTION_ALIAS }),
          );
          return { functionVersion: FunctionVersion ?? '' };
        }),
        shared(`on-failure/${region}`, async () => {
          const { DestinationConfig } = await client(LambdaClient, central, region).send(
            new GetFunctionEventInvokeConfigCommand({ FunctionName: names.functionName, Qualifier: FUNCTION_ALIAS }),
          );
          return { destination: DestinationConfig?.OnFailure?.Destination };
        }),
        shared(`queue/${region}`, () => readQueue(central, region, names.deadLetterQueue)),
      ]);
      return { trails, forwardingRule, forwardQueue, taggerRole, centralBus, centralRule, alias, onFailure, queue } as Observations;
    },
  };
};
