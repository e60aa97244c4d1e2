/**
 * The opt-in session-name trust (README "Session names"): an IAM user may
 * assume the role only under their own user name, so nobody can take a
 * colleague's session name and with it owner control of what they launched.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sessionNameIsUserNameTrust } from '../../modules/policies/session-names';
import { decide, iamUser, roleSession, type Caller, type Document } from '../support/iam-simulate';

const DEV = '333333333333';
const trust = sessionNameIsUserNameTrust({ trustedAccountId: DEV }) as unknown as Document;
const MAY_ASSUME: Document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] };

const assume = (caller: Caller, sessionName: string) =>
  decide({
    caller,
    action: 'sts:AssumeRole',
    resource: `arn:aws:iam::${DEV}:role/developer`,
    context: { 'sts:RoleSessionName': sessionName },
    identityPolicies: [MAY_ASSUME],
    resourcePolicy: trust,
  });

describe('session name = the caller’s IAM user name (sts:RoleSessionName)', () => {
  const bob = iamUser(DEV, 'bob', 'AIDABOBEXAMPLE000001');

  it('lets Bob assume the role as "bob"', async () => {
    expect(await assume(bob, 'bob')).toBe('Allowed');
  });

  it('refuses Bob the session name "alice", which would make him the owner of Alice\'s instances', async () => {
    expect(await assume(bob, 'alice')).toBe('ImplicitlyDenied');
  });

  it('refuses a role session (role chaining), which has no user name to match', async () => {
    expect(await assume(roleSession(DEV, 'ci', 'AROACIEXAMPLE0000001', 'alice'), 'alice')).toBe('ImplicitlyDenied');
  });

  it('is the snippet the README shows', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const snippet = /<!-- snippet session-name-trust -->\n```json\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(snippet && JSON.parse(snippet)).toEqual(sessionNameIsUserNameTrust({ trustedAccountId: '333333333333' }));
  });
});
