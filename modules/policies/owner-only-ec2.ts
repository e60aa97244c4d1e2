/**
 * The original solution's TagBasedEC2RestrictionsPolicy: describe and launch
 * freely, but stop, start, reboot or terminate only the instances you launched,
 * as the tagger recorded in the PrincipalId tag (`aws:userid` of the creator).
 */
import { policy, type PolicyDocument } from './document';

export interface TagBasedEc2RestrictionsProps {
  readonly accountId: string;
  /** Regions the tagger covers in this account; launching elsewhere would leave instances untagged. */
  readonly regions: readonly string[];
  /** The key the tagger writes the creator's aws:userid under. */
  readonly principalIdTagKey: string;
}

/** Instance actions only the owner may take. */
const OWNER_ONLY_INSTANCE_ACTIONS = [
  'ec2:RebootInstances',
  'ec2:StartInstances',
  'ec2:StopInstances',
  'ec2:TerminateInstances',
] as const;

export const tagBasedEc2RestrictionsPolicy = (props: TagBasedEc2RestrictionsProps): PolicyDocument =>
  policy(
    {
      Sid: 'DescribeAndLaunchInCoveredRegions',
      Effect: 'Allow',
      // Describe* has no resource-level permissions; RunInstances touches a dozen
      // resource types (image, subnet, security group, key pair, volume, ...).
      // Both are scoped by region instead.
      Action: ['ec2:Describe*', 'ec2:RunInstances'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:RequestedRegion': props.regions } },
    },
    {
      Sid: 'OwnerOnlyInstanceControl',
      Effect: 'Allow',
      Action: [...OWNER_ONLY_INSTANCE_ACTIONS],
      // Any instance of this account; the tag condition picks the caller's own.
      Resource: `arn:aws:ec2:*:${props.accountId}:instance/*`,
      Condition: { StringEquals: { [`ec2:ResourceTag/${props.principalIdTagKey}`]: '${aws:userid}' } },
    },
  );
