/**
 * The event catalogue: the single source of truth for what auto-tag handles.
 *
 * The function uses it to find what an event created; the infrastructure side
 * (modules/) derives from it the EventBridge patterns (event names) and the
 * tagger role's permissions (resource types for ec2:CreateTags, describe
 * actions). A new event is one entry here and nothing else.
 *
 * This file must stay pure data and pure functions, importing nothing but
 * its pure sibling record.ts: it is loaded on every synth, where the AWS SDK
 * has no business.
 */
import { isRecord } from './record';

/**
 * The ID prefix of every resource type the catalogue tags, keyed by the type
 * as it appears in EC2 ARNs and in the IAM Service Authorization Reference for
 * ec2:CreateTags (`arn:aws:ec2:region:account:<type>/<id>`).
 */
const PREFIXES = {
  'capacity-reservation': 'cr',
  'customer-gateway': 'cgw',
  'dhcp-options': 'dopt',
  'egress-only-internet-gateway': 'eigw',
  'elastic-ip': 'eipalloc',
  fleet: 'fleet',
  image: 'ami',
  instance: 'i',
  'internet-gateway': 'igw',
  'key-pair': 'key',
  'launch-template': 'lt',
  natgateway: 'nat',
  'network-acl': 'acl',
  'network-interface': 'eni',
  'placement-group': 'pg',
  'route-table': 'rtb',
  'security-group': 'sg',
  snapshot: 'snap',
  'spot-instances-request': 'sir',
  subnet: 'subnet',
  'transit-gateway': 'tgw',
  'transit-gateway-attachment': 'tgw-attach',
  'transit-gateway-route-table': 'tgw-rtb',
  volume: 'vol',
  vpc: 'vpc',
  'vpc-endpoint': 'vpce',
  'vpc-flow-log': 'fl',
  'vpc-peering-connection': 'pcx',
  'vpn-connection': 'vpn',
  'vpn-gateway': 'vgw',
} as const;

/** EC2 resource types as they appear in ARNs (`arn:aws:ec2:region:account:<type>/<id>`). */
export type Ec2ResourceType = keyof typeof PREFIXES;

/**
 * What follows the prefix: 8 or 17 lowercase hex digits, except where EC2 uses
 * another shape (EC2 Fleet IDs are UUIDs; Spot request IDs are 8 characters of
 * [0-9a-z], not only hex).
 */
const ID_BODIES: Partial<Record<Ec2ResourceType, string>> = {
  fleet: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
  'spot-instances-request': '[0-9a-z]{8,17}',
};

/** The ID shape of each resource type: an ID of the wrong kind is never tagged. */
export const ID_PATTERNS: Readonly<Record<Ec2ResourceType, RegExp>> = Object.fromEntries(
  Object.entries(PREFIXES).map(([type, prefix]) => [
    type,
    new RegExp(`^${prefix}-${ID_BODIES[type as Ec2ResourceType] ?? '[0-9a-f]{8,17}'}$`),
  ]),
) as Record<Ec2ResourceType, RegExp>;

/** Follow-up lookups for what an event does not carry; implemented in describe.ts. */
export type Lookup =
  /** DescribeInstances: the EBS volumes and network interfaces attached to the instances. */
  | 'instanceAttachments'
  /** DescribeImages: the EBS snapshots behind the image's block device mappings. */
  | 'imageSnapshots'
  /** The main route table, default network ACL and default security group EC2 creates with a VPC. */
  | 'vpcDefaults';

/** What each lookup finds, and the IAM actions it calls (granted to the tagger role, nothing more). */
const LOOKUPS: Readonly<Record<Lookup, { readonly finds: readonly Ec2ResourceType[]; readonly actions: readonly string[] }>> = {
  instanceAttachments: { finds: ['volume', 'network-interface'], actions: ['ec2:DescribeInstances'] },
  imageSnapshots: { finds: ['snapshot'], actions: ['ec2:DescribeImages'] },
  vpcDefaults: {
    finds: ['route-table', 'network-acl', 'security-group'],
    actions: ['ec2:DescribeRouteTables', 'ec2:DescribeNetworkAcls', 'ec2:DescribeSecurityGroups'],
  },
};

/** The IAM actions each lookup calls (granted to the tagger role, nothing more). */
export const LOOKUP_ACTIONS: Readonly<Record<Lookup, readonly string[]>> = Object.fromEntries(
  Object.entries(LOOKUPS).map(([lookup, { actions }]) => [lookup, actions]),
) as Record<Lookup, readonly string[]>;

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

/** CloudTrail's `eventSource` for every event in the catalogue. */
export const EVENT_SOURCE = 'ec2.amazonaws.com';
/** The EventBridge envelope of those events: its `source` and `detail-type`. */
export const DETAIL_TYPE = 'AWS API Call via CloudTrail';
export const EVENTBRIDGE_SOURCE = 'aws.ec2';

/** A reference when `value` is an ID of `type`, else nothing. */
export const ref = (type: Ec2ResourceType, value: unknown): ResourceRef[] =>
  typeof value === 'string' && ID_PATTERNS[type].test(value) ? [{ type, id: value }] : [];

/**
 * Where a response carries IDs: each field leads to an ID of a type, or to a
 * nested shape. A field may hold one value or a CloudTrail list of them.
 */
interface Shape {
  readonly [field: string]: Ec2ResourceType | Shape;
}

/**
 * The values a field holds. CloudTrail renders EC2 lists as `{ items: [...] }`;
 * responses it records wrapped (`{ CreateXResponse: ... }`) keep the XML's
 * `{ item: ... }`, an array for several elements and the bare element for one.
 */
const elements = (value: unknown): unknown[] => {
  if (!isRecord(value)) return [value];
  if ('items' in value) return Array.isArray(value.items) ? value.items : [];
  if ('item' in value) return [value.item].flat();
  return [value];
};

const collect = (node: unknown, shape: Shape): ResourceRef[] =>
  isRecord(node)
    ? Object.entries(shape).flatMap(([field, inner]) =>
        elements(node[field]).flatMap((value) => (typeof inner === 'string' ? ref(inner, value) : collect(value, inner))),
      )
    : [];

const leafTypes = (shape: Shape): Ec2ResourceType[] =>
  Object.values(shape).flatMap((inner) => (typeof inner === 'string' ? [inner] : leafTypes(inner)));

/** The entry of event `name`: its IDs where `shape` says, with or without CloudTrail's `<name>Response` wrapper. */
const entry = (name: string, shape: Shape, lookup?: Lookup): CatalogueEntry => ({
  creates: [...new Set([...leafTypes(shape), ...(lookup ? LOOKUPS[lookup].finds : [])])],
  idsInResponse: (response) => {
    const wrapped = isRecord(response) ? response[`${name}Response`] : undefined;
    const refs = collect(isRecord(wrapped) ? wrapped : response, shape);
    return refs.filter((r, index) => refs.findIndex((other) => other.id === r.id) === index);
  },
  ...(lookup && { lookup }),
});

const instances: Shape = { instanceId: 'instance', networkInterfaceSet: { networkInterfaceId: 'network-interface' } };
const fleetInstances: Shape = { instanceIds: 'instance' };

/**
 * Every event, with where its response names what it created. Instances
 * launched for Auto Scaling, EC2 Fleet or Spot arrive as RunInstances too
 * (called by the service's role). Left out on purpose: the security group
 * rules CreateSecurityGroup makes (its response does not name them), and the
 * network interfaces a transit gateway attachment places in its subnets
 * (requester-managed by the service).
 */
const EVENTS: Readonly<Record<string, readonly [Shape, Lookup?]>> = {
  // Volumes are attached after the call returns: the response lists none.
  RunInstances: [{ instancesSet: instances }, 'instanceAttachments'],
  // An instant fleet lists its instances (`fleetInstanceSet` in the API; `instanceSet` accepted too).
  CreateFleet: [{ fleetId: 'fleet', fleetInstanceSet: fleetInstances, instanceSet: fleetInstances }, 'instanceAttachments'],
  RequestSpotInstances: [{ spotInstanceRequestSet: { spotInstanceRequestId: 'spot-instances-request' } }],
  CreateVolume: [{ volumeId: 'volume' }],
  CreateSnapshot: [{ snapshotId: 'snapshot' }],
  CreateSnapshots: [{ snapshotSet: { snapshotId: 'snapshot' } }],
  CopySnapshot: [{ snapshotId: 'snapshot' }],
  // The snapshots behind the image are made after the call returns.
  CreateImage: [{ imageId: 'image' }, 'imageSnapshots'],
  CopyImage: [{ imageId: 'image' }, 'imageSnapshots'],
  // Registers existing snapshots (someone else's call made them): only the image is new.
  RegisterImage: [{ imageId: 'image' }],
  CreateSecurityGroup: [{ groupId: 'security-group' }],
  CreateNetworkInterface: [{ networkInterface: { networkInterfaceId: 'network-interface' } }],
  AllocateAddress: [{ allocationId: 'elastic-ip' }],
  CreateNatGateway: [{ natGateway: { natGatewayId: 'natgateway', natGatewayAddressSet: { networkInterfaceId: 'network-interface' } } }],
  CreateVpc: [{ vpc: { vpcId: 'vpc' } }, 'vpcDefaults'],
  CreateSubnet: [{ subnet: { subnetId: 'subnet' } }],
  CreateInternetGateway: [{ internetGateway: { internetGatewayId: 'internet-gateway' } }],
  CreateEgressOnlyInternetGateway: [{ egressOnlyInternetGateway: { egressOnlyInternetGatewayId: 'egress-only-internet-gateway' } }],
  CreateRouteTable: [{ routeTable: { routeTableId: 'route-table' } }],
  CreateNetworkAcl: [{ networkAcl: { networkAclId: 'network-acl' } }],
  // Interface endpoints list their network interfaces (once EC2 has placed them).
  CreateVpcEndpoint: [{ vpcEndpoint: { vpcEndpointId: 'vpc-endpoint', networkInterfaceIdSet: 'network-interface' } }],
  CreateVpcPeeringConnection: [{ vpcPeeringConnection: { vpcPeeringConnectionId: 'vpc-peering-connection' } }],
  CreateLaunchTemplate: [{ launchTemplate: { launchTemplateId: 'launch-template' } }],
  CreateKeyPair: [{ keyPairId: 'key-pair' }],
  ImportKeyPair: [{ keyPairId: 'key-pair' }],
  // The default association and propagation route tables are made with the gateway.
  CreateTransitGateway: [
    {
      transitGateway: {
        transitGatewayId: 'transit-gateway',
        options: {
          associationDefaultRouteTableId: 'transit-gateway-route-table',
          propagationDefaultRouteTableId: 'transit-gateway-route-table',
        },
      },
    },
  ],
  CreateTransitGatewayVpcAttachment: [{ transitGatewayVpcAttachment: { transitGatewayAttachmentId: 'transit-gateway-attachment' } }],
  CreateCustomerGateway: [{ customerGateway: { customerGatewayId: 'customer-gateway' } }],
  CreateVpnGateway: [{ vpnGateway: { vpnGatewayId: 'vpn-gateway' } }],
  CreateVpnConnection: [{ vpnConnection: { vpnConnectionId: 'vpn-connection' } }],
  CreateDhcpOptions: [{ dhcpOptions: { dhcpOptionsId: 'dhcp-options' } }],
  // Responses from before EC2 returned the group (only `_return`) name nothing: skipped as no-resource-ids.
  CreatePlacementGroup: [{ placementGroup: { groupId: 'placement-group' } }],
  CreateFlowLogs: [{ flowLogIdSet: 'vpc-flow-log' }],
  CreateCapacityReservation: [{ capacityReservation: { capacityReservationId: 'capacity-reservation' } }],
};

export const CATALOGUE: Readonly<Record<string, CatalogueEntry>> = Object.fromEntries(
  Object.entries(EVENTS).map(([name, [shape, lookup]]) => [name, entry(name, shape, lookup)]),
);

/** The event names every EventBridge pattern matches, sorted for stable output. */
export const SUPPORTED_EVENT_NAMES: readonly string[] = Object.keys(CATALOGUE).sort();

/** Every resource type some supported event creates. */
export const createdResourceTypes = (): Ec2ResourceType[] => [...new Set(Object.values(CATALOGUE).flatMap((e) => e.creates))].sort();

/** Every read-only action the function may call. */
export const describeActions = (): string[] =>
  [...new Set(Object.values(CATALOGUE).flatMap((e) => (e.lookup ? LOOKUP_ACTIONS[e.lookup] : [])))].sort();
