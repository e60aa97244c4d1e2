/**
 * Acting as people in moto's accounts, and reading back what got tagged.
 * moto maps credentials from sts:AssumeRole to the role's account (the role
 * need not exist), which is how one server hosts several accounts.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { EC2Client, paginateDescribeTags } from '@aws-sdk/client-ec2';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { CLIENT_CONFIG, createSessions } from '../../../functions/tagger/credentials';
import { createHandler } from '../../../functions/tagger/handler';
import type { Backoff } from '../../../functions/tagger/retry';
import { readSettings } from '../../../functions/tagger/environment';

export interface Session {
  readonly account: string;
  /** The caller as CloudTrail records it for an assumed role. */
  readonly userIdentity: Record<string, unknown>;
  ec2(region: string): EC2Client;
}

/** Credentials of `arn:aws:iam::<account>:role/<role>` with session `name`, from moto's STS. */
export const assumeRole = async (account: string, role: string, name: string): Promise<Session> => {
  const sts = new STSClient({});
  const { Credentials, AssumedRoleUser } = await sts.send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/${role}`, RoleSessionName: name }),
  );
  const credentials = {
    accessKeyId: Credentials!.AccessKeyId!,
    secretAccessKey: Credentials!.SecretAccessKey!,
    sessionToken: Credentials!.SessionToken!,
  };
  return {
    account,
    userIdentity: {
      type: 'AssumedRole',
      principalId: AssumedRoleUser!.AssumedRoleId,
      arn: AssumedRoleUser!.Arn,
      accountId: account,
      accessKeyId: credentials.accessKeyId,
    },
    ec2: (region) => new EC2Client({ region, credentials }),
  };
};

/** Every tag in the account and region of `ec2`, as resource ID -> { key: value }. */
export const allTags = async (ec2: EC2Client): Promise<Record<string, Record<string, string>>> => {
  const tags: Record<string, Record<string, string>> = {};
  for await (const page of paginateDescribeTags({ client: ec2 }, {})) {
    for (const { ResourceId, Key, Value } of page.Tags ?? []) (tags[ResourceId!] ??= {})[Key!] = Value!;
  }
  return tags;
};

/** Records the name of every request a client sends (each attempt, so retries count too). */
export const countCalls = <C extends STSClient | EC2Client>(client: C, calls: string[]): C => {
  (client as EC2Client).middlewareStack.add(
    (next, context) => async (args) => {
      calls.push(context.commandName!.replace(/Command$/, ''));
      return next(args);
    },
    { step: 'deserialize', name: 'countCalls' },
  );
  return client;
};

/**
 * A cold tagger wired to the real SDK clients (so to moto), recording every
 * AWS request it makes and every metric it counts (as "Name/dimension value").
 */
export const countedTagger = ({ env = {}, backoff }: { env?: Record<string, string>; backoff?: Backoff } = {}) => {
  const calls: string[] = [];
  const counted: string[] = [];
  let dimension = '';
  const settings = readSettings({ TAGGER_ROLE_NAME: 'auto-tag-tagger', ...env });
  const handler = createHandler({
    settings,
    sessions: createSessions(settings, {
      sts: countCalls(new STSClient(CLIENT_CONFIG), calls),
      ec2Client: (config) => countCalls(new EC2Client(config), calls),
    }),
    logger: new Logger({ logLevel: 'SILENT' }),
    metrics: {
      addDimension: (_, value) => void (dimension = value),
      addMetric: (name) => void counted.push(`${name}/${dimension}`),
      publishStoredMetrics: () => void (dimension = ''),
      // The delay since eventTime is a measurement, not a count (the handler tests read it).
      singleMetric: () => ({ addMetric: () => undefined }),
    },
    backoff,
  });
  return { handler, calls, counted };
};
