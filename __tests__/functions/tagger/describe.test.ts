import { lookUp, NotYetVisible } from '../../../functions/tagger/describe';
import { createTags } from '../../../functions/tagger/tag';
import { fakeEc2 } from '../../support/tagger/fakes';

describe('lookUp', () => {
  it('instanceAttachments: one DescribeInstances for all instances; only well-formed volume and ENI IDs', async () => {
    const ec2 = fakeEc2({
      DescribeInstances: {
        Reservations: [
          {
            Instances: [
              {
                BlockDeviceMappings: [{ Ebs: { VolumeId: 'vol-0aaaaaaaaaaaaaaa1' } }],
                NetworkInterfaces: [{ NetworkInterfaceId: 'vol-0aaaaaaaaaaaaaaa9' }],
              },
            ],
          },
          { Instances: [{ BlockDeviceMappings: [{ DeviceName: '/dev/sdb', VirtualName: 'ephemeral0' }], NetworkInterfaces: [{}] }] },
          {},
        ],
      },
    });
    const refs = [
      { type: 'instance', id: 'i-0aaaaaaaaaaaaaaa1' },
      { type: 'network-interface', id: 'eni-0aaaaaaaaaaaaaaa1' },
      { type: 'instance', id: 'i-0aaaaaaaaaaaaaaa2' },
    ] as const;
    await expect(lookUp('instanceAttachments', ec2.client, refs)).resolves.toEqual([{ type: 'volume', id: 'vol-0aaaaaaaaaaaaaaa1' }]);
    expect(ec2.sent).toEqual([{ command: 'DescribeInstances', input: { InstanceIds: ['i-0aaaaaaaaaaaaaaa1', 'i-0aaaaaaaaaaaaaaa2'] } }]);
  });

  it('imageSnapshots: one DescribeImages; only snapshot IDs', async () => {
    const ec2 = fakeEc2({
      DescribeImages: {
        Images: [
          {
            BlockDeviceMappings: [
              { Ebs: { SnapshotId: 'snap-0ddddddddddddddd1' } },
              { Ebs: { SnapshotId: 'snap-0ddddddddddddddd2' } },
              { Ebs: { SnapshotId: 'ami-0ddddddddddddddd1' } },
              { VirtualName: 'ephemeral0' },
            ],
          },
        ],
      },
    });
    await expect(lookUp('imageSnapshots', ec2.client, [{ type: 'image', id: 'ami-0ddddddddddddddd1' }])).resolves.toEqual([
      { type: 'snapshot', id: 'snap-0ddddddddddddddd1' },
      { type: 'snapshot', id: 'snap-0ddddddddddddddd2' },
    ]);
    expect(ec2.sent).toEqual([{ command: 'DescribeImages', input: { ImageIds: ['ami-0ddddddddddddddd1'] } }]);
  });

  it('imageSnapshots: a pending image whose EBS mapping has no snapshot yet is retried (a *.NotFound error), not tagged without it', async () => {
    const ec2 = fakeEc2({
      DescribeImages: {
        Images: [
          {
            ImageId: 'ami-0ddddddddddddddd1',
            State: 'pending',
            BlockDeviceMappings: [
              { DeviceName: '/dev/xvda', Ebs: { SnapshotId: 'snap-0ddddddddddddddd1' } },
              { DeviceName: '/dev/sdf', Ebs: { VolumeSize: 100 } },
            ],
          },
        ],
      },
    });
    const error = await lookUp('imageSnapshots', ec2.client, [{ type: 'image', id: 'ami-0ddddddddddddddd1' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotYetVisible);
    expect(error).toMatchObject({ name: 'InvalidSnapshotID.NotFound', message: expect.stringContaining('/dev/sdf') });
  });

  it('imageSnapshots: an image DescribeImages does not list yet is retried too', async () => {
    const ec2 = fakeEc2({ DescribeImages: { Images: [] } });
    await expect(lookUp('imageSnapshots', ec2.client, [{ type: 'image', id: 'ami-0ddddddddddddddd1' }])).rejects.toMatchObject({
      name: 'InvalidAMIID.NotFound',
    });
  });

  it('imageSnapshots: once the image is no longer pending, a mapping without a snapshot is no reason to wait', async () => {
    const ec2 = fakeEc2({
      DescribeImages: {
        Images: [
          { ImageId: 'ami-0ddddddddddddddd1', State: 'failed', BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 8 } }] },
        ],
      },
    });
    await expect(lookUp('imageSnapshots', ec2.client, [{ type: 'image', id: 'ami-0ddddddddddddddd1' }])).resolves.toEqual([]);
  });

  it('vpcDefaults: the main route table, default network ACL and default security group of the VPC; only IDs of their kind', async () => {
    const ec2 = fakeEc2({
      DescribeRouteTables: { RouteTables: [{ RouteTableId: 'rtb-0eeeeeeeeeeeeeee1' }] },
      DescribeNetworkAcls: { NetworkAcls: [{ NetworkAclId: 'acl-0eeeeeeeeeeeeeee1' }, { NetworkAclId: 'sg-0eeeeeeeeeeeeeee9' }] },
      DescribeSecurityGroups: { SecurityGroups: [{ GroupId: 'sg-0eeeeeeeeeeeeeee1' }, {}] },
    });
    await expect(
      lookUp('vpcDefaults', ec2.client, [
        { type: 'vpc', id: 'vpc-0eeeeeeeeeeeeeee1' },
        { type: 'subnet', id: 'subnet-0eeeeeeeeeeeee1' },
      ]),
    ).resolves.toEqual([
      { type: 'route-table', id: 'rtb-0eeeeeeeeeeeeeee1' },
      { type: 'network-acl', id: 'acl-0eeeeeeeeeeeeeee1' },
      { type: 'security-group', id: 'sg-0eeeeeeeeeeeeeee1' },
    ]);
    const inVpc = (name: string, value: string) => ({
      Filters: [
        { Name: 'vpc-id', Values: ['vpc-0eeeeeeeeeeeeeee1'] },
        { Name: name, Values: [value] },
      ],
    });
    expect(ec2.sent).toEqual([
      { command: 'DescribeRouteTables', input: inVpc('association.main', 'true') },
      { command: 'DescribeNetworkAcls', input: inVpc('default', 'true') },
      { command: 'DescribeSecurityGroups', input: inVpc('group-name', 'default') },
    ]);
  });

  it('makes no call when there is nothing to start from', async () => {
    const ec2 = fakeEc2();
    await expect(lookUp('instanceAttachments', ec2.client, [{ type: 'volume', id: 'vol-0aaaaaaaaaaaaaaa1' }])).resolves.toEqual([]);
    await expect(lookUp('imageSnapshots', ec2.client, [])).resolves.toEqual([]);
    await expect(lookUp('vpcDefaults', ec2.client, [{ type: 'subnet', id: 'subnet-0eeeeeeeeeeeee1' }])).resolves.toEqual([]);
    expect(ec2.sent).toEqual([]);
  });
});

describe('createTags', () => {
  const tags = { Owner: 'bob', PrincipalId: 'AIDAEXAMPLEUSERID1234' };
  const Tags = [
    { Key: 'Owner', Value: 'bob' },
    { Key: 'PrincipalId', Value: 'AIDAEXAMPLEUSERID1234' },
  ];

  it('tags every resource in one call', async () => {
    const ec2 = fakeEc2();
    await createTags(ec2.client, ['i-0aaaaaaaaaaaaaaa1', 'vol-0aaaaaaaaaaaaaaa1'], tags);
    expect(ec2.sent).toEqual([{ command: 'CreateTags', input: { Resources: ['i-0aaaaaaaaaaaaaaa1', 'vol-0aaaaaaaaaaaaaaa1'], Tags } }]);
  });

  it('splits only past the 1000 IDs EC2 accepts per call', async () => {
    const ids = Array.from({ length: 2001 }, (_, n) => `vol-${n.toString(16).padStart(17, '0')}`);
    const ec2 = fakeEc2();
    await createTags(ec2.client, ids.slice(0, 1000), tags);
    expect(ec2.sent).toHaveLength(1);

    ec2.sent.length = 0;
    await createTags(ec2.client, ids, tags);
    expect(ec2.sent.map((call) => call.input.Resources.length)).toEqual([1000, 1000, 1]);
    expect(ec2.sent.flatMap((call) => call.input.Resources)).toEqual(ids);
  });
});
