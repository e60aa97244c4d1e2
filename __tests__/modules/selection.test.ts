import { Testing } from 'cdktf';
import { validateConfig } from '../../modules/config/load';
import { addAutoTagStacks } from '../../modules/stacks/app';
import { allStacks, SelectionError, selectStacks } from '../../modules/stacks/selection';
import { exampleConfigInput, fakeBundleDir } from '../support/synth';

const config = validateConfig(exampleConfigInput());
const ids = config.accounts.map((a) => a.id);

describe('selectStacks (AUTO_TAG_ACCOUNTS)', () => {
  it.each([undefined, '', ' , '])('selects every stack when unset or empty (%p)', (spec) => {
    expect(selectStacks(config, spec)).toEqual({ management: true, central: true, accounts: ids });
  });

  it('takes account ids and stack names, split by commas or spaces, in config order, once each', () => {
    expect(selectStacks(config, '444444444444 member-333333333333,444444444444')).toEqual({
      management: false,
      central: false,
      accounts: ['333333333333', '444444444444'],
    });
  });

  it('adds management and central only on request', () => {
    expect(selectStacks(config, 'central')).toEqual({ management: false, central: true, accounts: [] });
    expect(selectStacks(config, 'management,central')).toEqual({ management: true, central: true, accounts: [] });
  });

  it('names every entry the config does not have, at once', () => {
    const noManagement = validateConfig({ ...exampleConfigInput(), orgTrail: { create: false }, tagGuardScp: undefined });
    const select = () => selectStacks(noManagement, '12345,999999999999,management');
    expect(select).toThrow(SelectionError);
    expect(select).toThrow(
      expect.objectContaining({
        problems: [
          '"12345" is not a 12-digit account id, member-<id>, management or central',
          `"999999999999" is not in the config's accounts (onboard it there first)`,
          '"management": this config has no management stack (orgTrail.create is false and there is no tagGuardScp)',
        ],
      }),
    );
  });
});

describe('addAutoTagStacks with a selection', () => {
  const build = (spec: string) => {
    const app = Testing.app();
    addAutoTagStacks(app, {
      config,
      stacks: selectStacks(config, spec),
      taggerBundleDir: fakeBundleDir(),
      sweepBundleDir: fakeBundleDir(),
    });
    return app.node.children.map((s: any) => [s.node.id, s.dependencies.map((d: any) => d.node.id)]);
  };

  it('constructs nothing but the selected stacks, and links only those built together', () => {
    expect(build('333333333333')).toEqual([['member-333333333333', []]]);
    expect(build('central,333333333333')).toEqual([
      ['central', []],
      ['member-333333333333', ['central']],
    ]);
  });

  it('needs the tagger bundle only for central (a checkout has no packaged bundle)', () => {
    const app = Testing.app();
    expect(() => addAutoTagStacks(app, { config, stacks: selectStacks(config, '333333333333') })).not.toThrow();
    expect(() => addAutoTagStacks(Testing.app(), { config, stacks: allStacks(config) })).toThrow(
      /^taggerBundleDir: not given, and the packaged tagger bundle .*bundles\/tagger\/index\.js does not exist/,
    );
  });
});
