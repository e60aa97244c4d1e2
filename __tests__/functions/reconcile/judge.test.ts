import { creationIndex, judge, type Creation } from '../../../functions/reconcile/judge';
import { awsMade } from '../../../functions/reconcile/reconcile';
import type { Listed } from '../../../functions/reconcile/inventory';

const creation = (eventId: string, createdAt: string | undefined, ids: string[], owner = 'alice'): Creation =>
  ({
    event: { id: eventId },
    decision: { action: 'tag', createdAt, identity: { owner, principalId: `AROAEXAMPLE:${owner}` } },
    ids,
    tags: { Owner: owner, PrincipalId: `AROAEXAMPLE:${owner}` },
  }) as unknown as Creation;

const volume = (tags: Record<string, string>): Listed => ({ type: 'volume', id: 'vol-0123456789abcdef0', tags });
const KEYS = ['Owner', 'PrincipalId'];

describe('creationIndex', () => {
  it('gives each ID the earliest record naming it (an ENI attached at a later launch keeps its creator)', () => {
    const created = creation('create-eni', '2026-03-01T10:00:00Z', ['eni-0123456789abcdef0']);
    const launch = creation('launch', '2026-03-02T10:00:00Z', ['i-0123456789abcdef0', 'eni-0123456789abcdef0']);
    const index = creationIndex([launch, created]);
    expect(index.get('eni-0123456789abcdef0')).toBe(created);
    expect(index.get('i-0123456789abcdef0')).toBe(launch);
  });

  it('puts a record without a time after every timed one', () => {
    const untimed = creation('untimed', undefined, ['vol-0123456789abcdef0']);
    const timed = creation('timed', '2026-03-02T10:00:00Z', ['vol-0123456789abcdef0']);
    expect(creationIndex([untimed, timed]).get('vol-0123456789abcdef0')).toBe(timed);
  });
});

describe('judge', () => {
  const record = creation('e', '2026-03-01T10:00:00Z', ['vol-0123456789abcdef0']);

  it('leaves a resource whose tags are what its record says', () => {
    expect(judge(volume({ Owner: 'alice', PrincipalId: 'AROAEXAMPLE:alice', Team: 'x' }), record, KEYS)).toEqual({
      action: 'already-tagged',
      creation: record,
    });
  });

  it('tags a resource missing a key, or holding another value, naming each', () => {
    expect(judge(volume({}), record, KEYS)).toEqual({ action: 'tag', creation: record, differs: ['Owner missing', 'PrincipalId missing'] });
    expect(judge(volume({ Owner: 'mallory', PrincipalId: 'AROAEXAMPLE:alice' }), record, KEYS)).toEqual({
      action: 'tag',
      creation: record,
      differs: ['Owner was "mallory"'],
    });
  });

  it('reports a resource lacking a creator tag without a record, with why a record was refused; never guesses', () => {
    expect(judge(volume({ Owner: 'alice' }), undefined, KEYS)).toEqual({ action: 'no-record' });
    expect(judge(volume({}), undefined, KEYS, 'creation record skipped: unsupported-identity-type')).toEqual({
      action: 'no-record',
      why: 'creation record skipped: unsupported-identity-type',
    });
  });

  it('counts a resource carrying both creator tags without a record in the window as tagged (not verifiable)', () => {
    expect(judge(volume({ Owner: 'bob', PrincipalId: 'AIDAEXAMPLE' }), undefined, KEYS)).toEqual({ action: 'already-tagged' });
  });
});

describe('awsMade', () => {
  const listed = (type: Listed['type'], id: string, extra: Partial<Listed> = {}): Listed => ({ type, id, tags: {}, ...extra });

  it("leaves out the default VPC and the parts AWS made with it, and keeps a user's VPC and what users made in the default VPC", () => {
    const resources = [
      listed('vpc', 'vpc-default', { partOf: 'vpc-default', dhcpOptionsId: 'dopt-default' }),
      listed('subnet', 'subnet-default', { partOf: 'vpc-default' }),
      listed('route-table', 'rtb-main', { partOf: 'vpc-default' }),
      listed('network-acl', 'acl-default', { partOf: 'vpc-default' }),
      listed('security-group', 'sg-default', { partOf: 'vpc-default' }),
      listed('internet-gateway', 'igw-default', { partOf: 'vpc-default' }),
      listed('dhcp-options', 'dopt-default'),
      listed('security-group', 'sg-users-own'),
      listed('vpc', 'vpc-users', { dhcpOptionsId: 'dopt-default' }),
      listed('security-group', 'sg-users-vpc-default', { partOf: 'vpc-users' }),
    ];
    expect([...awsMade(resources)].sort()).toEqual([
      'acl-default',
      'dopt-default',
      'igw-default',
      'rtb-main',
      'sg-default',
      'subnet-default',
      'vpc-default',
    ]);
  });
});
