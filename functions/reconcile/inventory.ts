/**
 * What exists: every resource of the catalogue's types in one account and
 * region, with its tags, one Describe call per type (the one LISTING_ACTIONS
 * names), every page. Gone resources (terminated, deleted, cancelled) are
 * left out: there is nothing to tag.
 */
import {
  DescribeAddressesCommand,
  DescribeCapacityReservationsCommand,
  DescribeCustomerGatewaysCommand,
  DescribeDhcpOptionsCommand,
  DescribeEgressOnlyInternetGatewaysCommand,
  DescribeFleetsCommand,
  DescribeFlowLogsCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeKeyPairsCommand,
  DescribeLaunchTemplatesCommand,
  DescribeNatGatewaysCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  DescribePlacementGroupsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeSpotInstanceRequestsCommand,
  DescribeSubnetsCommand,
  DescribeTransitGatewayAttachmentsCommand,
  DescribeTransitGatewayRouteTablesCommand,
  DescribeTransitGatewaysCommand,
  DescribeVolumesCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcPeeringConnectionsCommand,
  DescribeVpcsCommand,
  DescribeVpnConnectionsCommand,
  DescribeVpnGatewaysCommand,
  type EC2Client,
  type Tag,
} from '@aws-sdk/client-ec2';
import type { Ec2ResourceType } from '../tagger/catalogue';

/** One resource as it is now. */
export interface Listed {
  readonly type: Ec2ResourceType;
  readonly id: string;
  /** Key to value. */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * The VPC this resource is a part AWS makes with, when it is one: a VPC's
   * own id when it is a default VPC; a default subnet's, main route table's,
   * default network ACL's and default security group's VPC; an attached
   * internet gateway's. Made by AWS in a default VPC, such a part has no
   * creation record (`awsMade` in reconcile.ts).
   */
  readonly partOf?: string;
  /** A VPC's DHCP options set (a default VPC's is AWS's too). */
  readonly dhcpOptionsId?: string;
}

type Item = {
  readonly id?: string;
  readonly tags?: readonly Tag[];
  readonly gone?: boolean;
  readonly partOf?: string;
  readonly dhcpOptionsId?: string;
};

/** Every page of one Describe call: `fetch` takes the previous page's NextToken. */
const pages = async <O extends { NextToken?: string }>(
  fetch: (NextToken?: string) => Promise<O>,
  items: (output: O) => Item[],
): Promise<Item[]> => {
  const all: Item[] = [];
  let token: string | undefined;
  do {
    const output = await fetch(token);
    all.push(...items(output));
    token = output.NextToken;
  } while (token);
  return all;
};

const item = (id: string | undefined, tags: readonly Tag[] | undefined, gone = false, partOf?: string): Item => ({
  id,
  tags,
  gone,
  ...(partOf && { partOf }),
});

// States after which a resource is gone, or going, for good.
const ENDED = new Set([
  'terminated',
  'shutting-down',
  'deleted',
  'deleting',
  'deregistered',
  'cancelled',
  'closed',
  'failed',
  'rejected',
  'expired',
]);
const ended = (state: string | undefined): boolean => state !== undefined && ENDED.has(state);

type Lister = (ec2: EC2Client) => Promise<Item[]>;

/** Each type's listing. Images and snapshots: owned by the account only (not public or shared ones). */
export const LISTERS: Readonly<Record<Ec2ResourceType, Lister>> = {
  'capacity-reservation': (ec2) =>
    pages(
      (NextToken) => ec2.send(new DescribeCapacityReservationsCommand({ NextToken })),
      (o) => (o.CapacityReservations ?? []).map((r) => item(r.CapacityReservationId, r.Tags, ended(r.State))),
    ),
  'customer-gateway': async (ec2) =>
    ((await ec2.send(new DescribeCustomerGatewaysCommand({}))).CustomerGateways ?? []).map((g) =>
      item(g.CustomerGatewayId, g.Tags, ended(g.State)),
    ),
  'dhcp-options': (ec2) =>
    pages(
      (NextToken) => ec2.send(new DescribeDhcpOptionsCommand({ NextToken })),
      (o) => (o.DhcpOptions ?? []).map((d) => item(d.DhcpOptionsId, d.Tags)),
    ),
  'egress-only-internet-gateway': (ec2) =>
    pages(
      (NextToken) => ec2.send(new DescribeEgressOnlyInternetGatewaysCommand({ NextToken })),
      (o) => (o.EgressOnlyInternetGateways ?? []).map((g) => item(g.EgressOnlyInternetGatewayId, g.Tags)),
    ),
  'elastic-ip': async (ec2) =>
    ((await ec2.send(new DescribeAddressesCommand({}))).Addresses ?? []).map((a) => item(a.AllocationId, a.Tags)),
  fleet: (ec2) =>
    pages(
      (NextToken) => ec2.send(new DescribeFleetsCommand({ NextToken })),
      (o) => (o.Fleets ?? []).map((f) => item(f.FleetId, f.Tags, ended(f.FleetState?.replace(/_.*/, '')))),
    ),
  image: (ec2) =>
    pages(
      (NextToken) => ec2.send(new DescribeImagesCommand({ Owners: ['self'], NextToken })),
      (o) => (o.Images ?? []).map((i) => item(i.ImageId, i.Tags, ended(i.State))),
    ),
  instance: (ec2) =>
    pages(
      (NextToken) => ec2.send(new DescribeInstancesCommand({ NextToken })),
      (o) => (o.Reservations ?? []).flatMap((r) => r.Instances ?? []).map((i) => item(i.InstanceId, i.Tags, ended(i.State?.Name))),
    ),
  'internet-gateway': (ec2) =>
    pages(
      (NextToken) => ec2.send(new DescribeInternetGatewaysCommand({ NextToken })),
      (o) => (o.InternetGateways ?? []).map((g) => item(g.InternetGatewayId, g.Tags, false, g.Attachments?.[0]?.VpcId)),
    ),
  'key-pair': async (ec2) => ((await ec2.send(new DescribeKeyPairsCommand({}))).KeyPairs ?? []).map((k) => item(k.KeyPairId, k.Tags)),
  'launch-template': (ec2) =>
    pages(
      (NextToken) => ec2.send(new DescribeLaunchTemplatesCommand({ NextToken })),
      (o) => (o.LaunchTemplates ?? []).map((t) => item(t.LaunchTemplateId, t.Tags)),
    ),
  natgateway: (ec2) =>
    pages(
      (NextToken) => ec2.send(new DescribeNatGatewaysCommand({ NextToken })),
      (o) => (o.NatGateways ?? []).map((g) => item(g.NatGatewayId, g.Tags, ended(g.State))),
    ),
  'network-acl': (ec2) =>
    pages(
      (NextToken) => ec2.send(new DescribeNetworkAclsCommand({ NextToken })),
      (o) => (o.NetworkAcls ?? []).map((a) => item(a.NetworkAclId, a.Tags, false, a.IsDefault ? a.VpcId : undefined)),
    ),
  'network-interface': (ec2) =>
    pages(
      (NextToken) => ec2.send(new DescribeNetworkInterfacesCommand({ NextToken })),
      (o) => (o.NetworkInterfaces ?? []).map((n) => item(n.NetworkInterfaceId, n.TagSet)),
    ),
  'placement-group': async (ec2) =>
    ((await ec2.send(new DescribePlacementGroupsCommand({}))).PlacementGroups ?? []).map((g) => item(g.GroupId, g.Tags, ended(g.State))),
  'route-table': (ec2) =>
    pages(
      (NextToken) => ec2.send(new DescribeRouteTablesCommand({ NextToken })),
      (o) =>
        (o.RouteTables ?? []).map((t) => item(t.RouteTableId, t.Tags, false, t.Associations?.some((a) => a.Main) ? t.VpcId : undefined)),
    ),
  'security-group': (ec2) =>
    pages(
      (NextToken) => ec2.send(new DescribeSecurityGroupsCommand({ NextToken })),
      (o) => (o.SecurityGroups ?? []).map((g) => item(g.GroupId, g.Tags, false, g.GroupName === 'default' ? g.VpcId : undefined)),
    ),
  snapshot: (ec2) =>
    pages(
      (NextToken) => ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], NextToken })),
      (o) => (o.Snapshots ?? []).map((s) => item(s.SnapshotId, s.Tags)),
    ),
  'spot-instances-request': (ec2) =>
    pages(
      (NextToken) => ec2.send(new DescribeSpotInstanceRequestsCommand({ NextToken })),
      (o) => (o.SpotInstanceRequests ?? []).map((r) => item(r.SpotInstanceRequestId, r.Tags, ended(r.State))),
    ),
  subnet: (ec2) =>
    pages(
      (NextToken) => ec2.send(new DescribeSubnetsCommand({ NextToken })),
      (o) => (o.Subnets ?? []).map((s) => item(s.SubnetId, s.Tags, false, s.DefaultForAz ? s.VpcId : undefined)),
    ),
  'transit-gateway': (ec2) =>
    pages(
      (NextToken) => ec2.send(new DescribeTransitGatewaysCommand({ NextToken })),
      (o) => (o.TransitGateways ?? []).map((g) => item(g.TransitGatewayId, g.Tags, ended(g.State))),
    ),
  'transit-gateway-attachment': (ec2) =>
    pages(
      (NextToken) => ec2.send(new DescribeTransitGatewayAttachmentsCommand({ NextToken })),
      (o) => (o.TransitGatewayAttachments ?? []).map((a) => item(a.TransitGatewayAttachmentId, a.Tags, ended(a.State))),
    ),
  'transit-gateway-route-table': (ec2) =>
    pages(
      (NextToken) => ec2.send(new DescribeTransitGatewayRouteTablesCommand({ NextToken })),
      (o) => (o.TransitGatewayRouteTables ?? []).map((t) => item(t.TransitGatewayRouteTableId, t.Tags, ended(t.State))),
    ),
  volume: (ec2) =>
    pages(
      (NextToken) => ec2.send(new DescribeVolumesCommand({ NextToken })),
      (o) => (o.Volumes ?? []).map((v) => item(v.VolumeId, v.Tags, ended(v.State))),
    ),
  vpc: (ec2) =>
    pages(
      (NextToken) => ec2.send(new DescribeVpcsCommand({ NextToken })),
      (o) =>
        (o.Vpcs ?? []).map((v) => ({ ...item(v.VpcId, v.Tags, false, v.IsDefault ? v.VpcId : undefined), dhcpOptionsId: v.DhcpOptionsId })),
    ),
  'vpc-endpoint': (ec2) =>
    pages(
      (NextToken) => ec2.send(new DescribeVpcEndpointsCommand({ NextToken })),
      (o) => (o.VpcEndpoints ?? []).map((e) => item(e.VpcEndpointId, e.Tags, ended(e.State?.toLowerCase()))),
    ),
  'vpc-flow-log': (ec2) =>
    pages(
      (NextToken) => ec2.send(new DescribeFlowLogsCommand({ NextToken })),
      (o) => (o.FlowLogs ?? []).map((f) => item(f.FlowLogId, f.Tags)),
    ),
  'vpc-peering-connection': (ec2) =>
    pages(
      (NextToken) => ec2.send(new DescribeVpcPeeringConnectionsCommand({ NextToken })),
      (o) => (o.VpcPeeringConnections ?? []).map((p) => item(p.VpcPeeringConnectionId, p.Tags, ended(p.Status?.Code))),
    ),
  'vpn-connection': async (ec2) =>
    ((await ec2.send(new DescribeVpnConnectionsCommand({}))).VpnConnections ?? []).map((c) =>
      item(c.VpnConnectionId, c.Tags, ended(c.State)),
    ),
  'vpn-gateway': async (ec2) =>
    ((await ec2.send(new DescribeVpnGatewaysCommand({}))).VpnGateways ?? []).map((g) => item(g.VpnGatewayId, g.Tags, ended(g.State))),
};

/** The resources of `type` that exist, with their tags. */
export const listResources = async (ec2: EC2Client, type: Ec2ResourceType): Promise<Listed[]> =>
  (await LISTERS[type](ec2)).flatMap(({ id, tags = [], gone, partOf, dhcpOptionsId }) =>
    id && !gone
      ? [
          {
            type,
            id,
            tags: Object.fromEntries(tags.flatMap(({ Key, Value }) => (Key === undefined ? [] : [[Key, Value ?? '']]))),
            ...(partOf && { partOf }),
            ...(dhcpOptionsId && { dhcpOptionsId }),
          },
        ]
      : [],
  );
