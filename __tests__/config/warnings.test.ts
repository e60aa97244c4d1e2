import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig } from '../../modules/config/load';
import { configWarnings } from '../../modules/config/warnings';
import { exampleConfigInput } from '../support/synth';
import { runMain } from '../support/run-main';

const config = (overrides: object) => validateConfig({ ...exampleConfigInput(), ...overrides });

describe('configWarnings: the SCP over common tag keys', () => {
  it('warns when the SCP protects a key companies and Terraform default_tags commonly write (Owner, in any case)', () => {
    const warnings = configWarnings(config({ tagKeys: { owner: 'OWNER', creatorArn: 'CreatedBy' } }));
    expect(warnings).toEqual([
      expect.stringMatching(
        /^tagKeys: "OWNER" is a common tag key, and tagGuardScp denies writing it .* in r-a1b2: .*default_tags.*canary.*"autotag:OWNER"/,
      ),
      expect.stringMatching(/^tagKeys: "CreatedBy" is a common tag key/),
    ]);
  });

  it('says nothing for keys of your own, or without the SCP', () => {
    expect(configWarnings(config({ tagKeys: { owner: 'autotag:Owner' } }))).toEqual([]);
    expect(configWarnings(config({ tagGuardScp: undefined }))).toEqual([]);
  });

  it('is printed at synth, which still succeeds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'auto-tag-warn-'));
    const file = join(dir, 'auto-tag.json');
    writeFileSync(file, JSON.stringify(exampleConfigInput()));
    const { status, stderr } = runMain(file, { env: { AUTO_TAG_ACCOUNTS: 'management' } });
    expect(status).toBe(0);
    expect(stderr).toMatch(/warning: tagKeys: "Owner" is a common tag key/);
  });
});
