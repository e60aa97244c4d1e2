/**
 * Credentials in each account: the caller's default chain (environment,
 * profile, SSO, instance role) assumes the account's deploy role, as the
 * pipeline does. The SDK caches and refreshes each assumed role, and honours
 * AWS_ENDPOINT_URL, so tests run against moto.
 */
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { Config } from '../../modules/config/schema';
import { arn, deployRoleName, homeRegion } from '../../modules/naming';

export interface AccountCredentialsOptions {
  /** The session name CloudTrail records for the commands' calls, e.g. 'auto-tag-verify'. */
  readonly sessionName: string;
  /**
   * The role to assume in every account instead of its deploy role; `false`
   * uses the caller's credentials as they are (a single-account check).
   * @default each account's deploy role (`deployRoleName`)
   */
  readonly role?: string | false;
}

/** What the SDK's clients take as `credentials`. */
export type CredentialProvider = ReturnType<typeof fromTemporaryCredentials>;

/** Credentials for an account id; one provider per account, reused for every region and client. */
export type AccountCredentials = (accountId: string) => CredentialProvider | undefined;

export const accountCredentials = (config: Config, { sessionName, role }: AccountCredentialsOptions): AccountCredentials => {
  const providers = new Map<string, CredentialProvider>();
  return (accountId) => {
    // undefined: the SDK client falls back to the caller's default chain.
    if (role === false) return undefined;
    let provider = providers.get(accountId);
    if (!provider) {
      provider = fromTemporaryCredentials({
        params: { RoleArn: arn.role(accountId, role ?? deployRoleName(config, accountId)), RoleSessionName: sessionName },
        // STS is global; the home region keeps the call near the organization's trail and state.
        clientConfig: { region: homeRegion(config) },
      });
      providers.set(accountId, provider);
    }
    return provider;
  };
};
