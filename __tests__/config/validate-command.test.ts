/** `npm run validate`, as a person or a pipeline runs it. Its speed is measured in the README, not asserted here. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/run-main';
import { exampleConfigInput } from '../support/synth';

const validate = (args: string[] = [], env: Record<string, string> = {}) => {
  const { AUTO_TAG_CONFIG: _, ...inherited } = process.env;
  const result = spawnSync('npm', ['run', '-s', 'validate', '--', ...args], { cwd: ROOT, env: { ...inherited, ...env }, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};

const badConfig = (): string => {
  const input = exampleConfigInput();
  const file = join(mkdtempSync(join(tmpdir(), 'auto-tag-validate-')), 'bad.json');
  const accounts = input.accounts.map((a, i) => (i === 3 ? { ...a, regions: ['eu-west-1', 'eu-west-1'] } : a));
  writeFileSync(file, JSON.stringify({ ...input, regions: [...input.regions, 'eu-wset-1'], accounts }, null, 2));
  return file;
};

const BAD_PROBLEMS = [
  '  - regions[2]: "eu-wset-1" is not a known AWS region; did you mean "eu-west-1"?',
  '  - accounts[3] (444444444444 staging).regions[1]: "eu-west-1" is listed twice (also accounts[3].regions[0])',
];

describe('npm run validate', () => {
  it('says the example config is valid, on stdout, with exit 0, and prints the warnings the synth prints on stderr', () => {
    const { status, stdout, stderr } = validate();
    expect({ status, stdout }).toEqual({ status: 0, stdout: 'config/auto-tag.json: valid (5 accounts, 2 regions, home eu-west-1)\n' });
    // The example attaches the tag-guard SCP while the owner key is the common "Owner".
    expect(stderr).toMatch(/^warning: tagKeys: "Owner" is a common tag key, and tagGuardScp denies writing it[^\n]*\n$/);
    const { tagGuardScp: _, ...noScp } = exampleConfigInput();
    const file = join(mkdtempSync(join(tmpdir(), 'auto-tag-validate-')), 'quiet.json');
    writeFileSync(file, JSON.stringify(noScp));
    expect(validate(['--config', file])).toEqual({
      status: 0,
      stdout: `${file}: valid (5 accounts, 2 regions, home eu-west-1)\n`,
      stderr: '',
    });
  });

  it('--quiet says nothing about a valid config, warnings included (npm run synth runs it so, and prints them itself), but still every problem', () => {
    expect(validate(['--quiet'])).toEqual({ status: 0, stdout: '', stderr: '' });
    const file = badConfig();
    expect(validate(['-q', '--config', file])).toEqual({
      status: 1,
      stdout: '',
      stderr: [`${file}: invalid auto-tag config`, ...BAD_PROBLEMS, ''].join('\n'),
    });
  });

  it('lists every problem of a bad config once, on stderr, with exit 1', () => {
    const file = badConfig();
    const { status, stdout, stderr } = validate(['--config', file]);
    expect({ status, stdout }).toEqual({ status: 1, stdout: '' });
    expect(stderr).toBe([`${file}: invalid auto-tag config`, ...BAD_PROBLEMS, ''].join('\n'));
  });

  it('reads AUTO_TAG_CONFIG as the synth does; --config wins over it', () => {
    const file = badConfig();
    expect(validate([], { AUTO_TAG_CONFIG: file }).stderr).toBe([`${file}: invalid auto-tag config`, ...BAD_PROBLEMS, ''].join('\n'));
    expect(validate(['--config', 'config/auto-tag.json'], { AUTO_TAG_CONFIG: file }).status).toBe(0);
  });

  it('names a missing file and rejects unknown options (exit 2)', () => {
    const missing = validate(['--config', 'no/such.json']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^no\/such\.json: invalid auto-tag config\n {2}- \(file\): cannot be read: ENOENT/);
    const usage = validate(['--conifg', 'x.json']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/Unknown option '--conifg'\nusage: npm run validate/);
  });

  it('runs before cdktf in npm run synth, so a bad config is reported once, without the CLI around it', () => {
    const file = badConfig();
    const outdir = join(mkdtempSync(join(tmpdir(), 'auto-tag-validate-')), 'out');
    const result = spawnSync('npm', ['run', '-s', 'synth', '--', '--output', outdir], {
      cwd: ROOT,
      env: { ...process.env, AUTO_TAG_CONFIG: file },
      encoding: 'utf8',
    });
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({
      status: 1,
      stdout: '',
      stderr: [`${file}: invalid auto-tag config`, ...BAD_PROBLEMS, ''].join('\n'),
    });
    expect(existsSync(outdir)).toBe(false);
  });

  it('runs without cdktf: the bundle holds only the config modules and their libraries', () => {
    validate();
    const bundle = readFileSync(join(ROOT, '.gen', 'validate-config.js'), 'utf8');
    const packages = new Set([...bundle.matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)].map((m) => m[1]));
    expect([...packages].sort()).toEqual(['@humanwhocodes/momoa', 'fastest-levenshtein', 'zod']);
  });
});
