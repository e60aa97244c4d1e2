/**
 * The example configs in examples/ (one per deployment shape a user starts
 * from), each validated and synthesized by the app as `cdktf synth` runs it,
 * with no warning, and holding what its shape promises.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runMain } from '../support/run-main';

const EXAMPLES = join(ROOT, 'examples');

type StackJson = {
  terraform: { backend: Record<string, any> };
  provider: { aws: Array<Record<string, any>> };
  resource?: Record<string, Record<string, any>>;
};

/** Synthesizes an example; its stacks' Terraform JSON by stack id. */
const synthExample = (file: string): Record<string, StackJson> => {
  const { status, stderr, outdir } = runMain(join(EXAMPLES, file));
  expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
  return Object.fromEntries(
    Object.entries<{ synthesizedStackPath: string }>(manifest.stacks).map(([id, s]) => [
      id,
      JSON.parse(readFileSync(join(outdir, s.synthesizedStackPath), 'utf8')),
    ]),
  );
};

const resourceTypes = (stacks: Record<string, StackJson>): Set<string> =>
  new Set(Object.values(stacks).flatMap((s) => Object.keys(s.resource ?? {})));

describe('examples/', () => {
  it('holds the four example configs this suite checks', () => {
    expect(
      readdirSync(EXAMPLES)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual(['no-org-trail.json', 's3-backend.json', 'single-region.json', 'tag-guard-scp.json']);
  });

  it('no-org-trail: an existing organization trail; no management stack, no trail anywhere', () => {
    const stacks = synthExample('no-org-trail.json');
    expect(Object.keys(stacks).sort()).toEqual([
      'central',
      'member-210000000001',
      'member-210000000002',
      'member-210000000003',
      'member-210000000004',
    ]);
    expect([...resourceTypes(stacks)].filter((t) => t.startsWith('aws_cloudtrail') || t.startsWith('aws_s3'))).toEqual([]);
  });

  it('s3-backend: one S3 key per stack under the prefix, locked by lockfile, through the state role', () => {
    const stacks = synthExample('s3-backend.json');
    for (const [id, stack] of Object.entries(stacks)) {
      expect(stack.terraform.backend).toEqual({
        s3: {
          bucket: 'example-terraform-state',
          key: `platform/auto-tag/${id}.tfstate`,
          region: 'us-east-1',
          encrypt: true,
          use_lockfile: true,
          assume_role: { role_arn: 'arn:aws:iam::220000000002:role/terraform-state' },
        },
      });
    }
  });

  it('single-region: every stack has one regional provider, and every region named is that one', () => {
    const stacks = synthExample('single-region.json');
    expect(Object.keys(stacks)).toHaveLength(5);
    for (const stack of Object.values(stacks)) {
      expect(stack.provider.aws.filter((p) => p.alias).map((p) => p.alias)).toEqual(['ap-southeast-2']);
      expect(new Set(stack.provider.aws.map((p) => p.region))).toEqual(new Set(['ap-southeast-2']));
    }
  });

  it('tag-guard-scp: the SCP, the tagger RCP and the central guard, attached where the config says', () => {
    const stacks = synthExample('tag-guard-scp.json');
    const policies = Object.values(stacks.management.resource?.aws_organizations_policy ?? {});
    expect(policies.map((p) => [p.name, p.type]).sort()).toEqual([
      ['auto-tag-protect-tagger-function', 'SERVICE_CONTROL_POLICY'],
      ['auto-tag-tag-guard', 'SERVICE_CONTROL_POLICY'],
      ['auto-tag-tagger-only-central-function', 'RESOURCE_CONTROL_POLICY'],
    ]);
    const targets = Object.values(stacks.management.resource?.aws_organizations_policy_attachment ?? {}).map((a) => a.target_id);
    expect(targets.sort()).toEqual(['230000000002', '230000000003', '230000000003', 'ou-ab12-workload1', 'ou-ab12-workload1'].sort());
  });
});
