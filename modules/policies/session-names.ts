/**
 * For role sessions `aws:userid` is `<role id>:<session name>`, and the caller
 * picks the session name: anyone who may assume a role can take another
 * person's session name and becomes the owner of what that person launched
 * through the role. AWS's documented mitigation is a trust-policy condition
 * that makes the session name the caller's own IAM user name
 * (`sts:RoleSessionName` = `${aws:username}`). Opt-in: a role's trust is the
 * role owner's, so this is a document to put into roles IAM users assume.
 */
import { policy, type PolicyDocument } from './document';

export interface SessionNameTrustProps {
  /** The account whose IAM users may assume the role. */
  readonly trustedAccountId: string;
}

export const sessionNameIsUserNameTrust = (props: SessionNameTrustProps): PolicyDocument =>
  policy({
    Sid: 'SessionNameIsTheCallersUserName',
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${props.trustedAccountId}:root` },
    Action: 'sts:AssumeRole',
    // aws:username exists only for IAM users: a role session (role chaining)
    // or a federated caller has none, so the condition fails and they are
    // refused rather than left to choose their name.
    Condition: { StringEquals: { 'sts:RoleSessionName': '${aws:username}' } },
  });
