/** The tagger role in every member account: who may assume it, and what it may do. */
import type { Ec2ResourceType } from '../../functions/tagger/catalogue';
import { policy, type PolicyDocument } from './document';

export interface TaggerRoleTrustProps {
  /** ARN of the central function's execution role, the only principal trusted. */
  readonly functionRoleArn: string;
  readonly organizationId: string;
}

export const taggerRoleTrustPolicy = (props: TaggerRoleTrustProps): PolicyDocument =>
  policy({
    Sid: 'OnlyTheCentralTaggerFunction',
    Effect: 'Allow',
    Principal: { AWS: props.functionRoleArn },
    Action: 'sts:AssumeRole',
    // Belt and braces: the named role must also still be inside the organization.
    Condition: { StringEquals: { 'aws:PrincipalOrgID': props.organizationId } },
  });

export interface TaggerRolePermissionsProps {
  readonly accountId: string;
  readonly regions: readonly string[];
  /** The protected keys; the role may write these and no others. */
  readonly tagKeys: readonly string[];
  /** What the supported events create (from the event catalogue). */
  readonly resourceTypes: readonly Ec2ResourceType[];
  /** Read-only calls the function makes for IDs an event lacks (from the event catalogue). */
  readonly describeActions: readonly string[];
}

/** Snapshots and AMIs have no account in their ARN (`arn:aws:ec2:region::image/ami-...`). */
const ACCOUNTLESS_ARN_TYPES: ReadonlySet<Ec2ResourceType> = new Set(['snapshot', 'image']);

const ec2ResourceArns = (accountId: string, regions: readonly string[], types: readonly Ec2ResourceType[]): string[] =>
  regions.flatMap((region) =>
    types.map((type) => `arn:aws:ec2:${region}:${ACCOUNTLESS_ARN_TYPES.has(type) ? '' : accountId}:${type}/*`),
  );

export const taggerRolePermissions = (props: TaggerRolePermissionsProps): PolicyDocument =>
  policy(
    {
      Sid: 'TagNewResourcesWithProtectedKeysOnly',
      Effect: 'Allow',
      Action: 'ec2:CreateTags',
      // Wildcard on the resource id: the role tags resources that do not exist
      // yet; the type, region and account are fixed.
      Resource: ec2ResourceArns(props.accountId, props.regions, props.resourceTypes),
      Condition: {
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
  );
