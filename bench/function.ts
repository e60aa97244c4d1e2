/**
 * Figures for the tagger function (npm run bench:function); prints, asserts nothing.
 *  - bundle size, and cold require time of the bundle in fresh node processes;
 *  - handler time and AWS calls per event, by event, against a local moto server;
 *  - AssumeRole calls for a burst of events from N accounts (one cold function).
 * Times against moto measure the function plus moto on this machine, not AWS latency.
 */
import {
  CreateImageCommand,
  CreateSnapshotCommand,
  CreateVolumeCommand,
  DescribeImagesCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cloudTrailEvent, type FixtureName } from '../__tests__/fixtures/cloudtrail-events';
import { assumeRole, countedTagger } from '../__tests__/integration/moto/aws';
import { sdkEnv, startMoto } from '../__tests__/integration/moto/server';
import { bundleTagger } from '../functions/tagger/build';

const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 7);
const EVENTS_PER_KIND = Number(process.env.BENCH_EVENTS ?? 20);
const BURST_ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 25);
const BURST_EVENTS_PER_ACCOUNT = 4;
const REGION = 'eu-west-1';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;
const tally = (calls: string[]) =>
  Object.entries(calls.reduce<Record<string, number>>((n, call) => ({ ...n, [call]: (n[call] ?? 0) + 1 }), {}))
    .map(([call, n]) => `${call}×${n}`)
    .join(' ');

const bundleFigures = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tagger-bench-'));
  try {
    const bundle = bundleTagger(dir);
    console.log(`bundle: ${bundle.bytes} bytes (${(bundle.bytes / 1024).toFixed(0)} KiB), minified, SDK and Powertools inside`);
    const script = `const t = process.hrtime.bigint(); require(${JSON.stringify(bundle.dir)}); console.log(Number(process.hrtime.bigint() - t) / 1e6)`;
    const times = Array.from({ length: COLD_RUNS }, () =>
      Number(execFileSync(process.execPath, ['-e', script], { env: { PATH: process.env.PATH, TAGGER_ROLE_NAME: 'auto-tag-tagger' }, encoding: 'utf8' })),
    );
    console.log(`cold require of the bundle: median ${median(times).toFixed(1)} ms over ${COLD_RUNS} fresh node ${process.version} processes (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** One real call of each kind in a fresh account, and its CloudTrail event. */
const eventsOfEachKind = async (account: string): Promise<[FixtureName, unknown][]> => {
  const dev = await assumeRole(account, 'developer', 'alice');
  const ec2 = dev.ec2(REGION);
  const at = (responseElements: unknown) => ({ account, region: REGION, userIdentity: dev.userIdentity, responseElements });
  const { Images } = await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'] }));
  const run = await ec2.send(new RunInstancesCommand({ ImageId: Images![0].ImageId, MinCount: 2, MaxCount: 2 }));
  const volume = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${REGION}a`, Size: 8 }));
  const snapshot = await ec2.send(new CreateSnapshotCommand({ VolumeId: volume.VolumeId }));
  const image = await ec2.send(new CreateImageCommand({ InstanceId: run.Instances![0].InstanceId, Name: 'bench' }));
  const instancesSet = {
    items: run.Instances!.map((i) => ({
      instanceId: i.InstanceId,
      networkInterfaceSet: { items: i.NetworkInterfaces!.map((eni) => ({ networkInterfaceId: eni.NetworkInterfaceId })) },
    })),
  };
  return [
    ['RunInstances', cloudTrailEvent('RunInstances', at({ instancesSet }))],
    ['CreateVolume', cloudTrailEvent('CreateVolume', at({ volumeId: volume.VolumeId }))],
    ['CreateSnapshot', cloudTrailEvent('CreateSnapshot', at({ snapshotId: snapshot.SnapshotId }))],
    ['CreateImage', cloudTrailEvent('CreateImage', at({ imageId: image.ImageId }))],
  ];
};

const perEventFigures = async () => {
  const { handler, calls } = countedTagger();
  console.log(`\nhandler per event against moto (${EVENTS_PER_KIND} warm runs per kind; replays are harmless):`);
  console.log('event           first_ms  first_calls                                  warm_median_ms  warm_calls_per_event');
  for (const [name, event] of await eventsOfEachKind('300000000001')) {
    calls.length = 0;
    let started = process.hrtime.bigint();
    await handler(event as never);
    const first = { time: ms(started), calls: tally(calls) };
    const times: number[] = [];
    calls.length = 0;
    for (let i = 0; i < EVENTS_PER_KIND; i++) {
      started = process.hrtime.bigint();
      await handler(event as never);
      times.push(ms(started));
    }
    const perEvent = (calls.length / EVENTS_PER_KIND).toFixed(1);
    console.log(
      `${name.padEnd(16)}${first.time.toFixed(1).padStart(8)}  ${first.calls.padEnd(45)}${median(times).toFixed(1).padStart(14)}  ${perEvent} (${tally(calls.slice(0, calls.length / EVENTS_PER_KIND))})`,
    );
  }
};

const burstFigures = async () => {
  const accounts = Array.from({ length: BURST_ACCOUNTS }, (_, n) => String(400000000000 + n));
  const events: unknown[] = [];
  for (const account of accounts) {
    const dev = await assumeRole(account, 'developer', 'bob');
    for (let i = 0; i < BURST_EVENTS_PER_ACCOUNT; i++) {
      const volume = await dev.ec2(REGION).send(new CreateVolumeCommand({ AvailabilityZone: `${REGION}a`, Size: 1 }));
      events.push(cloudTrailEvent('CreateVolume', { account, region: REGION, userIdentity: dev.userIdentity, responseElements: { volumeId: volume.VolumeId } }));
    }
  }
  // Interleaved as a busy organization would send them: account 1, 2, ..., N, 1, 2, ...
  const burst = events.map((_, i) => events[(i % BURST_ACCOUNTS) * BURST_EVENTS_PER_ACCOUNT + Math.floor(i / BURST_ACCOUNTS)]);
  const { handler, calls } = countedTagger();
  const started = process.hrtime.bigint();
  for (const event of burst) await handler(event as never);
  const total = ms(started);
  console.log(
    `\nburst: ${burst.length} CreateVolume events from ${BURST_ACCOUNTS} accounts, one cold function, in sequence: ` +
      `${tally(calls)}; ${(total / burst.length).toFixed(1)} ms per event`,
  );
};

const main = async () => {
  bundleFigures();
  const moto = await startMoto();
  try {
    Object.assign(process.env, sdkEnv(moto.endpoint));
    await perEventFigures();
    await burstFigures();
  } finally {
    await moto.stop();
  }
};

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
