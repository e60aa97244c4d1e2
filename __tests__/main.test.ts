/** The entry point as `cdktf synth` runs it (`tsx main.ts`), end to end. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMain as synth } from './helpers/run-main';
import { exampleConfigInput } from './helpers/synth';

describe('main.ts', () => {
  it('synthesizes the example config: management, central and one member stack per account, with the bundled function', () => {
    const { status, stderr, outdir } = synth();
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
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
    expect(stderr).toContain('  - organizationId: "o-1" must be an organization id like o-a1b2c3d4e5');
    expect(stderr).toContain('  - accounts[5] (42 x).id: "42" must be a 12-digit AWS account id');
    expect(existsSync(outdir)).toBe(false);
  });
});
