import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { toTerraformJson } from '../policies/document';
import { functionRolePermissions, type FunctionRolePermissionsProps } from '../policies/function-role';
import { serviceTrustPolicy } from '../policies/service-trust';

export interface TaggerFunctionRoleProps extends FunctionRolePermissionsProps {
  readonly roleName: string;
}

/** The execution role shared by the tagger function of every region (IAM is global). */
export class TaggerFunctionRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: TaggerFunctionRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: 'auto-tag: the central tagger function; assumes the tagger role in member accounts',
      assumeRolePolicy: toTerraformJson(serviceTrustPolicy('lambda.amazonaws.com', props.accountId)),
    });
    new IamRolePolicy(this, 'permissions', {
      name: 'tagger-function',
      role: this.role.name,
      policy: toTerraformJson(functionRolePermissions(props)),
    });
  }
}
