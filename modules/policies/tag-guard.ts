/**
 * The tag guard: nobody but the tagger role creates, changes or deletes the
 * protected keys (Owner, PrincipalId and any extra keys the tagger writes).
 * The one exception is the truth: at creation, a caller may tag PrincipalId
 * with their own `aws:userid`, which is what the tagger would write anyway
 * and what lets owner-only control work before the tagger has run.
 *
 * Two forms: an identity policy for users and groups (the tagger role never
 * carries it), and a service control policy for whole OUs, which must except
 * the tagger role by `aws:PrincipalArn`.
 */
import { policy, type Condition, type PolicyDocument, type Statement } from './document';

export interface TagGuardProps {
  /** Every key the tagger writes. */
  readonly protectedKeys: readonly string[];
  /** The one a caller may set at creation, to their own aws:userid. */
  readonly principalIdTagKey: string;
}

export interface TagGuardScpProps extends TagGuardProps {
  /** The tagger role's name, in every account (path `/`). */
  readonly taggerRoleName: string;
  /** Roles that deploy auto-tag, and so may change the tagger role. */
  readonly deployRoleNames: readonly string[];
}

// Any account: the SCP binds many accounts, and these roles have the same name in each.
const ANY_ROLE_NAMED = (name: string) => `arn:aws:iam::*:role/${name}`;

/** The guard's statements; `exceptTagger` is merged into every condition. */
const guardStatements = ({ protectedKeys, principalIdTagKey }: TagGuardProps, exceptTagger: Condition = {}): Statement[] => {
  const otherKeys = protectedKeys.filter((key) => key !== principalIdTagKey);
  // Tag keys are case-sensitive in EC2; a look-alike "principalid" would fool people and tools.
  const writes = (keys: readonly string[]) => ({ 'ForAnyValue:StringEqualsIgnoreCase': { 'aws:TagKeys': keys } });
  // Any resource: the rule is about the keys, whatever they are written on.
  const statement = (Sid: string, Action: string[], Condition: Condition): Statement => ({
    Sid,
    Effect: 'Deny',
    Action,
    Resource: '*',
    Condition: { ...Condition, ...exceptTagger },
  });
  return [
    statement('ProtectedKeysOnlyByTheTagger', ['ec2:CreateTags', 'ec2:DeleteTags'], writes(otherKeys)),
    statement('PrincipalIdNotAfterCreation', ['ec2:CreateTags', 'ec2:DeleteTags'], {
      ...writes([principalIdTagKey]),
      Null: { 'ec2:CreateAction': 'true' },
    }),
    statement('PrincipalIdOnlyYourOwn', ['ec2:CreateTags'], {
      ...writes([principalIdTagKey]),
      // Also true when the key is written in another case and so is missing here.
      StringNotEquals: { [`aws:RequestTag/${principalIdTagKey}`]: '${aws:userid}' },
    }),
    // DeleteTags without tag keys deletes every tag, protected ones included.
    statement('NoDeletingEveryTag', ['ec2:DeleteTags'], { Null: { 'aws:TagKeys': 'true' } }),
    // Auto Scaling writes its group's tags to the instances it launches, as its
    // service-linked role, which no identity policy or SCP governs.
    statement(
      'NoProtectedKeysOnAutoScalingGroups',
      ['autoscaling:CreateAutoScalingGroup', 'autoscaling:CreateOrUpdateTags', 'autoscaling:DeleteTags'],
      writes(protectedKeys),
    ),
  ];
};

/** For users and groups: attach it to whoever should not write the protected keys. */
export const tagGuardPolicy = (props: TagGuardProps): PolicyDocument => policy(...guardStatements(props));

/**
 * For the organization: the same guard for every principal of the targeted
 * accounts but the tagger role, and the tagger role itself out of reach of
 * everyone but the deploy roles (else an account admin could trust themselves
 * into it, or create it where it does not exist yet, and write any tag).
 * SCPs govern neither the management account nor service-linked roles.
 */
export const tagGuardScp = (props: TagGuardScpProps): PolicyDocument =>
  policy(...guardStatements(props, { ArnNotLike: { 'aws:PrincipalArn': ANY_ROLE_NAMED(props.taggerRoleName) } }), {
    Sid: 'TaggerRoleOnlyByDeployRoles',
    Effect: 'Deny',
    Action: [
      'iam:AttachRolePolicy',
      'iam:CreateRole',
      'iam:DeleteRole',
      'iam:DeleteRolePermissionsBoundary',
      'iam:DeleteRolePolicy',
      'iam:DetachRolePolicy',
      'iam:PutRolePermissionsBoundary',
      'iam:PutRolePolicy',
      'iam:UpdateAssumeRolePolicy',
      'iam:UpdateRole',
    ],
    Resource: ANY_ROLE_NAMED(props.taggerRoleName),
    Condition: { ArnNotLike: { 'aws:PrincipalArn': props.deployRoleNames.map(ANY_ROLE_NAMED) } },
  });
