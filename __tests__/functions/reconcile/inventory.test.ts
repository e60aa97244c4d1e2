import { LISTERS, listResources } from '../../../functions/reconcile/inventory';
import { LISTING_ACTIONS, listingActions } from '../../../functions/reconcile/permissions';
import { createdResourceTypes, type Ec2ResourceType } from '../../../functions/tagger/catalogue';

/** An EC2 fake recording each command's name and input, answering from `pages` in turn (then `{}`). */
const fakeEc2 = (pages: unknown[] = []) => {
  const sent: { name: string; input: any }[] = [];
  return {
    sent,
    ec2: {
      send: async (command: any) => (sent.push({ name: command.constructor.name, input: command.input }), pages.shift() ?? {}),
    } as any,
  };
};

describe('LISTERS', () => {
  it.each(createdResourceTypes())('lists %s with exactly the action the tagger role is granted', async (type) => {
    const { ec2, sent } = fakeEc2();
    await LISTERS[type as Ec2ResourceType](ec2);
    expect(sent.map(({ name }) => `ec2:${name.replace(/Command$/, '')}`)).toEqual([LISTING_ACTIONS[type as Ec2ResourceType]]);
  });

  it('has one action per catalogue type, each granted once', () => {
    expect(Object.keys(LISTING_ACTIONS).sort()).toEqual(createdResourceTypes());
    expect(listingActions()).toHaveLength(new Set(Object.values(LISTING_ACTIONS)).size);
  });
});

describe('listResources', () => {
  it('follows NextToken through every page and keeps the tags', async () => {
    const { ec2, sent } = fakeEc2([
      { Volumes: [{ VolumeId: 'vol-1', State: 'in-use', Tags: [{ Key: 'Owner', Value: 'alice' }] }], NextToken: 't1' },
      { Volumes: [{ VolumeId: 'vol-2', State: 'available' }] },
    ]);
    expect(await listResources(ec2, 'volume')).toEqual([
      { type: 'volume', id: 'vol-1', tags: { Owner: 'alice' } },
      { type: 'volume', id: 'vol-2', tags: {} },
    ]);
    expect(sent.map((s) => s.input.NextToken)).toEqual([undefined, 't1']);
  });

  it('leaves out what is gone or going (nothing left to tag), and lists only the account’s own images and snapshots', async () => {
    const { ec2 } = fakeEc2([
      {
        Reservations: [
          {
            Instances: [
              { InstanceId: 'i-1', State: { Name: 'terminated' } },
              { InstanceId: 'i-2', State: { Name: 'running' } },
            ],
          },
        ],
      },
    ]);
    expect((await listResources(ec2, 'instance')).map((r) => r.id)).toEqual(['i-2']);
    const images = fakeEc2();
    await listResources(images.ec2, 'image');
    expect(images.sent[0].input).toMatchObject({ Owners: ['self'] });
    const snapshots = fakeEc2();
    await listResources(snapshots.ec2, 'snapshot');
    expect(snapshots.sent[0].input).toMatchObject({ OwnerIds: ['self'] });
  });
});
