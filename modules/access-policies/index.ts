import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
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
}

/**
 * The tag-based access policies of one account as managed policies, and a
 * group carrying them: adding a user to the group is how a platform team opts
 * them in; roles and permission sets attach the policies by name.
 */
export class AccessPolicies extends Construct {
  readonly policies: readonly IamPolicy[];
  readonly group: IamGroup;

  constructor(scope: Construct, id: string, props: AccessPoliciesProps) {
    super(scope, id);
    this.group = new IamGroup(this, 'group', { name: props.groupName });
    this.policies = props.policies.map((named) => {
      const policy = new IamPolicy(this, named.name, {
        name: named.name,
        description: named.description,
        policy: toTerraformJson(named.document),
      });
      new IamGroupPolicyAttachment(this, `${named.name}-attachment`, { group: this.group.name, policyArn: policy.arn });
      return policy;
    });
    new TerraformOutput(this, 'policy-arns', {
      value: Object.fromEntries(props.policies.map((named, i) => [named.name, this.policies[i].arn])),
    });
  }
}
