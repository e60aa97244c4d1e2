/**
 * The IAM actions reconcile calls, for the roles the infrastructure side
 * grants (modules/policies). Pure data, loaded at synth; `inventory.ts` lists
 * each resource type with exactly the action named here (a unit test holds
 * the two together).
 */
import type { Ec2ResourceType } from '../tagger/catalogue';

/** The Describe call that lists each resource type of the catalogue, with its tags. */
export const LISTING_ACTIONS: Readonly<Record<Ec2ResourceType, string>> = {
  'capacity-reservation': 'ec2:DescribeCapacityReservations',
  'customer-gateway': 'ec2:DescribeCustomerGateways',
  'dhcp-options': 'ec2:DescribeDhcpOptions',
  'egress-only-internet-gateway': 'ec2:DescribeEgressOnlyInternetGateways',
  'elastic-ip': 'ec2:DescribeAddresses',
  fleet: 'ec2:DescribeFleets',
  image: 'ec2:DescribeImages',
  instance: 'ec2:DescribeInstances',
  'internet-gateway': 'ec2:DescribeInternetGateways',
  'key-pair': 'ec2:DescribeKeyPairs',
  'launch-template': 'ec2:DescribeLaunchTemplates',
  natgateway: 'ec2:DescribeNatGateways',
  'network-acl': 'ec2:DescribeNetworkAcls',
  'network-interface': 'ec2:DescribeNetworkInterfaces',
  'placement-group': 'ec2:DescribePlacementGroups',
  'route-table': 'ec2:DescribeRouteTables',
  'security-group': 'ec2:DescribeSecurityGroups',
  snapshot: 'ec2:DescribeSnapshots',
  'spot-instances-request': 'ec2:DescribeSpotInstanceRequests',
  subnet: 'ec2:DescribeSubnets',
  'transit-gateway': 'ec2:DescribeTransitGateways',
  'transit-gateway-attachment': 'ec2:DescribeTransitGatewayAttachments',
  'transit-gateway-route-table': 'ec2:DescribeTransitGatewayRouteTables',
  volume: 'ec2:DescribeVolumes',
  vpc: 'ec2:DescribeVpcs',
  'vpc-endpoint': 'ec2:DescribeVpcEndpoints',
  'vpc-flow-log': 'ec2:DescribeFlowLogs',
  'vpc-peering-connection': 'ec2:DescribeVpcPeeringConnections',
  'vpn-connection': 'ec2:DescribeVpnConnections',
  'vpn-gateway': 'ec2:DescribeVpnGateways',
};

/** The listing actions, sorted and once each (the tagger role is granted them for reconcile). */
export const listingActions = (): string[] => [...new Set(Object.values(LISTING_ACTIONS))].sort();

/** LookupEvents, the secondary source of creation records (no resource-level permissions). */
export const LOOKUP_EVENTS_ACTION = 'cloudtrail:LookupEvents';
