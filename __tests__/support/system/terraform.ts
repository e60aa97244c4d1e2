/**
 * Real Terraform over the synthesized stacks: the `terraform` binary with the
 * AWS provider build found on this machine in Terraform's filesystem-mirror
 * layout (never downloaded), one shared plugin cache (the provider is 675 MB:
 * linked into each stack, not copied), and the emulator's endpoints added
 * through Terraform's own override mechanism, beside the JSON we ship.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { runProcess, type ProcessResult } from './run-process';

const PROVIDER = join('registry.terraform.io', 'hashicorp', 'aws');

/**
 * Where Terraform looks for local mirrors on Linux (its implied mirror
 * directories), then the folders directly under /opt and /srv, where images
 * install toolchains. `AUTO_TAG_TF_PROVIDER_MIRROR` names the mirror outright.
 */
const mirrorCandidates = (): string[] => {
  const named = process.env.AUTO_TAG_TF_PROVIDER_MIRROR;
  if (named) return [named];
  const implied = [
    join(homedir(), '.terraform.d', 'plugins'),
    join(homedir(), '.local', 'share', 'terraform', 'plugins'),
    join('/usr', 'local', 'share', 'terraform', 'plugins'),
    join('/usr', 'share', 'terraform', 'plugins'),
  ];
  const children = (root: string) => (existsSync(root) ? readdirSync(root).map((name) => join(root, name)) : []);
  return [...implied, ...['/opt', '/srv'].flatMap(children)];
};

export interface ProviderMirror {
  /** The mirror root (holds registry.terraform.io/hashicorp/aws/<version>/<os_arch>/). */
  readonly path: string;
  readonly versions: readonly string[];
}

/** The first mirror holding an AWS provider build for this platform; throws, saying where it looked, when none does. */
export const findProviderMirror = (): ProviderMirror => {
  const platform = `${process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`;
  const candidates = mirrorCandidates();
  for (const path of candidates) {
    const dir = join(path, PROVIDER);
    if (!existsSync(dir)) continue;
    const versions = readdirSync(dir).filter((version) => existsSync(join(dir, version, platform)));
    if (versions.length > 0) return { path, versions };
  }
  throw new Error(
    `no AWS provider build for ${platform} in a Terraform filesystem mirror (looked in ${candidates.join(', ')}); ` +
      'set AUTO_TAG_TF_PROVIDER_MIRROR to the folder that holds registry.terraform.io/hashicorp/aws/<version>/',
  );
};

/**
 * A Terraform CLI config that installs the AWS provider from the mirror only
 * (anything else would be a download, which must fail) and shares one plugin cache.
 */
export const writeCliConfig = (file: string, mirror: ProviderMirror, pluginCacheDir: string): void => {
  mkdirSync(pluginCacheDir, { recursive: true });
  writeFileSync(
    file,
    [
      'provider_installation {',
      `  filesystem_mirror {\n    path    = ${JSON.stringify(mirror.path)}\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }`,
      '  direct {\n    exclude = ["registry.terraform.io/hashicorp/aws"]\n  }',
      '}',
      `plugin_cache_dir = ${JSON.stringify(pluginCacheDir)}`,
      'disable_checkpoint = true',
      '',
    ].join('\n'),
  );
};

/** Every AWS service our stacks (and the provider's own checks) call. */
const EMULATED_SERVICES = [
  'cloudtrail',
  'cloudwatch',
  'ec2',
  'events',
  'iam',
  'kms',
  'lambda',
  'logs',
  'organizations',
  's3',
  'scheduler',
  'sns',
  'sqs',
  'sts',
];

/**
 * `emulator_override.tf.json` beside a stack's `cdk.tf.json`: for each provider
 * configuration the stack declares (the default and one alias per region), the
 * emulator's endpoints and test credentials. Terraform merges it into the
 * matching provider block; the shipped JSON is left as it is, assume_role and
 * allowed_account_ids included, so each stack still acts in its own account.
 */
export const writeEmulatorOverride = (stackDir: string, endpoint: string): void => {
  const shipped = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8'));
  writeProviderOverride(
    stackDir,
    (shipped.provider.aws as Array<{ alias?: string }>).map(({ alias }) => alias),
    endpoint,
  );
};

/** The same override for the AWS provider configurations named (`undefined`: the default one) of any root module. */
export const writeProviderOverride = (dir: string, aliases: readonly (string | undefined)[], endpoint: string): void => {
  const providers = aliases.map((alias) => ({
    ...(alias ? { alias } : {}),
    access_key: 'testing',
    secret_key: 'testing',
    skip_credentials_validation: true,
    skip_metadata_api_check: true,
    s3_use_path_style: true,
    endpoints: [Object.fromEntries(EMULATED_SERVICES.map((service) => [service, endpoint]))],
  }));
  writeFileSync(join(dir, 'emulator_override.tf.json'), JSON.stringify({ provider: { aws: providers } }, null, 2));
};

/** Runs the real binary in a stack folder with nothing of the caller's AWS environment. */
export const terraform = (cliConfigFile: string, stackDir: string, args: readonly string[]): Promise<ProcessResult> =>
  runProcess(process.env.AUTO_TAG_TERRAFORM ?? 'terraform', [...args, '-no-color'], {
    cwd: stackDir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: homedir(),
      TF_CLI_CONFIG_FILE: cliConfigFile,
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      CHECKPOINT_DISABLE: '1',
    },
  });

/** Like `terraform`, but a non-zero exit is an error carrying Terraform's own words. */
export const terraformOk = async (cliConfigFile: string, stackDir: string, args: readonly string[]): Promise<string> => {
  const { code, output } = await terraform(cliConfigFile, stackDir, args);
  if (code !== 0) throw new Error(`terraform ${args.join(' ')} in ${stackDir} exited ${code}:\n${output.slice(-6000)}`);
  return output;
};

/** One resource a plan would change, and which of its top-level attributes differ. */
export interface PlannedChange {
  readonly address: string;
  readonly type: string;
  readonly actions: readonly string[];
  readonly attributes: readonly string[];
}

/** What `terraform plan` would do, read from its JSON form (no-ops and data reads left out). */
export const plannedChanges = async (cliConfigFile: string, stackDir: string): Promise<PlannedChange[]> => {
  const { code, output } = await terraform(cliConfigFile, stackDir, [
    'plan',
    '-input=false',
    '-detailed-exitcode',
    '-out=system-test.tfplan',
  ]);
  if (code === 0) return [];
  if (code !== 2) throw new Error(`terraform plan in ${stackDir} exited ${code}:\n${output.slice(-6000)}`);
  const plan = JSON.parse(await terraformOk(cliConfigFile, stackDir, ['show', '-json', 'system-test.tfplan']));
  return (plan.resource_changes ?? [])
    .filter((rc: any) => !rc.change.actions.every((action: string) => action === 'no-op' || action === 'read'))
    .map((rc: any) => {
      const { before = {}, after = {}, after_unknown: unknown = {} } = rc.change;
      const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
      const attributes = [...keys].filter((k) => unknown[k] === true || JSON.stringify(before?.[k]) !== JSON.stringify(after?.[k])).sort();
      return { address: rc.address, type: rc.type, actions: rc.change.actions, attributes };
    });
};
