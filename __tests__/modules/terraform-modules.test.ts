/**
 * The Terraform modules as `npm run build:terraform` writes them: the
 * committed folders are exactly what the build writes (the drift test),
 * plain modules (no provider, no backend, the provider as a range), inputs
 * typed, described and defaulted as the config, outputs described.
 * terraform-example.test.ts (system) validates and applies them.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig } from '../../modules/config/load';
import { AWS_PROVIDER_VERSIONS } from '../../modules/stacks/account-stack';
import { TERRAFORM_MODULES, buildTerraformModules, type BuiltModule } from '../../modules/terraform-modules';
import { exampleConfigInput, fakeBundleDir } from '../support/synth';

const COMMITTED = join(__dirname, '..', '..', 'terraform', 'modules');

describe('the Terraform modules', () => {
  let outDir: string;
  let built: BuiltModule[];
  const json = (module: string, file: string) => JSON.parse(readFileSync(join(outDir, module, file), 'utf8'));

  beforeAll(() => {
    outDir = mkdtempSync(join(tmpdir(), 'auto-tag-terraform-modules-'));
    // A stand-in bundle: the JSON never holds the zip's bytes or hash (source_code_hash is computed by Terraform).
    built = buildTerraformModules(outDir, { tagger: fakeBundleDir(), reconcile: fakeBundleDir() });
  });

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('are committed exactly as the build writes them (run npm run build:terraform after changing a construct)', () => {
    expect(readdirSync(COMMITTED).sort()).toEqual(TERRAFORM_MODULES.map((m) => m.name).sort());
    for (const { name, files } of built) {
      // The zips are built, never committed (.gitignore).
      const text = files.filter((file) => !file.endsWith('.zip'));
      expect({
        name,
        files: readdirSync(join(COMMITTED, name))
          .filter((file) => !file.endsWith('.zip'))
          .sort(),
      }).toEqual({ name, files: text });
      for (const file of text) {
        expect({ name, file, text: readFileSync(join(COMMITTED, name, file), 'utf8') }).toEqual({
          name,
          file,
          text: readFileSync(join(outDir, name, file), 'utf8'),
        });
      }
    }
  });

  it('hold no provider or backend block, and require the AWS provider as the stacks do (a range)', () => {
    for (const { name, files } of built) {
      for (const file of files.filter((f) => f.endsWith('.tf.json'))) {
        const content = json(name, file);
        expect({ name, file, provider: content.provider, backend: content.terraform?.backend }).toEqual({ name, file });
      }
      expect(json(name, 'versions.tf.json').terraform.required_providers).toEqual({
        aws: { source: 'hashicorp/aws', version: AWS_PROVIDER_VERSIONS },
      });
    }
  });

  it("ship each function's zip in its module's folder, referenced relative to the module", () => {
    for (const [name, zip] of [
      ['central-regional', 'tagger.zip'],
      ['central-sweep', 'reconcile.zip'],
    ]) {
      expect(built.find((m) => m.name === name)!.files).toContain(zip);
      const [fn] = Object.values<any>(json(name, 'main.tf.json').resource.aws_lambda_function);
      expect(fn).toMatchObject({ filename: `\${path.module}/${zip}`, source_code_hash: `\${filebase64sha256("\${path.module}/${zip}")}` });
    }
  });

  it("type and describe every input, defaulting those of config fields to the config's defaults", () => {
    const defaults = validateConfig(exampleConfigInput());
    const expected: Record<string, unknown> = {
      name_prefix: 'auto-tag',
      tagger_role_name: defaults.taggerRoleName,
      trail_name: 'auto-tag-org-trail',
      runtime: defaults.function.runtime,
      memory_size: defaults.function.memorySize,
      timeout_seconds: defaults.function.timeoutSeconds,
      maximum_retry_attempts: defaults.function.maximumRetryAttempts,
      maximum_event_age_seconds: defaults.function.maximumEventAgeSeconds,
      reserved_concurrency: null,
      owner_only_ec2: true,
      tag_guard: true,
    };
    // The sweep's own settings (config.reconcile) where they differ from the tagger's.
    const sweep: Record<string, unknown> = {
      memory_size: defaults.reconcile.memorySize,
      timeout_seconds: defaults.reconcile.timeoutSeconds,
      lookback_days: defaults.reconcile.lookbackDays,
      schedule: defaults.reconcile.schedule,
      enabled: defaults.reconcile.enabled,
    };
    for (const { name } of built) {
      const defaultsOf = name === 'central-sweep' ? { ...expected, ...sweep } : expected;
      for (const [input, variable] of Object.entries<any>(json(name, 'variables.tf.json').variable)) {
        expect({ name, input, type: typeof variable.type, description: typeof variable.description }).toEqual({
          name,
          input,
          type: 'string',
          description: 'string',
        });
        if (input in defaultsOf) expect({ name, input, default: variable.default }).toEqual({ name, input, default: defaultsOf[input] });
      }
    }
    // The same keys as the config's tagKeys: owner and principal_id by default, the others off ("").
    expect(json('central-regional', 'variables.tf.json').variable.tag_keys.type).toBe(
      'object({ owner = optional(string, "Owner"), principal_id = optional(string, "PrincipalId"), created_at = optional(string, ""), creator_arn = optional(string, ""), invoked_by = optional(string, "") })',
    );
  });

  it("validate inputs by the config's own rules, naming the input", () => {
    const conditions = (module: string, input: string) =>
      json(module, 'variables.tf.json').variable[input].validation.map((v: any) => [v.condition, v.error_message]);
    expect(conditions('member-regional', 'central_account_id')).toEqual([
      [
        '${try(can(regex("^\\\\d{12}$", var.central_account_id)), false)}',
        'central_account_id must match ^\\d{12}$ (as centralAccountId in the config).',
      ],
    ]);
    expect(conditions('central-regional', 'memory_size')).toContainEqual([
      '${try(var.memory_size >= 128 && var.memory_size <= 10240, false)}',
      'memory_size must be 128 to 10240 (as function.memorySize in the config).',
    ]);
    // RE2 has no lookahead: "must not start with aws:" becomes "does not match".
    expect(conditions('member-global', 'tag_keys')).toContainEqual([
      '${var.tag_keys.created_at == null || var.tag_keys.created_at == "" || try(!can(regex("^(?:[aA][wW][sS]:)", var.tag_keys.created_at)), false)}',
      'tag_keys.created_at must not match ^(?:[aA][wW][sS]:), or be empty (as tagKeys in the config).',
    ]);
    expect(conditions('central-global', 'regions').map(([, message]: string[]) => message)).toEqual([
      expect.stringMatching(/^regions must have every item be one of af-south-1, .*us-west-2 \(as regions in the config\)\.$/),
      'regions must have items numbering at least 1 (as regions in the config).',
      'regions must list each item once (as regions in the config).',
    ]);
  });

  it('describe every output, and declare no output of a construct of their own', () => {
    for (const { name } of built) {
      const outputs = json(name, 'outputs.tf.json').output;
      expect(Object.keys(outputs).length).toBeGreaterThan(0);
      for (const [output, block] of Object.entries<any>(outputs)) {
        expect({ name, output, description: typeof block.description, snakeCase: /^[a-z_]+$/.test(output) }).toEqual({
          name,
          output,
          description: 'string',
          snakeCase: true,
        });
      }
    }
  });
});
