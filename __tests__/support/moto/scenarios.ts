/**
 * One scenario per catalogue event moto implements: a person makes the call
 * with the real SDK (in moto, in their session's account), and the scenario
 * returns the CloudTrail event of that call, rendered the way CloudTrail
 * renders the response (lowercase keys, `{ items: [...] }` lists, the
 * `<Name>Response` wrapper with `{ item: ... }` lists for the newer APIs, and
 * nothing CloudTrail leaves out, such as RunInstances' volumes), together with
 * every ID the tagger must tag for it.
 *
 * Prerequisites a scenario makes first (a VPC, a subnet, an instance to
 * image...) have no event, so they must stay untagged.
 *
 * Not in moto (5.2), so no scenario: see MOTO_MISSING.
 */
import { generateKeyPairSync } from 'node:crypto';
import {
  AllocateAddressCommand,
  CopyImageCommand,
  CopySnapshotCommand,
  CreateCustomerGatewayCommand,
  CreateDhcpOptionsCommand,
  CreateEgressOnlyInternetGatewayCommand,
  CreateFleetCommand,
  CreateFlowLogsCommand,
  CreateImageCommand,
  CreateInternetGatewayCommand,
  CreateKeyPairCommand,
  CreateLaunchTemplateCommand,
  CreateNatGatewayCommand,
  CreateNetworkAclCommand,
  CreateNetworkInterfaceCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSnapshotCommand,
  CreateSnapshotsCommand,
  CreateSubnetCommand,
  CreateTransitGatewayCommand,
  CreateTransitGatewayVpcAttachmentCommand,
  CreateVolumeCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  CreateVpcPeeringConnectionCommand,
  CreateVpnConnectionCommand,
  CreateVpnGatewayCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeNetworkAclsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  ImportKeyPairCommand,
  RegisterImageCommand,
  RequestSpotInstancesCommand,
  RunInstancesCommand,
  type EC2Client,
  type Instance,
} from '@aws-sdk/client-ec2';
import { cloudTrailEvent, type FixtureName } from '../../fixtures/cloudtrail-events';
import type { Session } from './aws';

/** The CloudTrail event of one real call, and every resource ID it must get tagged. */
export interface ScenarioResult {
  readonly event: any;
  readonly expected: string[];
}

/** Runs the call as `session` in `region` (default eu-west-1). */
export type Scenario = (session: Session, region?: string) => Promise<ScenarioResult>;

/** Catalogue events moto does not implement (no scenario, covered by fixtures only). */
export const MOTO_MISSING = ['CreateCapacityReservation', 'CreatePlacementGroup'] as const;

const DEFAULT_REGION = 'eu-west-1';

// CloudTrail's renderings of lists: classic records, and the wrapped records of newer APIs.
const items = <T>(list: readonly T[] | undefined) => ({ items: [...(list ?? [])] });
const item = <T>(list: readonly T[] | undefined) => ({ item: [...(list ?? [])] });
const wrapped = (name: string, body: object) => ({
  [`${name}Response`]: { xmlns: 'http://ec2.amazonaws.com/doc/2016-11-15/', requestId: 'moto', ...body },
});

type Call = (ec2: EC2Client, region: string) => Promise<{ response: unknown; expected: (string | undefined)[] }>;

const scenario =
  (fixture: FixtureName, call: Call): Scenario =>
  async (session, region = DEFAULT_REGION) => {
    const { response, expected } = await call(session.ec2(region), region);
    if (expected.some((id) => !id)) throw new Error(`${fixture}: moto returned no ID for something the call created`);
    return {
      event: cloudTrailEvent(fixture, { account: session.account, region, userIdentity: session.userIdentity, responseElements: response }),
      expected: expected as string[],
    };
  };

const amazonImage = async (ec2: EC2Client): Promise<string> =>
  (await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'] }))).Images![0].ImageId!;

const launch = async (ec2: EC2Client, count = 1): Promise<Instance[]> =>
  (await ec2.send(new RunInstancesCommand({ ImageId: await amazonImage(ec2), MinCount: count, MaxCount: count, InstanceType: 't3.micro' })))
    .Instances!;

/** What an instance has attached: its network interfaces and EBS volumes. */
const attachments = (instance: Instance) => [
  ...instance.NetworkInterfaces!.map((eni) => eni.NetworkInterfaceId),
  ...instance.BlockDeviceMappings!.map((mapping) => mapping.Ebs?.VolumeId),
];

const vpc = async (ec2: EC2Client, cidr = '10.0.0.0/16') => (await ec2.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc!.VpcId!;

const subnet = async (ec2: EC2Client, region: string) => {
  const VpcId = await vpc(ec2);
  const { Subnet } = await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.1.0/24', AvailabilityZone: `${region}a` }));
  return { VpcId, SubnetId: Subnet!.SubnetId! };
};

const volume = async (ec2: EC2Client, region: string) =>
  (await ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${region}a`, Size: 8 }))).VolumeId!;

const snapshot = async (ec2: EC2Client, region: string) =>
  (await ec2.send(new CreateSnapshotCommand({ VolumeId: await volume(ec2, region) }))).SnapshotId!;

const imageSnapshots = async (ec2: EC2Client, ImageId: string) =>
  (await ec2.send(new DescribeImagesCommand({ ImageIds: [ImageId] }))).Images![0].BlockDeviceMappings!.map((m) => m.Ebs?.SnapshotId);

/** An OpenSSH public key (ssh-ed25519), as ImportKeyPair takes it. */
const sshPublicKey = (): string => {
  const raw = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const part = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    return Buffer.concat([length, bytes]);
  };
  return `ssh-ed25519 ${Buffer.concat([part(Buffer.from('ssh-ed25519')), part(raw)]).toString('base64')} scenario`;
};

export const SCENARIOS: Readonly<Record<string, Scenario>> = {
  RunInstances: scenario('RunInstances', async (ec2) => {
    const instances = await launch(ec2, 2);
    return {
      response: {
        instancesSet: items(
          instances.map((instance) => ({
            instanceId: instance.InstanceId,
            blockDeviceMapping: {},
            networkInterfaceSet: items(instance.NetworkInterfaces!.map((eni) => ({ networkInterfaceId: eni.NetworkInterfaceId }))),
          })),
        ),
      },
      expected: instances.flatMap((instance) => [instance.InstanceId, ...attachments(instance)]),
    };
  }),

  CreateFleet: scenario('CreateFleet', async (ec2) => {
    const { LaunchTemplate } = await ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'fleet',
        LaunchTemplateData: { ImageId: await amazonImage(ec2), InstanceType: 't3.micro' },
      }),
    );
    const fleet = await ec2.send(
      new CreateFleetCommand({
        Type: 'instant',
        LaunchTemplateConfigs: [
          { LaunchTemplateSpecification: { LaunchTemplateId: LaunchTemplate!.LaunchTemplateId, Version: '$Latest' } },
        ],
        TargetCapacitySpecification: { TotalTargetCapacity: 2, DefaultTargetCapacityType: 'on-demand' },
      }),
    );
    const InstanceIds = fleet.Instances!.flatMap((launched) => launched.InstanceIds!);
    const { Reservations } = await ec2.send(new DescribeInstancesCommand({ InstanceIds }));
    return {
      response: wrapped('CreateFleet', {
        fleetId: fleet.FleetId,
        errorSet: '',
        fleetInstanceSet: item(
          fleet.Instances!.map((launched) => ({
            lifecycle: launched.Lifecycle,
            instanceType: launched.InstanceType,
            instanceIds: item(launched.InstanceIds),
          })),
        ),
      }),
      expected: [fleet.FleetId, ...InstanceIds, ...Reservations!.flatMap((r) => r.Instances!).flatMap(attachments)],
    };
  }),

  RequestSpotInstances: scenario('RequestSpotInstances', async (ec2) => {
    const { SpotInstanceRequests } = await ec2.send(
      new RequestSpotInstancesCommand({
        InstanceCount: 2,
        LaunchSpecification: { ImageId: await amazonImage(ec2), InstanceType: 't3.micro' },
      }),
    );
    return {
      response: {
        spotInstanceRequestSet: items(
          SpotInstanceRequests!.map((r) => ({ spotInstanceRequestId: r.SpotInstanceRequestId, state: r.State, type: r.Type })),
        ),
      },
      expected: SpotInstanceRequests!.map((r) => r.SpotInstanceRequestId),
    };
  }),

  CreateVolume: scenario('CreateVolume', async (ec2, region) => {
    const volumeId = await volume(ec2, region);
    return { response: { volumeId, size: 8, zone: `${region}a`, status: 'creating' }, expected: [volumeId] };
  }),

  CreateSnapshot: scenario('CreateSnapshot', async (ec2, region) => {
    const snapshotId = await snapshot(ec2, region);
    return { response: { snapshotId, status: 'pending' }, expected: [snapshotId] };
  }),

  CreateSnapshots: scenario('CreateSnapshots', async (ec2) => {
    const [instance] = await launch(ec2);
    const { Snapshots } = await ec2.send(new CreateSnapshotsCommand({ InstanceSpecification: { InstanceId: instance.InstanceId } }));
    return {
      response: wrapped('CreateSnapshots', {
        snapshotSet: item(Snapshots!.map((s) => ({ snapshotId: s.SnapshotId, volumeId: s.VolumeId, state: s.State }))),
      }),
      expected: Snapshots!.map((s) => s.SnapshotId),
    };
  }),

  CopySnapshot: scenario('CopySnapshot', async (ec2, region) => {
    const { SnapshotId } = await ec2.send(new CopySnapshotCommand({ SourceRegion: region, SourceSnapshotId: await snapshot(ec2, region) }));
    return { response: { snapshotId: SnapshotId }, expected: [SnapshotId] };
  }),

  CreateImage: scenario('CreateImage', async (ec2) => {
    const [instance] = await launch(ec2);
    const { ImageId } = await ec2.send(new CreateImageCommand({ InstanceId: instance.InstanceId, Name: 'web' }));
    return { response: { imageId: ImageId }, expected: [ImageId, ...(await imageSnapshots(ec2, ImageId!))] };
  }),

  CopyImage: scenario('CopyImage', async (ec2, region) => {
    const [instance] = await launch(ec2);
    const source = await ec2.send(new CreateImageCommand({ InstanceId: instance.InstanceId, Name: 'web' }));
    const { ImageId } = await ec2.send(new CopyImageCommand({ SourceRegion: region, SourceImageId: source.ImageId, Name: 'web-copy' }));
    return { response: { imageId: ImageId }, expected: [ImageId, ...(await imageSnapshots(ec2, ImageId!))] };
  }),

  RegisterImage: scenario('RegisterImage', async (ec2, region) => {
    const { ImageId } = await ec2.send(
      new RegisterImageCommand({
        Name: 'from-snapshot',
        RootDeviceName: '/dev/xvda',
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: await snapshot(ec2, region) } }],
      }),
    );
    return { response: { imageId: ImageId }, expected: [ImageId] };
  }),

  CreateSecurityGroup: scenario('CreateSecurityGroup', async (ec2) => {
    const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: await vpc(ec2) }));
    return { response: { _return: true, groupId: GroupId }, expected: [GroupId] };
  }),

  CreateNetworkInterface: scenario('CreateNetworkInterface', async (ec2, region) => {
    const { VpcId, SubnetId } = await subnet(ec2, region);
    const { NetworkInterface } = await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId }));
    return {
      response: {
        networkInterface: { networkInterfaceId: NetworkInterface!.NetworkInterfaceId, subnetId: SubnetId, vpcId: VpcId, tagSet: {} },
      },
      expected: [NetworkInterface!.NetworkInterfaceId],
    };
  }),

  AllocateAddress: scenario('AllocateAddress', async (ec2) => {
    const { AllocationId, PublicIp } = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    return { response: { publicIp: PublicIp, domain: 'vpc', allocationId: AllocationId }, expected: [AllocationId] };
  }),

  CreateNatGateway: scenario('CreateNatGateway', async (ec2, region) => {
    const { VpcId, SubnetId } = await subnet(ec2, region);
    const { AllocationId } = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    const { NatGateway } = await ec2.send(new CreateNatGatewayCommand({ SubnetId, AllocationId }));
    const addresses = NatGateway!.NatGatewayAddresses ?? [];
    return {
      response: wrapped('CreateNatGateway', {
        natGateway: {
          natGatewayId: NatGateway!.NatGatewayId,
          subnetId: SubnetId,
          vpcId: VpcId,
          state: 'pending',
          natGatewayAddressSet: item(addresses.map((a) => ({ allocationId: a.AllocationId, networkInterfaceId: a.NetworkInterfaceId }))),
        },
      }),
      expected: [NatGateway!.NatGatewayId, ...addresses.map((a) => a.NetworkInterfaceId)],
    };
  }),

  CreateVpc: scenario('CreateVpc', async (ec2) => {
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }));
    const VpcId = Vpc!.VpcId!;
    const inVpc = { Filters: [{ Name: 'vpc-id', Values: [VpcId] }] };
    // What EC2 makes with every VPC; each VPC has exactly one of each.
    const [{ RouteTables }, { NetworkAcls }, { SecurityGroups }] = await Promise.all([
      ec2.send(new DescribeRouteTablesCommand(inVpc)),
      ec2.send(new DescribeNetworkAclsCommand(inVpc)),
      ec2.send(new DescribeSecurityGroupsCommand(inVpc)),
    ]);
    const defaults = [
      ...RouteTables!.map((t) => t.RouteTableId),
      ...NetworkAcls!.map((a) => a.NetworkAclId),
      ...SecurityGroups!.map((g) => g.GroupId),
    ];
    if (defaults.length !== 3) throw new Error(`a new VPC in moto has ${defaults.length} defaults, not 3`);
    return {
      response: {
        vpc: { vpcId: VpcId, state: 'pending', cidrBlock: Vpc!.CidrBlock, dhcpOptionsId: Vpc!.DhcpOptionsId, isDefault: false, tagSet: {} },
      },
      expected: [VpcId, ...defaults],
    };
  }),

  CreateSubnet: scenario('CreateSubnet', async (ec2, region) => {
    const { VpcId, SubnetId } = await subnet(ec2, region);
    return { response: { subnet: { subnetId: SubnetId, vpcId: VpcId, state: 'available' } }, expected: [SubnetId] };
  }),

  CreateInternetGateway: scenario('CreateInternetGateway', async (ec2) => {
    const { InternetGateway } = await ec2.send(new CreateInternetGatewayCommand({}));
    return {
      response: { internetGateway: { internetGatewayId: InternetGateway!.InternetGatewayId, attachmentSet: {}, tagSet: {} } },
      expected: [InternetGateway!.InternetGatewayId],
    };
  }),

  CreateEgressOnlyInternetGateway: scenario('CreateEgressOnlyInternetGateway', async (ec2) => {
    const VpcId = await vpc(ec2);
    const { EgressOnlyInternetGateway } = await ec2.send(new CreateEgressOnlyInternetGatewayCommand({ VpcId }));
    const id = EgressOnlyInternetGateway!.EgressOnlyInternetGatewayId;
    return {
      response: wrapped('CreateEgressOnlyInternetGateway', {
        egressOnlyInternetGateway: { attachmentSet: { item: { state: 'attached', vpcId: VpcId } }, egressOnlyInternetGatewayId: id },
      }),
      expected: [id],
    };
  }),

  CreateRouteTable: scenario('CreateRouteTable', async (ec2) => {
    const VpcId = await vpc(ec2);
    const { RouteTable } = await ec2.send(new CreateRouteTableCommand({ VpcId }));
    return {
      response: { routeTable: { routeTableId: RouteTable!.RouteTableId, vpcId: VpcId, associationSet: {} } },
      expected: [RouteTable!.RouteTableId],
    };
  }),

  CreateNetworkAcl: scenario('CreateNetworkAcl', async (ec2) => {
    const VpcId = await vpc(ec2);
    const { NetworkAcl } = await ec2.send(new CreateNetworkAclCommand({ VpcId }));
    return {
      response: { networkAcl: { networkAclId: NetworkAcl!.NetworkAclId, vpcId: VpcId, default: false } },
      expected: [NetworkAcl!.NetworkAclId],
    };
  }),

  CreateVpcEndpoint: scenario('CreateVpcEndpoint', async (ec2, region) => {
    const { VpcId, SubnetId } = await subnet(ec2, region);
    const { VpcEndpoint } = await ec2.send(
      new CreateVpcEndpointCommand({
        VpcId,
        ServiceName: `com.amazonaws.${region}.ssm`,
        VpcEndpointType: 'Interface',
        SubnetIds: [SubnetId],
      }),
    );
    return {
      response: wrapped('CreateVpcEndpoint', {
        vpcEndpoint: {
          vpcEndpointId: VpcEndpoint!.VpcEndpointId,
          vpcEndpointType: 'Interface',
          vpcId: VpcId,
          subnetIdSet: item(VpcEndpoint!.SubnetIds),
          networkInterfaceIdSet: item(VpcEndpoint!.NetworkInterfaceIds),
        },
      }),
      expected: [VpcEndpoint!.VpcEndpointId, ...(VpcEndpoint!.NetworkInterfaceIds ?? [])],
    };
  }),

  CreateVpcPeeringConnection: scenario('CreateVpcPeeringConnection', async (ec2) => {
    const [VpcId, PeerVpcId] = [await vpc(ec2, '10.2.0.0/16'), await vpc(ec2, '10.3.0.0/16')];
    const { VpcPeeringConnection } = await ec2.send(new CreateVpcPeeringConnectionCommand({ VpcId, PeerVpcId }));
    const id = VpcPeeringConnection!.VpcPeeringConnectionId;
    return {
      response: {
        vpcPeeringConnection: { vpcPeeringConnectionId: id, requesterVpcInfo: { vpcId: VpcId }, accepterVpcInfo: { vpcId: PeerVpcId } },
      },
      expected: [id],
    };
  }),

  CreateLaunchTemplate: scenario('CreateLaunchTemplate', async (ec2) => {
    const { LaunchTemplate } = await ec2.send(
      new CreateLaunchTemplateCommand({ LaunchTemplateName: 'web', LaunchTemplateData: { InstanceType: 't3.micro' } }),
    );
    return {
      response: wrapped('CreateLaunchTemplate', {
        launchTemplate: { launchTemplateId: LaunchTemplate!.LaunchTemplateId, launchTemplateName: 'web' },
      }),
      expected: [LaunchTemplate!.LaunchTemplateId],
    };
  }),

  CreateKeyPair: scenario('CreateKeyPair', async (ec2) => {
    const { KeyName, KeyFingerprint, KeyPairId } = await ec2.send(new CreateKeyPairCommand({ KeyName: 'laptop' }));
    return {
      response: { keyName: KeyName, keyFingerprint: KeyFingerprint, keyPairId: KeyPairId, keyMaterial: '<sensitiveDataRemoved>' },
      expected: [KeyPairId],
    };
  }),

  ImportKeyPair: scenario('ImportKeyPair', async (ec2) => {
    const { KeyName, KeyFingerprint, KeyPairId } = await ec2.send(
      new ImportKeyPairCommand({ KeyName: 'yubikey', PublicKeyMaterial: Buffer.from(sshPublicKey()) }),
    );
    return { response: { keyName: KeyName, keyFingerprint: KeyFingerprint, keyPairId: KeyPairId }, expected: [KeyPairId] };
  }),

  CreateTransitGateway: scenario('CreateTransitGateway', async (ec2) => {
    const { TransitGateway } = await ec2.send(new CreateTransitGatewayCommand({}));
    const { AssociationDefaultRouteTableId, PropagationDefaultRouteTableId } = TransitGateway!.Options ?? {};
    return {
      response: wrapped('CreateTransitGateway', {
        transitGateway: {
          transitGatewayId: TransitGateway!.TransitGatewayId,
          state: 'pending',
          options: {
            associationDefaultRouteTableId: AssociationDefaultRouteTableId,
            propagationDefaultRouteTableId: PropagationDefaultRouteTableId,
          },
        },
      }),
      expected: [
        ...new Set([TransitGateway!.TransitGatewayId, AssociationDefaultRouteTableId, PropagationDefaultRouteTableId].filter(Boolean)),
      ],
    };
  }),

  CreateTransitGatewayVpcAttachment: scenario('CreateTransitGatewayVpcAttachment', async (ec2, region) => {
    const { VpcId, SubnetId } = await subnet(ec2, region);
    const { TransitGateway } = await ec2.send(new CreateTransitGatewayCommand({}));
    const { TransitGatewayVpcAttachment } = await ec2.send(
      new CreateTransitGatewayVpcAttachmentCommand({ TransitGatewayId: TransitGateway!.TransitGatewayId, VpcId, SubnetIds: [SubnetId] }),
    );
    const id = TransitGatewayVpcAttachment!.TransitGatewayAttachmentId;
    return {
      response: wrapped('CreateTransitGatewayVpcAttachment', {
        transitGatewayVpcAttachment: {
          transitGatewayAttachmentId: id,
          transitGatewayId: TransitGateway!.TransitGatewayId,
          vpcId: VpcId,
          subnetIds: item([SubnetId]),
        },
      }),
      expected: [id],
    };
  }),

  CreateCustomerGateway: scenario('CreateCustomerGateway', async (ec2) => {
    const { CustomerGateway } = await ec2.send(
      new CreateCustomerGatewayCommand({ Type: 'ipsec.1', PublicIp: '203.0.113.12', BgpAsn: 65000 }),
    );
    return {
      response: {
        customerGateway: {
          customerGatewayId: CustomerGateway!.CustomerGatewayId,
          type: 'ipsec.1',
          ipAddress: '203.0.113.12',
          bgpAsn: '65000',
        },
      },
      expected: [CustomerGateway!.CustomerGatewayId],
    };
  }),

  CreateVpnGateway: scenario('CreateVpnGateway', async (ec2) => {
    const { VpnGateway } = await ec2.send(new CreateVpnGatewayCommand({ Type: 'ipsec.1' }));
    return {
      response: { vpnGateway: { vpnGatewayId: VpnGateway!.VpnGatewayId, type: 'ipsec.1', attachments: {} } },
      expected: [VpnGateway!.VpnGatewayId],
    };
  }),

  CreateVpnConnection: scenario('CreateVpnConnection', async (ec2) => {
    const { CustomerGateway } = await ec2.send(
      new CreateCustomerGatewayCommand({ Type: 'ipsec.1', PublicIp: '203.0.113.13', BgpAsn: 65001 }),
    );
    const { VpnGateway } = await ec2.send(new CreateVpnGatewayCommand({ Type: 'ipsec.1' }));
    const { VpnConnection } = await ec2.send(
      new CreateVpnConnectionCommand({
        Type: 'ipsec.1',
        CustomerGatewayId: CustomerGateway!.CustomerGatewayId,
        VpnGatewayId: VpnGateway!.VpnGatewayId,
      }),
    );
    return {
      response: {
        vpnConnection: {
          vpnConnectionId: VpnConnection!.VpnConnectionId,
          customerGatewayId: CustomerGateway!.CustomerGatewayId,
          vpnGatewayId: VpnGateway!.VpnGatewayId,
          customerGatewayConfiguration: '<sensitiveDataRemoved>',
        },
      },
      expected: [VpnConnection!.VpnConnectionId],
    };
  }),

  CreateDhcpOptions: scenario('CreateDhcpOptions', async (ec2) => {
    const { DhcpOptions } = await ec2.send(
      new CreateDhcpOptionsCommand({ DhcpConfigurations: [{ Key: 'domain-name', Values: ['corp.example.com'] }] }),
    );
    return { response: { dhcpOptions: { dhcpOptionsId: DhcpOptions!.DhcpOptionsId } }, expected: [DhcpOptions!.DhcpOptionsId] };
  }),

  CreateFlowLogs: scenario('CreateFlowLogs', async (ec2) => {
    const { FlowLogIds } = await ec2.send(
      new CreateFlowLogsCommand({
        ResourceIds: [await vpc(ec2)],
        ResourceType: 'VPC',
        TrafficType: 'ALL',
        LogGroupName: 'flow-logs',
        DeliverLogsPermissionArn: 'arn:aws:iam::123456789012:role/flow-logs',
      }),
    );
    return { response: wrapped('CreateFlowLogs', { flowLogIdSet: item(FlowLogIds), unsuccessful: '' }), expected: FlowLogIds ?? [] };
  }),
};
