import { DEFAULTS, readSettings, renderEnvironment, tagKeyProblem, tagKeys, type Settings } from '../../../functions/tagger/environment';
import { tagKey } from '../../../modules/config/tag-key';
import { synthOrganization } from '../../support/synth';

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
    // IAM compares tag keys ignoring case: the tag guard could not tell these apart.
    [{ TAGGER_ROLE_NAME: 'tagger', OWNER_TAG_KEY: 'owner', CREATOR_ARN_TAG_KEY: 'Owner' }, /"Owner" is configured twice/],
    [{ TAGGER_ROLE_NAME: 'tagger', OWNER_TAG_KEY: 'Created By!' }, /OWNER_TAG_KEY is invalid: "Created By!" \(may only contain/],
    [
      { TAGGER_ROLE_NAME: 'tagger', INVOKED_BY_TAG_KEY: ' InvokedBy' },
      /INVOKED_BY_TAG_KEY is invalid: " InvokedBy" \(must not start or end with a space\)/,
    ],
    [{ TAGGER_ROLE_NAME: 'tagger', CREATED_AT_TAG_KEY: 'aws:createdAt' }, /CREATED_AT_TAG_KEY is invalid/],
    [{ TAGGER_ROLE_NAME: 'tagger', INVOKED_BY_TAG_KEY: 'k'.repeat(129) }, /INVOKED_BY_TAG_KEY is invalid/],
    [{ TAGGER_ROLE_NAME: 'tagger', POWERTOOLS_METRICS_NAMESPACE: 'AWS/EC2' }, /POWERTOOLS_METRICS_NAMESPACE is invalid/],
    [{ TAGGER_ROLE_NAME: 'tagger', POWERTOOLS_METRICS_NAMESPACE: 'n'.repeat(256) }, /POWERTOOLS_METRICS_NAMESPACE is invalid/],
  ])('refuses %p', (env, message) => {
    expect(() => readSettings(env)).toThrow(message);
  });
});

describe('renderEnvironment', () => {
  const full: Settings = {
    roleName: 'tagger',
    rolePath: '/auto-tag/',
    ownerTagKey: 'CreatedBy',
    principalIdTagKey: 'CreatorId',
    extraTagKeys: { createdAt: 'CreatedAt', creatorArn: 'CreatorArn', invokedBy: 'InvokedBy' },
    metricsNamespace: 'Platform/AutoTag',
  };

  it.each([
    ['every setting', full],
    ['the extra tags off', { ...full, extraTagKeys: {} }],
    ['one extra tag on', { ...full, extraTagKeys: { invokedBy: 'InvokedBy' } }],
  ])('renders what readSettings reads back: %s', (_, settings) => {
    expect(readSettings(renderEnvironment(settings))).toEqual(settings);
  });

  it('sets every variable, an extra tag that is off as empty, and the Powertools service and level', () => {
    expect(renderEnvironment({ ...full, extraTagKeys: {} })).toEqual({
      TAGGER_ROLE_NAME: 'tagger',
      TAGGER_ROLE_PATH: '/auto-tag/',
      OWNER_TAG_KEY: 'CreatedBy',
      PRINCIPAL_ID_TAG_KEY: 'CreatorId',
      CREATED_AT_TAG_KEY: '',
      CREATOR_ARN_TAG_KEY: '',
      INVOKED_BY_TAG_KEY: '',
      POWERTOOLS_METRICS_NAMESPACE: 'Platform/AutoTag',
      POWERTOOLS_SERVICE_NAME: 'auto-tag',
      POWERTOOLS_LOG_LEVEL: 'INFO',
    });
  });
});

describe('the environment the central stack synthesizes', () => {
  // The Lambda's variables exactly as the Terraform JSON carries them, one per region.
  const deployedEnvironments = (tagKeys: Record<string, string>) => {
    const central = synthOrganization({ tagKeys }).central;
    // The tagger of each region (the reconcile sweep's environment has its own contract and tests).
    return Object.values(central.resource.aws_lambda_function)
      .filter((fn) => fn.function_name === 'auto-tag-tagger')
      .map((fn) => fn.environment.variables as Record<string, string>);
  };

  it('is read by the function as the config says, with the extra tags on', () => {
    const tagKeys = {
      owner: 'CreatedBy',
      principalId: 'CreatorId',
      createdAt: 'CreatedAt',
      creatorArn: 'CreatorArn',
      invokedBy: 'InvokedBy',
    };
    const environments = deployedEnvironments(tagKeys);
    expect(environments).toHaveLength(2);
    for (const env of environments) {
      expect(readSettings(env)).toEqual({
        roleName: 'auto-tag-tagger',
        rolePath: '/',
        ownerTagKey: 'CreatedBy',
        principalIdTagKey: 'CreatorId',
        extraTagKeys: { createdAt: 'CreatedAt', creatorArn: 'CreatorArn', invokedBy: 'InvokedBy' },
        metricsNamespace: DEFAULTS.metricsNamespace,
      });
    }
  });

  it('is read by the function as the config says, with the extra tags off', () => {
    for (const env of deployedEnvironments({ owner: 'Owner', principalId: 'PrincipalId' })) {
      const settings = readSettings(env);
      expect(settings.extraTagKeys).toEqual({});
      expect(tagKeys(settings)).toEqual(['Owner', 'PrincipalId']);
    }
  });

  it('holds only variables of the contract (a renamed variable would be read as unset)', () => {
    const [env] = deployedEnvironments({});
    expect(env).toEqual(renderEnvironment(readSettings(env)));
  });
});

describe('the tag-key rule', () => {
  // The config refuses exactly the keys the function would refuse at cold start.
  it.each([
    'Owner',
    'Cost Center',
    'team:name',
    'a/b=c+d-e@f_g.h',
    'Ünïcödé',
    'k'.repeat(128),
    '',
    'k'.repeat(129),
    'aws:x',
    'AWS:x',
    'Owner!',
    ' Owner',
    'Owner ',
    'a\tb',
    'x#y',
  ])('judges %p the same in the config and the function', (key) => {
    const problem = tagKeyProblem(key);
    const parsed = tagKey.safeParse(key);
    expect(parsed.success).toBe(problem === undefined);
    if (!parsed.success) expect(parsed.error.issues.map((issue) => issue.message)).toContain(problem);
  });
});
