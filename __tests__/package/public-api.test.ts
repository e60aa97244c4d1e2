/**
 * The npm package's API surface: every value the entry point exports, as a
 * reviewed list (an addition or removal shows as a diff here and belongs in
 * CHANGELOG.md). Types are checked by the tarball test's consumer.
 */
import * as api from '../../index';

describe('the public entry point', () => {
  it('exports the stacks, constructs, policy builders and config validator, and nothing else', () => {
    expect(Object.keys(api).sort()).toEqual([
      'AWS_PROVIDER_VERSIONS',
      'AWS_REGIONS',
      'AccessPolicies',
      'AccountStack',
      'CentralBus',
      'CentralStack',
      'ConfigError',
      'EventForwarding',
      'ManagementStack',
      'MemberStack',
      'OrgTrail',
      'OrganizationPolicy',
      'RoleWithPolicy',
      'TagGuardScp',
      'TaggerFunction',
      'accountAccessPolicies',
      'addAutoTagStacks',
      'allowedTagKeysPolicy',
      'arn',
      'centralBusPolicy',
      'centralGuardScp',
      'configJsonSchema',
      'configSchema',
      'configWarnings',
      'deadLetterQueuePolicy',
      'deployRolePrincipals',
      'forwardingRolePermissions',
      'functionRolePermissions',
      'loadConfig',
      'namesFor',
      'needsManagementStack',
      'orgTrailBucketPolicy',
      'orgTrailKeyPolicy',
      'ownerOnlyEc2Policy',
      'parseConfig',
      'policy',
      'protectedTagKeys',
      'requiredTagsPolicy',
      'serviceTrustPolicy',
      'sessionNameIsUserNameTrust',
      'tagGuardPolicy',
      'tagGuardScp',
      'taggerRcp',
      'taggerRolePermissions',
      'taggerRoleTrustPolicy',
      'teamAbacPolicy',
      'toTerraformJson',
      'validateConfig',
    ]);
  });
});
