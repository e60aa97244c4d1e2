/**
 * The event catalogue: the single source of truth for what auto-tag handles.
 *
 * The function uses it to find what an event created; the infrastructure side
 * (modules/) derives from it the EventBridge patterns (event names) and the
 * tagger role's permissions (resource types for ec2:CreateTags, describe
 * actions). A new event is one entry here and nothing else.
 *
 * This file must stay pure data and pure functions with no runtime imports:
 * it is loaded on every synth, where the AWS SDK has no business.
 */

/** EC2 resource types as they appear in ARNs (`arn:aws:ec2:region:account:<type>/<id>`). */
export type Ec2ResourceType = 'instance' | 'volume' | 'network-interface' | 'snapshot' | 'image';

/** The ID prefix of each resource type: an ID of the wrong kind is never tagged. */
export const ID_PATTERNS: Readonly<Record<Ec2ResourceType, RegExp>> = {
  instance: /^i-[0-9a-f]{8,17}$/,
  volume: /^vol-[0-9a-f]{8,17}$/,
  'network-interface': /^eni-[0-9a-f]{8,17}$/,
  snapshot: /^snap-[0-9a-f]{8,17}$/,
  image: /^ami-[0-9a-f]{8,17}$/,
};

/** Follow-up lookups for what an event does not carry; implemented in describe.ts. */
export type Lookup =
  /** DescribeInstances: the EBS volumes and network interfaces attached to the instances. */
  | 'instanceAttachments'
  /** DescribeImages: the EBS snapshots behind the image's block device mappings. */
  | 'imageSnapshots';

export interface CatalogueEntry {
  /** Every resource type the event can create (scopes the tagger role's ec2:CreateTags). */
  readonly creates: readonly Ec2ResourceType[];
  /** IDs the event's `responseElements` carries, by type. Pure; unknown input yields nothing. */
  readonly idsInResponse: (responseElements: unknown) => ResourceRef[];
  /** What to look up for the IDs the event lacks, starting from the IDs it carries. */
  readonly lookup?: Lookup;
}

export interface ResourceRef {
  readonly type: Ec2ResourceType;
  readonly id: string;
}

/** The IAM actions each lookup calls (granted to the tagger role, nothing more). */
export const LOOKUP_ACTIONS: Readonly<Record<Lookup, string>> = {
  instanceAttachments: 'ec2:DescribeInstances',
  imageSnapshots: 'ec2:DescribeImages',
};

/** CloudTrail's `eventSource` for every event in the catalogue. */
export const EVENT_SOURCE = 'ec2.amazonaws.com';
/** The EventBridge envelope of those events: its `source` and `detail-type`. */
export const EVENTBRIDGE_SOURCE = 'aws.ec2';
export const DETAIL_TYPE = 'AWS API Call via CloudTrail';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** CloudTrail renders lists as `{ items: [...] }`. */
const items = (value: unknown): unknown[] =>
  isRecord(value) && Array.isArray(value.items) ? value.items : [];

/** A reference when `value` is an ID of `type`, else nothing. */
export const ref = (type: Ec2ResourceType, value: unknown): ResourceRef[] =>
  typeof value === 'string' && ID_PATTERNS[type].test(value) ? [{ type, id: value }] : [];

/** `responseElements[field]` as an ID of `type`. */
const single =
  (type: Ec2ResourceType, field: string) =>
  (response: unknown): ResourceRef[] =>
    isRecord(response) ? ref(type, response[field]) : [];

export const CATALOGUE: Readonly<Record<string, CatalogueEntry>> = {
  RunInstances: {
    creates: ['instance', 'volume', 'network-interface'],
    // The response lists instances and their network interfaces; volumes are
    // attached after the call returns, so they come from DescribeInstances.
    idsInResponse: (response) =>
      isRecord(response)
        ? items(response.instancesSet).flatMap((instance) =>
            isRecord(instance)
              ? [
                  ...ref('instance', instance.instanceId),
                  ...items(instance.networkInterfaceSet).flatMap((eni) =>
                    isRecord(eni) ? ref('network-interface', eni.networkInterfaceId) : [],
                  ),
                ]
              : [],
          )
        : [],
    lookup: 'instanceAttachments',
  },
  CreateVolume: { creates: ['volume'], idsInResponse: single('volume', 'volumeId') },
  CreateSnapshot: { creates: ['snapshot'], idsInResponse: single('snapshot', 'snapshotId') },
  CreateImage: {
    creates: ['image', 'snapshot'],
    idsInResponse: single('image', 'imageId'),
    lookup: 'imageSnapshots',
  },
};

/** The event names every EventBridge pattern matches, sorted for stable output. */
export const SUPPORTED_EVENT_NAMES: readonly string[] = Object.keys(CATALOGUE).sort();

/** Every resource type some supported event creates. */
export const createdResourceTypes = (): Ec2ResourceType[] =>
  [...new Set(Object.values(CATALOGUE).flatMap((entry) => entry.creates))].sort();

/** Every read-only action the function may call. */
export const describeActions = (): string[] =>
  [
    ...new Set(
      Object.values(CATALOGUE).flatMap((entry) => (entry.lookup ? [LOOKUP_ACTIONS[entry.lookup]] : [])),
    ),
  ].sort();
