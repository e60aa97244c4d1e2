import { lookUp } from '../../../functions/tagger/describe';
import { createTags } from '../../../functions/tagger/tag';
import { fakeEc2 } from './fakes';

describe('lookUp', () => {
  it('instanceAttachments: one DescribeInstances for all instances; only well-formed volume and ENI IDs', async () => {
    const ec2 = fakeEc2({
      DescribeInstances: {
        Reservations: [
          { Instances: [{ BlockDeviceMappings: [{ Ebs: { VolumeId: 'vol-0aaaaaaaaaaaaaaa1' } }], NetworkInterfaces: [{ NetworkInterfaceId: 'vol-0aaaaaaaaaaaaaaa9' }] }] },
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

  it('makes no call when there is nothing to start from', async () => {
    const ec2 = fakeEc2();
    await expect(lookUp('instanceAttachments', ec2.client, [{ type: 'volume', id: 'vol-0aaaaaaaaaaaaaaa1' }])).resolves.toEqual([]);
    await expect(lookUp('imageSnapshots', ec2.client, [])).resolves.toEqual([]);
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
