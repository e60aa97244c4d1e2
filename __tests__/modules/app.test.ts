/** The stack API a user's own app calls: `(scope, id, props)`, ids of the user's choosing, the bundle path. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Testing, type TerraformStack } from 'cdktf';
import { validateConfig } from '../../modules/config/load';
import { addAutoTagStacks } from '../../modules/stacks/app';
import { CentralStack } from '../../modules/stacks/central';
import { MemberStack } from '../../modules/stacks/member';
import { exampleConfigInput, fakeBundleDir } from '../support/synth';

const config = validateConfig(exampleConfigInput());
const stackIds = (app: ReturnType<typeof Testing.app>) => app.node.children.map((s) => s.node.id);

describe('addAutoTagStacks', () => {
  it('names the stacks management, central and member-<id> by default, and returns them', () => {
    const app = Testing.app();
    const built = addAutoTagStacks(app, { config, taggerBundleDir: fakeBundleDir(), sweepBundleDir: fakeBundleDir() });
    expect(stackIds(app)).toEqual(['management', 'central', ...config.accounts.map((a) => `member-${a.id}`)]);
    expect([built.management, built.central, ...built.members]).toEqual(app.node.children);
  });

  it('takes the ids from the caller, so two organizations share one app without clashing', () => {
    const app = Testing.app();
    const other = validateConfig({ ...exampleConfigInput(), namePrefix: 'other-tag' });
    const ids = (prefix: string) => ({
      management: `${prefix}-mgmt`,
      central: `${prefix}-central`,
      member: (id: string) => `${prefix}-${id}`,
    });
    addAutoTagStacks(app, { config, taggerBundleDir: fakeBundleDir(), sweepBundleDir: fakeBundleDir(), ids: ids('a') });
    addAutoTagStacks(app, { config: other, taggerBundleDir: fakeBundleDir(), sweepBundleDir: fakeBundleDir(), ids: ids('b') });
    expect(stackIds(app)).toEqual(['a', 'b'].flatMap((p) => [`${p}-mgmt`, `${p}-central`, ...config.accounts.map((a) => `${p}-${a.id}`)]));
    // Each id is its own state: the S3 key or local state file follows the id.
    const backend = (id: string) => (app.node.findChild(id) as TerraformStack).toTerraform().terraform.backend.local.path;
    expect(backend('a-central')).toMatch(/a-central\.tfstate$/);
    expect(backend('b-central')).toMatch(/b-central\.tfstate$/);
  });
});

describe('CentralStack taggerBundleDir', () => {
  const assetSource = (stack: CentralStack): string => (stack.node.findChild('tagger-code') as any).sourcePath;

  it('takes a relative path from the current directory', () => {
    const dir = relative(process.cwd(), fakeBundleDir());
    const stack = new CentralStack(Testing.app(), 'central', { config, taggerBundleDir: dir, sweepBundleDir: fakeBundleDir() });
    expect(assetSource(stack)).toBe(join(process.cwd(), dir));
  });

  it('names the field when the folder holds no index.js', () => {
    const empty = mkdtempSync(join(tmpdir(), 'auto-tag-empty-'));
    mkdirSync(join(empty, 'nested'));
    writeFileSync(join(empty, 'nested', 'index.js'), '');
    expect(() => new CentralStack(Testing.app(), 'central', { config, taggerBundleDir: empty })).toThrow(
      `taggerBundleDir: ${empty} holds no index.js (the function's bundle, handler index.handler)`,
    );
  });
});

describe('MemberStack', () => {
  it('builds the stack of an account of the config', () => {
    const stack = new MemberStack(Testing.app(), 'mine', { config, accountId: '333333333333' });
    expect(stack.node.findChild('tagger-role')).toBeDefined();
  });

  it('names the account when it is not in the config', () => {
    expect(() => new MemberStack(Testing.app(), 'mine', { config, accountId: '999999999999' })).toThrow(
      'MemberStack: accountId 999999999999 is not in config.accounts (onboard it there first)',
    );
  });
});
