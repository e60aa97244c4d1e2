/**
 * Who made the call, as the two tag values: `principalId` means exactly what
 * IAM's `aws:userid` means for that caller, so tag-based policies can compare
 * `ec2:ResourceTag/PrincipalId` with `${aws:userid}`; `owner` is the readable name.
 *
 * Only identity types whose `aws:userid` CloudTrail states unambiguously are
 * resolved; anything else is refused with a reason rather than guessed, since a
 * wrong tag grants a wrong person control of the resource.
 */
import { isRecord } from './record';

/**
 * The kind of caller, one of a few values (a metric dimension and a log field).
 * `AWSServiceRole` is an AssumedRole session of a service-linked role (Auto
 * Scaling, Spot Fleet, EC2 Fleet, ...): a service acting, not a person.
 */
export type Caller = 'IAMUser' | 'AssumedRole' | 'AWSServiceRole' | 'FederatedUser' | 'Root' | 'AWSService';

export interface Identity {
  readonly caller: Caller;
  readonly owner: string;
  readonly principalId: string;
  /** `userIdentity.arn`, when the record has one. */
  readonly arn?: string;
  /** `userIdentity.invokedBy`: the AWS service that made the call (for the caller, or as itself). */
  readonly invokedBy?: string;
}

/** Why no identity could be stated. */
export type IdentityRefusal = 'missing-identity' | 'unsupported-identity-type' | 'incomplete-identity';

export type IdentityResult = { readonly identity: Identity } | { readonly reason: IdentityRefusal; readonly identityType?: string };

const str = (record: Record<string, unknown>, key: string): string | undefined =>
  typeof record[key] === 'string' && record[key] !== '' ? (record[key] as string) : undefined;

const record = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});

// IAM's character set for user, role and session names.
const NAME = '[\\w+=,.@-]+';
const ASSUMED_ROLE_ARN = new RegExp(`^arn:[\\w-]+:sts::\\d{12}:assumed-role/(${NAME})/(${NAME})$`);
const FEDERATED_USER_ARN = new RegExp(`^arn:[\\w-]+:sts::\\d{12}:federated-user/(${NAME})$`);
// IAM reserves this path for service-linked roles: no one can create a role on it.
const SERVICE_LINKED_ROLE_ARN = /^arn:[\w-]+:iam::\d{12}:role\/aws-service-role\//;
// A service principal (`autoscaling.amazonaws.com`); never the form of any `aws:userid`.
const SERVICE_PRINCIPAL = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/;

const incomplete: IdentityResult = { reason: 'incomplete-identity' };

export const resolveIdentity = (userIdentity: unknown): IdentityResult => {
  if (typeof userIdentity !== 'object' || userIdentity === null || Array.isArray(userIdentity)) return { reason: 'missing-identity' };
  const user = userIdentity as Record<string, unknown>;
  const principalId = str(user, 'principalId') ?? '';
  const arn = str(user, 'arn');
  const known = { ...(arn && { arn }), ...(str(user, 'invokedBy') && { invokedBy: str(user, 'invokedBy') }) };
  const stated = (caller: Caller, owner: string | undefined, valid: boolean): IdentityResult =>
    owner && valid ? { identity: { caller, owner, principalId, ...known } } : incomplete;

  switch (user.type) {
    case 'IAMUser':
      // aws:userid is the user's unique ID (AIDA...).
      return stated('IAMUser', str(user, 'userName'), /^AIDA[A-Z0-9]+$/.test(principalId));
    case 'AssumedRole': {
      // aws:userid is "<role ID>:<session name>", the session name ending the
      // assumed-role ARN. SSO, SAML, web identity and instance-profile sessions
      // all look like this (their session name is the user, or the instance ID).
      const [, role, session] = ASSUMED_ROLE_ARN.exec(arn ?? '') ?? [];
      const valid = /^AROA[A-Z0-9]+:/.test(principalId) && principalId.slice(principalId.indexOf(':') + 1) === session;
      if (!SERVICE_LINKED_ROLE_ARN.test(str(record(record(user.sessionContext).sessionIssuer), 'arn') ?? '')) {
        return stated('AssumedRole', session, valid);
      }
      // A service-linked role's session ("AutoScaling") names no person: the
      // role says which service acted, and the principal ID is still that
      // session's aws:userid.
      return stated('AWSServiceRole', role, valid);
    }
    case 'FederatedUser': {
      // aws:userid is "<account>:<federated user name>", as CloudTrail gives it.
      const [, name] = FEDERATED_USER_ARN.exec(arn ?? '') ?? [];
      return stated('FederatedUser', name, name !== undefined && principalId === `${str(user, 'accountId')}:${name}`);
    }
    case 'Root':
      // aws:userid is the account ID.
      return stated('Root', 'root', /^\d{12}$/.test(principalId) && principalId === str(user, 'accountId'));
    case 'AWSService': {
      // An AWS service calling as itself has no aws:userid. Its service
      // principal stands in: no caller's aws:userid can equal it, so the
      // owner-only policy matches no one, and a PrincipalId passed in the
      // request is still overwritten.
      const service = str(user, 'invokedBy');
      if (service === undefined || !SERVICE_PRINCIPAL.test(service)) return incomplete;
      return { identity: { caller: 'AWSService', owner: service, principalId: service, invokedBy: service } };
    }
    default:
      // IdentityCenterUser, SAMLUser, WebIdentityUser, AWSAccount, Unknown, ...
      return {
        reason: 'unsupported-identity-type',
        identityType: typeof user.type === 'string' ? user.type.slice(0, 64) : typeof user.type,
      };
  }
};

/**
 * The caller's account when it is not the account the event was delivered
 * from (`userIdentity.accountId` against the envelope's `account`), else
 * undefined. Such a caller is still tagged, deliberately: it is the truth,
 * and `aws:userid` values are unique across AWS (user and role IDs are
 * global; root and federated users carry their account), so a foreign
 * PrincipalId matches no principal of this account and gives nobody here
 * owner control. The handler logs it as a warning with the caller's account.
 */
export const crossAccountCaller = (userIdentity: unknown, account: string): string | undefined => {
  const callerAccount = isRecord(userIdentity) ? str(userIdentity, 'accountId') : undefined;
  return callerAccount !== undefined && callerAccount !== account ? callerAccount.slice(0, 64) : undefined;
};
