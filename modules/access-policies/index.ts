import { Construct } from 'constructs';
import { Fn, TerraformOutput, Token, ref, type IResolvable } from 'cdktf';
import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { IamGroupPolicyAttachment } from '@cdktf/provider-aws/lib/iam-group-policy-attachment';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import type { NamedPolicy } from '../policies/account-access-policies';
import { toTerraformJson } from '../policies/document';

export interface AccessPoliciesProps {
  /** The account's policies, built by pure functions (modules/policies). */
  readonly policies: readonly NamedPolicy[];
  /** The group carrying them all. */
  readonly groupName: string;
  /**
   * Which of `policies` are created, by their selection entry, as Terraform
   * booleans (the inputs of the member-global Terraform module): each such
   * policy and its attachment get a `count` of 1 or 0. Their names are then
   * known only at apply, so they are addressed (construct ids, output keys)
   * by their selection entry instead.
   * @default every policy created, addressed by its name
   */
  readonly enabledBy?: Readonly<Partial<Record<NamedPolicy['selection'], IResolvable>>>;
}

/**
 * The tag-based access policies of one account as managed policies, and a
 * group carrying them: adding a user to the group is how a platform team opts
 * them in; roles and permission sets attach the policies by name.
 */
export class AccessPolicies extends Construct {
  readonly policies: readonly IamPolicy[];
  /** Each policy's ARN by its name (by its selection entry with `enabledBy`; null where turned off). */
  readonly policyArns: Readonly<Record<string, string>>;
  readonly group: IamGroup;

  constructor(scope: Construct, id: string, props: AccessPoliciesProps) {
    super(scope, id);
    this.group = new IamGroup(this, 'group', { name: props.groupName });
    const arns: Record<string, string> = {};
    this.policies = props.policies.map((named) => {
      const id = props.enabledBy ? named.selection : named.name;
      const enabled = props.enabledBy?.[named.selection];
      const count = enabled === undefined ? undefined : Token.asNumber(Fn.conditional(enabled, 1, 0));
      const policy = new IamPolicy(this, id, {
        name: named.name,
        description: named.description,
        policy: toTerraformJson(named.document),
        count,
      });
      // With a count, the policy is a list of none or one.
      arns[id] = count === undefined ? policy.arn : Fn.one(ref(`${policy.terraformResourceType}.${policy.friendlyUniqueId}[*].arn`));
      new IamGroupPolicyAttachment(this, `${id}-attachment`, { group: this.group.name, policyArn: arns[id], count });
      return policy;
    });
    this.policyArns = arns;
    new TerraformOutput(this, 'policy-arns', { value: arns });
  }
}
