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
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bundleTagger } from '../../functions/tagger/build';
import { CATALOGUE, LOOKUP_ACTIONS, SUPPORTED_EVENT_NAMES } from '../../functions/tagger/catalogue';
import { allTags, assumeRole, countedTagger } from '../support/moto/aws';
import { MOTO_MISSING, SCENARIOS } from '../support/moto/scenarios';

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

/**
 * The same scenarios through the Lambda bundle in a fresh node: the bundle's
 * SDK is tree-shaken after a source rewrite (build.ts), so every command the
 * catalogue sends (each describe lookup, CreateTags, AssumeRole) is proven to
 * still serialize and parse as the unbundled SDK does.
 */
describe('every catalogue event against moto, through the bundle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tagger-bundle-catalogue-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // A build, a fresh node and 32 scenarios: seconds, not the default 5.
  it('tags exactly what each call created', async () => {
    const bundle = bundleTagger(join(dir, 'bundle'));
    const cases = await Promise.all(
      Object.keys(SCENARIOS).map(async (name, index) => {
        const account = `3300000000${String(index).padStart(2, '0')}`;
        const session = await assumeRole(account, 'developer', `dev-${name}`.slice(0, 64));
        return { name, session, ...(await SCENARIOS[name](session, REGION)) };
      }),
    );
    const eventsFile = join(dir, 'events.json');
    writeFileSync(eventsFile, JSON.stringify(cases.map((c) => c.event)));
    // One cold function, events in sequence, as a warm Lambda would get them;
    // outcomes are marked, since the function's logs and metrics share stdout.
    const script = `const { handler } = require(${JSON.stringify(bundle.dir)});
      (async () => { for (const e of require(${JSON.stringify(eventsFile)})) console.log('OUTCOME ' + JSON.stringify(await handler(e))); })();`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
      env: { ...process.env, TAGGER_ROLE_NAME: 'auto-tag-tagger' },
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    const outcomes = stdout
      .split('\n')
      .filter((line) => line.startsWith('OUTCOME '))
      .map((line) => JSON.parse(line.slice('OUTCOME '.length)));
    expect(outcomes.map((o) => o.decision)).toEqual(cases.map(() => 'tagged'));
    for (const { name, session, expected } of cases) {
      const principalId = session.userIdentity.principalId as string;
      const tagged = Object.fromEntries(expected.map((id) => [id, { Owner: `dev-${name}`.slice(0, 64), PrincipalId: principalId }]));
      expect({ name, tags: await allTags(session.ec2(REGION)) }).toEqual({ name, tags: tagged });
    }
  }, 60_000);
});
