/**
 * reconcile end to end with the real SDK against moto: an organization
 * where people made every catalogue call moto implements. Some calls were
 * tagged by their events, some were made "before deployment" (their records
 * are only in the trail), one event was "dropped", one resource had its tags
 * removed, one was tagged with a wrong owner, one has no record at all. The
 * records are real gzipped log files in moto's S3 under the org trail's key
 * layout; a second account's records come from LookupEvents, served by a
 * loopback stub speaking CloudTrail's JSON protocol (moto has no LookupEvents).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CreateTagsCommand, CreateVolumeCommand, DeleteTagsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { createdResourceTypes, SUPPORTED_EVENT_NAMES } from '../../functions/tagger/catalogue';
import { CLIENT_CONFIG } from '../../functions/tagger/credentials';
import { readSettings } from '../../functions/tagger/environment';
import { reconcile, type Row } from '../../functions/reconcile/reconcile';
import { wireReconcile } from '../../functions/reconcile/wiring';
import { allTags, assumeRole, countCalls, countedTagger, type Session } from '../support/moto/aws';
import { SCENARIOS, type ScenarioResult } from '../support/moto/scenarios';
import { startLookupEventsStub, type LookupEventsStub } from '../support/reconcile/lookup-events-stub';
import { createTrailBucket, logFileKey, putLogFile } from '../support/reconcile/trail-logs';

const ORG = 'o-reconcile01';
const MANAGEMENT = '310000000000';
const S3_ACCOUNT = '310000000001';
const LOOKUP_ACCOUNT = '310000000002';
const EU = 'eu-west-1';
const US = 'us-east-1';
const BUCKET = 'reconcile-org-trail';
const DAY = 86_400_000;

// moto implements neither DescribeCapacityReservations nor DescribePlacementGroups (nor the calls that create them).
const MOTO_UNLISTABLE = new Set(['capacity-reservation', 'placement-group']);
const TYPES = createdResourceTypes().filter((type) => !MOTO_UNLISTABLE.has(type));
const settings = readSettings({ TAGGER_ROLE_NAME: 'auto-tag-tagger' });
const silent = new Logger({ logLevel: 'SILENT' });

/** Metrics as "Name/dimension value", as the tagger counts them. */
const countingMetrics = () => {
  const counted: string[] = [];
  let dimension = '';
  return {
    counted,
    metrics: {
      addDimension: (_: string, value: string) => void (dimension = value),
      addMetric: (name: string) => void counted.push(`${name}/${dimension}`),
      publishStoredMetrics: () => void (dimension = ''),
      singleMetric: () => ({ addMetric: () => undefined }),
    },
  };
};

/** The reconcile deps with every AWS call counted, reading the trail bucket `bucket` (LookupEvents where it cannot be read). */
const wired = (calls: string[], { bucket = BUCKET, lookupEventsPerSecond }: { bucket?: string; lookupEventsPerSecond?: number } = {}) => {
  const { metrics, counted } = countingMetrics();
  const deps = wireReconcile({
    settings,
    sts: countCalls(new STSClient(CLIENT_CONFIG), calls),
    trail: {
      s3: countCalls(new S3Client({ region: EU, forcePathStyle: true }) as never, calls) as unknown as S3Client,
      bucket,
      organizationId: ORG,
    },
    since: new Date(Date.now() - 30 * DAY),
    ...(lookupEventsPerSecond && { lookupEventsPerSecond }),
    logger: silent,
    metrics,
    clients: {
      ec2Client: (config) => countCalls(new EC2Client(config), calls),
      cloudtrail: (config) => countCalls(new CloudTrailClient(config) as never, calls) as unknown as CloudTrailClient,
    },
  });
  return { deps, counted };
};

/** The record of a scenario's call, as the trail wrote it a few minutes after the call. */
const recordOf = (result: ScenarioResult, minutesAgo: number) => ({
  ...result.event.detail,
  eventTime: new Date(Date.now() - minutesAgo * 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
});

const byResource = (rows: readonly Row[]) => Object.fromEntries(rows.map((row) => [row.resource, row]));

describe('reconcile against moto: the S3 path', () => {
  let alice: Session;
  let admin: Session;
  const results: Record<string, ScenarioResult> = {};
  let withoutRecord: string;
  let first: Row[];
  let firstCalls: string[];
  let firstMetrics: string[];

  beforeAll(async () => {
    [alice, admin] = await Promise.all([assumeRole(S3_ACCOUNT, 'developer', 'alice'), assumeRole(S3_ACCOUNT, 'audit', 'audit')]);
    for (const [name, scenario] of Object.entries(SCENARIOS)) results[name] = await scenario(alice, EU);
    withoutRecord = (await admin.ec2(EU).send(new CreateVolumeCommand({ AvailabilityZone: `${EU}a`, Size: 1 }))).VolumeId!;

    // Tagged by their events when they happened.
    const { handler } = countedTagger();
    for (const name of ['CreateVolume', 'CreateSnapshot', 'CreateSecurityGroup']) await handler(results[name].event);
    // Someone removed the snapshot's tags; someone else's admin wrote a wrong owner on the group.
    const ec2 = admin.ec2(EU);
    await ec2.send(new DeleteTagsCommand({ Resources: results.CreateSnapshot.expected, Tags: [{ Key: 'Owner' }, { Key: 'PrincipalId' }] }));
    await ec2.send(new CreateTagsCommand({ Resources: results.CreateSecurityGroup.expected, Tags: [{ Key: 'Owner', Value: 'mallory' }] }));
    // RunInstances' event was dropped; every other call was made before auto-tag was deployed: only the trail has them.

    const s3 = new S3Client({ region: EU, forcePathStyle: true });
    await createTrailBucket(s3, BUCKET, EU);
    const records = Object.values(results).map((result, i) => recordOf(result, 60 - i));
    const today = new Date();
    // Two files of the organization layout, one of the single-account layout (a trail of the account's own),
    // with what else a trail holds: another service's call, a read-only call, a failed call.
    const noise = [
      { ...records[0], eventSource: 's3.amazonaws.com', eventName: 'CreateBucket' },
      { ...records[0], eventName: 'DescribeInstances', readOnly: true },
      { ...records[1], errorCode: 'Client.UnauthorizedOperation', responseElements: null },
    ];
    await putLogFile(s3, BUCKET, logFileKey({ organizationId: ORG }, S3_ACCOUNT, EU, today), [...records.slice(0, 10), ...noise]);
    await putLogFile(s3, BUCKET, logFileKey({ organizationId: ORG }, S3_ACCOUNT, EU, today), records.slice(10, -1));
    await putLogFile(s3, BUCKET, logFileKey({}, S3_ACCOUNT, EU, today), records.slice(-1));
    // Older than the window: never read.
    await putLogFile(s3, BUCKET, logFileKey({ organizationId: ORG }, S3_ACCOUNT, EU, new Date(Date.now() - 60 * DAY)), [
      { ...records[0], userIdentity: { ...records[0].userIdentity, arn: 'never read' } },
    ]);
    // Another account's files: not this account's resources.
    await putLogFile(s3, BUCKET, logFileKey({ organizationId: ORG }, MANAGEMENT, EU, today), records);

    firstCalls = [];
    const { deps, counted } = wired(firstCalls);
    first = await reconcile(deps, [{ account: S3_ACCOUNT, region: EU }], { types: TYPES });
    firstMetrics = counted;
  });

  it('tags every resource whose record is in the trail with its true creator, as the function would have', async () => {
    const tags = await allTags(admin.ec2(EU));
    const alicesTags = { Owner: 'alice', PrincipalId: alice.userIdentity.principalId };
    for (const [name, result] of Object.entries(results)) {
      for (const id of result.expected) expect({ name, id, tags: tags[id] }).toEqual({ name, id, tags: alicesTags });
    }
    expect(tags[withoutRecord]).toBeUndefined();
  });

  it('reports each resource with its action: tagged (dropped, before deployment, removed, wrong), already-tagged, no-record', () => {
    const rows = byResource(first);
    const action = (name: string) => [...new Set(results[name].expected.map((id) => rows[id]?.action))];
    expect(action('CreateVolume')).toEqual(['already-tagged']);
    expect(action('RunInstances')).toEqual(['tagged']);
    expect(action('CreateVpc')).toEqual(['tagged']);
    expect(action('CreateSnapshot')).toEqual(['tagged']);
    expect(rows[results.CreateSnapshot.expected[0]].detail).toBe('Owner missing; PrincipalId missing');
    expect(rows[results.CreateSecurityGroup.expected[0]]).toMatchObject({
      action: 'tagged',
      detail: 'Owner was "mallory"',
      creator: 'alice',
      eventName: 'CreateSecurityGroup',
      source: 's3',
    });
    expect(rows[withoutRecord]).toMatchObject({ action: 'no-record', account: S3_ACCOUNT, region: EU, type: 'volume' });
    expect(first.filter((row) => row.action === 'failed')).toEqual([]);
  });

  it('writes through the function: one CreateTags per record, its Tagged metric, the same AssumeRole', () => {
    const taggedRecords = new Set(first.filter((row) => row.action === 'tagged').map((row) => row.eventId)).size;
    expect(firstCalls.filter((call) => call === 'CreateTags')).toHaveLength(taggedRecords);
    expect(firstMetrics).toEqual(Array(taggedRecords).fill('Tagged/AssumedRole'));
    expect(firstCalls.filter((call) => call === 'AssumeRole')).toEqual(['AssumeRole']);
    // The listing: one Describe per type (one page each here), nothing else beyond lookups, S3 and the tags.
    expect(firstCalls.filter((call) => call === 'GetObject')).toHaveLength(3);
  });

  it('changes nothing on a second run', async () => {
    const before = await allTags(admin.ec2(EU));
    const calls: string[] = [];
    const { deps, counted } = wired(calls);
    const second = await reconcile(deps, [{ account: S3_ACCOUNT, region: EU }], { types: TYPES });
    // moto differs from AWS here: its DescribeLaunchTemplates returns the tags a template was created with, never
    // those CreateTags wrote later (moto/ec2/models/launch_templates.py keeps a copy), so the template looks
    // untagged again and is re-tagged with the same values. AWS returns the current tags.
    const changed = second.filter((row) => row.action !== 'already-tagged' && row.action !== 'no-record');
    expect(changed.map((row) => [row.type, row.action])).toEqual([['launch-template', 'tagged']]);
    expect(calls.filter((call) => call === 'CreateTags')).toHaveLength(1);
    expect(counted).toEqual(['Tagged/AssumedRole']);
    expect(byResource(second)[withoutRecord].action).toBe('no-record');
    expect(await allTags(admin.ec2(EU))).toEqual(before);
  });

  it('says what it would do in a dry run, and writes nothing', async () => {
    const volume = (await alice.ec2(EU).send(new CreateVolumeCommand({ AvailabilityZone: `${EU}a`, Size: 1 }))).VolumeId!;
    const s3 = new S3Client({ region: EU, forcePathStyle: true });
    const record = recordOf(
      {
        ...results.CreateVolume,
        event: {
          ...results.CreateVolume.event,
          detail: { ...results.CreateVolume.event.detail, eventID: 'dry-run', responseElements: { volumeId: volume } },
        },
      },
      1,
    );
    await putLogFile(s3, BUCKET, logFileKey({ organizationId: ORG }, S3_ACCOUNT, EU, new Date()), [record]);
    const calls: string[] = [];
    const rows = await reconcile(wired(calls).deps, [{ account: S3_ACCOUNT, region: EU }], { types: ['volume'], dryRun: true });
    expect(byResource(rows)[volume]).toMatchObject({ action: 'would-tag', creator: 'alice', detail: 'Owner missing; PrincipalId missing' });
    expect(calls).not.toContain('CreateTags');
    expect((await allTags(admin.ec2(EU)))[volume]).toBeUndefined();
  });
});

describe('reconcile against moto: LookupEvents where the bucket cannot be read', () => {
  let stub: LookupEventsStub;
  let bob: Session;
  let admin: Session;
  const results: Record<string, ScenarioResult> = {};
  let rows: Row[];
  const calls: string[] = [];

  beforeAll(async () => {
    [bob, admin] = await Promise.all([assumeRole(LOOKUP_ACCOUNT, 'developer', 'bob'), assumeRole(LOOKUP_ACCOUNT, 'audit', 'audit')]);
    for (const name of ['RunInstances', 'CreateVolume', 'CreateVpc']) results[name] = await SCENARIOS[name](bob, US);
    // Two records of one name: the stub serves them on two pages.
    results.AnotherVolume = await SCENARIOS.CreateVolume(bob, US);
    const records = Object.values(results).map((result, i) => recordOf(result, 30 - i));
    // Every third call is throttled once: the SDK's adaptive retry backs off and repeats it.
    stub = await startLookupEventsStub({ records, pageSize: 1, throttle: (call) => call % 3 === 0 });
    process.env.AWS_ENDPOINT_URL_CLOUDTRAIL = stub.endpoint;
    // A bucket the sweep cannot read (here: none by that name).
    // The limiter's 2 per second is unit-tested; here it would only make the test wait 20 s.
    rows = await reconcile(
      wired(calls, { bucket: 'no-such-trail-bucket', lookupEventsPerSecond: 100 }).deps,
      [{ account: LOOKUP_ACCOUNT, region: US }],
      { types: TYPES },
    );
  });

  afterAll(async () => {
    delete process.env.AWS_ENDPOINT_URL_CLOUDTRAIL;
    await stub?.close();
  });

  it('falls back to LookupEvents and tags what the records say', async () => {
    const tags = await allTags(admin.ec2(US));
    for (const [name, result] of Object.entries(results)) {
      for (const id of result.expected) {
        expect({ name, id, tags: tags[id] }).toEqual({ name, id, tags: { Owner: 'bob', PrincipalId: bob.userIdentity.principalId } });
        expect(byResource(rows)[id]).toMatchObject({ action: 'tagged', source: 'lookup-events' });
      }
    }
  });

  it('asks for each catalogue event by name in the region, follows every page, and retries throttled calls', () => {
    const names = stub.requests.map((request) => request.body.LookupAttributes?.[0]);
    expect(new Set(names.map((a) => a?.AttributeValue))).toEqual(new Set(SUPPORTED_EVENT_NAMES));
    expect(names.every((a) => a?.AttributeKey === 'EventName')).toBe(true);
    expect(new Set(stub.requests.map((request) => request.region))).toEqual(new Set([US]));
    // One record per page: CreateVolume's second record was asked for by the first page's token.
    expect(
      stub.requests.filter((request) => request.body.NextToken !== undefined).map((r) => r.body.LookupAttributes?.[0].AttributeValue),
    ).toEqual(['CreateVolume']);
    const throttled = stub.requests.filter((_, i) => (i + 1) % 3 === 0).length;
    expect(calls.filter((call) => call === 'LookupEvents')).toHaveLength(stub.requests.length);
    expect(throttled).toBeGreaterThan(0);
  });
});
