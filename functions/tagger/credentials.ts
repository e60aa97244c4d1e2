/**
 * Credentials and EC2 clients for the account an event came from.
 *
 * One sts:AssumeRole per account, reused until 5 minutes before it expires
 * (for every region of that account), and one EC2 client per account and
 * region, so a warm function makes no STS call for a busy account. Callers
 * that ask for the same account while its AssumeRole is in flight share it. Endpoints
 * come from the SDK's default resolution, so AWS_ENDPOINT_URL (moto) works.
 */
import { EC2Client, type EC2ClientConfig } from '@aws-sdk/client-ec2';
import { AssumeRoleCommand, STSClient, type AssumeRoleCommandOutput } from '@aws-sdk/client-sts';
import type { Settings } from './environment';

/**
 * Explicit limits, so a hanging endpoint fails well inside the Lambda timeout
 * and the event is retried; adaptive retries back off when EC2 throttles a
 * burst of events.
 */
export const CLIENT_CONFIG = {
  retryMode: 'adaptive',
  maxAttempts: 3,
  requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000 },
} as const;

const SESSION_NAME = 'auto-tag';
const REFRESH_BEFORE_MS = 5 * 60_000;

/** The member account has no tagger role we may assume: it was never onboarded. */
export class AccountNotOnboarded extends Error {
  override readonly name = 'AccountNotOnboarded';
}

/** The part of the STS client used here (a fake in tests). */
export interface AssumeRoleClient {
  send(command: AssumeRoleCommand): Promise<AssumeRoleCommandOutput>;
}

export interface SessionDeps {
  readonly sts?: AssumeRoleClient;
  readonly ec2Client?: (config: EC2ClientConfig) => EC2Client;
  readonly now?: () => number;
}

export interface Sessions {
  /** An EC2 client acting in `account`; throws AccountNotOnboarded when the role cannot be assumed. */
  ec2(account: string, region: string): Promise<EC2Client>;
}

/** Sessions that also hand out the tagger role's credentials, for clients of other services (reconcile's CloudTrail LookupEvents). */
export interface RoleSessions extends Sessions {
  /** The tagger role's credentials in `account`, from the same cache as the EC2 clients; throws AccountNotOnboarded like `ec2`. */
  credentials(account: string, region: string): Promise<Credentials>;
}

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
}

const partitionOf = (region: string): string => (region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws');

export const roleArn = (settings: Settings, account: string, region: string): string =>
  `arn:${partitionOf(region)}:iam::${account}:role${settings.rolePath}${settings.roleName}`;

export const createSessions = (settings: Settings, deps: SessionDeps = {}): RoleSessions => {
  const sts = deps.sts ?? new STSClient(CLIENT_CONFIG);
  const ec2Client = deps.ec2Client ?? ((config: EC2ClientConfig) => new EC2Client(config));
  const now = deps.now ?? Date.now;
  const credentials = new Map<string, Credentials>();
  const inFlight = new Map<string, Promise<Credentials>>();
  const clients = new Map<string, EC2Client>();

  const assumeRole = async (account: string, region: string): Promise<Credentials> => {
    let output: AssumeRoleCommandOutput;
    try {
      output = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn(settings, account, region), RoleSessionName: SESSION_NAME }));
    } catch (error) {
      // Denied is the expected answer for an account that was never onboarded;
      // anything else (throttling left after retries, outage) must be retried.
      if ((error as Error).name === 'AccessDenied') throw new AccountNotOnboarded(`AssumeRole denied in ${account}`, { cause: error });
      throw error;
    }
    const { AccessKeyId, SecretAccessKey, SessionToken, Expiration } = output.Credentials ?? {};
    if (!AccessKeyId || !SecretAccessKey || !SessionToken || !Expiration) {
      throw new Error(`AssumeRole into ${account} returned no credentials`);
    }
    return { accessKeyId: AccessKeyId, secretAccessKey: SecretAccessKey, sessionToken: SessionToken, expiration: Expiration };
  };

  const credentialsFor = async (account: string, region: string): Promise<Credentials> => {
    const cached = credentials.get(account);
    if (cached && cached.expiration.getTime() - now() > REFRESH_BEFORE_MS) return cached;
    let pending = inFlight.get(account);
    if (!pending) {
      pending = assumeRole(account, region)
        .then((fresh) => {
          credentials.set(account, fresh);
          return fresh;
        })
        // A failure is not kept: the next event asks STS again.
        .finally(() => inFlight.delete(account));
      inFlight.set(account, pending);
    }
    return pending;
  };

  return {
    credentials: credentialsFor,
    async ec2(account, region) {
      // Resolve now, so a denied AssumeRole surfaces here and not inside an EC2 call.
      await credentialsFor(account, region);
      const key = `${account}/${region}`;
      let client = clients.get(key);
      if (!client) {
        // The SDK asks again when the credentials near expiry; the cache renews them.
        client = ec2Client({ ...CLIENT_CONFIG, region, credentials: () => credentialsFor(account, region) });
        clients.set(key, client);
      }
      return client;
    },
  };
};
