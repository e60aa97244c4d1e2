import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCommandConfig, selectTargets } from '../../../commands/cli/config';
import { UsageError } from '../../../commands/cli/options';
import { ConfigError } from '../../../modules/config/load';
import { sampleConfig } from '../../support/commands/sample-config';

const config = sampleConfig;

const pairs = (targets: ReturnType<typeof selectTargets>) => targets.map((t) => `${t.account.name}/${t.region}`);

describe('selectTargets', () => {
  it('is every account in every region it covers, in config order, by default', () => {
    expect(pairs(selectTargets(config))).toEqual([
      'management/eu-west-1',
      'management/us-east-1',
      'tooling/eu-west-1',
      'tooling/us-east-1',
      'dev/eu-west-1',
      'dev/us-east-1',
      'sandbox/eu-west-1',
    ]);
  });

  it('narrows to accounts given by id or name and to regions, skipping regions an account does not cover', () => {
    expect(pairs(selectTargets(config, { accounts: ['sandbox', '222222222222'], regions: ['us-east-1'] }))).toEqual(['tooling/us-east-1']);
    expect(pairs(selectTargets(config, { regions: ['eu-west-1'] }))).toEqual([
      'management/eu-west-1',
      'tooling/eu-west-1',
      'dev/eu-west-1',
      'sandbox/eu-west-1',
    ]);
  });

  it('refuses an account or region the config does not have, naming it', () => {
    expect(() => selectTargets(config, { accounts: ['prod'] })).toThrow(
      new UsageError("--accounts: 'prod' is not an account id or name of the config (management, tooling, dev, sandbox)"),
    );
    expect(() => selectTargets(config, { regions: ['us-west-2'] })).toThrow(
      new UsageError("--regions: 'us-west-2' is not a region of the config (eu-west-1, us-east-1)"),
    );
  });

  it('refuses a selection that leaves nothing to do', () => {
    expect(() => selectTargets(config, { accounts: ['sandbox'], regions: ['us-east-1'] })).toThrow(
      new UsageError('no selected account covers the selected regions (us-east-1)'),
    );
  });
});

describe('loadCommandConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'auto-tag-cli-'));

  it('reads and validates the file as the synth does', () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify({ ...config, $schema: undefined }));
    expect(loadCommandConfig(file)).toEqual(config);
  });

  it("throws the synth's ConfigError, naming the field", () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...config, regions: ['eu-west-9'] }));
    expect(() => loadCommandConfig(file)).toThrow(ConfigError);
    expect(() => loadCommandConfig(file)).toThrow(/regions\[0\]/);
  });

  it('falls back to AUTO_TAG_CONFIG when no file is given', () => {
    const file = join(dir, 'env.json');
    writeFileSync(file, JSON.stringify(config));
    const before = process.env.AUTO_TAG_CONFIG;
    process.env.AUTO_TAG_CONFIG = file;
    try {
      expect(loadCommandConfig().accounts).toHaveLength(4);
    } finally {
      if (before === undefined) delete process.env.AUTO_TAG_CONFIG;
      else process.env.AUTO_TAG_CONFIG = before;
    }
  });
});
