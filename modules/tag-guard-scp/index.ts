import { Construct } from 'constructs';
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import { toTerraformJson } from '../policies/document';
import { tagGuardScp, type TagGuardScpProps } from '../policies/tag-guard';

export interface TagGuardScpConstructProps extends TagGuardScpProps {
  readonly policyName: string;
  /** Roots (r-...), OUs (ou-...) or accounts the SCP is attached to. */
  readonly targetIds: readonly string[];
}

/** The tag guard as a service control policy, attached where the config says (deployed from the management account). */
export class TagGuardScp extends Construct {
  readonly policy: OrganizationsPolicy;

  constructor(scope: Construct, id: string, props: TagGuardScpConstructProps) {
    super(scope, id);
    this.policy = new OrganizationsPolicy(this, 'policy', {
      name: props.policyName,
      description: 'auto-tag: only the tagger role writes the protected tag keys; only deploy roles change the tagger role',
      type: 'SERVICE_CONTROL_POLICY',
      content: toTerraformJson(tagGuardScp(props)),
    });
    for (const targetId of props.targetIds) {
      new OrganizationsPolicyAttachment(this, `attachment-${targetId}`, { policyId: this.policy.id, targetId });
    }
  }
}
