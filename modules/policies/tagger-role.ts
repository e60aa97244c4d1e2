/** The tagger role in every member account: who may assume it, and what it may do. */
import type { Ec2ResourceType } from '../../functions/tagger/catalogue';
import { policy, type PolicyDocument } from './document';

export interface TaggerRoleTrustProps {
  /** ARN of the central function's execution role. */
  readonly functionRoleArn: string;
  /**
   * ARN of the reconcile sweep's execution role, which tags what the events
   * missed through the same role.
   * @default none: the function's role alone
   */
  readonly sweepRoleArn?: string;
  /** ... and only as a principal of this organization (o-...). */
  readonly organizationId: string;
}

export const taggerRoleTrustPolicy = (props: TaggerRoleTrustProps): PolicyDocument =>
  policy({
    Sid: 'OnlyTheCentralTaggerFunction',
    Effect: 'Allow',
    Principal: { AWS: props.sweepRoleArn ? [props.functionRoleArn, props.sweepRoleArn] : props.functionRoleArn },
    Action: 'sts:AssumeRole',
    // Belt and braces: the named role must also still be inside the organization.
    Condition: { StringEquals: { 'aws:PrincipalOrgID': props.organizationId } },
  });

export interface TaggerRolePermissionsProps {
  /** The member account the role is in (the ARNs of what it may tag). */
  readonly accountId: string;
  /** Regions the tagger covers in this account; it may tag and describe there only. */
  readonly regions: readonly string[];
  /** The protected keys; the role may write these and no others. */
  readonly tagKeys: readonly string[];
  /** What the supported events create (from the event catalogue). */
  readonly resourceTypes: readonly Ec2ResourceType[];
  /** Read-only calls the function makes for IDs an event lacks (from the event catalogue). */
  readonly describeActions: readonly string[];
  /**
   * Read-only calls reconcile makes as this role: a Describe per resource
   * type it lists (functions/reconcile/permissions.ts), and CloudTrail
   * LookupEvents where the trail's bucket cannot be read.
   * @default none: the event path only
   */
  readonly reconcileActions?: readonly string[];
}

/** Snapshots and AMIs have no account in their ARN (`arn:aws:ec2:region::image/ami-...`). */
const ACCOUNTLESS_ARN_TYPES: ReadonlySet<Ec2ResourceType> = new Set(['snapshot', 'image']);

// Any region in the ARN, narrowed to the covered ones by aws:RequestedRegion:
// one ARN per type keeps the inline policy far below IAM's 10,240-character
// limit however many regions are covered (per-region ARNs passed it at 6).
const ec2ResourceArns = (accountId: string, types: readonly Ec2ResourceType[]): string[] =>
  types.map((type) => `arn:aws:ec2:*:${ACCOUNTLESS_ARN_TYPES.has(type) ? '' : accountId}:${type}/*`);

export const taggerRolePermissions = (props: TaggerRolePermissionsProps): PolicyDocument =>
  policy(
    {
      Sid: 'TagNewResourcesWithProtectedKeysOnly',
      Effect: 'Allow',
      Action: 'ec2:CreateTags',
      // Wildcard on the resource id: the role tags resources it learns of from
      // events; the type and account are fixed, the region by the condition.
      Resource: ec2ResourceArns(props.accountId, props.resourceTypes),
      Condition: {
        StringEquals: { 'aws:RequestedRegion': props.regions },
        'ForAllValues:StringEquals': { 'aws:TagKeys': props.tagKeys },
        // ForAllValues is also true for a request with no tags at all.
        Null: { 'aws:TagKeys': 'false' },
      },
    },
    {
      Sid: 'DescribeWhatTheEventLacks',
      Effect: 'Allow',
      Action: props.describeActions,
      // EC2 Describe* actions support no resource-level permissions; the region condition scopes them.
      Resource: '*',
      Condition: { StringEquals: { 'aws:RequestedRegion': props.regions } },
    },
    ...(props.reconcileActions && props.reconcileActions.length > 0
      ? [
          {
            Sid: 'ListResourcesAndCreationRecords',
            Effect: 'Allow' as const,
            Action: props.reconcileActions,
            // Neither EC2 Describe* nor cloudtrail:LookupEvents supports resource-level
            // permissions (both read the whole account and region); the region condition scopes them.
            Resource: '*',
            Condition: { StringEquals: { 'aws:RequestedRegion': props.regions } },
          },
        ]
      : []),
  );
