/**
 * The IAM documents of auto-tag's roles and managed policies, by name, as an
 * account holds them (read back from moto's IAM) and as cdktf stacks
 * synthesize them: to prove that the Terraform modules grant exactly what the
 * stacks grant for the same organization. Documents are compared as IAM
 * reads them: key order and the order within a list do not matter.
 */
import {
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListPoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
} from '@aws-sdk/client-iam';
import { fromTerraformJson } from '../../../modules/policies/document';
import type { Session } from '../moto/aws';

/** `role:<name>` -> trust, `role:<name>/<inline policy>` and `policy:<name>` -> the document. */
export type IamDocuments = Record<string, unknown>;

/** Key order and list order do not matter to IAM: both sorted. */
const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
  return value;
};

/** IAM returns documents URL-encoded. */
const document = (text: string): unknown => canonical(JSON.parse(text.startsWith('%7B') ? decodeURIComponent(text) : text));

/** What an account holds of the roles and customer-managed policies whose names start with `prefix`. */
export const deployedIamDocuments = async (session: Session, prefix: string, extraRoles: readonly string[] = []): Promise<IamDocuments> => {
  const iam = new IAMClient({ region: 'us-east-1', credentials: await (session.ec2('us-east-1').config.credentials as any)() });
  const found: IamDocuments = {};
  const { Roles = [] } = await iam.send(new ListRolesCommand({ MaxItems: 1000 }));
  for (const { RoleName } of Roles.filter((r) => r.RoleName!.startsWith(prefix) || extraRoles.includes(r.RoleName!))) {
    const { Role } = await iam.send(new GetRoleCommand({ RoleName }));
    found[`role:${RoleName}`] = document(Role!.AssumeRolePolicyDocument!);
    const { PolicyNames = [] } = await iam.send(new ListRolePoliciesCommand({ RoleName }));
    for (const PolicyName of PolicyNames) {
      const { PolicyDocument } = await iam.send(new GetRolePolicyCommand({ RoleName, PolicyName }));
      found[`role:${RoleName}/${PolicyName}`] = document(PolicyDocument!);
    }
  }
  const { Policies = [] } = await iam.send(new ListPoliciesCommand({ Scope: 'Local', MaxItems: 1000 }));
  for (const { PolicyName, Arn, DefaultVersionId } of Policies) {
    const { PolicyVersion } = await iam.send(new GetPolicyVersionCommand({ PolicyArn: Arn, VersionId: DefaultVersionId }));
    found[`policy:${PolicyName}`] = document(PolicyVersion!.Document!);
  }
  return found;
};

type StackJson = { resource?: Record<string, Record<string, Record<string, any>>> };

/** The same, from synthesized stacks' JSON (the stacks of one account). */
export const synthesizedIamDocuments = (stacks: readonly StackJson[]): IamDocuments => {
  const found: IamDocuments = {};
  for (const { resource = {} } of stacks) {
    const roles = resource.aws_iam_role ?? {};
    for (const role of Object.values(roles)) found[`role:${role.name}`] = canonical(fromTerraformJson(role.assume_role_policy));
    for (const inline of Object.values(resource.aws_iam_role_policy ?? {})) {
      // `role` references the role resource: `${aws_iam_role.<address>.name}`.
      const address = /^\$\{aws_iam_role\.([^.]+)\.name\}$/.exec(inline.role)![1];
      found[`role:${roles[address].name}/${inline.name}`] = canonical(fromTerraformJson(inline.policy));
    }
    for (const managed of Object.values(resource.aws_iam_policy ?? {}))
      found[`policy:${managed.name}`] = canonical(fromTerraformJson(managed.policy));
  }
  return found;
};
