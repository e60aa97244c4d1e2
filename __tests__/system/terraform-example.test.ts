/**
 * The Terraform modules (`npm run build:terraform`) as a Terraform user gets
 * them: every module and examples/terraform validated by the real `terraform`
 * binary with the AWS provider from the machine's filesystem mirror, then the
 * example (a management, a central and two member accounts in two regions)
 * applied into a moto server of its own holding an emulated organization,
 * re-planned, driven with events as in organization.test.ts, and destroyed.
 * The only thing added to the example is the emulator's provider override
 * and a tfvars file with the organization's ids.
 *
 * Its own moto server (a free port), work folder and plugin cache: it runs
 * beside organization.test.ts.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleFunction } from '../../functions/tagger/build';
import type { ConfigInput } from '../../modules/config/schema';
import { TERRAFORM_MODULES, buildTerraformModules } from '../../modules/terraform-modules';
import { assumeRole } from '../support/moto/aws';
import { synthOrganization } from '../support/synth';
import { deployedIamDocuments, synthesizedIamDocuments } from '../support/system/iam-documents';
import { sdkEnv, startMoto, type MotoServer } from '../support/moto/server';
import {
  createOrganization,
  MANAGEMENT_DEPLOY_ROLE,
  systemConfig,
  type EmulatedOrganization,
} from '../support/system/emulated-organization';
import { driveEvents, type DrivenEvents, type EventDeployment } from '../support/system/events';
import { expectCatalogueEventsTagged, expectOnlyCreatedResourcesTagged } from '../support/system/event-checks';
import { MOTO_PLAN_DIFFERENCES } from '../support/system/moto-differences';
import {
  findProviderMirror,
  plannedChanges,
  terraform,
  terraformOk,
  writeCliConfig,
  writeProviderOverride,
} from '../support/system/terraform';

const ROOT = join(__dirname, '..', '..');
const MINUTES = 60_000;
const MEMBER_NAMES = ['dev', 'sandbox'] as const;

describe('the Terraform modules and examples/terraform, with real Terraform', () => {
  let workDir: string;
  let cliConfigFile: string;
  let example: string;
  const moduleDir = (name: string) => join(workDir, 'terraform', 'modules', name);

  beforeAll(() => {
    workDir = mkdtempSync(join(tmpdir(), 'auto-tag-terraform-example-'));
    cliConfigFile = join(workDir, 'terraform.rc');
    writeCliConfig(cliConfigFile, findProviderMirror(), join(workDir, 'plugin-cache'));
    // The modules as the build writes them (zip included), and the example beside them as in the repo.
    const bundle = (name: 'tagger' | 'reconcile') => bundleFunction(name, join(ROOT, '.gen', name)).dir;
    buildTerraformModules(join(workDir, 'terraform', 'modules'), { tagger: bundle('tagger'), reconcile: bundle('reconcile') });
    example = join(workDir, 'examples', 'terraform');
    cpSync(join(ROOT, 'examples', 'terraform'), example, { recursive: true });
  }, 2 * MINUTES);

  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it(
    'validates every module and the example with the AWS provider from the mirror',
    async () => {
      // One init at a time: Terraform's plugin cache is not safe for concurrent installs.
      for (const dir of [...TERRAFORM_MODULES.map((m) => moduleDir(m.name)), example]) {
        await terraformOk(cliConfigFile, dir, ['init', '-input=false', '-backend=false']);
        expect({ dir, validate: await terraformOk(cliConfigFile, dir, ['validate']) }).toEqual({
          dir,
          validate: expect.stringContaining('The configuration is valid'),
        });
      }
    },
    5 * MINUTES,
  );

  it(
    "refuses what the config refuses, each error naming the input and the config's field",
    async () => {
      // A plan with no credentials: Terraform checks the inputs' validation before it gives up on the provider.
      const { output } = await terraform(cliConfigFile, moduleDir('member-global'), [
        'plan',
        '-input=false',
        ...[
          '-var',
          'organization_id=o-abc',
          '-var',
          'account_id=1234',
          '-var',
          'central_account_id=12345678901x',
          '-var',
          'regions=["eu-west-1","eu-west-1","eu-west-9"]',
        ],
        ...['-var', 'tag_keys={ owner = "Owner", principal_id = "owner", created_at = "aws:CreatedAt" }'],
      ]);
      const text = output.replace(/\s+/g, ' ');
      for (const message of [
        'organization_id must match ^o-[a-z0-9]{10,32}$ (as organizationId in the config).',
        'central_account_id must match ^\\d{12}$ (as centralAccountId in the config).',
        'account_id must match ^\\d{12}$ (as accounts.[].id in the config).',
        'regions must list each item once (as regions in the config).',
        'regions must have every item be one of af-south-1,',
        'tag_keys.created_at must not match ^(?:[aA][wW][sS]:), or be empty (as tagKeys in the config).',
        'tag_keys must name each key once (ignoring case).',
      ]) {
        expect(text).toContain(message);
      }
    },
    2 * MINUTES,
  );

  describe('the example, applied into moto', () => {
    let moto: MotoServer;
    let org: EmulatedOrganization;
    let deployment: EventDeployment;

    beforeAll(async () => {
      moto = await startMoto();
      // The SDK clients of this test file (its own copy of process.env) talk to this server only.
      Object.assign(process.env, sdkEnv(moto.endpoint));
      delete process.env.AWS_SESSION_TOKEN;
      delete process.env.AWS_PROFILE;
      org = await createOrganization(moto.endpoint, MEMBER_NAMES);
      const [dev, sandbox] = org.members;
      // The example's providers, each pointed at moto: the same override the system suite adds to each stack.
      const aliases = [...readFileSync(join(example, 'providers.tf'), 'utf8').matchAll(/alias\s*=\s*"([^"]+)"/g)].map(([, alias]) => alias);
      writeProviderOverride(example, aliases, moto.endpoint);
      writeFileSync(
        join(example, 'terraform.tfvars.json'),
        JSON.stringify({
          organization_id: org.organizationId,
          management_account_id: org.management,
          central_account_id: org.central,
          dev_account_id: dev,
          sandbox_account_id: sandbox,
          management_deploy_role_name: MANAGEMENT_DEPLOY_ROLE,
        }),
      );
      // What the example deploys, as the project's config says it: no SCP, and no tag guard for the sandbox's group.
      const { tagGuardScp: _none, ...config } = systemConfig(org, MEMBER_NAMES, join(workDir, 'state'));
      config.accounts = config.accounts.map((a) => (a.id === sandbox ? { ...a, accessPolicies: { tagGuard: false } } : a));
      deployment = {
        moto,
        org,
        workDir,
        config: config as ConfigInput,
        taggerZip: () => join(moduleDir('central-regional'), 'tagger.zip'),
      };
    }, 2 * MINUTES);

    afterAll(() => moto?.stop(), MINUTES);

    it(
      'applies, every module into its own account through its deploy role',
      async () => {
        await terraformOk(cliConfigFile, example, ['apply', '-auto-approve', '-input=false']);
        const outputs = JSON.parse(await terraformOk(cliConfigFile, example, ['output', '-json']));
        expect(outputs.central_bus_arns.value).toEqual({
          'eu-west-1': `arn:aws:events:eu-west-1:${org.central}:event-bus/auto-tag`,
          'us-east-1': `arn:aws:events:us-east-1:${org.central}:event-bus/auto-tag`,
        });
        const [dev, sandbox] = org.members;
        expect(outputs.tagger_role_arns.value).toEqual(
          Object.fromEntries(
            [
              ['management', org.management],
              ['central', org.central],
              ['dev', dev],
              ['sandbox', sandbox],
            ].map(([name, id]) => [name, `arn:aws:iam::${id}:role/auto-tag-tagger`]),
          ),
        );
        expect(outputs.tagger_alias_arns.value['eu-west-1']).toBe(`arn:aws:lambda:eu-west-1:${org.central}:function:auto-tag-tagger:PROD`);
      },
      15 * MINUTES,
    );

    it(
      'grants exactly what the cdktf stacks grant for the same organization: every role, inline and managed policy document',
      async () => {
        const stacks = synthOrganization({ ...deployment.config, tagGuardScp: undefined, accessPolicies: {} });
        for (const { id, name } of deployment.config.accounts) {
          const session = await assumeRole(
            id,
            id === org.management ? MANAGEMENT_DEPLOY_ROLE : 'OrganizationAccountAccessRole',
            'iam-check',
          );
          const deployed = await deployedIamDocuments(session, 'auto-tag');
          // The harness's own deploy role in the management account is not auto-tag's.
          delete deployed[`role:${MANAGEMENT_DEPLOY_ROLE}`];
          const synthesized = synthesizedIamDocuments([stacks[`member-${id}`], ...(id === org.central ? [stacks.central] : [])]);
          // What the modules made in this account: the tagger role, a forwarder per covered region, the access policies; the central function's, the sweep's and its scheduler's roles.
          const account = deployment.config.accounts.find((a) => a.id === id)!;
          const made = [
            'role:auto-tag-tagger',
            'role:auto-tag-tagger/write-creator-tags',
            ...(account.regions ?? deployment.config.regions).flatMap((r) => [
              `role:auto-tag-forwarder-${r}`,
              `role:auto-tag-forwarder-${r}/put-events-on-central-bus`,
            ]),
            'policy:TagBasedEC2RestrictionsPolicy',
            ...(account.accessPolicies?.tagGuard === false ? [] : ['policy:auto-tag-tag-guard']),
            ...(id === org.central
              ? ['tagger-function/tagger-function', 'reconcile-function/reconcile-sweep', 'reconcile-scheduler/invoke-sweep'].flatMap(
                  (role) => [`role:auto-tag-${role.split('/')[0]}`, `role:auto-tag-${role}`],
                )
              : []),
          ];
          expect({ name, documents: Object.keys(deployed).sort() }).toEqual({ name, documents: made.sort() });
          expect({ name, documents: Object.keys(deployed).filter((key) => !(key in synthesized)) }).toEqual({ name, documents: [] });
          for (const [key, doc] of Object.entries(deployed)) expect({ name, key, doc }).toEqual({ name, key, doc: synthesized[key] });
        }
      },
      5 * MINUTES,
    );

    it(
      'plans no change on the next run, but for the differences of moto named in moto-differences.ts',
      async () => {
        const changes = await plannedChanges(cliConfigFile, example);
        const unexplained = changes.filter((change) => {
          const known = MOTO_PLAN_DIFFERENCES.find((d) => d.type === change.type);
          return !(known && change.actions.join() === 'update' && change.attributes.every((a) => known.attributes.includes(a)));
        });
        expect(unexplained).toEqual([]);
        // The function of each region, and nothing of moto's list that no longer occurs.
        expect(new Set(changes.map((c) => c.type))).toEqual(new Set(MOTO_PLAN_DIFFERENCES.map((d) => d.type)));
      },
      10 * MINUTES,
    );

    describe('events through the wiring the modules deployed', () => {
      let driven: DrivenEvents;

      beforeAll(async () => {
        driven = await driveEvents(deployment);
      }, 15 * MINUTES);

      it('reach the central rule from every covered account and region, and only the supported, successful calls', () => {
        const { config } = deployment;
        for (const region of config.regions) {
          const forwarded = driven.sent.filter((e) => e.region === region && (e.kind === 'catalogue' || e.kind === 'moto-missing'));
          expect(driven.arrived[region].map((e) => e.detail.eventID).sort()).toEqual(forwarded.map((e) => e.eventId).sort());
          const covering = config.accounts.filter((a) => (a.regions ?? config.regions).includes(region)).map((a) => a.id);
          expect(new Set(driven.arrived[region].map((e) => e.detail.recipientAccountId))).toEqual(new Set(covering));
        }
      });

      it('are tagged by the shipped zip, with the deployed environment, through the tagger roles the modules created', async () => {
        expectCatalogueEventsTagged(driven, deployment.config.regions);
        await expectOnlyCreatedResourcesTagged(driven, deployment.config.accounts, deployment.config.regions);
      });
    });

    it(
      'destroys everything',
      async () => {
        await terraformOk(cliConfigFile, example, ['destroy', '-auto-approve', '-input=false']);
        const state = JSON.parse(readFileSync(join(example, 'terraform.tfstate'), 'utf8'));
        expect(state.resources).toEqual([]);
      },
      15 * MINUTES,
    );
  });
});
