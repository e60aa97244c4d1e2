/**
 * The harness of the system suite: a moto server, an emulated organization,
 * our config for it, the stacks synthesized by `npm run synth` (what we ship)
 * and real Terraform over them, in deploy order.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sdkEnv, startMoto } from '../moto/server';
import type { ConfigInput } from '../../../modules/config/schema';
import { runProcess } from './run-process';
import { createOrganization, systemConfig } from './emulated-organization';
import type { EventDeployment } from './events';
import { findProviderMirror, terraformOk, writeCliConfig, writeEmulatorOverride, type ProviderMirror } from './terraform';

const ROOT = join(__dirname, '..', '..', '..');

/** Member accounts besides management and central; the last covers one region only. */
export const MEMBER_NAMES = ['dev', 'sandbox'] as const;

export interface DeployedOrganization extends EventDeployment {
  readonly mirror: ProviderMirror;
  readonly configFile: string;
  readonly outdir: string;
  readonly stateDir: string;
  readonly cliConfigFile: string;
  config: ConfigInput;
}

export const startOrganization = async (): Promise<DeployedOrganization> => {
  const mirror = findProviderMirror();
  const moto = await startMoto();
  // The SDK clients of this test file (its own copy of process.env) talk to this server only.
  Object.assign(process.env, sdkEnv(moto.endpoint));
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  try {
    const workDir = mkdtempSync(join(tmpdir(), 'auto-tag-system-'));
    const cliConfigFile = join(workDir, 'terraform.rc');
    // One cache per run (two runs on a machine never race on it). From an
    // unpacked mirror Terraform puts only a link to the provider there, and
    // each stack links to the cache: the 675 MB binary is never copied.
    writeCliConfig(cliConfigFile, mirror, join(workDir, 'plugin-cache'));
    const org = await createOrganization(moto.endpoint, MEMBER_NAMES);
    const stateDir = join(workDir, 'state');
    const deployed: DeployedOrganization = {
      moto,
      org,
      mirror,
      workDir,
      configFile: join(workDir, 'auto-tag.json'),
      outdir: join(workDir, 'cdktf.out'),
      stateDir,
      cliConfigFile,
      config: systemConfig(org, MEMBER_NAMES, stateDir),
      taggerZip: () => centralTaggerZip(join(workDir, 'cdktf.out')),
    };
    return deployed;
  } catch (error) {
    await moto.stop();
    throw error;
  }
};

export const stopOrganization = async (deployed: DeployedOrganization | undefined): Promise<void> => {
  if (!deployed) return;
  await deployed.moto.stop();
  rmSync(deployed.workDir, { recursive: true, force: true });
};

/** Runs the README's synth command for `config`, into the organization's output folder, and adds the emulator overrides. */
export const synthesize = async (deployed: DeployedOrganization, config: ConfigInput = deployed.config): Promise<void> => {
  writeFileSync(deployed.configFile, JSON.stringify(config, null, 2));
  const { code, output } = await runProcess('npm', ['run', 'synth', '--', '--output', deployed.outdir], {
    cwd: ROOT,
    env: { ...process.env, AUTO_TAG_CONFIG: deployed.configFile, CHECKPOINT_DISABLE: '1' },
  });
  if (code !== 0) throw new Error(`npm run synth exited ${code}:\n${output.slice(-4000)}`);
  for (const id of stackIds(deployed)) writeEmulatorOverride(stackDir(deployed, id), deployed.moto.endpoint);
};

interface Manifest {
  readonly stacks: Record<string, { readonly dependencies: readonly string[] }>;
}

const manifest = (deployed: DeployedOrganization): Manifest => JSON.parse(readFileSync(join(deployed.outdir, 'manifest.json'), 'utf8'));

export const stackIds = (deployed: DeployedOrganization): string[] => Object.keys(manifest(deployed).stacks);

export const stackDir = (deployed: DeployedOrganization, id: string): string => join(deployed.outdir, 'stacks', id);

/**
 * The stacks in waves, as `cdktf deploy '*'` orders them from the manifest's
 * dependencies: each wave depends only on earlier ones, so its stacks can run in parallel.
 */
export const deployWaves = (deployed: DeployedOrganization): string[][] => {
  const { stacks } = manifest(deployed);
  const done = new Set<string>();
  const waves: string[][] = [];
  while (done.size < Object.keys(stacks).length) {
    const wave = Object.keys(stacks).filter((id) => !done.has(id) && stacks[id].dependencies.every((d) => done.has(d)));
    if (wave.length === 0) throw new Error('cyclic stack dependencies in manifest.json');
    for (const id of wave) done.add(id);
    waves.push(wave);
  }
  return waves;
};

/** `terraform <args>` in every stack of each wave, the waves in order (reversed for a destroy). */
export const inWaves = async (
  deployed: DeployedOrganization,
  waves: string[][],
  args: (id: string) => string[],
): Promise<Record<string, string>> => {
  const outputs: Record<string, string> = {};
  for (const wave of waves) {
    await Promise.all(wave.map(async (id) => (outputs[id] = await terraformOk(deployed.cliConfigFile, stackDir(deployed, id), args(id)))));
  }
  return outputs;
};

/** Addresses of every resource a stack's JSON declares (`type.name`). */
export const declaredResources = (deployed: DeployedOrganization, id: string): string[] => {
  const json = JSON.parse(readFileSync(join(stackDir(deployed, id), 'cdk.tf.json'), 'utf8'));
  return Object.entries<Record<string, unknown>>(json.resource ?? {}).flatMap(([type, byName]) =>
    Object.keys(byName).map((name) => `${type}.${name}`),
  );
};

/** Addresses of the managed resources in a stack's local state file. */
export const stateResources = (deployed: DeployedOrganization, id: string): string[] => {
  const state = JSON.parse(readFileSync(join(deployed.stateDir, `${id}.tfstate`), 'utf8'));
  return state.resources.filter((r: any) => r.mode === 'managed').map((r: any) => `${r.type}.${r.name}`);
};

/** The shipped Lambda zip of the central stack: the very code Terraform uploaded. */
const centralTaggerZip = (outdir: string): string => {
  const assets = join(outdir, 'stacks', 'central', 'assets', 'tagger-code');
  const [hash] = readdirSync(assets);
  return join(assets, hash, 'archive.zip');
};
