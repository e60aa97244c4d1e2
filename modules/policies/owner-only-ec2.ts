/**
 * The original solution's TagBasedEC2RestrictionsPolicy, hardened: describe
 * and launch freely in the covered regions, but change an instance only if
 * you launched it, as the tagger recorded in the PrincipalId tag (the
 * creator's `aws:userid`). The Deny makes that hold even for users whose
 * other policies grant these actions on every instance.
 */
import { policy, type Condition, type PolicyDocument, type Statement } from './document';

export interface OwnerOnlyEc2Props {
  readonly accountId: string;
  /** Regions the tagger covers in this account; launching elsewhere would leave instances untagged. */
  readonly regions: readonly string[];
  /** The key the tagger writes the creator's aws:userid under. */
  readonly principalIdTagKey: string;
  /**
   * When team ABAC is on too: the team tag key. The team policy grants its
   * members control, so this policy's Deny must spare them.
   */
  readonly teamTagKey?: string;
}

/**
 * Everything that changes an instance, reads its secrets, or moves its disks.
 * AttachVolume/DetachVolume act on the volume too, which the tagger tags as well.
 */
export const INSTANCE_CONTROL_ACTIONS = [
  'ec2:AttachVolume',
  'ec2:DetachVolume',
  // The Windows administrator password and the screen are control of the instance.
  'ec2:GetConsoleScreenshot',
  'ec2:GetPasswordData',
  'ec2:ModifyInstanceAttribute',
  'ec2:ModifyInstanceMetadataOptions',
  'ec2:MonitorInstances',
  'ec2:RebootInstances',
  'ec2:StartInstances',
  'ec2:StopInstances',
  'ec2:TerminateInstances',
  'ec2:UnmonitorInstances',
] as const;

/** Instances and volumes of one account, in any region: a tag condition picks which. */
export const instanceAndVolumeArns = (accountId: string): string[] => [
  `arn:aws:ec2:*:${accountId}:instance/*`,
  `arn:aws:ec2:*:${accountId}:volume/*`,
];

export const ownerOnlyEc2Policy = (props: OwnerOnlyEc2Props): PolicyDocument => {
  const ownerTag = `ec2:ResourceTag/${props.principalIdTagKey}`;
  return policy(
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
      Sid: 'TagOnLaunch',
      Effect: 'Allow',
      Action: 'ec2:CreateTags',
      // What a launch can tag on create, only as part of that launch; the tag
      // guard decides which keys.
      Resource: ['instance', 'volume', 'network-interface', 'spot-instances-request'].map(
        (type) => `arn:aws:ec2:*:${props.accountId}:${type}/*`,
      ),
      Condition: { StringEquals: { 'ec2:CreateAction': 'RunInstances', 'aws:RequestedRegion': props.regions } },
    },
    {
      Sid: 'OwnerOnlyInstanceControl',
      Effect: 'Allow',
      Action: [...INSTANCE_CONTROL_ACTIONS],
      Resource: instanceAndVolumeArns(props.accountId),
      Condition: { StringEquals: { [ownerTag]: '${aws:userid}' } },
    },
    ...nobodyElse(props, ownerTag),
  );
};

/** Deny control to everyone but the owner (and, with team ABAC, the resource's team). */
const nobodyElse = ({ accountId, teamTagKey }: OwnerOnlyEc2Props, ownerTag: string): Statement[] => {
  const deny = (Sid: string, Condition: Condition): Statement => ({
    Sid,
    Effect: 'Deny',
    Action: [...INSTANCE_CONTROL_ACTIONS],
    Resource: instanceAndVolumeArns(accountId),
    // StringNotEquals is also true when the tag is missing: an untagged instance has no owner yet.
    Condition: { StringNotEquals: { [ownerTag]: '${aws:userid}' }, ...Condition },
  });
  if (!teamTagKey) return [deny('NobodyElseControlsTheInstance', {})];
  return [
    deny('NobodyOutsideOwnerAndTeam', {
      StringNotEquals: { [ownerTag]: '${aws:userid}', [`ec2:ResourceTag/${teamTagKey}`]: `\${aws:PrincipalTag/${teamTagKey}}` },
    }),
    // The statement above does not apply when the caller has no team tag (its
    // variable does not resolve), so callers without a team get the owner rule here.
    deny('NobodyButTheOwnerWithoutTeam', { Null: { [`aws:PrincipalTag/${teamTagKey}`]: 'true' } }),
  ];
};
