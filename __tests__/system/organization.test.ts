/**
 * The system proof: the Terraform JSON `npm run synth` writes is initialized,
 * applied, re-planned and destroyed by the real `terraform` binary with a real
 * AWS provider build (5.100, from the machine's filesystem mirror), stack by
 * stack in deploy order, into one moto server holding an emulated organization.
 * The only thing added to what we ship is `emulator_override.tf.json` (endpoints
 * and test credentials) beside each stack.
 *
 * The steps depend on each other and run in order; a failed apply fails what follows.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MOTO_PLAN_DIFFERENCES } from '../support/system/moto-differences';
import {
  declaredResources,
  deployWaves,
  inWaves,
  stackDir,
  stackIds,
  stateResources,
  startOrganization,
  stopOrganization,
  synthesize,
  type DeployedOrganization,
} from '../support/system/deployed-organization';
import { plannedChanges, type PlannedChange } from '../support/system/terraform';
import { driveEvents, probeIamEnforcement, type DrivenEvents, type SentEvent } from '../support/system/events';
import { expectCatalogueEventsTagged, expectOnlyCreatedResourcesTagged } from '../support/system/event-checks';
import { verifyPhase } from './verify.phase';
import { replayPhase } from './replay.phase';
import { reconcilePhase } from './reconcile.phase';

// Terraform against an emulator, with the provider's own waiters (SQS and S3
// lifecycle settle for 25-55 s each): minutes, on a busy 2-core machine more.
const MINUTES = 60_000;

describe('the organization, applied with real Terraform into moto', () => {
  let deployed: DeployedOrganization;
  let waves: string[][];

  beforeAll(async () => {
    deployed = await startOrganization();
    await synthesize(deployed);
    waves = deployWaves(deployed);
  }, 5 * MINUTES);

  afterAll(() => stopOrganization(deployed), MINUTES);

  const memberId = (name: string) => deployed.config.accounts.find((a) => a.name === name)!.id;

  it('synthesizes management, central and a member stack per account, deployed in that order', () => {
    const { org } = deployed;
    expect(waves.map((wave) => [...wave].sort())).toEqual([
      ['management'],
      ['central'],
      [org.management, org.central, ...org.members].map((id) => `member-${id}`).sort(),
    ]);
  });

  it(
    'initializes every stack from the filesystem mirror alone, through one plugin cache',
    async () => {
      // One at a time: Terraform's plugin cache is not safe for concurrent installs.
      const outputs = await inWaves(
        deployed,
        waves.flat().map((id) => [id]),
        () => ['init', '-input=false'],
      );
      for (const [id, output] of Object.entries(outputs)) {
        expect({ id, mirror: output }).toEqual({
          id,
          mirror: expect.stringMatching(/Installing hashicorp\/aws v5\.100\.0|Using hashicorp\/aws v5\.100\.0 from the shared cache/),
        });
        // Linked from the cache, not a copy of the 675 MB provider per stack.
        const installed = join(stackDir(deployed, id), '.terraform', 'providers', 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0');
        expect(readdirSync(installed, { withFileTypes: true }).every((entry) => entry.isSymbolicLink())).toBe(true);
      }
    },
    5 * MINUTES,
  );

  it(
    'applies every stack in deploy order, each into its own account through its deploy role',
    async () => {
      await inWaves(deployed, waves, () => ['apply', '-auto-approve', '-input=false']);
      for (const id of stackIds(deployed)) {
        // Every resource of the shipped JSON exists, and nothing else.
        expect({ id, managed: stateResources(deployed, id).sort() }).toEqual({ id, managed: declaredResources(deployed, id).sort() });
      }
    },
    15 * MINUTES,
  );

  it('keeps state outside the output folder, one file per stack', () => {
    expect(readdirSync(deployed.stateDir).sort()).toEqual(
      stackIds(deployed)
        .map((id) => `${id}.tfstate`)
        .sort(),
    );
    for (const id of stackIds(deployed)) expect(existsSync(join(stackDir(deployed, id), 'terraform.tfstate'))).toBe(false);
  });

  it(
    'plans no change on the next run, but for the differences of moto named in moto-differences.ts',
    async () => {
      const changes: Record<string, PlannedChange[]> = {};
      await Promise.all(
        stackIds(deployed).map(async (id) => (changes[id] = await plannedChanges(deployed.cliConfigFile, stackDir(deployed, id)))),
      );
      const unexplained = Object.entries(changes).flatMap(([id, list]) =>
        list
          .filter((change) => {
            const known = MOTO_PLAN_DIFFERENCES.find((d) => d.type === change.type);
            return !(known && change.actions.join() === 'update' && change.attributes.every((a) => known.attributes.includes(a)));
          })
          .map((change) => ({ id, ...change })),
      );
      expect(unexplained).toEqual([]);
      // Every named difference still occurs: an entry moto no longer needs must go.
      const met = new Set(
        Object.values(changes)
          .flat()
          .map((change) => change.type),
      );
      expect(MOTO_PLAN_DIFFERENCES.map((d) => d.type).filter((type) => !met.has(type))).toEqual([]);
    },
    10 * MINUTES,
  );

  describe('events through the deployed wiring', () => {
    let driven: DrivenEvents;
    const forwarded = (event: SentEvent) => event.kind === 'catalogue' || event.kind === 'moto-missing';

    beforeAll(async () => {
      driven = await driveEvents(deployed);
    }, 15 * MINUTES);

    it('reach the central rule from every covered account and region, and only the supported, successful calls', () => {
      const { org, config } = deployed;
      for (const region of config.regions) {
        const expected = driven.sent
          .filter((e) => e.region === region && forwarded(e))
          .map((e) => e.eventId)
          .sort();
        expect(driven.arrived[region].map((e) => e.detail.eventID).sort()).toEqual(expected);
        // Every account covering the region sent its events, management and central included.
        const covering = config.accounts.filter((a) => (a.regions ?? config.regions).includes(region)).map((a) => a.id);
        expect(new Set(driven.arrived[region].map((e) => e.detail.recipientAccountId))).toEqual(new Set(covering));
      }
      const kinds = new Set(driven.sent.map((e) => e.kind));
      expect(kinds).toEqual(new Set(['catalogue', 'moto-missing', 'failed-call', 'read-only-call', 'other-service', 'uncovered-region']));
      // The sandbox covers eu-west-1 only: its us-east-1 launch has no forwarding rule.
      const uncovered = driven.sent.filter((e) => e.kind === 'uncovered-region');
      expect(uncovered.map((e) => [e.account, e.region])).toEqual([[org.members[org.members.length - 1], 'us-east-1']]);
    });

    it('arrive from moto without `account` (AWS keeps the source account there), which the function refuses to act on', () => {
      for (const region of deployed.config.regions) {
        expect(driven.arrived[region].filter((e) => 'account' in e)).toEqual([]);
        expect(driven.asDelivered[region]).toHaveLength(3);
        for (const outcome of driven.asDelivered[region])
          expect(outcome).toMatchObject({ decision: 'skipped', reason: 'invalid-envelope' });
      }
    });

    it("are handled by the shipped bundle, with the deployed function's environment, through the deployed tagger role", () => {
      expectCatalogueEventsTagged(driven, deployed.config.regions);
    });

    it('leave exactly the created resources tagged with their creator, in their own account and region, and nothing else', async () => {
      await expectOnlyCreatedResourcesTagged(driven, deployed.config.accounts, deployed.config.regions);
    });
  });

  it(
    "meets moto's IAM enforcement as far as moto goes: it checks AssumeRole against the deployed function role's policy, but cannot match EC2 resource ARNs",
    async () => {
      // moto authorizes every EC2 action against the resource "*", so a policy scoped to resource
      // ARNs (the tagger role's: one per resource type) is denied there; hence the events above run
      // with enforcement off. What it does check: the function role may assume the tagger role only.
      const dev = memberId('dev');
      await expect(probeIamEnforcement(deployed, dev, 'eu-west-1')).resolves.toEqual({
        functionAssumesTagger: 'allowed',
        functionAssumesDeployRole: 'AccessDenied',
        taggerCreatesTags: 'AccessDenied',
      });
    },
    5 * MINUTES,
  );

  verifyPhase(() => deployed);
  replayPhase(() => deployed);
  reconcilePhase(() => deployed);

  it(
    "keeps an account's state when the account leaves the config, so it can still be destroyed",
    async () => {
      const sandbox = memberId('sandbox');
      const without = { ...deployed.config, accounts: deployed.config.accounts.filter((a) => a.id !== sandbox) };
      await synthesize(deployed, without);
      expect(existsSync(stackDir(deployed, `member-${sandbox}`))).toBe(false);
      const kept = stateResources(deployed, `member-${sandbox}`).sort();
      // The README's offboarding order: put the entry back, synthesize, destroy (next test), then remove it.
      await synthesize(deployed);
      expect(kept).toEqual(declaredResources(deployed, `member-${sandbox}`).sort());
    },
    5 * MINUTES,
  );

  it(
    'destroys everything, in reverse deploy order',
    async () => {
      // The offboarded account's folder is new (cdktf removed it): it needs an init again.
      const fresh = waves.map((wave) => wave.filter((id) => !existsSync(join(stackDir(deployed, id), '.terraform'))));
      await inWaves(
        deployed,
        fresh.flat().map((id) => [id]),
        () => ['init', '-input=false'],
      );
      await inWaves(deployed, [...waves].reverse(), () => ['destroy', '-auto-approve', '-input=false']);
      for (const id of stackIds(deployed)) {
        const state = JSON.parse(readFileSync(join(deployed.stateDir, `${id}.tfstate`), 'utf8'));
        expect({ id, left: state.resources }).toEqual({ id, left: [] });
      }
    },
    15 * MINUTES,
  );
});
