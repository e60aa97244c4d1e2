/**
 * The original solution's TagBasedEC2RestrictionsPolicy, hardened: describe
 * and launch freely in the covered regions, but control an instance only if
 * you launched it, as the tagger recorded in the PrincipalId tag (the
 * creator's `aws:userid`). The Deny makes that hold even for users whose
 * other policies grant these actions on every instance.
 */
import { policy, type Condition, type PolicyDocument, type Statement } from './document';

export interface OwnerOnlyEc2Props {
  /** The account the policy is for (its instances' and volumes' ARNs). */
  readonly accountId: string;
  /** Regions the tagger covers in this account; launching elsewhere would leave instances untagged. */
  readonly regions: readonly string[];
  /** The key the tagger writes the creator's aws:userid under. */
  readonly principalIdTagKey: string;
  /**
   * When team ABAC is on too: the team tag key. The team policy grants its
   * members control, so this policy's Deny must spare them.
   * @default no team: the owner alone
   */
  readonly teamTagKey?: string;
}

/**
 * Everything that changes an instance, reads its secrets or screen, copies or
 * moves its disks, swaps its role, or lets someone log in to it.
 * AttachVolume/DetachVolume, CreateSnapshot(s) act on the volume too, which
 * the tagger tags as well.
 */
const INSTANCE_CONTROL_ACTIONS = [
  // Changing its IAM role (instance profile) gives the instance, and whoever
  // runs code on it, another role's credentials.
  'ec2:AssociateIamInstanceProfile',
  'ec2:AttachVolume',
  // A snapshot or an image of its disks, mounted elsewhere, is its data.
  'ec2:CreateImage',
  'ec2:CreateReplaceRootVolumeTask',
  'ec2:CreateSnapshot',
  'ec2:CreateSnapshots',
  'ec2:DetachVolume',
  'ec2:DisassociateIamInstanceProfile',
  // The Windows administrator password, the console and the screen are control of the instance.
  'ec2:GetConsoleOutput',
  'ec2:GetConsoleScreenshot',
  'ec2:GetPasswordData',
  'ec2:ModifyInstanceAttribute',
  'ec2:ModifyInstanceMetadataOptions',
  'ec2:MonitorInstances',
  'ec2:RebootInstances',
  'ec2:ReplaceIamInstanceProfileAssociation',
  'ec2:StartInstances',
  'ec2:StopInstances',
  'ec2:TerminateInstances',
  'ec2:UnmonitorInstances',
  // EC2 Instance Connect pushes a key the instance accepts for 60 seconds;
  // the Service Authorization Reference gives its instance ec2:ResourceTag.
  'ec2-instance-connect:SendSSHPublicKey',
  'ec2-instance-connect:SendSerialConsoleSSHPublicKey',
] as const;

/**
 * One way in, and the condition key its service offers for the instance's
 * tags (Service Authorization Reference): EC2 and EC2 Instance Connect read
 * `ec2:ResourceTag/<key>`, Systems Manager `ssm:resourceTag/<key>`.
 */
export interface ControlSurface {
  /** Appended to the statement ids ("" keeps the original ids). */
  readonly sid: string;
  readonly tagCondition: 'ec2:ResourceTag' | 'ssm:resourceTag';
  readonly actions: readonly string[];
  readonly resources: (accountId: string) => string[];
}

/** Instances and volumes of one account, in any region: a tag condition picks which. */
export const instanceAndVolumeArns = (accountId: string): string[] => [
  `arn:aws:ec2:*:${accountId}:instance/*`,
  `arn:aws:ec2:*:${accountId}:volume/*`,
];

export const CONTROL_SURFACES: readonly ControlSurface[] = [
  { sid: '', tagCondition: 'ec2:ResourceTag', actions: INSTANCE_CONTROL_ACTIONS, resources: instanceAndVolumeArns },
  {
    // Run commands or open a shell on the instance. Only the instance is
    // judged: the document (also a resource of these calls) carries no owner.
    sid: 'ThroughSsm',
    tagCondition: 'ssm:resourceTag',
    actions: ['ssm:SendCommand', 'ssm:StartSession'],
    resources: (accountId) => [`arn:aws:ec2:*:${accountId}:instance/*`],
  },
];

/**
 * The other resources of those calls, which carry no owner: the new snapshot,
 * image or replace-root-volume task, and the SSM document run. Allowed
 * without a tag condition because the Deny statements already decide on the
 * instance or volume; alone they reach nothing of anyone's.
 */
export const copiesAndDocuments = (accountId: string, regions: readonly string[]): Statement => ({
  Sid: 'NewCopiesAndDocumentsForYourInstances',
  Effect: 'Allow',
  Action: [
    'ec2:CreateImage',
    'ec2:CreateReplaceRootVolumeTask',
    'ec2:CreateSnapshot',
    'ec2:CreateSnapshots',
    'ssm:SendCommand',
    'ssm:StartSession',
  ],
  // Snapshots and AMIs have no account in their ARN. Any SSM document (AWS's
  // own have no account in theirs, others are the account's or shared with
  // it): what runs on your own instance is your choice.
  Resource: [
    'arn:aws:ec2:*::snapshot/*',
    'arn:aws:ec2:*::image/*',
    `arn:aws:ec2:*:${accountId}:replace-root-volume-task/*`,
    'arn:aws:ssm:*:*:document/*',
  ],
  Condition: { StringEquals: { 'aws:RequestedRegion': regions } },
});

export const ownerOnlyEc2Policy = (props: OwnerOnlyEc2Props): PolicyDocument =>
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
    ...CONTROL_SURFACES.map(
      (surface): Statement => ({
        Sid: `OwnerOnlyInstanceControl${surface.sid}`,
        Effect: 'Allow',
        Action: [...surface.actions],
        Resource: surface.resources(props.accountId),
        Condition: { StringEquals: { [`${surface.tagCondition}/${props.principalIdTagKey}`]: '${aws:userid}' } },
      }),
    ),
    copiesAndDocuments(props.accountId, props.regions),
    ...CONTROL_SURFACES.flatMap((surface) => nobodyElse(props, surface)),
  );

/** Deny control to everyone but the owner (and, with team ABAC, the resource's team). */
const nobodyElse = ({ accountId, teamTagKey, principalIdTagKey }: OwnerOnlyEc2Props, surface: ControlSurface): Statement[] => {
  const ownerTag = `${surface.tagCondition}/${principalIdTagKey}`;
  const deny = (Sid: string, Condition: Condition): Statement => ({
    Sid: `${Sid}${surface.sid}`,
    Effect: 'Deny',
    Action: [...surface.actions],
    Resource: surface.resources(accountId),
    // StringNotEquals is also true when the tag is missing: an untagged instance has no owner yet.
    Condition: { StringNotEquals: { [ownerTag]: '${aws:userid}' }, ...Condition },
  });
  if (!teamTagKey) return [deny('NobodyElseControlsTheInstance', {})];
  return [
    deny('NobodyOutsideOwnerAndTeam', {
      StringNotEquals: { [ownerTag]: '${aws:userid}', [`${surface.tagCondition}/${teamTagKey}`]: `\${aws:PrincipalTag/${teamTagKey}}` },
    }),
    // The statement above does not apply when the caller has no team tag (its
    // variable does not resolve), so callers without a team get the owner rule here.
    deny('NobodyButTheOwnerWithoutTeam', { Null: { [`aws:PrincipalTag/${teamTagKey}`]: 'true' } }),
  ];
};
