/**
 * IAM decisions by a real evaluator (@cloud-copilot/iam-simulate, AGPL, test-only)
 * over the policy documents read from the synthesized Terraform JSON.
 *
 * The request context is what AWS would put in it for the caller and the
 * request: `aws:userid` in its per-principal form, the principal's tags, and
 * for tag writes `aws:TagKeys` / `aws:RequestTag/*` / `ec2:CreateAction`.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { iamDocument, type StackJson } from './synth';

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';
export type Document = { Version: string; Statement: unknown[] };

export const ORG = 'o-a1b2c3d4e5';

/** A caller as IAM sees it. */
export interface Caller {
  readonly arn: string;
  readonly account: string;
  readonly context: Readonly<Record<string, string | string[]>>;
}

const callerContext = (account: string, userid: string, principalArn: string, org: string, tags: Record<string, string>) => ({
  'aws:userid': userid,
  'aws:PrincipalArn': principalArn,
  'aws:PrincipalAccount': account,
  'aws:PrincipalOrgID': org,
  ...Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:PrincipalTag/${k}`, v])),
});

/** An IAM user: aws:userid is the user's unique id. */
export const iamUser = (account: string, name: string, uniqueId: string, tags: Record<string, string> = {}, org = ORG): Caller => {
  const arn = `arn:aws:iam::${account}:user/${name}`;
  return { arn, account, context: { ...callerContext(account, uniqueId, arn, org, tags), 'aws:username': name } };
};

/**
 * A role session (assumed role, IAM Identity Center, SAML, web identity):
 * aws:userid is "<role id>:<session name>"; aws:PrincipalArn is the role's ARN.
 */
export const roleSession = (
  account: string,
  role: string,
  roleId: string,
  session: string,
  tags: Record<string, string> = {},
  org = ORG,
): Caller => {
  const roleArn = `arn:aws:iam::${account}:role/${role}`;
  return {
    arn: `arn:aws:sts::${account}:assumed-role/${role.split('/').pop()}/${session}`,
    account,
    context: callerContext(account, `${roleId}:${session}`, roleArn, org, tags),
  };
};

/** The context keys of a tag write: the keys, each key's value, and the create call it is part of. */
export const tagWrite = (tags: Record<string, string>, createAction?: string): Record<string, string | string[]> => ({
  'aws:TagKeys': Object.keys(tags),
  ...Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:RequestTag/${k}`, v])),
  ...(createAction ? { 'ec2:CreateAction': createAction } : {}),
});

export interface Request {
  readonly caller: Caller;
  readonly action: string;
  readonly resource: string;
  /** The account owning the resource (default: the caller's). */
  readonly resourceAccount?: string;
  readonly context?: Record<string, string | string[]>;
  readonly identityPolicies: readonly Document[];
  readonly resourcePolicy?: Document;
  /** SCPs at the root, beside AWS's default FullAWSAccess. */
  readonly scps?: readonly Document[];
  /** RCPs at the root of the resource's organization (iam-simulate adds AWS's default RCPFullAWSAccess). */
  readonly rcps?: readonly Document[];
}

const FULL_AWS_ACCESS: Document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

/** The decision for one request; a request the simulator cannot judge (bad action, ARN or key) fails the test. */
export const decide = async (request: Request): Promise<Decision> => {
  const named = (docs: readonly Document[], prefix: string) => docs.map((policy, i) => ({ name: `${prefix}${i}`, policy }));
  const result = await runSimulation(
    {
      request: {
        principal: request.caller.arn,
        action: request.action,
        resource: { resource: request.resource, accountId: request.resourceAccount ?? request.caller.account },
        contextVariables: { ...request.caller.context, ...request.context },
      },
      identityPolicies: named(request.identityPolicies, 'identity'),
      serviceControlPolicies: [
        { orgIdentifier: 'r-a1b2', policies: named([FULL_AWS_ACCESS, ...(request.scps ?? [])], 'root') },
        { orgIdentifier: request.caller.account, policies: named([FULL_AWS_ACCESS], 'account') },
      ],
      resourceControlPolicies: request.rcps
        ? [
            { orgIdentifier: 'r-a1b2', policies: named(request.rcps, 'rcp') },
            { orgIdentifier: request.resourceAccount ?? request.caller.account, policies: [] },
          ]
        : [],
      resourcePolicy: request.resourcePolicy,
    },
    {},
  );
  if (result.resultType === 'error') throw new Error(`iam-simulate refused the request: ${JSON.stringify(result.errors)}`);
  return result.overallResult as Decision;
};

/** The managed policies a member stack attaches to its restricted group, by name, as IAM reads them. */
export const groupPolicies = (stack: StackJson): Record<string, Document> => {
  const attached = new Set(Object.values(stack.resource.aws_iam_group_policy_attachment ?? {}).map((a) => a.policy_arn));
  return Object.fromEntries(
    Object.entries(stack.resource.aws_iam_policy ?? {})
      .filter(([key]) => attached.has(`\${aws_iam_policy.${key}.arn}`))
      .map(([, p]) => [p.name, iamDocument(p.policy)]),
  );
};

/** A role's trust and inline permissions, as IAM reads them. */
export const rolePolicies = (stack: StackJson, roleName: string): { trust: Document; permissions: Document } => {
  const [key, role] = Object.entries(stack.resource.aws_iam_role).find(([, r]) => r.name === roleName)!;
  const inline = Object.values(stack.resource.aws_iam_role_policy).find((p) => p.role === `\${aws_iam_role.${key}.name}`)!;
  return { trust: iamDocument(role.assume_role_policy), permissions: iamDocument(inline.policy) };
};
