/**
 * Who made the call, as the two tag values: `principalId` means exactly what
 * IAM's `aws:userid` means for that caller, so tag-based policies can compare
 * `ec2:ResourceTag/PrincipalId` with `${aws:userid}`; `owner` is the readable name.
 *
 * Only identity types whose `aws:userid` CloudTrail states unambiguously are
 * resolved; anything else is refused with a reason rather than guessed, since a
 * wrong tag grants a wrong person control of the resource.
 */
export interface Identity {
  readonly owner: string;
  readonly principalId: string;
}

/** Why no identity could be stated. */
export type IdentityRefusal = 'missing-identity' | 'unsupported-identity-type' | 'incomplete-identity';

export type IdentityResult = { readonly identity: Identity } | { readonly reason: IdentityRefusal };

const str = (record: Record<string, unknown>, key: string): string | undefined =>
  typeof record[key] === 'string' && record[key] !== '' ? (record[key] as string) : undefined;

/** The last `/`-separated segment of an ARN (user, session or federated-user name). */
const lastSegment = (arn: string | undefined): string | undefined => arn?.split('/').pop() || undefined;

const resolved = (owner: string | undefined, principalId: string | undefined, valid: boolean): IdentityResult =>
  owner && principalId && valid ? { identity: { owner, principalId } } : { reason: 'incomplete-identity' };

export const resolveIdentity = (userIdentity: unknown): IdentityResult => {
  if (typeof userIdentity !== 'object' || userIdentity === null) return { reason: 'missing-identity' };
  const user = userIdentity as Record<string, unknown>;
  const principalId = str(user, 'principalId');
  switch (user.type) {
    case 'IAMUser':
      // aws:userid is the user's unique ID (AIDA...).
      return resolved(str(user, 'userName'), principalId, /^AIDA[A-Z0-9]+$/.test(principalId ?? ''));
    case 'AssumedRole': {
      // aws:userid is "<role ID>:<session name>"; the session name ends the
      // assumed-role ARN and must be the same one the principal ID carries.
      const session = lastSegment(str(user, 'arn'));
      const valid = /^AROA[A-Z0-9]+:/.test(principalId ?? '') && principalId!.endsWith(`:${session}`);
      return resolved(session, principalId, valid);
    }
    case 'FederatedUser': {
      // aws:userid is "<account>:<federated user name>", as CloudTrail gives it.
      const name = lastSegment(str(user, 'arn'));
      return resolved(name, principalId, principalId === `${str(user, 'accountId')}:${name}`);
    }
    case 'Root':
      // aws:userid is the account ID.
      return resolved('root', principalId, /^\d{12}$/.test(principalId ?? '') && principalId === str(user, 'accountId'));
    default:
      return { reason: 'unsupported-identity-type' };
  }
};
