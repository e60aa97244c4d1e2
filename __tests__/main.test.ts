/** The entry point as `cdktf synth` runs it (cdktf.json's app command), end to end. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runMain as synth } from './support/run-main';
import { exampleConfigInput } from './support/synth';

/** stderr without the config warnings (the example config's SCP covers the common key Owner, which it warns about). */
const errorsOnly = (stderr: string) => stderr.replace(/^warning: .*\n/gm, '');

const manifestOf = (outdir: string) => JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));

/** Every file under a folder, by relative path, with its bytes. */
const filesUnder = (dir: string): Record<string, Buffer> =>
  Object.fromEntries(
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .map((name) => join(dir, name))
      .filter((file) => statSync(file).isFile())
      .map((file) => [relative(dir, file), readFileSync(file)]),
  );

describe('main.ts', () => {
  it('synthesizes the example config: management, central and one member stack per account, with the bundled function', () => {
    const { status, stderr, outdir } = synth();
    expect({ status, stderr: errorsOnly(stderr) }).toEqual({ status: 0, stderr: '' });
    const manifest = manifestOf(outdir);
    expect(Object.keys(manifest.stacks).sort()).toEqual([
      'central',
      'management',
      ...exampleConfigInput().accounts.map((a) => `member-${a.id}`),
    ]);
    const assets = join(outdir, 'stacks', 'central', 'assets', 'tagger-code');
    const [hash] = readdirSync(assets);
    const zip = readFileSync(join(assets, hash, 'archive.zip'));
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    expect(zip.includes(Buffer.from('index.js'))).toBe(true);
  });

  it('stops on a bad config before writing anything, listing every problem with its path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'auto-tag-bad-'));
    const file = join(dir, 'bad.json');
    const input = exampleConfigInput();
    writeFileSync(file, JSON.stringify({ ...input, organizationId: 'o-1', accounts: [...input.accounts, { id: '42', name: 'x' }] }));
    const { status, stderr, outdir } = synth(file);
    expect(status).toBe(1);
    expect(stderr).toContain(`${file}: invalid auto-tag config`);
    expect(stderr).toContain('organizationId');
    expect(stderr).toContain('must be an organization id like o-a1b2c3d4e5');
    expect(stderr).toContain('must be a 12-digit AWS account id');
    expect(existsSync(outdir)).toBe(false);
  });

  it('changes no byte of the output with the cdktf bypasses (modules/fast-synth) on', () => {
    const fast = synth();
    const plain = synth(undefined, { env: { AUTO_TAG_FAST_SYNTH: '0' } });
    expect([fast.status, plain.status]).toEqual([0, 0]);
    const [a, b] = [filesUnder(fast.outdir), filesUnder(plain.outdir)];
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    for (const name of Object.keys(a)) expect({ name, same: a[name].equals(b[name]) }).toEqual({ name, same: true });
  });

  it('changes no byte of the output when worker processes share out the member stacks (AUTO_TAG_SYNTH_PROCESSES)', () => {
    const input = exampleConfigInput();
    const more = Array.from({ length: 6 }, (_, i) => ({ id: String(600000000000 + i), name: `more-${i}` }));
    const file = join(mkdtempSync(join(tmpdir(), 'auto-tag-workers-')), 'config.json');
    writeFileSync(file, JSON.stringify({ ...input, accounts: [...input.accounts, ...more] }));
    const shared = synth(file, { env: { AUTO_TAG_SYNTH_PROCESSES: '3' } });
    const alone = synth(file, { env: { AUTO_TAG_SYNTH_PROCESSES: '1' } });
    expect([shared.status, alone.status]).toEqual([0, 0]);
    const [a, b] = [filesUnder(shared.outdir), filesUnder(alone.outdir)];
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    for (const name of Object.keys(a)) expect({ name, same: a[name].equals(b[name]) }).toEqual({ name, same: true });
    // The workers' folders are gone.
    expect(readdirSync(join(shared.outdir, '..'))).toEqual(['cdktf.out']);
  });

  describe('AUTO_TAG_ACCOUNTS', () => {
    it('builds only the accounts it lists (ids or stack names), without a dependency on central, so they deploy alone', () => {
      const { status, stderr, outdir } = synth(undefined, { env: { AUTO_TAG_ACCOUNTS: '444444444444, member-333333333333' } });
      expect({ status, stderr: errorsOnly(stderr) }).toEqual({ status: 0, stderr: '' });
      const { stacks } = manifestOf(outdir);
      expect(Object.keys(stacks)).toEqual(['member-333333333333', 'member-444444444444']);
      expect(Object.values(stacks).map((s: any) => s.dependencies)).toEqual([[], []]);
      expect(readdirSync(join(outdir, 'stacks')).sort()).toEqual(['member-333333333333', 'member-444444444444']);
    });

    it('builds management and central on request, in deploy order', () => {
      const { status, outdir } = synth(undefined, { env: { AUTO_TAG_ACCOUNTS: 'central,333333333333,management' } });
      expect(status).toBe(0);
      const { stacks } = manifestOf(outdir);
      expect(Object.fromEntries(Object.entries(stacks).map(([id, s]: [string, any]) => [id, s.dependencies]))).toEqual({
        management: [],
        central: ['management'],
        'member-333333333333': ['central'],
      });
    });

    it('stops before writing anything when it names what the config does not have', () => {
      const { status, stderr, outdir } = synth(undefined, { env: { AUTO_TAG_ACCOUNTS: '999999999999,dev' } });
      expect(status).toBe(1);
      expect(errorsOnly(stderr)).toBe(
        [
          'AUTO_TAG_ACCOUNTS: ',
          `  - "999999999999" is not in the config's accounts (onboard it there first)`,
          '  - "dev" is not a 12-digit account id, member-<id>, management or central',
          '',
        ].join('\n'),
      );
      expect(existsSync(outdir)).toBe(false);
    });
  });

  it('leaves one Terraform config per stack folder when synths alternate between HCL (--hcl) and JSON', () => {
    const env = { AUTO_TAG_ACCOUNTS: '333333333333' };
    const { outdir } = synth(undefined, { env: { ...env, SYNTH_HCL_OUTPUT: 'true' } });
    const stackDir = join(outdir, 'stacks', 'member-333333333333');
    expect(readdirSync(stackDir).filter((f) => f.startsWith('cdk.tf'))).toEqual(['cdk.tf']);
    expect(synth(undefined, { env, outdir }).status).toBe(0);
    expect(readdirSync(stackDir).filter((f) => f.startsWith('cdk.tf'))).toEqual(['cdk.tf.json']);
    expect(synth(undefined, { env: { ...env, SYNTH_HCL_OUTPUT: 'true' }, outdir }).status).toBe(0);
    expect(readdirSync(stackDir).filter((f) => f.startsWith('cdk.tf'))).toEqual(['cdk.tf']);
  });
});
