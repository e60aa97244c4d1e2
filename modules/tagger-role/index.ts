import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { toTerraformJson } from '../policies/document';
import {
  taggerRolePermissions,
  taggerRoleTrustPolicy,
  type TaggerRolePermissionsProps,
  type TaggerRoleTrustProps,
} from '../policies/tagger-role';

export interface TaggerRoleProps extends TaggerRoleTrustProps, TaggerRolePermissionsProps {
  readonly roleName: string;
}

/** The role the central function assumes to tag this account's new resources. */
export class TaggerRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: TaggerRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: 'auto-tag: assumed by the central tagger function to write the creator tags',
      assumeRolePolicy: toTerraformJson(taggerRoleTrustPolicy(props)),
      maxSessionDuration: 3600,
    });
    new IamRolePolicy(this, 'permissions', {
      name: 'write-creator-tags',
      role: this.role.name,
      policy: toTerraformJson(taggerRolePermissions(props)),
    });
  }
}
