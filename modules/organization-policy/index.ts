import { Construct } from 'constructs';
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import { toTerraformJson, type PolicyDocument } from '../policies/document';

export interface OrganizationPolicyProps {
  /** The policy's name in AWS Organizations. */
  readonly policyName: string;
  /** The policy's description in AWS Organizations. */
  readonly description: string;
  /** A service control policy (limits principals) or a resource control policy (limits resources). */
  readonly type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
  /** The policy's content (a builder from modules/policies, such as `taggerRcp` or `centralGuardScp`). */
  readonly document: PolicyDocument;
  /** Roots (r-...), OUs (ou-...) or accounts the policy is attached to. */
  readonly targetIds: readonly string[];
}

/** An Organizations policy and its attachments (deployed from the management account; global, no region). */
export class OrganizationPolicy extends Construct {
  readonly policy: OrganizationsPolicy;

  constructor(scope: Construct, id: string, props: OrganizationPolicyProps) {
    super(scope, id);
    this.policy = new OrganizationsPolicy(this, 'policy', {
      name: props.policyName,
      description: props.description,
      type: props.type,
      content: toTerraformJson(props.document),
    });
    for (const targetId of props.targetIds) {
      new OrganizationsPolicyAttachment(this, `attachment-${targetId}`, { policyId: this.policy.id, targetId });
    }
  }
}
