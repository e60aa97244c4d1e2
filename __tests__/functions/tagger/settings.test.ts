import { readSettings, tagKeys } from '../../../functions/tagger/settings';

describe('readSettings', () => {
  it('applies the documented defaults', () => {
    expect(readSettings({ TAGGER_ROLE_NAME: 'auto-tag-tagger' })).toEqual({
      roleName: 'auto-tag-tagger',
      rolePath: '/',
      ownerTagKey: 'Owner',
      principalIdTagKey: 'PrincipalId',
      extraTagKeys: {},
      metricsNamespace: 'AutoTag',
    });
  });

  it('reads every variable of the contract', () => {
    expect(
      readSettings({
        TAGGER_ROLE_NAME: 'tagger',
        TAGGER_ROLE_PATH: '/auto-tag/',
        OWNER_TAG_KEY: 'CreatedBy',
        PRINCIPAL_ID_TAG_KEY: 'CreatedByPrincipal',
        CREATED_AT_TAG_KEY: 'CreatedAt',
        CREATOR_ARN_TAG_KEY: 'CreatorArn',
        INVOKED_BY_TAG_KEY: 'InvokedBy',
        POWERTOOLS_METRICS_NAMESPACE: 'Platform/AutoTag',
        POWERTOOLS_SERVICE_NAME: 'auto-tag',
      }),
    ).toEqual({
      roleName: 'tagger',
      rolePath: '/auto-tag/',
      ownerTagKey: 'CreatedBy',
      principalIdTagKey: 'CreatedByPrincipal',
      extraTagKeys: { createdAt: 'CreatedAt', creatorArn: 'CreatorArn', invokedBy: 'InvokedBy' },
      metricsNamespace: 'Platform/AutoTag',
    });
  });

  it('lists every key it writes: the two always, an extra one only when configured', () => {
    expect(tagKeys(readSettings({ TAGGER_ROLE_NAME: 'tagger' }))).toEqual(['Owner', 'PrincipalId']);
    expect(tagKeys(readSettings({ TAGGER_ROLE_NAME: 'tagger', INVOKED_BY_TAG_KEY: 'InvokedBy', CREATED_AT_TAG_KEY: '' }))).toEqual([
      'Owner',
      'PrincipalId',
      'InvokedBy',
    ]);
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
    [{ TAGGER_ROLE_NAME: 'tagger', OWNER_TAG_KEY: 'Who', PRINCIPAL_ID_TAG_KEY: 'Who' }, /"Who" is configured twice/],
    [{ TAGGER_ROLE_NAME: 'tagger', CREATOR_ARN_TAG_KEY: 'Owner' }, /"Owner" is configured twice/],
    [{ TAGGER_ROLE_NAME: 'tagger', CREATED_AT_TAG_KEY: 'When', INVOKED_BY_TAG_KEY: 'When' }, /"When" is configured twice/],
    [{ TAGGER_ROLE_NAME: 'tagger', CREATED_AT_TAG_KEY: 'aws:createdAt' }, /CREATED_AT_TAG_KEY is invalid/],
    [{ TAGGER_ROLE_NAME: 'tagger', INVOKED_BY_TAG_KEY: 'k'.repeat(129) }, /INVOKED_BY_TAG_KEY is invalid/],
    [{ TAGGER_ROLE_NAME: 'tagger', POWERTOOLS_METRICS_NAMESPACE: 'AWS/EC2' }, /POWERTOOLS_METRICS_NAMESPACE is invalid/],
    [{ TAGGER_ROLE_NAME: 'tagger', POWERTOOLS_METRICS_NAMESPACE: 'n'.repeat(256) }, /POWERTOOLS_METRICS_NAMESPACE is invalid/],
  ])('refuses %p', (env, message) => {
    expect(() => readSettings(env)).toThrow(message);
  });
});
