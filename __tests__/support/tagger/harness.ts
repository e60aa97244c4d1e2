/**
 * Runs the handler as Lambda would, with the real Logger and the real
 * Powertools Metrics, and a fake EC2 behind a fake Sessions: returns the
 * outcome (or error), the decision log lines, the EMF metric lines and every
 * EC2 call made.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { Sessions } from '../../../functions/tagger/credentials';
import { createHandler, type LambdaContext } from '../../../functions/tagger/handler';
import { TAGGER_METRICS } from '../../../functions/tagger/metrics';
import { DEFAULT_BACKOFF, type Backoff } from '../../../functions/tagger/retry';
import { readSettings } from '../../../functions/tagger/environment';
import { captureLogs } from './fakes';

export interface Sent {
  readonly command: string;
  readonly input: any;
  /** What the fake answered. */
  output?: any;
}

const answer = ({ command, input }: Sent): unknown => {
  switch (command) {
    case 'DescribeInstances':
      return { Reservations: [{ Instances: (input.InstanceIds ?? []).map((InstanceId: string) => ({ InstanceId })) }] };
    case 'DescribeImages':
      return { Images: (input.ImageIds ?? []).map((ImageId: string) => ({ ImageId, State: 'available', BlockDeviceMappings: [] })) };
    default:
      return {};
  }
};

/**
 * An EC2 fake that answers describe calls with exactly what was asked for
 * (each instance or image ID comes back, with nothing attached), and
 * everything else with `{}`; `fail` may throw instead (a not-found, a throttle).
 */
export const echoEc2 = (fail?: (call: Sent, calls: Sent[]) => Error | undefined) => {
  const sent: Sent[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: any }) => {
      const call: Sent = { command: command.constructor.name.replace(/Command$/, ''), input: command.input };
      sent.push(call);
      const error = fail?.(call, sent);
      if (error) throw error;
      call.output = answer(call);
      return call.output;
    },
  } as unknown as EC2Client;
  return { client, sent };
};

export const named = (name: string): Error => Object.assign(new Error(name), { name });

/** Backoff that waits for nothing and records the waits it was asked for. */
export const instantBackoff = (): Backoff & { waits: number[] } => {
  const waits: number[] = [];
  return { ...DEFAULT_BACKOFF, random: () => 0.5, sleep: async (ms) => void waits.push(ms), waits };
};

export const sessionsFor = (ec2: EC2Client | (() => never)): Sessions & { ec2: jest.Mock } => ({
  ec2: jest.fn(async () => (typeof ec2 === 'function' ? ec2() : ec2)),
});

export const TAGGER_ENV = { TAGGER_ROLE_NAME: 'auto-tag-tagger' };

/** The harness's clock unless a test brings its own: a fixed instant, so delays are the same on every run. */
export const HARNESS_NOW = Date.parse('2026-01-01T00:00:00Z');

/** A Lambda context as the runtime passes it (the fields Powertools' Logger reads). */
export const lambdaContext = (awsRequestId: string): LambdaContext => ({
  awsRequestId,
  functionName: 'auto-tag-tagger',
  functionVersion: '7',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:222222222222:function:auto-tag-tagger:PROD',
  memoryLimitInMB: '256',
});

const isDelay = (emf: any): boolean => emf._aws.CloudWatchMetrics[0].Metrics[0].Name === TAGGER_METRICS.tagDelay.name;

export const runHandler = async (
  event: unknown,
  deps: {
    env?: Record<string, string>;
    sessions?: Sessions;
    backoff?: Backoff;
    ec2?: ReturnType<typeof echoEc2>;
    now?: () => number;
    /** Lambda's context for the invocation. @default none, as in a test calling the handler directly */
    context?: LambdaContext;
    /** A handler made earlier (with its Logger and so its cold-start state), instead of a new one. */
    handler?: ReturnType<typeof createHandler>;
  } = {},
) => {
  const ec2 = deps.ec2 ?? echoEc2();
  const handler =
    deps.handler ??
    createHandler({
      settings: readSettings({ ...TAGGER_ENV, ...deps.env }),
      sessions: deps.sessions ?? sessionsFor(ec2.client),
      logger: new Logger({ serviceName: 'auto-tag' }),
      metrics: new Metrics({ namespace: 'AutoTag', serviceName: 'auto-tag' }),
      backoff: deps.backoff ?? instantBackoff(),
      now: deps.now ?? (() => HARNESS_NOW),
    });
  const { result, error, logs } = await captureLogs(() => handler(event as never, deps.context));
  return {
    result: result as any,
    error,
    lines: logs.filter((line) => !('_aws' in line)),
    /** The counts (Tagged, Skipped, Failed). */
    metrics: logs.filter((line) => '_aws' in line && !isDelay(line)),
    /** The delay metric lines (TagDelay). */
    delays: logs.filter((line) => '_aws' in line && isDelay(line)),
    handler,
    sent: ec2.sent,
  };
};

/** An EMF line reduced to what CloudWatch makes of it: namespace, metric, its dimensions and value. */
export const metricOf = (emf: any) => {
  const [directive] = emf._aws.CloudWatchMetrics;
  const [{ Name }] = directive.Metrics;
  return {
    namespace: directive.Namespace,
    name: Name,
    dimensions: Object.fromEntries(directive.Dimensions[0].map((key: string) => [key, emf[key]])),
    value: emf[Name],
  };
};
