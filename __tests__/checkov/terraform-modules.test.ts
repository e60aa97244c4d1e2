/**
 * checkov over the committed Terraform modules (terraform/modules). A module
 * is cut from a stack, so it may only have findings the stack test
 * (synthesized-terraform.test.ts) accepts for that stack, where the reasons
 * are written; one no longer found fails too, so the list cannot go stale.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../support/run-main';

/** Module -> the findings accepted for the stack it is cut from (reasons: synthesized-terraform.test.ts). */
const ACCEPTED_AS_IN_STACK: Record<string, readonly string[]> = {
  // As in `central`; CKV_AWS_115 (reserved concurrency) is not found here: the module's value is an input.
  'central-regional': ['CKV_AWS_50', 'CKV_AWS_116', 'CKV_AWS_117', 'CKV_AWS_158', 'CKV_AWS_173', 'CKV_AWS_272'],
  // As in `central`, where the sweep is: CKV_AWS_297 is its schedule's input.
  'central-sweep': ['CKV_AWS_50', 'CKV_AWS_116', 'CKV_AWS_117', 'CKV_AWS_158', 'CKV_AWS_173', 'CKV_AWS_272', 'CKV_AWS_297'],
  // As in `management`.
  'management-trail': ['CKV_AWS_18', 'CKV_AWS_144', 'CKV2_AWS_62', 'CKV_AWS_252', 'CKV2_AWS_10'],
};

describe('checkov on the Terraform modules', () => {
  const checkov = spawnSync(
    join(ROOT, '.venv-checkov', 'bin', 'checkov'),
    [
      ...[
        '--directory',
        join(ROOT, 'terraform', 'modules'),
        '--framework',
        'terraform_json',
        '--output',
        'json',
        '--quiet',
        '--compact',
        '--skip-download',
      ],
      // checkov's JSON parser takes every terraform-block setting for a block and fails on required_version (a string): nothing to scan there.
      ...['--skip-path', 'versions.tf.json'],
    ],
    // Offline: no policy metadata download from the vendor's API.
    { encoding: 'utf8', env: { ...process.env, BC_SKIP_MAPPING: 'TRUE', CHECKOV_RUN_SCA_PACKAGE_SCAN_V2: 'false' } },
  );
  const report = JSON.parse(checkov.stdout);
  const found = (report.results.failed_checks as { check_id: string; file_path: string }[]).map((f) => ({
    module: f.file_path.split('/').filter(Boolean)[0],
    check: f.check_id,
  }));

  it('scans every module without parse errors', () => {
    expect(report.summary.parsing_errors).toBe(0);
    expect(report.summary.passed).toBeGreaterThan(50);
  });

  it('finds only what the stack test accepts for the stack each module is cut from, and all of it', () => {
    const byModule = (list: readonly { module: string; check: string }[]) =>
      Object.fromEntries(
        Object.keys(ACCEPTED_AS_IN_STACK).map((module) => [
          module,
          [...new Set(list.filter((f) => f.module === module).map((f) => f.check))].sort(),
        ]),
      );
    expect(found.filter((f) => !(f.module in ACCEPTED_AS_IN_STACK))).toEqual([]);
    expect(byModule(found)).toEqual(
      Object.fromEntries(Object.entries(ACCEPTED_AS_IN_STACK).map(([module, checks]) => [module, [...checks].sort()])),
    );
  });
});
