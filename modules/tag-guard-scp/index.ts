import type { Construct } from 'constructs';
import { OrganizationPolicy } from '../organization-policy';
import { tagGuardScp, type TagGuardScpProps } from '../policies/tag-guard';

export interface TagGuardScpConstructProps extends TagGuardScpProps {
  /** The SCP's name in AWS Organizations. */
  readonly policyName: string;
  /** Roots (r-...), OUs (ou-...) or accounts the SCP is attached to. */
  readonly targetIds: readonly string[];
}

/** The tag guard as a service control policy, attached where the config says (deployed from the management account). */
export class TagGuardScp extends OrganizationPolicy {
  constructor(scope: Construct, id: string, props: TagGuardScpConstructProps) {
    // Same children ('policy', 'attachment-<target>') as before: the Terraform addresses are unchanged.
    super(scope, id, {
      policyName: props.policyName,
      description: 'auto-tag: only the tagger role writes the protected tag keys; only deploy roles change auto-tag roles and rules',
      type: 'SERVICE_CONTROL_POLICY',
      document: tagGuardScp(props),
      targetIds: props.targetIds,
    });
  }
}
