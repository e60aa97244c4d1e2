import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { toTerraformJson, type PolicyDocument } from '../policies/document';

export interface RoleWithPolicyProps {
  /** The role's name (path `/`). */
  readonly roleName: string;
  /** The role's description, shown in the IAM console. */
  readonly description: string;
  /** Who may assume the role (a trust policy from modules/policies). */
  readonly trust: PolicyDocument;
  /** Everything the role may do, as one inline policy: it lives and dies with the role. */
  readonly permissions: PolicyDocument;
  /** The inline policy's name. */
  readonly policyName: string;
}

/** An IAM role with its trust and its one inline policy, both built by pure functions. */
export class RoleWithPolicy extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: RoleWithPolicyProps) {
    super(scope, id);
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: props.description,
      assumeRolePolicy: toTerraformJson(props.trust),
    });
    new IamRolePolicy(this, 'permissions', {
      name: props.policyName,
      role: this.role.name,
      policy: toTerraformJson(props.permissions),
    });
  }
}
