/**
 * Tags required on create (`aws:RequestTag`): RunInstances and CreateVolume
 * only when the new instance or volume carries the configured tags with
 * allowed values, and those tags never change afterwards. Tag writes are
 * allowed only as part of the create (`ec2:CreateAction`).
 *
 * The requirements are Deny statements, one per key and action: conditions in
 * one statement are ANDed, so a shared statement would deny only when every
 * tag is wrong at once.
 */
import { policy, type PolicyDocument, type Statement } from './document';
import { instanceAndVolumeArns } from './owner-only-ec2';

export interface RequiredTagsProps {
  /** The account the policy is for (its instances' and volumes' ARNs). */
  readonly accountId: string;
  /** Regions the tagger covers in this account. */
  readonly regions: readonly string[];
  /** Tag key -> allowed values; `["*"]` means any value. */
  readonly tags: Readonly<Record<string, readonly string[]>>;
  /**
   * When set, the PrincipalId tag (this key) is required too, equal to the
   * caller's own `aws:userid`: owner-only control holds from the first second.
   * @default not required: the tagger writes it after the create
   */
  readonly ownPrincipalIdTagKey?: string;
}

/** The create calls governed, and the new resource whose request tags are checked. */
const CREATES = [
  { action: 'RunInstances', resource: 'instance' },
  { action: 'CreateVolume', resource: 'volume' },
] as const;

/** Statement ids are letters and digits only; tag keys may hold more. */
const sidPart = (key: string): string => key.replace(/[^A-Za-z0-9]/g, '');

const requirement = (key: string, values: readonly string[]): Statement['Condition'] =>
  values.includes('*')
    ? { Null: { [`aws:RequestTag/${key}`]: 'true' } }
    : // Also true when the tag is missing.
      { StringNotEquals: { [`aws:RequestTag/${key}`]: values } };

export const requiredTagsPolicy = (props: RequiredTagsProps): PolicyDocument => {
  const required: [string, readonly string[]][] = [
    ...Object.entries(props.tags),
    ...(props.ownPrincipalIdTagKey ? [[props.ownPrincipalIdTagKey, ['${aws:userid}']] as [string, string[]]] : []),
  ];
  const requiredKeys = Object.keys(props.tags);
  return policy(
    {
      Sid: 'CreateInCoveredRegions',
      Effect: 'Allow',
      Action: CREATES.map((c) => `ec2:${c.action}`),
      // RunInstances touches a dozen resource types (image, subnet, security
      // group, ...); the Deny statements below judge the new instance and volume.
      Resource: '*',
      Condition: { StringEquals: { 'aws:RequestedRegion': props.regions } },
    },
    {
      Sid: 'TagOnlyWhileCreating',
      Effect: 'Allow',
      Action: 'ec2:CreateTags',
      Resource: instanceAndVolumeArns(props.accountId),
      Condition: { StringEquals: { 'ec2:CreateAction': CREATES.map((c) => c.action) } },
    },
    ...CREATES.flatMap(({ action, resource }) =>
      required.map(
        ([key, values]): Statement => ({
          Sid: `Require${sidPart(key)}On${action}`,
          Effect: 'Deny',
          Action: `ec2:${action}`,
          Resource: `arn:aws:ec2:*:${props.accountId}:${resource}/*`,
          Condition: requirement(key, values),
        }),
      ),
    ),
    {
      Sid: 'RequiredTagsNeverChange',
      Effect: 'Deny',
      Action: ['ec2:CreateTags', 'ec2:DeleteTags'],
      Resource: instanceAndVolumeArns(props.accountId),
      Condition: {
        // Tag keys are case-sensitive in EC2, but a look-alike key would confuse people and tools.
        'ForAnyValue:StringEqualsIgnoreCase': { 'aws:TagKeys': requiredKeys },
        // DeleteTags never has a create action: deleting is always denied.
        Null: { 'ec2:CreateAction': 'true' },
      },
    },
  );
};
