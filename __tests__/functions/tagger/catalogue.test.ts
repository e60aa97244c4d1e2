import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CATALOGUE,
  createdResourceTypes,
  describeActions,
  ID_PATTERNS,
  LOOKUP_ACTIONS,
  ref,
  SUPPORTED_EVENT_NAMES,
  type Ec2ResourceType,
} from '../../../functions/tagger/catalogue';
import { decide } from '../../../functions/tagger/event';
import { eventNameOf, fixture, FIXTURE_NAMES, type FixtureName } from '../../fixtures/cloudtrail-events';

const responseOf = (name: FixtureName): unknown => fixture(name).detail.responseElements;
const idsIn = (name: FixtureName): string[] => CATALOGUE[eventNameOf(name)].idsInResponse(responseOf(name)).map((r) => r.id);

/** The IAM Service Authorization Reference data the tagger role is checked against. */
const createTagsResourceTypes = (): string[] => {
  // The package exports no path to its data files, so they are read from where npm put them.
  const file = join(__dirname, '..', '..', '..', 'node_modules', '@cloud-copilot', 'iam-data', 'data', 'actions', 'ec2.json');
  const actions = JSON.parse(readFileSync(file, 'utf8'));
  return actions.createtags.resourceTypes.map((type: { name: string }) => type.name);
};

/** Every string in `value`, deeply, passed through `edit`. */
const mapStrings = (value: unknown, edit: (text: string) => string): unknown =>
  typeof value === 'string'
    ? edit(value)
    : Array.isArray(value)
      ? value.map((inner) => mapStrings(inner, edit))
      : typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, mapStrings(inner, edit)]))
        : value;

describe('catalogue', () => {
  it('covers at least 30 EC2 create events, sorted', () => {
    expect(SUPPORTED_EVENT_NAMES.length).toBeGreaterThanOrEqual(30);
    expect(SUPPORTED_EVENT_NAMES).toEqual([...SUPPORTED_EVENT_NAMES].sort());
    expect(SUPPORTED_EVENT_NAMES).toEqual(
      expect.arrayContaining(['RunInstances', 'CreateFleet', 'CreateVpc', 'CreateTransitGateway', 'CreateFlowLogs']),
    );
  });

  it('has a fixture for every entry and an entry for every fixture', () => {
    const files = readdirSync(join(__dirname, '..', '..', 'fixtures', 'cloudtrail')).map((file) => file.replace(/\.json$/, ''));
    expect(files.sort()).toEqual([...FIXTURE_NAMES].sort());
    expect([...new Set(FIXTURE_NAMES.map(eventNameOf))].sort()).toEqual([...SUPPORTED_EVENT_NAMES]);
    for (const name of FIXTURE_NAMES) expect(fixture(name).detail.eventName).toBe(eventNameOf(name));
  });

  it.each(FIXTURE_NAMES)('%s says where its shape comes from, at envelope level, which decide ignores', (name) => {
    const event = fixture(name);
    expect(event['x-fixture-source']).toMatch(/https:\/\/(docs\.aws\.amazon\.com|github\.com)\//);
    const without = fixture(name);
    delete without['x-fixture-source'];
    expect(decide(event)).toEqual(decide(without));
  });

  it('derives the resource types to tag and the describe actions to grant', () => {
    expect(createdResourceTypes()).toEqual([
      'capacity-reservation',
      'customer-gateway',
      'dhcp-options',
      'egress-only-internet-gateway',
      'elastic-ip',
      'fleet',
      'image',
      'instance',
      'internet-gateway',
      'key-pair',
      'launch-template',
      'natgateway',
      'network-acl',
      'network-interface',
      'placement-group',
      'route-table',
      'security-group',
      'snapshot',
      'spot-instances-request',
      'subnet',
      'transit-gateway',
      'transit-gateway-attachment',
      'transit-gateway-route-table',
      'volume',
      'vpc',
      'vpc-endpoint',
      'vpc-flow-log',
      'vpc-peering-connection',
      'vpn-connection',
      'vpn-gateway',
    ]);
    expect(describeActions()).toEqual([
      'ec2:DescribeImages',
      'ec2:DescribeInstances',
      'ec2:DescribeNetworkAcls',
      'ec2:DescribeRouteTables',
      'ec2:DescribeSecurityGroups',
    ]);
  });

  it('names every resource type as ec2:CreateTags does in the Service Authorization Reference, and every type has an ID pattern', () => {
    expect(createTagsResourceTypes()).toEqual(expect.arrayContaining(createdResourceTypes()));
    expect(Object.keys(ID_PATTERNS).sort()).toEqual(createdResourceTypes());
  });

  it('grants each entry the actions of its lookup, and declares what the lookup finds among what it creates', () => {
    expect(CATALOGUE.RunInstances).toMatchObject({ lookup: 'instanceAttachments', creates: ['instance', 'network-interface', 'volume'] });
    expect(CATALOGUE.CreateFleet).toMatchObject({
      lookup: 'instanceAttachments',
      creates: ['fleet', 'instance', 'volume', 'network-interface'],
    });
    expect(CATALOGUE.CreateImage).toMatchObject({ lookup: 'imageSnapshots', creates: ['image', 'snapshot'] });
    expect(CATALOGUE.CopyImage).toMatchObject({ lookup: 'imageSnapshots', creates: ['image', 'snapshot'] });
    expect(CATALOGUE.CreateVpc).toMatchObject({ lookup: 'vpcDefaults', creates: ['vpc', 'route-table', 'network-acl', 'security-group'] });
    expect(CATALOGUE.RegisterImage).toEqual({ creates: ['image'], idsInResponse: expect.any(Function) });
    expect(LOOKUP_ACTIONS.vpcDefaults).toEqual(['ec2:DescribeRouteTables', 'ec2:DescribeNetworkAcls', 'ec2:DescribeSecurityGroups']);
    for (const name of FIXTURE_NAMES) {
      const types = CATALOGUE[eventNameOf(name)].idsInResponse(responseOf(name)).map((r) => r.type);
      expect(CATALOGUE[eventNameOf(name)].creates).toEqual(expect.arrayContaining(types));
    }
  });

  describe('idsInResponse on every fixture', () => {
    /** What each fixture's response names, by hand from the fixture (typed: one entry per fixture). */
    const EXPECTED: Readonly<Record<FixtureName, readonly string[]>> = {
      AllocateAddress: ['eipalloc-951be890a524d19eb'],
      CopyImage: ['ami-e2e997098b3bc653d'],
      CopySnapshot: ['snap-ddcd50c475a90d31f'],
      CreateCapacityReservation: ['cr-2b6bdfb2a0c30eaf5'],
      CreateCustomerGateway: ['cgw-f4440f241285008b4'],
      CreateDhcpOptions: ['dopt-970145c030e84e3b2'],
      CreateEgressOnlyInternetGateway: ['eigw-914939e84cc961e76'],
      // Instance IDs as an `item` array and as a bare `item`.
      CreateFleet: ['fleet-5eb2ce29-1c7d-427d-a684-ec83f9ddc057', 'i-ab6c1a58deb1ea028', 'i-e4eb1aadd7dc46604', 'i-92e92c0a93f035df3'],
      CreateFlowLogs: ['fl-593f2d04aab251f60'],
      CreateImage: ['ami-0ddddddddddddddd1'],
      CreateInternetGateway: ['igw-fe010647d32ab9a6f'],
      CreateKeyPair: ['key-2c70e12b7a0646f92'],
      CreateLaunchTemplate: ['lt-67d4143062b55c25f'],
      // The gateway and its network interface, not the address it was given.
      CreateNatGateway: ['nat-d919a100ce6b45524', 'eni-ef10e7d635baea15e'],
      CreateNetworkAcl: ['acl-2344f08e51026cf9a'],
      CreateNetworkInterface: ['eni-0bc962b0b3bf8453e'],
      CreatePlacementGroup: ['pg-d80dc0a202c84e8fa'],
      'CreatePlacementGroup-legacy': [],
      CreateRouteTable: ['rtb-aed2bd46e53757150'],
      CreateSecurityGroup: ['sg-c5a9a16f0e40b7bcd'],
      CreateSnapshot: ['snap-0ccccccccccccccc1'],
      CreateSnapshots: ['snap-4502a9e02a4f64fe2', 'snap-144688b18dae9218b'],
      CreateSubnet: ['subnet-419a57b00fe70f9fa'],
      // One default route table for association and propagation: named once.
      CreateTransitGateway: ['tgw-471db7c8254c7b5fc', 'tgw-rtb-b937e19ff0c2d6c22'],
      CreateTransitGatewayVpcAttachment: ['tgw-attach-f745a15153c4dacf0'],
      CreateVolume: ['vol-0bbbbbbbbbbbbbbb1'],
      // Not the DHCP options set it was given.
      CreateVpc: ['vpc-c012b4710ef58b439'],
      // Its network interfaces, not its subnets or security group.
      CreateVpcEndpoint: ['vpce-90fb6c7b7aae17768', 'eni-a209cad15e88a0cc5', 'eni-7923bc883fee0d941'],
      CreateVpcPeeringConnection: ['pcx-c175967d1a5c35de4'],
      // Not the customer and VPN gateways it connects.
      CreateVpnConnection: ['vpn-ebf20cefc9169e0b7'],
      CreateVpnGateway: ['vgw-a46cd72adabda2e1f'],
      ImportKeyPair: ['key-d942f64886578d874'],
      RegisterImage: ['ami-87780fa5de684e87c'],
      RequestSpotInstances: ['sir-7fpgd3xn', 'sir-2k9ax84q'],
      RunInstances: ['i-0aaaaaaaaaaaaaaa1', 'eni-0aaaaaaaaaaaaaaa1', 'i-0aaaaaaaaaaaaaaa2', 'eni-0aaaaaaaaaaaaaaa2'],
      'RunInstances-autoscaling': ['i-56fffc6208bbe349b', 'eni-795461e4e2a1945d8'],
    };

    it.each(FIXTURE_NAMES)('%s', (name) => {
      expect(idsIn(name)).toEqual(EXPECTED[name]);
    });

    it.each(FIXTURE_NAMES)('%s: the same IDs with and without the <Name>Response wrapper', (name) => {
      const wrapper = `${eventNameOf(name)}Response`;
      const response = responseOf(name) as Record<string, unknown>;
      const other = wrapper in response ? (response[wrapper] as object) : { [wrapper]: response };
      expect(CATALOGUE[eventNameOf(name)].idsInResponse(other)).toEqual(CATALOGUE[eventNameOf(name)].idsInResponse(response));
    });

    it('CreateFleet: the instances under `instanceSet` as well as the API’s `fleetInstanceSet`', () => {
      const { CreateFleetResponse } = responseOf('CreateFleet') as { CreateFleetResponse: Record<string, unknown> };
      const { fleetInstanceSet, ...rest } = CreateFleetResponse;
      expect(
        CATALOGUE.CreateFleet.idsInResponse({ CreateFleetResponse: { ...rest, instanceSet: fleetInstanceSet } }).map((r) => r.id),
      ).toEqual(EXPECTED.CreateFleet);
    });

    it.each(FIXTURE_NAMES)('%s: an ID of the wrong kind where an ID belongs is dropped', (name) => {
      const found = new Set(idsIn(name));
      const wrongKind = mapStrings(responseOf(name), (text) =>
        found.has(text) ? (text.startsWith('ami-') ? 'snap-0123456789abcdef0' : 'ami-0123456789abcdef0') : text,
      );
      expect(CATALOGUE[eventNameOf(name)].idsInResponse(wrongKind)).toEqual([]);
    });

    it('acts on every fixture but the one whose response names nothing (placement groups before EC2 returned them)', () => {
      for (const name of FIXTURE_NAMES) {
        expect(decide(fixture(name))).toMatchObject(
          name === 'CreatePlacementGroup-legacy'
            ? { action: 'skip', reason: 'no-resource-ids' }
            : { action: 'tag', entry: CATALOGUE[eventNameOf(name)] },
        );
      }
    });
  });

  describe('idsInResponse on junk', () => {
    const junk: unknown[] = [
      undefined,
      null,
      0,
      'vol-0bbbbbbbbbbbbbbb1',
      [],
      [{ volumeId: 'vol-0bbbbbbbbbbbbbbb1' }],
      {},
      { instancesSet: 'i-0aaaaaaaaaaaaaaa1' },
      { instancesSet: { items: 'not a list' } },
      { instancesSet: { items: { instanceId: 'i-0aaaaaaaaaaaaaaa1' } } },
      { instancesSet: [{ instanceId: 'i-0aaaaaaaaaaaaaaa1' }] },
      { instancesSet: { items: [null, 7, 'i-0aaaaaaaaaaaaaaa1', { instanceId: 42 }, { networkInterfaceSet: null }] } },
      { instancesSet: { items: [{ networkInterfaceSet: { items: [null, { networkInterfaceId: {} }] } }] } },
      { volumeId: ['vol-0bbbbbbbbbbbbbbb1'] },
      { snapshotId: { id: 'snap-0ccccccccccccccc1' } },
      { imageId: null },
      { vpc: 'vpc-0123456789abcdef0' },
      { vpc: { vpcId: { item: { item: 'vpc-0123456789abcdef0' } } } },
      { CreateNatGatewayResponse: null },
      { CreateFleetResponse: 'fleet-5eb2ce29-1c7d-427d-a684-ec83f9ddc057' },
      { fleetInstanceSet: { item: [{ instanceIds: { item: [['i-0aaaaaaaaaaaaaaa1']] } }] } },
      { flowLogIdSet: { item: [{ id: 'fl-0123456789abcdef0' }] } },
    ];

    it.each(SUPPORTED_EVENT_NAMES)('%s yields nothing and never throws', (name) => {
      for (const response of junk) expect(CATALOGUE[name].idsInResponse(response)).toEqual([]);
    });

    it('reads an ID only in its own field, not in a sibling or another event’s field', () => {
      expect(
        CATALOGUE.CreateVolume.idsInResponse({ snapshotId: 'snap-0ccccccccccccccc1', volume: { volumeId: 'vol-0bbbbbbbbbbbbbbb1' } }),
      ).toEqual([]);
      expect(CATALOGUE.CreateVpc.idsInResponse({ CreateSubnetResponse: { vpc: { vpcId: 'vpc-0123456789abcdef0' } } })).toEqual([]);
      expect(
        CATALOGUE.CreateSubnet.idsInResponse({ vpc: { vpcId: 'vpc-0123456789abcdef0' }, subnet: { vpcId: 'vpc-0123456789abcdef0' } }),
      ).toEqual([]);
    });

    it('ignores IDs of the wrong kind or shape in the right field', () => {
      const wrong = [
        'snap-0ccccccccccccccc1',
        'vol-0bbbbbbbbbbbbbbb1 ',
        ' vol-0bbbbbbbbbbbbbbb1',
        'vol-0BBBBBBBBBBBBBBB1',
        'vol-1234567',
        'vol-0bbbbbbbbbbbbbbb12',
        'vol-0bbbbbbbbbbbbbbb1\n',
        'vol-',
        '',
      ];
      for (const volumeId of wrong) expect(CATALOGUE.CreateVolume.idsInResponse({ volumeId })).toEqual([]);
      expect(CATALOGUE.CreateImage.idsInResponse({ imageId: 'i-0aaaaaaaaaaaaaaa1' })).toEqual([]);
      expect(CATALOGUE.CreateSnapshot.idsInResponse({ snapshotId: 'ami-0ddddddddddddddd1' })).toEqual([]);
      expect(
        CATALOGUE.CreateTransitGateway.idsInResponse({ transitGateway: { transitGatewayId: 'tgw-attach-0123456789abcdef0' } }),
      ).toEqual([]);
      expect(
        CATALOGUE.RunInstances.idsInResponse({
          instancesSet: {
            items: [
              { instanceId: 'eni-0aaaaaaaaaaaaaaa1', networkInterfaceSet: { items: [{ networkInterfaceId: 'i-0aaaaaaaaaaaaaaa1' }] } },
            ],
          },
        }),
      ).toEqual([]);
    });
  });

  describe('ID_PATTERNS and ref', () => {
    it('accept the short (8) and long (17) hex forms only for their own type', () => {
      expect(ref('instance', 'i-1234abcd')).toEqual([{ type: 'instance', id: 'i-1234abcd' }]);
      expect(ref('instance', 'i-0123456789abcdef0')).toEqual([{ type: 'instance', id: 'i-0123456789abcdef0' }]);
      expect(ref('volume', 'i-0123456789abcdef0')).toEqual([]);
      expect(ref('image', 12345678)).toEqual([]);
    });

    it.each([
      ['fleet', 'fleet-73fdd2ce-7209-4c19-8bfe-66ff7e9c1c81', ['fleet-73fdd2ce', 'fleet-0123456789abcdef0']],
      ['spot-instances-request', 'sir-7fpgd3xn', ['sir-7FPGD3XN', 'sir-1234567', 'sfr-7fpgd3xn']],
      ['transit-gateway', 'tgw-0a13743bd6c1f5fcb', ['tgw-attach-0a13743bd6c1f5fcb', 'tgw-rtb-0a13743bd6c1f5fcb']],
      ['transit-gateway-attachment', 'tgw-attach-0a13743bd6c1f5fcb', ['tgw-0a13743bd6c1f5fcb', 'tgw-rtb-0a13743bd6c1f5fcb']],
      ['transit-gateway-route-table', 'tgw-rtb-0a13743bd6c1f5fcb', ['tgw-0a13743bd6c1f5fcb', 'tgw-attach-0a13743bd6c1f5fcb']],
      ['elastic-ip', 'eipalloc-64d5890a', ['eipassoc-64d5890a', '203.0.113.25']],
      ['key-pair', 'key-0123456789abcdef0', ['my-key', 'key-']],
      ['placement-group', 'pg-0123456789abcdef0', ['hpc', 'pgx-0123456789abcdef0']],
      ['vpc-flow-log', 'fl-1234abcd', ['flow-1234abcd']],
      ['capacity-reservation', 'cr-0123456789abcdef0', ['crf-0123456789abcdef0']],
      ['vpc-endpoint', 'vpce-0123456789abcdef0', ['vpce-svc-0123456789abcdef0']],
      ['launch-template', 'lt-0123456789abcdef0', ['lt-0123456789abcdef0-1']],
      ['natgateway', 'nat-0123456789abcdef0', ['nat-gateway']],
    ] as [Ec2ResourceType, string, string[]][])('%s: %s, never %j', (type, good, bad) => {
      expect(ref(type, good)).toEqual([{ type, id: good }]);
      for (const id of bad) expect(ref(type, id)).toEqual([]);
    });

    it('anchor the whole string', () => {
      for (const pattern of Object.values(ID_PATTERNS)) {
        expect(pattern.flags).toBe('');
        expect(pattern.source.startsWith('^')).toBe(true);
        expect(pattern.source.endsWith('$')).toBe(true);
      }
    });
  });
});
