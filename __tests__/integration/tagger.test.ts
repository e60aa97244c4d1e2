/**
 * The tagger end to end with the real SDK against moto: people create
 * resources in two accounts and two regions, the handler gets the
 * CloudTrail events of those calls, and DescribeTags in every account and
 * region shows what got tagged.
 */
import {
  CreateImageCommand,
  CreateSnapshotCommand,
  CreateVolumeCommand,
  DescribeImagesCommand,
  RunInstancesCommand,
  type RunInstancesCommandOutput,
} from '@aws-sdk/client-ec2';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bundleTagger } from '../../functions/tagger/build';
import { cloudTrailEvent } from '../fixtures/cloudtrail-events';
import { captureLogs } from '../support/tagger/fakes';
import { instantBackoff, lambdaContext } from '../support/tagger/harness';
import { allTags, assumeRole, countedTagger, type Session } from '../support/moto/aws';

const A = '210000000001';
const B = '210000000002';
const EU = 'eu-west-1';
const US = 'us-east-1';
const PLACES = [
  [A, EU],
  [A, US],
  [B, EU],
  [B, US],
] as const;

const backoff = instantBackoff();
const { handler, calls } = countedTagger({ backoff });

/** Invokes the handler and returns its outcome with the AWS calls it made. */
const invoke = async (event: unknown) => {
  calls.length = 0;
  const outcome = await handler(event as never);
  return { outcome, calls: [...calls] };
};

// CloudTrail's rendering of the responses: lowercase keys, lists as { items }.
// A launch response has no volumes yet (`blockDeviceMapping: {}`), as on AWS.
const runInstancesResponse = (output: RunInstancesCommandOutput) => ({
  reservationId: output.ReservationId,
  instancesSet: {
    items: output.Instances!.map((instance) => ({
      instanceId: instance.InstanceId,
      blockDeviceMapping: {},
      networkInterfaceSet: { items: instance.NetworkInterfaces!.map((eni) => ({ networkInterfaceId: eni.NetworkInterfaceId })) },
    })),
  },
});
const launched = (output: RunInstancesCommandOutput) =>
  output.Instances!.flatMap((instance) => [
    instance.InstanceId!,
    ...instance.NetworkInterfaces!.map((eni) => eni.NetworkInterfaceId!),
    ...instance.BlockDeviceMappings!.map((mapping) => mapping.Ebs!.VolumeId!),
  ]);

const iamUser = (account: string, name: string) => ({
  type: 'IAMUser',
  principalId: 'AIDAEXAMPLEUSERID1234',
  arn: `arn:aws:iam::${account}:user/${name}`,
  accountId: account,
  userName: name,
});
const federatedUser = (account: string, name: string) => ({
  type: 'FederatedUser',
  principalId: `${account}:${name}`,
  arn: `arn:aws:sts::${account}:federated-user/${name}`,
  accountId: account,
});
const root = (account: string) => ({ type: 'Root', principalId: account, arn: `arn:aws:iam::${account}:root`, accountId: account });

const tagged = (owner: string, principalId: string) => ({ Owner: owner, PrincipalId: principalId });

describe('tagger against moto: two accounts, two regions', () => {
  let alice: Session; // a developer in A
  let opsA: Session; // whoever else works in A (no events: nothing of theirs is tagged)
  let opsB: Session;
  const admin: Record<string, Session> = {};
  const tagsIn = (account: string, region: string) => allTags(admin[account].ec2(region));

  const expected: Record<string, Record<string, Record<string, string>>> = {};
  const expect_ = (account: string, region: string, ids: string[], tags: Record<string, string>) => {
    for (const id of ids) (expected[`${account}/${region}`] ??= {})[id] = tags;
  };
  let runEvent: unknown;
  const firstCalls: { name: string; calls: string[] }[] = [];

  beforeAll(async () => {
    [alice, opsA, opsB, admin[A], admin[B]] = await Promise.all([
      assumeRole(A, 'developer', 'alice'),
      assumeRole(A, 'operator', 'ops'),
      assumeRole(B, 'operator', 'ops'),
      assumeRole(A, 'audit', 'audit'),
      assumeRole(B, 'audit', 'audit'),
    ]);
    const { Images } = await alice.ec2(EU).send(new DescribeImagesCommand({ Owners: ['amazon'] }));
    const ImageId = Images![0].ImageId!;
    const launch = (session: Session, region: string, count: number) =>
      session.ec2(region).send(new RunInstancesCommand({ ImageId, MinCount: count, MaxCount: count, InstanceType: 't3.micro' }));
    const volume = (session: Session, region: string) =>
      session.ec2(region).send(new CreateVolumeCommand({ AvailabilityZone: `${region}a`, Size: 8 }));

    // Bystanders in every account and region: created without an event, never tagged.
    for (const [account, region] of PLACES) {
      const ops = account === A ? opsA : opsB;
      await launch(ops, region, 1);
      await volume(ops, region);
    }

    // A, eu-west-1: alice launches two instances (each with a root volume and an ENI).
    const run = await launch(alice, EU, 2);
    runEvent = cloudTrailEvent('RunInstances', {
      account: A,
      region: EU,
      userIdentity: alice.userIdentity,
      responseElements: runInstancesResponse(run),
    });
    expect_(A, EU, launched(run), tagged('alice', alice.userIdentity.principalId as string));

    // A, us-east-1: bob (an IAM user) creates a volume.
    const vol = await volume(opsA, US);
    const volumeEvent = cloudTrailEvent('CreateVolume', {
      account: A,
      region: US,
      userIdentity: iamUser(A, 'bob'),
      responseElements: { volumeId: vol.VolumeId },
    });
    expect_(A, US, [vol.VolumeId!], tagged('bob', 'AIDAEXAMPLEUSERID1234'));

    // B, us-east-1: carol (federated) snapshots a volume; root images an instance.
    const source = await volume(opsB, US);
    const snap = await opsB.ec2(US).send(new CreateSnapshotCommand({ VolumeId: source.VolumeId }));
    const snapshotEvent = cloudTrailEvent('CreateSnapshot', {
      account: B,
      region: US,
      userIdentity: federatedUser(B, 'carol'),
      responseElements: { snapshotId: snap.SnapshotId, volumeId: source.VolumeId },
    });
    expect_(B, US, [snap.SnapshotId!], tagged('carol', `${B}:carol`));

    const web = await launch(opsB, US, 1);
    const image = await opsB.ec2(US).send(new CreateImageCommand({ InstanceId: web.Instances![0].InstanceId, Name: 'web' }));
    const imageEvent = cloudTrailEvent('CreateImage', {
      account: B,
      region: US,
      userIdentity: root(B),
      responseElements: { imageId: image.ImageId },
    });
    const { Images: [created] = [] } = await opsB.ec2(US).send(new DescribeImagesCommand({ ImageIds: [image.ImageId!] }));
    const imageSnapshots = created.BlockDeviceMappings!.map((mapping) => mapping.Ebs!.SnapshotId!);
    expect(imageSnapshots).not.toHaveLength(0);
    expect_(B, US, [image.ImageId!, ...imageSnapshots], tagged('root', B));

    for (const [name, event] of [
      ['RunInstances', runEvent],
      ['CreateVolume', volumeEvent],
      ['CreateSnapshot', snapshotEvent],
      ['CreateImage', imageEvent],
    ] as const) {
      const result = await invoke(event);
      expect(result.outcome).toMatchObject({ decision: 'tagged' });
      firstCalls.push({ name, calls: result.calls });
    }
  });

  it('tags exactly what each event created, with exactly Owner and PrincipalId, and nothing else anywhere', async () => {
    for (const [account, region] of PLACES) {
      expect({ place: `${account}/${region}`, tags: await tagsIn(account, region) }).toEqual({
        place: `${account}/${region}`,
        tags: expected[`${account}/${region}`] ?? {},
      });
    }
  });

  it('makes one CreateTags per event, a describe only where the event lacks IDs, and one AssumeRole per account', () => {
    expect(firstCalls).toEqual([
      { name: 'RunInstances', calls: ['AssumeRole', 'DescribeInstances', 'CreateTags'] },
      // Same account, other region: the credentials are reused.
      { name: 'CreateVolume', calls: ['CreateTags'] },
      { name: 'CreateSnapshot', calls: ['AssumeRole', 'CreateTags'] },
      { name: 'CreateImage', calls: ['DescribeImages', 'CreateTags'] },
    ]);
  });

  it('is harmless when the same event arrives twice', async () => {
    const before = await tagsIn(A, EU);
    const again = await invoke(runEvent);
    expect(again.outcome).toMatchObject({ decision: 'tagged' });
    expect(again.calls).toEqual(['DescribeInstances', 'CreateTags']);
    expect(await tagsIn(A, EU)).toEqual(before);
  });

  describe('events it must not act on', () => {
    it('leaves no tags and calls nothing for a dry run, a record naming another account or region, a read-only call, another service', async () => {
      const vol = await alice.ec2(EU).send(new CreateVolumeCommand({ AvailabilityZone: 'eu-west-1a', Size: 1 }));
      const event = () =>
        cloudTrailEvent('CreateVolume', {
          account: A,
          region: EU,
          userIdentity: alice.userIdentity,
          responseElements: { volumeId: vol.VolumeId },
        });

      const dryRun = event();
      dryRun.detail.errorCode = 'Client.DryRunOperation';
      const mismatch = event();
      mismatch.account = B;
      const regionMismatch = event();
      regionMismatch.detail.awsRegion = US;
      const readOnly = event();
      readOnly.detail.eventName = 'DescribeVolumes';
      readOnly.detail.readOnly = true;
      const otherService = event();
      otherService.source = 'aws.s3';
      otherService.detail.eventSource = 's3.amazonaws.com';

      for (const [skipped, reason] of [
        [dryRun, 'api-error'],
        [mismatch, 'envelope-mismatch'],
        [regionMismatch, 'envelope-mismatch'],
        [readOnly, 'unsupported-event'],
        [otherService, 'unsupported-event'],
      ] as const) {
        const result = await invoke(skipped);
        expect(result).toEqual({ outcome: expect.objectContaining({ decision: 'skipped', reason }), calls: [] });
      }
      expect((await tagsIn(A, EU))[vol.VolumeId!]).toBeUndefined();
    });

    it('acts only in the envelope account: a resource of another account is not found there, and the event fails after the retries', async () => {
      const vol = await alice.ec2(EU).send(new CreateVolumeCommand({ AvailabilityZone: 'eu-west-1a', Size: 1 }));
      const elsewhere = cloudTrailEvent('CreateVolume', {
        account: B,
        region: EU,
        userIdentity: iamUser(B, 'mallory'),
        responseElements: { volumeId: vol.VolumeId },
      });
      backoff.waits.length = 0;
      calls.length = 0;
      await expect(handler(elsewhere)).rejects.toMatchObject({ name: 'InvalidVolume.NotFound' });
      expect(calls).toEqual(Array(6).fill('CreateTags'));
      expect(backoff.waits).toHaveLength(5);
      expect((await tagsIn(A, EU))[vol.VolumeId!]).toBeUndefined();
      expect(await tagsIn(B, EU)).toEqual({});
    });
  });
});

describe('a burst: 1,000 events from 10 accounts at once, one warm function', () => {
  const ACCOUNTS = Array.from({ length: 10 }, (_, n) => String(220000000000 + n));
  const PER_ACCOUNT = 100;

  it("assumes each account's role once (concurrent events share the call in flight), and tags all 1,000 volumes", async () => {
    const made = await Promise.all(
      ACCOUNTS.map(async (account) => {
        const dev = await assumeRole(account, 'developer', `dev-${account}`);
        const events: unknown[] = [];
        for (let n = 0; n < PER_ACCOUNT; n++) {
          const vol = await dev.ec2(EU).send(new CreateVolumeCommand({ AvailabilityZone: 'eu-west-1a', Size: 1 }));
          events.push(
            cloudTrailEvent('CreateVolume', {
              account,
              region: EU,
              userIdentity: dev.userIdentity,
              responseElements: { volumeId: vol.VolumeId },
            }),
          );
        }
        return { dev, events };
      }),
    );
    // Interleaved as a busy organization sends them, and handled 100 at a time,
    // so the first wave asks for every account at once.
    const burst = Array.from({ length: PER_ACCOUNT }, (_, n) => made.map(({ events }) => events[n])).flat();
    const { handler: warm, calls: burstCalls, counted } = countedTagger();
    for (let start = 0; start < burst.length; start += 100) {
      await Promise.all(burst.slice(start, start + 100).map((event) => warm(event as never)));
    }

    const tally = burstCalls.reduce<Record<string, number>>((n, call) => ({ ...n, [call]: (n[call] ?? 0) + 1 }), {});
    expect(tally).toEqual({ AssumeRole: 10, CreateTags: 1000 });
    expect(counted).toEqual(Array(1000).fill('Tagged/AssumedRole'));
    for (const { dev } of made) {
      const tags = Object.values(await allTags(dev.ec2(EU)));
      expect(tags).toHaveLength(PER_ACCOUNT);
      expect(new Set(tags.map((t) => JSON.stringify(t)))).toEqual(
        new Set([JSON.stringify({ Owner: dev.userIdentity.arn!.toString().split('/').pop(), PrincipalId: dev.userIdentity.principalId })]),
      );
    }
  }, 120_000);
});

describe('what the creator asked for, and the extra tags', () => {
  const D = '210000000004';

  it('overwrites a PrincipalId the creator set at launch with the truth, and writes the configured extra tags', async () => {
    const dev = await assumeRole(D, 'developer', 'erin');
    const Tags = [
      { Key: 'PrincipalId', Value: 'AROAVICTIMROLEID12345:victim' },
      { Key: 'Name', Value: 'data' },
    ];
    const vol = await dev
      .ec2(EU)
      .send(new CreateVolumeCommand({ AvailabilityZone: 'eu-west-1a', Size: 1, TagSpecifications: [{ ResourceType: 'volume', Tags }] }));
    expect((await allTags(dev.ec2(EU)))[vol.VolumeId!]).toMatchObject({ PrincipalId: 'AROAVICTIMROLEID12345:victim' });
    const event = cloudTrailEvent('CreateVolume', {
      account: D,
      region: EU,
      userIdentity: dev.userIdentity,
      responseElements: { volumeId: vol.VolumeId },
    });
    // As CloudTrail records the request's tag specifications.
    event.detail.requestParameters = {
      ...event.detail.requestParameters,
      tagSpecificationSet: { items: [{ resourceType: 'volume', tags: Tags.map(({ Key, Value }) => ({ key: Key, value: Value })) }] },
    };
    const { handler: tagger } = countedTagger({
      env: { CREATED_AT_TAG_KEY: 'CreatedAt', CREATOR_ARN_TAG_KEY: 'CreatorArn', INVOKED_BY_TAG_KEY: 'InvokedBy' },
    });

    const outcome = await tagger(event);

    expect(outcome).toMatchObject({
      decision: 'tagged',
      overridden: [{ key: 'PrincipalId', requested: 'AROAVICTIMROLEID12345:victim', written: dev.userIdentity.principalId }],
    });
    expect((await allTags(dev.ec2(EU)))[vol.VolumeId!]).toEqual({
      Name: 'data',
      Owner: 'erin',
      PrincipalId: dev.userIdentity.principalId,
      CreatedAt: event.detail.eventTime,
      CreatorArn: dev.userIdentity.arn,
      InvokedBy: '',
    });
  });
});

describe('the Lambda entry against moto', () => {
  const C = '210000000003';
  const env = { ...process.env };
  afterAll(() => {
    process.env = env;
  });

  it("index.handler reads its settings from the environment, tags in the event account, and writes one log line with Lambda's context, its count and its delay", async () => {
    Object.assign(process.env, { TAGGER_ROLE_NAME: 'auto-tag-tagger', OWNER_TAG_KEY: 'CreatedBy', PRINCIPAL_ID_TAG_KEY: 'CreatorId' });
    const { handler: entry } = await import('../../functions/tagger/index');
    const dev = await assumeRole(C, 'developer', 'dave');
    const vol = await dev.ec2(EU).send(new CreateVolumeCommand({ AvailabilityZone: 'eu-west-1a', Size: 1 }));

    const { result, logs } = await captureLogs(() =>
      entry(
        cloudTrailEvent('CreateVolume', {
          account: C,
          region: EU,
          userIdentity: dev.userIdentity,
          responseElements: { volumeId: vol.VolumeId },
        }),
        lambdaContext('request-1'),
      ),
    );

    expect(result).toMatchObject({ decision: 'tagged', resourceIds: [vol.VolumeId], delayMs: expect.any(Number) });
    const emf = (metric: string) =>
      expect.objectContaining({
        _aws: expect.objectContaining({ CloudWatchMetrics: [expect.objectContaining({ Namespace: 'AutoTag' })] }),
        [metric]: expect.any(Number),
      });
    // The delay is flushed on its own as soon as the tags are written; the line and the count follow.
    expect(logs).toEqual([
      emf('TagDelay'),
      expect.objectContaining({ message: 'tagged', account: C, region: EU, resourceIds: [vol.VolumeId], function_request_id: 'request-1' }),
      emf('Tagged'),
    ]);
    expect(await allTags(dev.ec2(EU))).toEqual({
      [vol.VolumeId!]: { CreatedBy: 'dave', CreatorId: dev.userIdentity.principalId },
    });
  });

  it('the bundle (tree-shaken SDK inside) assumes the role, describes and tags, in a fresh node', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagger-bundle-moto-'));
    try {
      const bundle = bundleTagger(dir);
      const dev = await assumeRole(C, 'developer', 'fay');
      const { Images } = await dev.ec2(US).send(new DescribeImagesCommand({ Owners: ['amazon'] }));
      const run = await dev.ec2(US).send(new RunInstancesCommand({ ImageId: Images![0].ImageId, MinCount: 1, MaxCount: 1 }));
      const event = cloudTrailEvent('RunInstances', {
        account: C,
        region: US,
        userIdentity: dev.userIdentity,
        responseElements: runInstancesResponse(run),
      });
      const script = `require(${JSON.stringify(bundle.dir)}).handler(JSON.parse(process.argv[1])).then((outcome) => console.log(JSON.stringify(outcome)))`;
      const { stdout } = await promisify(execFile)(process.execPath, ['-e', script, JSON.stringify(event)], {
        env: { ...process.env, TAGGER_ROLE_NAME: 'auto-tag-tagger', OWNER_TAG_KEY: '', PRINCIPAL_ID_TAG_KEY: '' },
        encoding: 'utf8',
      });
      expect(JSON.parse(stdout.trim().split('\n').pop()!)).toMatchObject({ decision: 'tagged', caller: 'AssumedRole' });
      const tags = await allTags(dev.ec2(US));
      expect(Object.keys(tags).sort()).toEqual(launched(run).sort());
      for (const id of launched(run)) expect(tags[id]).toEqual(tagged('fay', dev.userIdentity.principalId as string));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
