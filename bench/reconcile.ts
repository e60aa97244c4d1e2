/**
 * Figures for reconcile (npm run bench:reconcile); prints, asserts nothing.
 * Against a local moto server, in one account and region: N volumes and N/10
 * launches of two instances (each with a volume and a network interface),
 * their records in gzipped log files of the org layout (100 records a file)
 * in moto's S3, none tagged. Then reconcile twice (every catalogue type moto
 * lists): the first run tags everything, the second finds nothing to do.
 * Prints resources and records per second, and the AWS calls per resource.
 * Times measure reconcile plus moto on this machine, not AWS latency; the S3
 * path has no rate limit, LookupEvents (2 requests per second) would bound
 * a cold backfill at about 100 records a second per account and region.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { CreateVolumeCommand, EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { cloudTrailEvent } from '../__tests__/fixtures/cloudtrail-events';
import { assumeRole, countCalls } from '../__tests__/support/moto/aws';
import { SCENARIOS } from '../__tests__/support/moto/scenarios';
import { sdkEnv, startMoto } from '../__tests__/support/moto/server';
import { createTrailBucket, logFileKey, putLogFile } from '../__tests__/support/reconcile/trail-logs';
import { countActions, reconcile } from '../functions/reconcile/reconcile';
import { wireReconcile } from '../functions/reconcile/wiring';
import { createdResourceTypes } from '../functions/tagger/catalogue';
import { CLIENT_CONFIG } from '../functions/tagger/credentials';
import { readSettings } from '../functions/tagger/environment';

const VOLUMES = Number(process.env.BENCH_VOLUMES ?? 200);
const ACCOUNT = '410000000001';
const REGION = 'eu-west-1';
const BUCKET = 'bench-org-trail';
const ORG = 'o-benchmark01';
// moto lists neither capacity reservations nor placement groups.
const TYPES = createdResourceTypes().filter((type) => type !== 'capacity-reservation' && type !== 'placement-group');

const tally = (calls: string[]) => calls.reduce<Record<string, number>>((n, call) => ({ ...n, [call]: (n[call] ?? 0) + 1 }), {});

const main = async () => {
  const moto = await startMoto();
  Object.assign(process.env, sdkEnv(moto.endpoint));
  try {
    const alice = await assumeRole(ACCOUNT, 'developer', 'alice');
    const ec2 = alice.ec2(REGION);
    const records: unknown[] = [];
    const record = (event: any) =>
      records.push({ ...event.detail, eventTime: new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z') });
    for (let i = 0; i < VOLUMES; i++) {
      const { VolumeId } = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${REGION}a`, Size: 1 }));
      record(
        cloudTrailEvent('CreateVolume', {
          account: ACCOUNT,
          region: REGION,
          userIdentity: alice.userIdentity,
          responseElements: { volumeId: VolumeId },
        }),
      );
    }
    for (let i = 0; i < VOLUMES / 10; i++) record((await SCENARIOS.RunInstances(alice, REGION)).event);
    const s3 = new S3Client({ region: REGION, forcePathStyle: true });
    await createTrailBucket(s3, BUCKET, REGION);
    for (let i = 0; i < records.length; i += 100)
      await putLogFile(s3, BUCKET, logFileKey({ organizationId: ORG }, ACCOUNT, REGION, new Date()), records.slice(i, i + 100));

    for (const run of ['first (tags everything)', 'second (nothing to do)']) {
      const calls: string[] = [];
      const deps = wireReconcile({
        settings: readSettings({ TAGGER_ROLE_NAME: 'auto-tag-tagger' }),
        sts: countCalls(new STSClient(CLIENT_CONFIG), calls),
        trail: {
          s3: countCalls(new S3Client({ region: REGION, forcePathStyle: true }) as never, calls) as unknown as S3Client,
          bucket: BUCKET,
          organizationId: ORG,
        },
        since: new Date(Date.now() - 7 * 86_400_000),
        logger: new Logger({ logLevel: 'SILENT' }),
        metrics: {
          addDimension: () => undefined,
          addMetric: () => undefined,
          publishStoredMetrics: () => undefined,
          singleMetric: () => ({ addMetric: () => undefined }),
        },
        clients: { ec2Client: (config) => countCalls(new EC2Client(config), calls) },
      });
      const start = process.hrtime.bigint();
      const rows = await reconcile(deps, [{ account: ACCOUNT, region: REGION }], { types: TYPES });
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const resources = rows.filter((row) => row.resource !== '-').length;
      const counts = countActions(rows);
      const byCall = tally(calls);
      console.log(
        `\n${run}: ${resources} resources, ${records.length} records in ${Math.ceil(records.length / 100)} files, ${seconds.toFixed(2)} s`,
      );
      console.log(`  ${(resources / seconds).toFixed(0)} resources/s, ${(records.length / seconds).toFixed(0)} records/s`);
      console.log(
        `  actions: ${Object.entries(counts)
          .map(([action, n]) => `${action} ${n}`)
          .join(', ')}`,
      );
      const noRecord = tally(rows.filter((row) => row.action === 'no-record').map((row) => row.type ?? '-'));
      console.log(
        `  no-record by type (moto lists the snapshots behind its built-in AMIs as the account's own, and the default VPC with its subnets, ACL, route table and group): ${Object.entries(
          noRecord,
        )
          .map(([type, n]) => `${type} ${n}`)
          .join(', ')}`,
      );
      console.log(`  calls: ${calls.length} in all, ${(calls.length / resources).toFixed(3)} per resource`);
      console.log(
        `  ${Object.entries(byCall)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([call, n]) => `${call}×${n} (${(n / resources).toFixed(3)}/resource)`)
          .join(', ')}`,
      );
    }
  } finally {
    await moto.stop();
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
