import { crossAccountCaller, resolveIdentity } from '../../../functions/tagger/identity';
import { identityFixtures } from '../../fixtures/all-fixtures';

const fixtures = Object.fromEntries(identityFixtures());
const userIdentity = (name: string): Record<string, unknown> => structuredClone(fixtures[name].userIdentity);

describe('resolveIdentity: the tag values mean what aws:userid means', () => {
  it('has a fixture, with its provenance, for every caller kind and refusal', () => {
    const expected = Object.values(fixtures).map((fixture) => fixture.expected.caller ?? fixture.expected.reason);
    expect(new Set(expected)).toEqual(
      new Set(['IAMUser', 'AssumedRole', 'AWSServiceRole', 'FederatedUser', 'Root', 'AWSService', 'unsupported-identity-type']),
    );
    for (const fixture of Object.values(fixtures)) expect(fixture._source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
  });

  it.each(identityFixtures())('%s', (_, { userIdentity: record, expected }) => {
    expect(resolveIdentity(record)).toEqual('reason' in expected ? expected : { identity: expected });
  });

  it.each([undefined, null, 'IAMUser', 42, []])('refuses a missing identity (%p)', (record) => {
    expect(resolveIdentity(record)).toEqual({ reason: 'missing-identity' });
  });

  it.each([
    ['no type', { principalId: 'AIDAEXAMPLEUSERID1234', userName: 'bob' }, 'undefined'],
    ['a numeric type', { type: 7 }, 'number'],
    ['a very long type', { type: 'X'.repeat(10_000) }, 'X'.repeat(64)],
  ])('refuses %s as unsupported, naming the type briefly', (_, record, identityType) => {
    expect(resolveIdentity(record)).toEqual({ reason: 'unsupported-identity-type', identityType });
  });

  const edited = (name: string, edit: (record: any) => void) => {
    const record = userIdentity(name);
    edit(record);
    return record;
  };
  it.each([
    ['IAMUser without userName', edited('iam-user', (u) => delete u.userName)],
    ['IAMUser with an empty userName', edited('iam-user', (u) => (u.userName = ''))],
    ['IAMUser without principalId', edited('iam-user', (u) => delete u.principalId)],
    ['IAMUser with a role ID as principal', edited('iam-user', (u) => (u.principalId = 'AROAEXAMPLEROLEID1234'))],
    ['AssumedRole without arn', edited('assumed-role', (u) => delete u.arn)],
    ['AssumedRole with a user ARN', edited('assumed-role', (u) => (u.arn = 'arn:aws:iam::111122223333:user/deploy-pipeline'))],
    ['AssumedRole whose principal names another session', edited('assumed-role', (u) => (u.principalId = 'AROAEXAMPLEROLEID1234:mallory'))],
    [
      'AssumedRole whose principal only ends like the session',
      edited('assumed-role', (u) => (u.principalId = 'AROAEXAMPLEROLEID1234:x:deploy-pipeline')),
    ],
    ['AssumedRole whose principal has no role ID', edited('assumed-role', (u) => (u.principalId = 'deploy-pipeline'))],
    ['AssumedRole with a numeric principal', edited('assumed-role', (u) => (u.principalId = 7))],
    [
      'a service-linked role session naming another session',
      edited('auto-scaling-service-linked-role', (u) => (u.principalId = 'AROAEXAMPLEASGROLE123:alice')),
    ],
    ['FederatedUser from another account', edited('federated-user', (u) => (u.principalId = '999999999999:dave'))],
    ['FederatedUser without accountId', edited('federated-user', (u) => delete u.accountId)],
    ['Root without accountId', edited('root', (u) => delete u.accountId)],
    ['Root with a malformed account', edited('root', (u) => (u.accountId = u.principalId = '4444'))],
    ['Root whose principal is not the account', edited('root', (u) => (u.principalId = 'AIDAEXAMPLEUSERID1234'))],
    ['AWSService without invokedBy', edited('aws-service', (u) => delete u.invokedBy)],
    [
      'AWSService invoked by something that is not a service principal',
      edited('aws-service', (u) => (u.invokedBy = 'AIDAEXAMPLEUSERID1234')),
    ],
  ])('refuses %s as incomplete', (_, record) => {
    expect(resolveIdentity(record)).toEqual({ reason: 'incomplete-identity' });
  });

  it('takes a role for a service-linked one only on the path IAM reserves for them', () => {
    const lookalike = edited('auto-scaling-service-linked-role', (u) => {
      u.sessionContext.sessionIssuer.arn = 'arn:aws:iam::111122223333:role/AWSServiceRoleForAutoScaling';
    });
    expect(resolveIdentity(lookalike)).toMatchObject({ identity: { caller: 'AssumedRole', owner: 'AutoScaling' } });
  });
});

describe('crossAccountCaller: a caller from another account than the event', () => {
  it("names the caller's account when it is not the event's", () => {
    expect(crossAccountCaller({ type: 'AssumedRole', accountId: '999999999999' }, '111122223333')).toBe('999999999999');
  });

  it.each([
    ['the same account', { type: 'IAMUser', accountId: '111122223333' }],
    ['no accountId (an AWS service acting as itself)', { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' }],
    ['no identity at all', undefined],
  ])('is undefined for %s', (_, userIdentity) => {
    expect(crossAccountCaller(userIdentity, '111122223333')).toBeUndefined();
  });
});
