import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, formatPath, loadConfig, validateConfig } from '../../modules/config/load';
import { EXAMPLE_CONFIG_FILE, exampleConfigInput } from '../support/synth';

/** The problems a config yields, as `path: message` lines. */
const problems = (input: unknown): string[] => {
  try {
    validateConfig(input);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => `${p.path}: ${p.message}`);
    throw err;
  }
  return [];
};

const withAccounts = (...accounts: unknown[]) => ({ ...exampleConfigInput(), accounts: [...exampleConfigInput().accounts, ...accounts] });

describe('config validation', () => {
  it('accepts the committed example and applies documented defaults', () => {
    const config = loadConfig(EXAMPLE_CONFIG_FILE);
    expect(config.accounts).toHaveLength(5);
    expect(config.deployRoleName).toBe('OrganizationAccountAccessRole');
    expect(config.taggerRoleName).toBe('auto-tag-tagger');
    expect(config.tagKeys).toEqual({ owner: 'Owner', principalId: 'PrincipalId' });
    expect(config.accounts[4].accessPolicies).toEqual({ requiredTags: false, allowedTagKeys: false, teamAbac: false });
    expect(config.orgTrail).toEqual({ create: true, name: 'auto-tag-org-trail', logRetentionDays: 365 });
    expect(config.backend).toEqual({ type: 'local', stateDir: 'state' });
    expect(config.function.runtime).toBe('nodejs22.x');
  });

  it('formats paths the way a person reads them', () => {
    expect(formatPath(['accounts', 2, 'id'])).toBe('accounts[2].id');
    expect(formatPath(['accounts', 0, 'regions', 1])).toBe('accounts[0].regions[1]');
    expect(formatPath([])).toBe('(config)');
  });

  it('rejects an account id that is not 12 digits, naming the entry', () => {
    expect(problems(withAccounts({ id: '12345', name: 'short' }))).toEqual([
      'accounts[5] (12345 short).id: "12345" must be a 12-digit AWS account id',
    ]);
    expect(problems(withAccounts({ id: '12345678901a', name: 'letter' }))).toEqual([
      'accounts[5] (12345678901a letter).id: "12345678901a" must be a 12-digit AWS account id',
    ]);
    expect(problems({ ...exampleConfigInput(), centralAccountId: 222222222222 })).toContain(
      'centralAccountId: must be a string, not the number 222222222222',
    );
  });

  it('rejects a duplicate account id and says where the first one is', () => {
    expect(problems(withAccounts({ id: '333333333333', name: 'again' }))).toEqual([
      'accounts[5] (333333333333 again).id: duplicate account id (also accounts[2].id)',
    ]);
  });

  it('rejects an unknown region at the top level and in an account override', () => {
    expect(problems({ ...exampleConfigInput(), regions: ['eu-west-1', 'eu-wast-1'] })).toEqual([
      'regions[1]: "eu-wast-1" is not a known AWS region; did you mean "eu-west-1"?',
    ]);
    expect(problems(withAccounts({ id: '666666666666', name: 'x', regions: ['us-east-7'] }))).toEqual([
      'accounts[5] (666666666666 x).regions[0]: "us-east-7" is not a known AWS region; did you mean "us-east-1"?',
    ]);
  });

  it('rejects an account region that the central account does not cover', () => {
    expect(problems(withAccounts({ id: '666666666666', name: 'x', regions: ['ap-south-1'] }))).toEqual([
      'accounts[5] (666666666666 x).regions[0]: "ap-south-1" is not in the top-level regions',
    ]);
  });

  it('rejects a malformed organization id', () => {
    for (const organizationId of ['o-short', 'a1b2c3d4e5f6', 'o-UPPERCASE12', '']) {
      expect(problems({ ...exampleConfigInput(), organizationId })).toEqual([
        `organizationId: ${JSON.stringify(organizationId)} must be an organization id like o-a1b2c3d4e5`,
      ]);
    }
  });

  it.each([
    ['', '"" must be 1-128 characters'],
    ['k'.repeat(129), `"${'k'.repeat(60)}…" (129 characters) must be 1-128 characters`],
    ['aws:owner', '"aws:owner" must not start with "aws:" (reserved by AWS)'],
    ['AWS:Owner', '"AWS:Owner" must not start with "aws:" (reserved by AWS)'],
    ['owner#1', '"owner#1" may only contain letters, digits, spaces and _.:/=+-@'],
    ['Owner ', '"Owner " must not start or end with a space'],
    [' Owner', '" Owner" must not start or end with a space'],
    ['Owner\u00a0', '"Owner\u00a0" must not start or end with a space'],
  ])('rejects the tag key %j: %s', (owner, message) => {
    expect(problems({ ...exampleConfigInput(), tagKeys: { owner } })).toEqual([`tagKeys.owner: ${message}`]);
  });

  it('accepts tag keys at the limits and rejects two equal keys', () => {
    expect(problems({ ...exampleConfigInput(), tagKeys: { owner: 'k'.repeat(128), principalId: 'team:creator-id' } })).toEqual([]);
    expect(problems({ ...exampleConfigInput(), tagKeys: { owner: 'Creator', principalId: 'Creator' } })).toEqual([
      'tagKeys.principalId: must differ from tagKeys.owner',
    ]);
  });

  it('names every missing required field', () => {
    const { organizationId: _o, managementAccountId: _m, ...rest } = exampleConfigInput();
    expect(problems({ ...rest, accounts: [...rest.accounts, { name: 'no-id' }] })).toEqual([
      'organizationId: is required',
      'managementAccountId: is required',
      'accounts[5] (no-id).id: is required',
    ]);
  });

  it('rejects unknown fields, which are usually typos', () => {
    expect(problems({ ...exampleConfigInput(), region: ['eu-west-1'] })).toEqual(['region: is not a known field; did you mean "regions"?']);
    expect(problems({ ...exampleConfigInput(), function: { timeoutSecond: 3 } })).toEqual([
      'function.timeoutSecond: is not a known field; did you mean "timeoutSeconds"?',
    ]);
    expect(problems(withAccounts({ id: '666666666666', name: 'x', region: ['eu-west-1'] }))).toEqual([
      'accounts[5] (666666666666 x).region: is not a known field; did you mean "regions"?',
    ]);
    expect(problems({ ...exampleConfigInput(), colour: 'blue' })).toEqual(['colour: is not a known field (a typo?)']);
  });

  it('requires the management and central accounts to be listed, since their resources need tags too', () => {
    const input = exampleConfigInput();
    expect(problems({ ...input, accounts: input.accounts.slice(2) })).toEqual([
      'managementAccountId: must also be listed in accounts (its new resources need tags too)',
      'centralAccountId: must also be listed in accounts (its new resources need tags too)',
    ]);
  });

  it('checks the org trail and backend variants', () => {
    expect(problems({ ...exampleConfigInput(), orgTrail: { create: 'yes' } })).toEqual([
      'orgTrail.create: must have "create": true or false',
    ]);
    expect(problems({ ...exampleConfigInput(), backend: { type: 's3', region: 'eu-west-1' } })).toEqual(['backend.bucket: is required']);
    expect(problems({ ...exampleConfigInput(), homeRegion: 'us-west-2' })).toEqual([
      'homeRegion: "us-west-2" must be one of the top-level regions',
    ]);
  });

  it('reports every problem at once', () => {
    const input = exampleConfigInput();
    const found = problems({
      ...input,
      organizationId: 'org',
      regions: ['eu-west-1', 'mars-1'],
      accounts: [...input.accounts, { id: '1', name: 'bad' }, { id: '333333333333', name: 'dup' }],
      tagKeys: { owner: 'aws:x' },
    });
    expect(found).toEqual(
      expect.arrayContaining([
        'organizationId: "org" must be an organization id like o-a1b2c3d4e5',
        'regions[1]: "mars-1" is not a known AWS region',
        'accounts[5] (1 bad).id: "1" must be a 12-digit AWS account id',
        'tagKeys.owner: "aws:x" must not start with "aws:" (reserved by AWS)',
        'accounts[6] (333333333333 dup).id: duplicate account id (also accounts[2].id)',
      ]),
    );
    expect(found).toHaveLength(5);
  });

  it('rejects an extra tag key equal to another protected key, in any case', () => {
    expect(problems({ ...exampleConfigInput(), tagKeys: { createdAt: 'CreatedAt', creatorArn: 'owner' } })).toEqual([
      'tagKeys.creatorArn: must differ from tagKeys.owner',
    ]);
  });

  describe('access policies', () => {
    const withPolicies = (accessPolicies: unknown, sandboxOverride?: unknown) => {
      const input = exampleConfigInput();
      return {
        ...input,
        accessPolicies,
        accounts: input.accounts.map((a) => (a.id === '555555555555' ? { ...a, accessPolicies: sandboxOverride } : a)),
      };
    };

    it('defaults to owner-only control and the tag guard everywhere, nothing else', () => {
      const input = exampleConfigInput();
      const config = validateConfig({
        ...input,
        accessPolicies: undefined,
        accounts: input.accounts.map(({ accessPolicies: _, ...a }) => a),
      });
      expect(config.accessPolicies).toEqual({});
      expect(config.tagGuardScp).toEqual(exampleConfigInput().tagGuardScp);
    });

    it('names the field of a malformed selection', () => {
      expect(problems(withPolicies({ requiredTags: { tags: { CostCenter: [] } } }))).toEqual([
        'accessPolicies.requiredTags.tags.CostCenter: must list at least one allowed value, or ["*"] for any',
      ]);
      expect(problems(withPolicies({ teamAbac: true }))).toEqual(['accessPolicies.teamAbac: true must be false or { "tagKey": "..." }']);
      expect(problems(withPolicies({ ownerOnly: true }))).toEqual([
        'accessPolicies.ownerOnly: is not a known field; did you mean "ownerOnlyEc2"?',
      ]);
    });

    it('refuses a protected key in a user-facing policy', () => {
      expect(problems(withPolicies({ requiredTags: { tags: { PrincipalId: ['*'] } } }))).toEqual([
        'accessPolicies: requiredTags.tags: "PrincipalId" is a protected key (only the tagger writes it)',
      ]);
      expect(problems(withPolicies({ allowedTagKeys: { keys: ['Name', 'owner'] } }))).toEqual([
        'accessPolicies: allowedTagKeys.keys: "owner" is a protected key (only the tagger writes it)',
      ]);
    });

    it('refuses a required or team key that the allowed keys would forbid, where the combination arises', () => {
      expect(
        problems(withPolicies({ requiredTags: { tags: { CostCenter: ['*'] } }, allowedTagKeys: { keys: ['Name'] }, teamAbac: {} })),
      ).toEqual([
        'accessPolicies: requiredTags.tags: "CostCenter" is not in allowedTagKeys.keys, so nobody could ever set it',
        'accessPolicies: teamAbac.tagKey: "Team" is not in allowedTagKeys.keys, so nobody could ever set it',
      ]);
      // Only the sandbox's override brings the conflict: it is reported there.
      expect(
        problems(
          withPolicies(
            { allowedTagKeys: { keys: ['Name'] } },
            { allowedTagKeys: false, teamAbac: { tagKey: 'Name' }, requiredTags: { tags: { Project: ['a', '*'] } } },
          ),
        ),
      ).toEqual(['accounts[4] (555555555555 sandbox).accessPolicies: requiredTags.tags.Project: "*" allows any value; list it alone']);
      expect(problems(withPolicies({ allowedTagKeys: { keys: ['Name'] } }, { requiredTags: { tags: { Project: ['a'] } } }))).toEqual([
        'accounts[4] (555555555555 sandbox).accessPolicies: requiredTags.tags: "Project" is not in allowedTagKeys.keys, so nobody could ever set it',
      ]);
    });

    it('checks the SCP targets', () => {
      expect(problems({ ...exampleConfigInput(), tagGuardScp: { targetIds: ['ou-ab12-34cd56ef', 'root'] } })).toEqual([
        'tagGuardScp.targetIds[1]: "root" must be a root (r-...), OU (ou-...-...) or account id',
      ]);
      expect(problems({ ...exampleConfigInput(), tagGuardScp: { targetIds: [] } })).toEqual([
        'tagGuardScp.targetIds: must list at least one root, OU or account',
      ]);
    });
  });

  it('names accounts by id and name as well as position, quoting what is not plain', () => {
    expect(problems(withAccounts({ id: '666666666666', name: 'data lake', regions: ['eu-west-9'] }))).toEqual([
      'accounts[5] (666666666666 "data lake").name: "data lake" must be 1-50 of letters, digits and ._- (used in names)',
      'accounts[5] (666666666666 "data lake").regions[0]: "eu-west-9" is not a known AWS region; did you mean "eu-west-1"?',
    ]);
    expect(problems(withAccounts({ id: 666666666666 }))).toEqual([
      'accounts[5] (666666666666).id: must be a string, not the number 666666666666',
      'accounts[5] (666666666666).name: is required',
    ]);
    expect(problems(withAccounts('666666666666'))).toEqual(['accounts[5]: must be an object, not the string "666666666666"']);
  });

  it('suggests the nearest region only when it is close enough to be a typo', () => {
    const top = (region: string) => problems({ ...exampleConfigInput(), regions: ['eu-west-1', region] as never });
    expect(top('us-est-1')).toEqual(['regions[1]: "us-est-1" is not a known AWS region; did you mean "us-east-1"?']);
    expect(top(' EU-WEST-2')).toEqual(['regions[1]: " EU-WEST-2" is not a known AWS region; did you mean "eu-west-2"?']);
    expect(top('ap-southeast-10')).toEqual(['regions[1]: "ap-southeast-10" is not a known AWS region; did you mean "ap-southeast-1"?']);
    expect(top('mars-1')).toEqual(['regions[1]: "mars-1" is not a known AWS region']);
    expect(problems({ ...exampleConfigInput(), homeRegion: 'eu-wset-1' as never })).toEqual([
      'homeRegion: "eu-wset-1" is not a known AWS region; did you mean "eu-west-1"?',
    ]);
  });

  it('rejects a region listed twice, at the top level and in an account (it would be deployed twice)', () => {
    expect(problems({ ...exampleConfigInput(), regions: ['eu-west-1', 'us-east-1', 'eu-west-1'] })).toEqual([
      'regions[2]: "eu-west-1" is listed twice (also regions[0])',
    ]);
    expect(problems(withAccounts({ id: '666666666666', name: 'x', regions: ['us-east-1', 'us-east-1'] }))).toEqual([
      'accounts[5] (666666666666 x).regions[1]: "us-east-1" is listed twice (also accounts[5].regions[0])',
    ]);
  });

  it('rejects tag keys with a leading or trailing space wherever a tag key is named', () => {
    expect(problems({ ...exampleConfigInput(), accessPolicies: { requiredTags: { tags: { 'CostCenter ': ['*'] } } } })).toEqual([
      'accessPolicies.requiredTags.tags["CostCenter "]: "CostCenter " must not start or end with a space',
    ]);
    expect(problems({ ...exampleConfigInput(), accessPolicies: { allowedTagKeys: { keys: ['Name', ' Team'] } } })).toEqual([
      'accessPolicies.allowedTagKeys.keys[1]: " Team" must not start or end with a space',
    ]);
    expect(problems({ ...exampleConfigInput(), tagKeys: { owner: 'Created By' } })).toEqual([]);
  });

  describe('homeRegion', () => {
    const { homeRegion: _, ...withoutHome } = exampleConfigInput();

    it('is required when the org trail is created, so reordering regions can never move the trail, its bucket and key', () => {
      const message =
        'homeRegion: is required when the org trail is created (the trail, its bucket and key live there; regions[0] would move them whenever regions is reordered)';
      expect(problems(withoutHome)).toEqual([`${message}: add "homeRegion": "eu-west-1" to keep them where they are`]);
      expect(problems({ ...withoutHome, orgTrail: { create: true, name: 'org' } })).toEqual([
        `${message}: add "homeRegion": "eu-west-1" to keep them where they are`,
      ]);
      expect(problems({ ...withoutHome, regions: ['us-east-1', 'eu-west-1'] })).toEqual([
        `${message}: add "homeRegion": "us-east-1" to keep them where they are`,
      ]);
    });

    it('stays where it is set when regions are reordered', () => {
      expect(validateConfig({ ...exampleConfigInput(), regions: ['us-east-1', 'eu-west-1'] }).homeRegion).toBe('eu-west-1');
    });

    it('may be left out when an existing organization trail is used', () => {
      expect(problems({ ...withoutHome, orgTrail: { create: false } })).toEqual([]);
    });
  });

  it('reports a config that is not an object, instead of failing inside the checks', () => {
    expect(problems(null)).toEqual(['(config): must be an object, not null']);
    expect(problems([])).toEqual(['(config): must be an object, not an empty array']);
    expect(problems('config')).toEqual(['(config): must be an object, not the string "config"']);
  });

  it('describes wrong types and bounds in its own words', () => {
    expect(problems({ ...exampleConfigInput(), regions: 'eu-west-1' as never })).toContain(
      'regions: must be an array, not the string "eu-west-1"',
    );
    expect(problems({ ...exampleConfigInput(), function: { memorySize: 64, timeoutSeconds: 1.5 } })).toEqual([
      'function.memorySize: 64 must be at least 128',
      'function.timeoutSeconds: must be a whole number, not the number 1.5',
    ]);
    expect(problems({ ...exampleConfigInput(), function: { runtime: 'nodejs20.x' as never } })).toEqual([
      'function.runtime: "nodejs20.x" must be one of nodejs22.x, nodejs24.x',
    ]);
  });

  it('names the file when it is unreadable or not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'auto-tag-config-'));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "organizationId": ');
    expect(() => loadConfig(broken)).toThrow(
      `${broken}: invalid auto-tag config\n  - (file): is not valid JSON: the file ends before the "{" at line 1, column 1 is closed`,
    );
    expect(() => loadConfig(join(dir, 'missing.json'))).toThrow(/\(file\): cannot be read/);
  });
});
