/**
 * The npm scripts a pipeline runs, as `help` and the README show them. The
 * ones that need no AWS run for real (synth through the cdktf CLI, selective
 * synth); `npm run validate` has its own suite (config/validate-command).
 * Planning needs AWS credentials, so the plan script's orchestration runs
 * over a real synth with a stand-in `terraform` that records its calls.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runMain } from './support/run-main';
import { exampleConfigInput } from './support/synth';

const scripts: Record<string, string> = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts;
const help = readFileSync(join(ROOT, 'help'), 'utf8');

const npmRun = (script: string, args: string[], env: Record<string, string> = {}) =>
  spawnSync('npm', ['run', '-s', script, '--', ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });

const stacksIn = (outdir: string) => Object.keys(JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')).stacks);

describe('pipeline scripts', () => {
  it('help names only npm scripts that exist, and every pipeline script', () => {
    const named = [...help.matchAll(/npm run (\S+)/g)].map(([, name]) => name);
    expect(named.filter((name) => !(name in scripts))).toEqual([]);
    expect(named).toEqual(expect.arrayContaining(['validate', 'synth', 'plan', 'deploy', 'deploy:accounts']));
  });

  it('npm run synth: every stack, through the cdktf CLI', () => {
    const outdir = join(mkdtempSync(join(tmpdir(), 'auto-tag-cli-')), 'out');
    const result = npmRun('synth', ['--output', outdir]);
    expect(result.status).toBe(0);
    expect(stacksIn(outdir).sort()).toEqual(
      ['central', 'management', ...exampleConfigInput().accounts.map((a) => `member-${a.id}`)].sort(),
    );
  });

  it('AUTO_TAG_ACCOUNTS=<id> npm run synth: that member alone, so `npm run deploy:accounts` finds no missing dependency', () => {
    const outdir = join(mkdtempSync(join(tmpdir(), 'auto-tag-cli-')), 'out');
    const result = npmRun('synth', ['--output', outdir], { AUTO_TAG_ACCOUNTS: '333333333333' });
    expect(result.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
    expect(manifest.stacks).toEqual({ 'member-333333333333': expect.objectContaining({ dependencies: [] }) });
  });

  it('deploy scripts: all stacks in dependency order with cdktf parallelism; members alone without central in the run', () => {
    expect(scripts.deploy).toMatch(/cdktf deploy '\*' --auto-approve --parallelism/);
    expect(scripts['deploy:accounts']).toMatch(/cdktf deploy 'member-\*' --auto-approve --ignore-missing-stack-dependencies --parallelism/);
  });

  describe('plan (scripts/plan.ts, run by npm run plan after its synth)', () => {
    const { outdir } = runMain();
    const bin = mkdtempSync(join(tmpdir(), 'auto-tag-tf-'));
    const calls = join(bin, 'calls.log');
    // Records "<stack folder> <command>"; member-444444444444 fails to plan, the others have changes.
    writeFileSync(
      join(bin, 'terraform'),
      `#!/bin/sh\necho "$(basename "$PWD") $1" >> "${calls}"\n[ "$1" = plan ] || exit 0\n[ "$(basename "$PWD")" = member-444444444444 ] && { echo "Error: no credentials" >&2; exit 1; }\necho "Plan: 3 to add"; exit 2\n`,
    );
    chmodSync(join(bin, 'terraform'), 0o755);
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'plan.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        PATH: `${bin}:${process.env.PATH}`,
        CDKTF_OUTDIR: outdir,
        PLAN_PARALLELISM: '2',
        TF_PLUGIN_CACHE_DIR: join(bin, 'cache'),
      },
      encoding: 'utf8',
    });
    const stacks = stacksIn(outdir);

    it('initializes every stack one at a time, in manifest order, then plans each once', () => {
      const lines = readFileSync(calls, 'utf8').trim().split('\n');
      expect(lines.slice(0, stacks.length)).toEqual(stacks.map((s) => `${s} init`));
      expect(lines.slice(stacks.length).sort()).toEqual(stacks.map((s) => `${s} plan`).sort());
    });

    it('prints each stack whole and a summary, and fails when any stack failed', () => {
      expect(result.stdout).toContain('=== member-444444444444: plan failed\nError: no credentials');
      expect(result.stdout).toContain('=== central: changes\nPlan: 3 to add');
      expect(result.stdout).toContain('Summary:\n  central: changes\n  management: changes\n');
      expect(result.stdout).toContain('  member-444444444444: plan failed\n');
      expect(result.status).toBe(1);
    });

    it('refuses a parallelism that is not a whole number, naming the variable', () => {
      const bad = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'plan.ts')], {
        cwd: ROOT,
        env: { ...process.env, CDKTF_OUTDIR: outdir, PLAN_PARALLELISM: 'many' },
        encoding: 'utf8',
      });
      expect({ status: bad.status, stderr: bad.stderr }).toEqual({
        status: 2,
        stderr: 'PLAN_PARALLELISM: must be a whole number of stacks, 1 or more (got "many")\n',
      });
    });
  });
});
