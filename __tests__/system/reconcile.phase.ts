/**
 * reconcile against the deployed organization, after the events phase: in
 * dev's eu-west-1, an instance whose RunInstances event was "dropped", a
 * volume created "before deployment", one whose Owner someone overwrote, and
 * one without any record. Then `npm run reconcile` as an operator runs it
 * (through the central deploy role into the deployed sweep role, then the
 * deployed tagger role), and the deployed sweep: the shipped bundle in a
 * fresh node with the deployed function's environment, the sweep role's
 * credentials and the deployed schedule's input, as Scheduler invokes it.
 *
 * Where moto differs: its trail writes no log files, and it judges object
 * requests against the deployed bucket policy without a request context, so
 * the policy's deny of insecure transport refuses every object read or write
 * (403, no body), while listing the bucket works (and finds nothing). So the
 * records come from LookupEvents in the account and region as the tagger
 * role: the command with --lookup-events, the sweep with TRAIL_BUCKET unset
 * (its mode without a readable trail). moto has no LookupEvents either: a
 * loopback stub speaking CloudTrail's JSON protocol serves the records
 * (AWS_ENDPOINT_URL_CLOUDTRAIL). The S3 path with real log files is proven
 * against moto in __tests__/integration/reconcile.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateTagsCommand, CreateVolumeCommand } from '@aws-sdk/client-ec2';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { Row } from '../../functions/reconcile/reconcile';
import { validateConfig } from '../../modules/config/load';
import { accountRegions, deployRoleName, namesFor } from '../../modules/naming';
import { allTags, assumeRole, type Session } from '../support/moto/aws';
import { SCENARIOS, type ScenarioResult } from '../support/moto/scenarios';
import { startLookupEventsStub, type LookupEventsStub } from '../support/reconcile/lookup-events-stub';
import type { DeployedOrganization } from '../support/system/deployed-organization';
import { lambdaEnvironment } from '../support/system/events';
import { runProcess } from '../support/system/run-process';
import { runScript } from './verify.phase';

const EU = 'eu-west-1';
const MINUTES = 60_000;
// moto implements neither DescribeCapacityReservations nor DescribePlacementGroups.
const MOTO_UNLISTABLE = ['capacity-reservation', 'placement-group'];

/** The record of a call as CloudTrail keeps it, a few minutes after. */
const recordOf = (result: ScenarioResult) => ({
  ...result.event.detail,
  eventTime: new Date(Date.now() - 5 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
});

export const reconcilePhase = (deployedOf: () => DeployedOrganization): void =>
  describe('reconcile: what the events missed, tagged from the creation records', () => {
    let deployed: DeployedOrganization;
    let bob: Session;
    let dev: string;
    let stub: LookupEventsStub;
    const records: unknown[] = [];
    const created: Record<'dropped' | 'beforeDeployment' | 'overwritten', ScenarioResult> = {} as never;
    let withoutRecord: string;
    const byResource = (rows: readonly Row[]) => Object.fromEntries(rows.map((row) => [row.resource, row]));

    beforeAll(async () => {
      deployed = deployedOf();
      const config = validateConfig(deployed.config);
      dev = deployed.org.members[0];
      bob = await assumeRole(dev, deployRoleName(config, dev), 'bob');
      created.dropped = await SCENARIOS.RunInstances(bob, EU);
      created.beforeDeployment = await SCENARIOS.CreateVolume(bob, EU);
      created.overwritten = await SCENARIOS.CreateVolume(bob, EU);
      const ec2 = bob.ec2(EU);
      await ec2.send(new CreateTagsCommand({ Resources: created.overwritten.expected, Tags: [{ Key: 'Owner', Value: 'mallory' }] }));
      withoutRecord = (await ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${EU}a`, Size: 1 }))).VolumeId!;
      records.push(...Object.values(created).map(recordOf));
      // Served for whichever account asks: another account's answer names dev's records, which it must refuse.
      stub = await startLookupEventsStub({ records, pageSize: 50 });
    }, 2 * MINUTES);

    afterAll(() => stub?.close());

    it(
      'npm run reconcile tags them through the deployed roles, and reports the one without a record',
      async () => {
        const args = [
          '--config',
          deployed.configFile,
          '--accounts',
          'dev',
          '--regions',
          EU,
          '--types',
          'instance,volume,network-interface',
          '--lookup-events',
          '--json',
        ];
        const run = await runScript('reconcile', args, {
          AWS_ENDPOINT_URL_CLOUDTRAIL: stub.endpoint,
        });
        expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
        const rows = byResource(JSON.parse(run.stdout));
        for (const [name, result] of Object.entries(created)) {
          for (const id of result.expected)
            expect({ name, id, row: rows[id] }).toMatchObject({
              name,
              id,
              row: { action: 'tagged', creator: 'bob', source: 'lookup-events' },
            });
        }
        expect(rows[withoutRecord]).toMatchObject({ action: 'no-record', type: 'volume' });
        const tags = await allTags(bob.ec2(EU));
        for (const result of Object.values(created)) {
          for (const id of result.expected)
            expect({ id, tags: tags[id] }).toEqual({ id, tags: { Owner: 'bob', PrincipalId: bob.userIdentity.principalId } });
        }
        expect(tags[withoutRecord]).toBeUndefined();
      },
      2 * MINUTES,
    );

    it(
      'runs as deployed: the shipped sweep bundle, its environment and role, the schedule input; tags what is new and changes nothing else',
      async () => {
        const config = validateConfig(deployed.config);
        const names = namesFor(config);
        const later = await SCENARIOS.CreateVolume(bob, EU);
        records.push(recordOf(later));

        const central = deployed.org.central;
        const deploy = await assumeRole(central, deployRoleName(config, central), 'system-test');
        const lambda = new LambdaClient({ region: EU, credentials: deploy.ec2(EU).config.credentials as any });
        const { Environment } = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: names.sweepFunction }));
        const { Credentials } = await new STSClient({ region: EU }).send(
          new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${central}:role/${names.sweepRole}`, RoleSessionName: names.sweepFunction }),
        );
        // The schedule as Terraform applied it and moto read it back into the state: every account with its regions, daily.
        const state = JSON.parse(readFileSync(join(deployed.stateDir, 'central.tfstate'), 'utf8'));
        const schedule = state.resources.find((r: any) => r.type === 'aws_scheduler_schedule').instances[0].attributes;
        expect(schedule).toMatchObject({ name: names.sweepSchedule, schedule_expression: 'rate(1 day)', state: 'ENABLED' });
        expect(JSON.parse(schedule.target[0].input)).toEqual({
          accounts: config.accounts.map((a) => ({ id: a.id, regions: [...accountRegions(config, a)] })),
        });

        const dir = mkdtempSync(join(deployed.workDir, 'sweep-'));
        const bundle = join(dir, 'bundle');
        mkdirSync(bundle);
        const assets = join(deployed.outdir, 'stacks', 'central', 'assets', 'reconcile-code');
        expect(
          spawnSync('unzip', ['-q', join(assets, readdirSync(assets)[0], 'archive.zip'), '-d', bundle], { encoding: 'utf8' }).status,
        ).toBe(0);
        // dev and the central account in eu-west-1 (each account and region costs LookupEvents 17 s at 2 requests a second).
        const input = { accounts: [dev, central].map((id) => ({ id, regions: [EU] })) };
        writeFileSync(join(dir, 'input.json'), JSON.stringify(input));
        const script = `
        const { readFileSync, writeFileSync } = require('node:fs');
        const { handler } = require(${JSON.stringify(bundle)});
        handler(JSON.parse(readFileSync('input.json', 'utf8'))).then((summary) => writeFileSync('summary.json', JSON.stringify(summary)), (error) => { console.error(error); process.exit(1); });`;
        const { code, output } = await runProcess(process.execPath, ['-e', script], {
          cwd: dir,
          env: {
            ...lambdaEnvironment(Environment!.Variables!, names.sweepFunction, EU, Credentials!),
            TRAIL_BUCKET: '',
            AWS_ENDPOINT_URL_CLOUDTRAIL: stub.endpoint,
          },
        });
        expect({ code, output: code === 0 ? '' : output.slice(-4000) }).toEqual({ code: 0, output: '' });
        const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
        const lines = output
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line));
        // All that failed is moto's missing listings, in each account and region swept.
        const failedTargets = lines.filter((line) => line.message === 'sweep target failed');
        expect(new Set(failedTargets.map((line) => line.type))).toEqual(new Set(MOTO_UNLISTABLE));
        expect(summary.failedTargets).toBe(2);
        // Only the new volume: what the command tagged is already tagged; dev's records, served to the central account too, were refused there.
        expect(summary.counts).toMatchObject({ tagged: later.expected.length, failed: 0 });
        const tagged = lines.find((line) => line.Action === 'tagged' && 'SweepResources' in line);
        expect(tagged).toMatchObject({
          SweepResources: later.expected.length,
          service: 'auto-tag-reconcile',
          _aws: { CloudWatchMetrics: [{ Namespace: 'AutoTag' }] },
        });
        const tags = await allTags(bob.ec2(EU));
        expect(tags[later.expected[0]]).toEqual({ Owner: 'bob', PrincipalId: bob.userIdentity.principalId });
        for (const result of Object.values(created))
          for (const id of result.expected) expect(tags[id]).toEqual({ Owner: 'bob', PrincipalId: bob.userIdentity.principalId });
      },
      3 * MINUTES,
    );
  });
