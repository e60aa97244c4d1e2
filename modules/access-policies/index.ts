import { Construct } from 'constructs';
import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { IamGroupPolicyAttachment } from '@cdktf/provider-aws/lib/iam-group-policy-attachment';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { toTerraformJson } from '../policies/document';
import { tagBasedEc2RestrictionsPolicy, type TagBasedEc2RestrictionsProps } from '../policies/tag-based-ec2-restrictions';

export interface TagBasedEc2RestrictionsConstructProps extends TagBasedEc2RestrictionsProps {
  readonly policyName: string;
  readonly groupName: string;
}

/**
 * The owner-only EC2 policy as a managed policy, and a group carrying it:
 * adding a user to the group is how a platform team opts them in.
 */
export class TagBasedEc2Restrictions extends Construct {
  readonly policy: IamPolicy;
  readonly group: IamGroup;

  constructor(scope: Construct, id: string, props: TagBasedEc2RestrictionsConstructProps) {
    super(scope, id);
    this.policy = new IamPolicy(this, 'policy', {
      name: props.policyName,
      description: 'auto-tag: stop/start/reboot/terminate only the instances you launched',
      policy: toTerraformJson(tagBasedEc2RestrictionsPolicy(props)),
    });
    this.group = new IamGroup(this, 'group', { name: props.groupName });
    new IamGroupPolicyAttachment(this, 'attachment', { group: this.group.name, policyArn: this.policy.arn });
  }
}
