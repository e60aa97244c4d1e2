import {
  CATALOGUE,
  createdResourceTypes,
  describeActions,
  ID_PATTERNS,
  ref,
  SUPPORTED_EVENT_NAMES,
} from '../../../functions/tagger/catalogue';
import { fixture } from '../../fixtures/cloudtrail-events';

describe('catalogue', () => {
  it('lists the supported events, sorted', () => {
    expect(SUPPORTED_EVENT_NAMES).toEqual(['CreateImage', 'CreateSnapshot', 'CreateVolume', 'RunInstances']);
  });

  it('derives the resource types to tag and the describe actions to grant', () => {
    expect(createdResourceTypes()).toEqual(['image', 'instance', 'network-interface', 'snapshot', 'volume']);
    expect(describeActions()).toEqual(['ec2:DescribeImages', 'ec2:DescribeInstances']);
  });

  it('declares every type an event yields among what it creates', () => {
    for (const name of SUPPORTED_EVENT_NAMES) {
      const { creates, idsInResponse } = CATALOGUE[name];
      const types = idsInResponse(fixture(name as 'RunInstances').detail.responseElements).map((r) => r.type);
      expect(creates).toEqual(expect.arrayContaining([...new Set(types)]));
    }
  });

  describe('idsInResponse on real-shaped responses', () => {
    it('RunInstances: every instance and its network interfaces', () => {
      expect(CATALOGUE.RunInstances.idsInResponse(fixture('RunInstances').detail.responseElements)).toEqual([
        { type: 'instance', id: 'i-0aaaaaaaaaaaaaaa1' },
        { type: 'network-interface', id: 'eni-0aaaaaaaaaaaaaaa1' },
        { type: 'instance', id: 'i-0aaaaaaaaaaaaaaa2' },
        { type: 'network-interface', id: 'eni-0aaaaaaaaaaaaaaa2' },
      ]);
    });

    it.each([
      ['CreateVolume', { type: 'volume', id: 'vol-0bbbbbbbbbbbbbbb1' }],
      ['CreateSnapshot', { type: 'snapshot', id: 'snap-0ccccccccccccccc1' }],
      ['CreateImage', { type: 'image', id: 'ami-0ddddddddddddddd1' }],
    ] as const)('%s: the one ID it returns', (name, expected) => {
      expect(CATALOGUE[name].idsInResponse(fixture(name).detail.responseElements)).toEqual([expected]);
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
      { instancesSet: { items: [null, 7, 'i-0aaaaaaaaaaaaaaa1', { instanceId: 42 }, { networkInterfaceSet: null }] } },
      { instancesSet: { items: [{ networkInterfaceSet: { items: [null, { networkInterfaceId: {} }] } }] } },
      { volumeId: ['vol-0bbbbbbbbbbbbbbb1'] },
      { snapshotId: { id: 'snap-0ccccccccccccccc1' } },
      { imageId: null },
    ];

    it.each(SUPPORTED_EVENT_NAMES)('%s yields nothing and never throws', (name) => {
      for (const response of junk) expect(CATALOGUE[name].idsInResponse(response)).toEqual([]);
    });

    it('ignores IDs of the wrong kind or shape in the right field', () => {
      const wrong = ['snap-0ccccccccccccccc1', 'vol-0bbbbbbbbbbbbbbb1 ', ' vol-0bbbbbbbbbbbbbbb1', 'vol-0BBBBBBBBBBBBBBB1', 'vol-1234567', 'vol-0bbbbbbbbbbbbbbb12', 'vol-0bbbbbbbbbbbbbbb1\n', 'vol-', ''];
      for (const volumeId of wrong) expect(CATALOGUE.CreateVolume.idsInResponse({ volumeId })).toEqual([]);
      expect(CATALOGUE.CreateImage.idsInResponse({ imageId: 'i-0aaaaaaaaaaaaaaa1' })).toEqual([]);
      expect(CATALOGUE.CreateSnapshot.idsInResponse({ snapshotId: 'ami-0ddddddddddddddd1' })).toEqual([]);
      expect(
        CATALOGUE.RunInstances.idsInResponse({
          instancesSet: {
            items: [{ instanceId: 'eni-0aaaaaaaaaaaaaaa1', networkInterfaceSet: { items: [{ networkInterfaceId: 'i-0aaaaaaaaaaaaaaa1' }] } }],
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

    it('anchor the whole string', () => {
      for (const pattern of Object.values(ID_PATTERNS)) {
        expect(pattern.flags).toBe('');
        expect(pattern.source.startsWith('^')).toBe(true);
        expect(pattern.source.endsWith('$')).toBe(true);
      }
    });
  });
});
