import { readSettings } from '../../../functions/tagger/settings';

describe('readSettings', () => {
  it('applies the documented defaults', () => {
    expect(readSettings({ TAGGER_ROLE_NAME: 'auto-tag-tagger' })).toEqual({
      roleName: 'auto-tag-tagger',
      rolePath: '/',
      ownerTagKey: 'Owner',
      principalIdTagKey: 'PrincipalId',
    });
  });

  it('reads every variable of the contract', () => {
    expect(
      readSettings({
        TAGGER_ROLE_NAME: 'tagger',
        TAGGER_ROLE_PATH: '/auto-tag/',
        OWNER_TAG_KEY: 'CreatedBy',
        PRINCIPAL_ID_TAG_KEY: 'CreatedByPrincipal',
        POWERTOOLS_SERVICE_NAME: 'auto-tag',
      }),
    ).toEqual({ roleName: 'tagger', rolePath: '/auto-tag/', ownerTagKey: 'CreatedBy', principalIdTagKey: 'CreatedByPrincipal' });
  });

  it('treats empty values as unset', () => {
    expect(readSettings({ TAGGER_ROLE_NAME: 'tagger', TAGGER_ROLE_PATH: '', OWNER_TAG_KEY: '' })).toMatchObject({
      rolePath: '/',
      ownerTagKey: 'Owner',
    });
  });

  it.each([
    [{}, /TAGGER_ROLE_NAME is not set/],
    [{ TAGGER_ROLE_NAME: '' }, /TAGGER_ROLE_NAME is not set/],
    [{ TAGGER_ROLE_NAME: 'a/b' }, /TAGGER_ROLE_NAME is invalid/],
    [{ TAGGER_ROLE_NAME: 'x'.repeat(65) }, /TAGGER_ROLE_NAME is invalid/],
    [{ TAGGER_ROLE_NAME: 'tagger', TAGGER_ROLE_PATH: 'auto-tag' }, /TAGGER_ROLE_PATH is invalid/],
    [{ TAGGER_ROLE_NAME: 'tagger', TAGGER_ROLE_PATH: '/auto-tag' }, /TAGGER_ROLE_PATH is invalid/],
    [{ TAGGER_ROLE_NAME: 'tagger', TAGGER_ROLE_PATH: '//' }, /TAGGER_ROLE_PATH is invalid/],
    [{ TAGGER_ROLE_NAME: 'tagger', OWNER_TAG_KEY: 'aws:owner' }, /OWNER_TAG_KEY is invalid/],
    [{ TAGGER_ROLE_NAME: 'tagger', PRINCIPAL_ID_TAG_KEY: 'k'.repeat(129) }, /PRINCIPAL_ID_TAG_KEY is invalid/],
    [{ TAGGER_ROLE_NAME: 'tagger', OWNER_TAG_KEY: 'Who', PRINCIPAL_ID_TAG_KEY: 'Who' }, /must differ/],
  ])('refuses %p', (env, message) => {
    expect(() => readSettings(env)).toThrow(message);
  });
});
