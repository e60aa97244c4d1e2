import { resolveIdentity } from '../../../functions/tagger/identity';
import { fixture } from '../../fixtures/cloudtrail-events';

describe('resolveIdentity: the tag values mean what aws:userid means', () => {
  it('IAMUser: the user name, and the unique user ID', () => {
    expect(resolveIdentity(fixture('CreateVolume').detail.userIdentity)).toEqual({
      identity: { owner: 'bob', principalId: 'AIDAEXAMPLEUSERID1234' },
    });
  });

  it('AssumedRole: the session name, and "<role ID>:<session>"', () => {
    expect(resolveIdentity(fixture('RunInstances').detail.userIdentity)).toEqual({
      identity: { owner: 'alice@example.com', principalId: 'AROAEXAMPLEROLEID1234:alice@example.com' },
    });
  });

  it('FederatedUser: the federated name, and "<account>:<name>" as CloudTrail gives it', () => {
    expect(resolveIdentity(fixture('CreateSnapshot').detail.userIdentity)).toEqual({
      identity: { owner: 'carol', principalId: '444455556666:carol' },
    });
  });

  it('Root: "root", and the account ID', () => {
    expect(resolveIdentity(fixture('CreateImage').detail.userIdentity)).toEqual({
      identity: { owner: 'root', principalId: '444455556666' },
    });
  });

  it.each([
    ['AWSService', { type: 'AWSService', invokedBy: 'autoscaling.amazonaws.com' }],
    ['IdentityCenterUser', { type: 'IdentityCenterUser', accountId: '111122223333', onBehalfOf: { userId: 'u-1' } }],
    ['AWSAccount', { type: 'AWSAccount', principalId: 'AIDAEXAMPLEUSERID1234', accountId: '111122223333' }],
    ['no type', { principalId: 'AIDAEXAMPLEUSERID1234', userName: 'bob' }],
  ])('refuses %s as unsupported', (_, userIdentity) => {
    expect(resolveIdentity(userIdentity)).toEqual({ reason: 'unsupported-identity-type' });
  });

  it.each([undefined, null, 'IAMUser', 42])('refuses a missing identity (%p)', (userIdentity) => {
    expect(resolveIdentity(userIdentity)).toEqual({ reason: 'missing-identity' });
  });

  const iamUser = fixture('CreateVolume').detail.userIdentity;
  const assumedRole = fixture('RunInstances').detail.userIdentity;
  const federated = fixture('CreateSnapshot').detail.userIdentity;
  const root = fixture('CreateImage').detail.userIdentity;
  it.each([
    ['IAMUser without userName', { ...iamUser, userName: undefined }],
    ['IAMUser with an empty userName', { ...iamUser, userName: '' }],
    ['IAMUser without principalId', { ...iamUser, principalId: undefined }],
    ['IAMUser with a role ID as principal', { ...iamUser, principalId: 'AROAEXAMPLEROLEID1234' }],
    ['AssumedRole without arn', { ...assumedRole, arn: undefined }],
    ['AssumedRole whose principal names another session', { ...assumedRole, principalId: 'AROAEXAMPLEROLEID1234:mallory' }],
    ['AssumedRole whose principal has no role ID', { ...assumedRole, principalId: 'alice@example.com' }],
    ['AssumedRole with a numeric principal', { ...assumedRole, principalId: 7 }],
    ['FederatedUser from another account', { ...federated, principalId: '999999999999:carol' }],
    ['FederatedUser without accountId', { ...federated, accountId: undefined }],
    ['Root without accountId', { ...root, accountId: undefined }],
    ['Root with a malformed account', { ...root, accountId: '4444', principalId: '4444' }],
    ['Root whose principal is not the account', { ...root, principalId: 'AIDAEXAMPLEUSERID1234' }],
  ])('refuses %s as incomplete', (_, userIdentity) => {
    expect(resolveIdentity(userIdentity)).toEqual({ reason: 'incomplete-identity' });
  });
});
