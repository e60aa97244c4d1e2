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
import { without } from './lists';

export interface TagGuardProps {
  /** Every key the tagger writes. */
  readonly protectedKeys: readonly string[];
  /** The one a caller may set at creation, to their own aws:userid. */
  readonly principalIdTagKey: string;
}

export interface TagGuardScpProps extends TagGuardProps {
  /** The tagger role's name, in every account (path `/`). */
  readonly taggerRoleName: string;
  /**
   * The deploy roles, as `aws:PrincipalArn` patterns: the organization
   * default in any account, an account's own deploy role in that account only
   * (see `deployRolePrincipals`). Only they may change auto-tag's roles and
   * forwarding rules, and the deploy roles themselves.
   */
  readonly deployRoleArns: readonly string[];
  /** The forwarding roles' names in every account (one per region: a `*` pattern). */
  readonly forwardingRoleNamePattern: string;
  /** The forwarding rule's name on every member's default bus. */
  readonly forwardingRuleName: string;
  /** The forwarding target's dead-letter queue's name in every member region. */
  readonly forwardingDeadLetterQueueName: string;
}

// Any account: the SCP binds many accounts, and these roles have the same name in each.
const ANY_ROLE_NAMED = (name: string) => `arn:aws:iam::*:role/${name}`;

/** Every IAM call that creates, re-trusts, re-permits or deletes a role (and hands it to a service). */
export const ROLE_WRITE_ACTIONS = [
  'iam:AttachRolePolicy',
  'iam:CreateRole',
  'iam:DeleteRole',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PassRole',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateRole',
] as const;

/** Every EventBridge call that changes, disables, retargets or deletes a rule. */
export const RULE_WRITE_ACTIONS = [
  'events:DeleteRule',
  'events:DisableRule',
  'events:PutRule',
  'events:PutTargets',
  'events:RemoveTargets',
] as const;

/** The guard's statements; `exceptTagger` is merged into every condition. */
const guardStatements = ({ protectedKeys, principalIdTagKey }: TagGuardProps, exceptTagger: Condition = {}): Statement[] => {
  const otherKeys = without(protectedKeys, principalIdTagKey);
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
 * accounts but the tagger role; and auto-tag's own infrastructure in them
 * (the tagger role, the forwarding roles and rules, and the deploy roles
 * themselves) out of reach of everyone but the deploy roles. Without it an
 * account administrator could trust themselves into the tagger role (or
 * create it where it does not exist yet) and write any tag, switch the
 * forwarding off without a trace in the tags, or create or re-trust a role
 * named like a deploy role to get its exemption.
 * SCPs govern neither the management account nor service-linked roles.
 */
export const tagGuardScp = (props: TagGuardScpProps): PolicyDocument => {
  const exceptDeployRoles = { ArnNotLike: { 'aws:PrincipalArn': [...props.deployRoleArns] } };
  return policy(
    ...guardStatements(props, { ArnNotLike: { 'aws:PrincipalArn': ANY_ROLE_NAMED(props.taggerRoleName) } }),
    {
      Sid: 'AutoTagRolesOnlyByDeployRoles',
      Effect: 'Deny',
      Action: [...ROLE_WRITE_ACTIONS],
      // The deploy roles are guarded too, by the same exemption: nobody else can
      // create one where it is missing, nor re-trust one to become it.
      Resource: [ANY_ROLE_NAMED(props.taggerRoleName), ANY_ROLE_NAMED(props.forwardingRoleNamePattern), ...props.deployRoleArns],
      Condition: exceptDeployRoles,
    },
    {
      Sid: 'ForwardingOnlyByDeployRoles',
      Effect: 'Deny',
      // The rule, and the dead-letter queue that keeps what it could not deliver.
      Action: [...RULE_WRITE_ACTIONS, 'sqs:DeleteQueue', 'sqs:PurgeQueue', 'sqs:SetQueueAttributes'],
      // Any region and account of the SCP's targets: they have these names in each.
      Resource: [`arn:aws:events:*:*:rule/${props.forwardingRuleName}`, `arn:aws:sqs:*:*:${props.forwardingDeadLetterQueueName}`],
      Condition: exceptDeployRoles,
    },
  );
};
