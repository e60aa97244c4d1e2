import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPolicyBlocks } from '../../scripts/readme-policies';
import { protectedTagKeys } from '../../modules/config/schema';
import { validateConfig } from '../../modules/config/load';
import { exampleConfigInput, synthOrganization } from '../support/synth';

describe('README policy JSON', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

  it('is what the example config synthesizes (run `npm run readme:policies` after changing a policy)', () => {
    expect(readme).toEqual(renderPolicyBlocks(readme, synthOrganization()));
  });

  it('shows every policy of the dev account and every organization policy', () => {
    expect([...readme.matchAll(/<!-- policy (\S+) (\S+) -->/g)].map((m) => m[2]).sort()).toEqual([
      'TagBasedEC2RestrictionsPolicy',
      'auto-tag-allowed-tag-keys',
      'auto-tag-protect-tagger-function',
      'auto-tag-required-tags',
      'auto-tag-tag-guard',
      'auto-tag-tag-guard',
      'auto-tag-tagger-only-central-function',
      'auto-tag-team-abac',
    ]);
  });

  it("gives Terraform's ignore_tags exactly the example config's protected keys", () => {
    const keys = /ignore_tags \{\n\s+keys = (\[.*\])/.exec(readme)?.[1];
    expect(keys && JSON.parse(keys)).toEqual(protectedTagKeys(validateConfig(exampleConfigInput()).tagKeys));
  });
});
