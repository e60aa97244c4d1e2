/**
 * Figures for the tagger function (npm run bench:function); prints, asserts nothing.
 *  - bundle size, and cold require time of the bundle in fresh node processes;
 *  - handler time and AWS calls per event, for every scenario of the event
 *    catalogue (__tests__/support/moto/scenarios.ts), against a local moto server;
 *  - AssumeRole calls for a burst of events from N accounts (one cold function),
 *    handled one after another and then 100 at a time.
 * Times against moto measure the function plus moto on this machine, not AWS latency.
 */
import { CreateVolumeCommand } from '@aws-sdk/client-ec2';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cloudTrailEvent } from '../__tests__/fixtures/cloudtrail-events';
import { assumeRole, countedTagger } from '../__tests__/support/moto/aws';
import { SCENARIOS } from '../__tests__/support/moto/scenarios';
import { sdkEnv, startMoto } from '../__tests__/support/moto/server';
import { bundleTagger } from '../functions/tagger/build';

const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 7);
const EVENTS_PER_KIND = Number(process.env.BENCH_EVENTS ?? 20);
const BURST_ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 10);
const BURST_EVENTS_PER_ACCOUNT = Number(process.env.BENCH_EVENTS_PER_ACCOUNT ?? 100);
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
      Number(
        execFileSync(process.execPath, ['-e', script], {
          env: { PATH: process.env.PATH, TAGGER_ROLE_NAME: 'auto-tag-tagger' },
          encoding: 'utf8',
        }),
      ),
    );
    console.log(
      `cold require of the bundle: median ${median(times).toFixed(1)} ms over ${COLD_RUNS} fresh node ${process.version} processes (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const perEventFigures = async () => {
  const { handler, calls } = countedTagger();
  const names = Object.keys(SCENARIOS);
  console.log(
    `\nhandler per event against moto, every scenario of the event catalogue (${names.length}; ${EVENTS_PER_KIND} warm runs each, replays are harmless):`,
  );
  console.log(
    'event                               first_ms  first_calls                                                   warm_median_ms  warm_calls_per_event',
  );
  const firsts: number[] = [];
  const warms: number[] = [];
  for (const [index, name] of names.entries()) {
    const session = await assumeRole(String(300000000000 + index), 'developer', 'alice');
    const { event } = await SCENARIOS[name](session, REGION);
    calls.length = 0;
    let started = process.hrtime.bigint();
    await handler(event);
    const first = { time: ms(started), calls: tally(calls) };
    const times: number[] = [];
    calls.length = 0;
    for (let i = 0; i < EVENTS_PER_KIND; i++) {
      started = process.hrtime.bigint();
      await handler(event);
      times.push(ms(started));
    }
    firsts.push(first.time);
    warms.push(median(times));
    const perEvent = (calls.length / EVENTS_PER_KIND).toFixed(1);
    console.log(
      `${name.padEnd(34)}${first.time.toFixed(1).padStart(10)}  ${first.calls.padEnd(62)}${median(times).toFixed(1).padStart(14)}  ${perEvent} (${tally(calls.slice(0, calls.length / EVENTS_PER_KIND))})`,
    );
  }
  console.log(`median over events: first ${median(firsts).toFixed(1)} ms, warm ${median(warms).toFixed(1)} ms`);
};

const burstFigures = async () => {
  const accounts = Array.from({ length: BURST_ACCOUNTS }, (_, n) => String(400000000000 + n));
  const events: unknown[] = [];
  for (const account of accounts) {
    const dev = await assumeRole(account, 'developer', 'bob');
    for (let i = 0; i < BURST_EVENTS_PER_ACCOUNT; i++) {
      const volume = await dev.ec2(REGION).send(new CreateVolumeCommand({ AvailabilityZone: `${REGION}a`, Size: 1 }));
      events.push(
        cloudTrailEvent('CreateVolume', {
          account,
          region: REGION,
          userIdentity: dev.userIdentity,
          responseElements: { volumeId: volume.VolumeId },
        }),
      );
    }
  }
  // Interleaved as a busy organization would send them: account 1, 2, ..., N, 1, 2, ...
  const burst = events.map((_, i) => events[(i % BURST_ACCOUNTS) * BURST_EVENTS_PER_ACCOUNT + Math.floor(i / BURST_ACCOUNTS)]);
  const inSequence = countedTagger();
  let started = process.hrtime.bigint();
  for (const event of burst) await inSequence.handler(event as never);
  let total = ms(started);
  console.log(
    `\nburst: ${burst.length} CreateVolume events from ${BURST_ACCOUNTS} accounts, one cold function, in sequence: ` +
      `${tally(inSequence.calls)}; ${(total / burst.length).toFixed(1)} ms per event`,
  );
  const inParallel = countedTagger();
  started = process.hrtime.bigint();
  for (let start = 0; start < burst.length; start += 100) {
    await Promise.all(burst.slice(start, start + 100).map((event) => inParallel.handler(event as never)));
  }
  total = ms(started);
  console.log(
    `burst: the same events, another cold function, 100 in flight at a time: ` +
      `${tally(inParallel.calls)}; ${(total / burst.length).toFixed(1)} ms per event`,
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
