import { resolve } from 'node:path';
import { AWS_REGIONS } from '../../modules/config/regions';
import { organizationStacks, regionOf, resources, synthOrganization } from '../support/synth';

/** Resource types with no region: IAM and Organizations are global. */
const GLOBAL_TYPES = new Set([
  'aws_iam_role',
  'aws_iam_role_policy',
  'aws_iam_policy',
  'aws_iam_group',
  'aws_iam_group_policy_attachment',
  'aws_organizations_policy',
  'aws_organizations_policy_attachment',
]);

describe('the organization app', () => {
  const stacks = synthOrganization();

  it('has management, central and one member stack per account, the central and management accounts included', () => {
    expect(Object.keys(stacks)).toEqual([
      'management',
      'central',
      'member-111111111111',
      'member-222222222222',
      'member-333333333333',
      'member-444444444444',
      'member-555555555555',
    ]);
  });

  it("deploys in order with `cdktf deploy '*'`: management, then central, then the members", () => {
    const order = Object.fromEntries(organizationStacks().map((s) => [s.node.id, s.dependencies.map((d) => d.node.id)]));
    expect(order).toEqual({
      management: [],
      central: ['management'],
      ...Object.fromEntries(
        Object.keys(stacks)
          .filter((id) => id.startsWith('member-'))
          .map((id) => [id, ['central']]),
      ),
    });
    const withoutManagement = organizationStacks({ orgTrail: { create: false }, tagGuardScp: undefined }).find(
      (s) => s.node.id === 'central',
    );
    expect(withoutManagement?.dependencies).toEqual([]);
  });

  it('gives each stack AWS providers that assume the deploy role of its own account and refuse others', () => {
    // The management account has no OrganizationAccountAccessRole: the example names its own deploy role.
    const expected: Record<string, [string, string, string[]]> = {
      management: ['111111111111', 'auto-tag-deploy', ['eu-west-1']],
      'member-111111111111': ['111111111111', 'auto-tag-deploy', ['eu-west-1', 'us-east-1']],
      central: ['222222222222', 'OrganizationAccountAccessRole', ['eu-west-1', 'us-east-1']],
      'member-444444444444': ['444444444444', 'OrganizationAccountAccessRole', ['eu-west-1', 'us-east-1']],
      'member-555555555555': ['555555555555', 'OrganizationAccountAccessRole', ['eu-west-1']],
    };
    for (const [id, [account, role, regions]] of Object.entries(expected)) {
      const settings = {
        allowed_account_ids: [account],
        assume_role: [{ role_arn: `arn:aws:iam::${account}:role/${role}`, session_name: `auto-tag-${id}` }],
      };
      expect(stacks[id].provider.aws).toEqual([
        { region: 'eu-west-1', ...settings },
        ...regions.map((region) => ({ alias: region, region, ...settings })),
      ]);
    }
  });

  it("puts every regional resource on its region's provider alias, and global ones on the default provider", () => {
    // AWS provider 5.x has no resource-level region: the JSON must not use it.
    for (const [id, stack] of Object.entries(stacks)) {
      const aliases = stack.provider.aws.map((p) => p.alias).filter(Boolean);
      for (const [type, byName] of Object.entries(stack.resource)) {
        for (const [name, resource] of Object.entries(byName)) {
          expect({ id, name, region: resource.region }).toEqual({ id, name, region: undefined });
          if (GLOBAL_TYPES.has(type)) expect({ id, name, provider: resource.provider }).toEqual({ id, name, provider: undefined });
          else expect(aliases.map((alias) => `aws.${alias}`)).toContain(resource.provider);
        }
      }
    }
  });

  it('keeps one local state file per stack outside the output folder, which cdktf empties', () => {
    const app = organizationStacks()[0].node.root as any;
    for (const [id, stack] of Object.entries(stacks)) {
      const path = (stack.terraform.backend.local as { path: string }).path;
      expect(resolve(app.outdir, 'stacks', id, path)).toBe(resolve('state', `${id}.tfstate`));
    }
    const elsewhere = synthOrganization({ backend: { type: 'local', stateDir: '/var/lib/auto-tag' } });
    expect(elsewhere.central.terraform.backend.local).toEqual({ path: expect.stringMatching(/\/var\/lib\/auto-tag\/central\.tfstate$/) });
  });

  it('uses one S3 key per stack with lockfile locking when configured', () => {
    const s3 = synthOrganization({
      backend: {
        type: 's3',
        bucket: 'org-tf-state',
        region: 'eu-west-1',
        keyPrefix: 'auto-tag',
        roleArn: 'arn:aws:iam::222222222222:role/state',
      },
    });
    for (const [id, stack] of Object.entries(s3)) {
      expect(stack.terraform.backend).toEqual({
        s3: {
          bucket: 'org-tf-state',
          key: `auto-tag/${id}.tfstate`,
          region: 'eu-west-1',
          encrypt: true,
          use_lockfile: true,
          assume_role: { role_arn: 'arn:aws:iam::222222222222:role/state' },
        },
      });
    }
  });

  it('leaves the management stack out when an organization trail already exists and no SCP is wanted', () => {
    expect(Object.keys(synthOrganization({ orgTrail: { create: false }, tagGuardScp: undefined }))).not.toContain('management');
    const scpOnly = synthOrganization({ orgTrail: { create: false } }).management;
    expect(Object.keys(scpOnly.resource)).toEqual(['aws_organizations_policy', 'aws_organizations_policy_attachment']);
  });

  it('covers only the regions an account overrides to', () => {
    const sandbox = stacks['member-555555555555'];
    expect(resources(sandbox, 'aws_cloudwatch_event_rule').map((r) => regionOf(sandbox, r))).toEqual(['eu-west-1']);
    const dev = stacks['member-333333333333'];
    expect(resources(dev, 'aws_cloudwatch_event_rule').map((r) => regionOf(dev, r))).toEqual(['eu-west-1', 'us-east-1']);
  });

  it("keeps every policy within IAM's and Organizations' size limits with every region covered", () => {
    // Characters without whitespace: role inline 10,240; managed 6,144; SCP 5,120.
    const size = (json: string) => JSON.stringify(JSON.parse(json)).length;
    const limits: [type: string, field: string, limit: number][] = [
      ['aws_iam_role_policy', 'policy', 10_240],
      ['aws_iam_policy', 'policy', 6_144],
      ['aws_organizations_policy', 'content', 5_120],
    ];
    const everywhere = synthOrganization({ regions: [...AWS_REGIONS] });
    const checked = Object.values(everywhere).flatMap((stack) =>
      limits.flatMap(([type, field, limit]) => resources(stack, type).map((r) => ({ name: r.name, size: size(r[field]), limit }))),
    );
    expect(checked.length).toBeGreaterThan(40);
    expect(checked.filter((c) => c.size >= c.limit)).toEqual([]);
  });

  it('accepts AWS provider 5.100 and 6.x alike (the system test applies it with 5.100)', () => {
    for (const stack of Object.values(stacks)) {
      expect(stack.terraform.required_providers.aws).toEqual({ source: 'aws', version: '>= 5.100.0, < 7.0.0' });
    }
  });
});

describe('what Terraform will read', () => {
  const stacks = synthOrganization();

  it('references only resources of the same stack (stacks share names, never state)', () => {
    for (const [id, stack] of Object.entries(stacks)) {
      const text = JSON.stringify(stack);
      const references = [...text.matchAll(/(?<!\$)\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z_]+\}/g)];
      expect(references.length).toBeGreaterThan(0);
      for (const [ref, type, name] of references) {
        expect({ id, ref, exists: Boolean(stack.resource[type]?.[name]) }).toEqual({ id, ref, exists: true });
      }
    }
  });

  it('escapes every IAM policy variable so Terraform does not try to interpolate it', () => {
    for (const stack of Object.values(stacks)) {
      const text = JSON.stringify(stack);
      expect(text).not.toMatch(/(?<!\$)\$\{aws:/);
      // `%{` opens a Terraform template directive just as `${` opens an interpolation.
      expect(text).not.toMatch(/(?<!%)%\{/);
      expect(text).not.toMatch(/TfToken/);
    }
  });
});
