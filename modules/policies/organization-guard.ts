/**
 * Organization policies that keep the tag writer to one principal: the
 * central function. A resource control policy on the member accounts lets
 * nobody else assume the tagger role, whatever its trust policy says; a
 * service control policy on the central account keeps the function, its
 * versions, alias, rule and role out of reach of everyone but the deploy role.
 */
import type { Config } from '../config/schema';
import { arn } from '../naming';
import { policy, type PolicyDocument } from './document';
import { ROLE_WRITE_ACTIONS, RULE_WRITE_ACTIONS } from './tag-guard';

/**
 * The deploy roles as `aws:PrincipalArn` patterns: the organization default in
 * any account (it has that name in each), and an account's own deploy role
 * (`accounts[i].deployRoleName`) in that account only, so nobody can create
 * a role of that name elsewhere to get the exemption.
 */
export const deployRolePrincipals = (config: Pick<Config, 'accounts' | 'deployRoleName'>): string[] => [
  `arn:aws:iam::*:role/${config.deployRoleName}`,
  ...config.accounts.flatMap((account) => (account.deployRoleName ? [arn.role(account.id, account.deployRoleName)] : [])),
];

export interface TaggerRcpProps {
  /** The tagger role's name in every member account (path `/`). */
  readonly taggerRoleName: string;
  /** The central function's execution role: a principal that may become the tagger. */
  readonly functionRoleArn: string;
  /**
   * The reconcile sweep's execution role: the other one.
   * @default none: the function's role alone
   */
  readonly sweepRoleArn?: string;
}

/** A resource control policy: the tagger role is assumed by the central function's role (or the sweep's) or by nobody. */
export const taggerRcp = (props: TaggerRcpProps): PolicyDocument =>
  policy({
    Sid: 'TaggerRoleOnlyByTheCentralFunction',
    Effect: 'Deny',
    Principal: '*',
    // Every way into a role: a re-trusted role could name a SAML or OIDC
    // provider, whose sessions have no aws:PrincipalArn and so are denied too.
    Action: ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'],
    // Any account of the RCP's targets: the tagger role has this name in each.
    Resource: `arn:aws:iam::*:role/${props.taggerRoleName}`,
    Condition: {
      ArnNotEquals: { 'aws:PrincipalArn': props.sweepRoleArn ? [props.functionRoleArn, props.sweepRoleArn] : props.functionRoleArn },
    },
  });

/**
 * Every write verb of Lambda (code, configuration, versions, aliases,
 * permissions, URLs, concurrency, invoke settings), including ones AWS adds later.
 */
const LAMBDA_WRITE_ACTIONS = [
  'lambda:Create*',
  'lambda:Delete*',
  'lambda:Put*',
  'lambda:Update*',
  'lambda:AddPermission',
  'lambda:RemovePermission',
  'lambda:PublishVersion',
  'lambda:TagResource',
  'lambda:UntagResource',
] as const;

export interface CentralGuardScpProps {
  /** The central account the SCP is attached to, holding the function, its role, bus and rule. */
  readonly centralAccountId: string;
  /** The central account's deploy role, the one principal that may change the tagger. */
  readonly deployRoleArn: string;
  /** The tagger function's name (the same in every region). */
  readonly functionName: string;
  /** The function's execution role's name. */
  readonly functionRoleName: string;
  /** The central bus and its rule that invokes the function (same names in every region). */
  readonly busName: string;
  /** See `busName`. */
  readonly ruleName: string;
  /**
   * The reconcile sweep's function and execution role (home region): its
   * code becomes the tagger too, so it is guarded the same way, but for
   * invocation (EventBridge Scheduler's role invokes it, and the input only
   * says which accounts to sweep).
   * @default none: no sweep to guard
   */
  readonly sweep?: { readonly functionName: string; readonly roleName: string };
}

/**
 * A service control policy for the central account: whoever changes the
 * function's code, configuration, versions or alias, invokes it with an event
 * of their own, retargets its rule, or hands its role to other code, writes
 * tags for the whole organization. Only the deploy role may.
 */
export const centralGuardScp = (props: CentralGuardScpProps): PolicyDocument => {
  const exceptDeployRole = { ArnNotEquals: { 'aws:PrincipalArn': props.deployRoleArn } };
  const functionArn = `arn:aws:lambda:*:${props.centralAccountId}:function:${props.functionName}`;
  const sweepArn = props.sweep && `arn:aws:lambda:*:${props.centralAccountId}:function:${props.sweep.functionName}`;
  return policy(
    {
      Sid: 'TaggerFunctionOnlyByDeployRole',
      Effect: 'Deny',
      // Every write verb; Invoke*: a direct invocation could carry a forged event.
      // EventBridge invokes as a service principal, which SCPs do not govern.
      Action: [...LAMBDA_WRITE_ACTIONS, 'lambda:Invoke*'],
      // Any region: the function has this name in each covered region (and
      // nobody may create it in another); ":*" is its versions and aliases.
      Resource: [functionArn, `${functionArn}:*`],
      Condition: exceptDeployRole,
    },
    ...(sweepArn
      ? [
          {
            Sid: 'SweepFunctionOnlyByDeployRole',
            Effect: 'Deny' as const,
            Action: [...LAMBDA_WRITE_ACTIONS],
            // Any region, as above (it exists in the home region only).
            Resource: [sweepArn, `${sweepArn}:*`],
            Condition: exceptDeployRole,
          },
        ]
      : []),
    {
      Sid: 'TaggerFunctionRoleOnlyByDeployRole',
      Effect: 'Deny',
      Action: [...ROLE_WRITE_ACTIONS],
      Resource: props.sweep
        ? [arn.role(props.centralAccountId, props.functionRoleName), arn.role(props.centralAccountId, props.sweep.roleName)]
        : arn.role(props.centralAccountId, props.functionRoleName),
      Condition: exceptDeployRole,
    },
    {
      Sid: 'TaggerRuleOnlyByDeployRole',
      Effect: 'Deny',
      // An input transformer or another target would hand the function events of anyone's making.
      Action: [...RULE_WRITE_ACTIONS],
      // Any region: the rule has this name on the central bus of each.
      Resource: `arn:aws:events:*:${props.centralAccountId}:rule/${props.busName}/${props.ruleName}`,
      Condition: exceptDeployRole,
    },
  );
};
