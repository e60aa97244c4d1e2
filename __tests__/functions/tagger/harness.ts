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
import { createHandler } from '../../../functions/tagger/handler';
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

export const runHandler = async (
  event: unknown,
  deps: { env?: Record<string, string>; sessions?: Sessions; backoff?: Backoff; ec2?: ReturnType<typeof echoEc2> } = {},
) => {
  const ec2 = deps.ec2 ?? echoEc2();
  const handler = createHandler({
    settings: readSettings({ ...TAGGER_ENV, ...deps.env }),
    sessions: deps.sessions ?? sessionsFor(ec2.client),
    logger: new Logger({ serviceName: 'auto-tag' }),
    metrics: new Metrics({ namespace: 'AutoTag', serviceName: 'auto-tag' }),
    backoff: deps.backoff ?? instantBackoff(),
  });
  const { result, error, logs } = await captureLogs(() => handler(event as never));
  return {
    result: result as any,
    error,
    lines: logs.filter((line) => !('_aws' in line)),
    metrics: logs.filter((line) => '_aws' in line),
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
