/**
 * Every catalogue event moto implements, end to end: a person makes the call
 * with the real SDK, the handler gets its CloudTrail event, and DescribeTags
 * shows that exactly what the call created carries Owner and PrincipalId, and
 * nothing else in the account and region got a tag (not the prerequisites a
 * scenario makes first, not what moto makes on the side).
 *
 * moto (5.2) implements every catalogue event but CreatePlacementGroup and
 * CreateCapacityReservation (MOTO_MISSING); those are covered by their
 * fixtures in the unit tests only.
 */
import { CATALOGUE, LOOKUP_ACTIONS, SUPPORTED_EVENT_NAMES } from '../../functions/tagger/catalogue';
import { allTags, assumeRole, countedTagger } from './moto/aws';
import { MOTO_MISSING, SCENARIOS } from './moto/scenarios';

const REGION = 'us-west-2';

describe('every catalogue event against moto', () => {
  const { handler, calls } = countedTagger();

  it('has a scenario for every catalogue event moto implements, and one only for those', () => {
    expect([...Object.keys(SCENARIOS), ...MOTO_MISSING].sort()).toEqual([...SUPPORTED_EVENT_NAMES]);
  });

  // One fresh account per event, so its tags are the only tags there.
  it.each(Object.keys(SCENARIOS).map((name, index) => [name, `3200000000${String(index).padStart(2, '0')}`]))(
    '%s tags exactly what it created',
    async (name, account) => {
      const session = await assumeRole(account, 'developer', `dev-${name}`.slice(0, 64));
      const { event, expected } = await SCENARIOS[name](session, REGION);
      expect(expected.length).toBeGreaterThan(0);

      calls.length = 0;
      const outcome = await handler(event);

      // One AssumeRole (a new account), the lookup's describe calls, one CreateTags.
      const { lookup } = CATALOGUE[name];
      const describes = lookup ? LOOKUP_ACTIONS[lookup].map((action) => action.replace(/^ec2:/, '')) : [];
      expect([...calls].sort()).toEqual(['AssumeRole', 'CreateTags', ...describes].sort());

      const principalId = session.userIdentity.principalId as string;
      expect(outcome).toMatchObject({ decision: 'tagged', principalId });
      expect([...(outcome as { resourceIds: string[] }).resourceIds].sort()).toEqual([...expected].sort());
      const tagged = Object.fromEntries(expected.map((id) => [id, { Owner: `dev-${name}`.slice(0, 64), PrincipalId: principalId }]));
      expect(await allTags(session.ec2(REGION))).toEqual(tagged);
    },
  );
});
