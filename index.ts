/**
 * auto-tag as a construct library: the public API of the npm package (its
 * only entry point; `package.json` `exports` admits no deep imports). What is
 * not exported here (synth workers, fast-synth, stack selection from the
 * environment, the CLI's commands, test helpers) is this repository's own
 * app and may change in any release.
 */

// The organization's config: its schema, validator and types.
export { configSchema, protectedTagKeys, type AccountConfig, type Config, type ConfigInput } from './modules/config/schema';
export { ConfigError, loadConfig, parseConfig, validateConfig, type ConfigProblem } from './modules/config/load';
export { configJsonSchema } from './modules/config/json-schema';
export { configWarnings } from './modules/config/warnings';
export { AWS_REGIONS, type AwsRegion } from './modules/config/regions';
export { arn, namesFor, type Names } from './modules/naming';

// The stacks: one Terraform state per account.
export { addAutoTagStacks, type AutoTagAppProps, type AutoTagStackIds, type AutoTagStacks } from './modules/stacks/app';
export { AccountStack, AWS_PROVIDER_VERSIONS, type AccountStackProps } from './modules/stacks/account-stack';
export { CentralStack, type CentralStackProps } from './modules/stacks/central';
export { ManagementStack, needsManagementStack, type ManagementStackProps } from './modules/stacks/management';
export { MemberStack, type MemberStackProps } from './modules/stacks/member';
export type { StackSelection } from './modules/stacks/selection';

// The constructs the stacks are made of.
export { AccessPolicies, type AccessPoliciesProps } from './modules/access-policies';
export { CentralBus, type CentralBusProps } from './modules/central-bus';
export { EventForwarding, type EventForwardingProps } from './modules/event-forwarding';
export { RoleWithPolicy, type RoleWithPolicyProps } from './modules/iam-role';
export { OrgTrail, type OrgTrailProps } from './modules/org-trail';
export { OrganizationPolicy, type OrganizationPolicyProps } from './modules/organization-policy';
export { TagGuardScp, type TagGuardScpConstructProps } from './modules/tag-guard-scp';
export { TaggerFunction, type TaggerFunctionProps } from './modules/tagger-function';
export { ReconcileSweep, type ReconcileSweepProps } from './modules/reconcile-sweep';
export { OperationsDashboard, dashboardBody, type DashboardInput, type OperationsDashboardProps } from './modules/monitoring/dashboard';
export {
  addSweepAlarms,
  addTaggerAlarms,
  type AlarmTarget,
  type SweepAlarmsProps,
  type TaggerAlarmsProps,
} from './modules/monitoring/alarms';
// What TaggerFunctionProps.taggerSettings holds: the function's environment contract.
export type { ExtraTagKeys, Settings as TaggerSettings } from './functions/tagger/environment';

// The policy builders: pure functions from props to IAM policy documents.
export { policy, toTerraformJson, type Condition, type PolicyDocument, type Statement } from './modules/policies/document';
export { accountAccessPolicies, type NamedPolicy } from './modules/policies/account-access-policies';
export { allowedTagKeysPolicy, type AllowedTagKeysProps } from './modules/policies/allowed-tag-keys';
export {
  centralBusPolicy,
  deadLetterQueuePolicy,
  forwardingRolePermissions,
  type CentralBusPolicyProps,
} from './modules/policies/event-forwarding';
export { functionRolePermissions, type FunctionRolePermissionsProps } from './modules/policies/function-role';
export {
  orgTrailBucketPolicy,
  orgTrailKeyPolicy,
  type OrgTrailBucketPolicyProps,
  type OrgTrailKeyPolicyProps,
} from './modules/policies/org-trail-bucket';
export {
  centralGuardScp,
  deployRolePrincipals,
  taggerRcp,
  type CentralGuardScpProps,
  type TaggerRcpProps,
} from './modules/policies/organization-guard';
export { ownerOnlyEc2Policy, type OwnerOnlyEc2Props } from './modules/policies/owner-only-ec2';
export { requiredTagsPolicy, type RequiredTagsProps } from './modules/policies/required-tags';
export { serviceTrustPolicy } from './modules/policies/service-trust';
export { sessionNameIsUserNameTrust, type SessionNameTrustProps } from './modules/policies/session-names';
export { tagGuardPolicy, tagGuardScp, type TagGuardProps, type TagGuardScpProps } from './modules/policies/tag-guard';
export {
  taggerRolePermissions,
  taggerRoleTrustPolicy,
  type TaggerRolePermissionsProps,
  type TaggerRoleTrustProps,
} from './modules/policies/tagger-role';
export { teamAbacPolicy, type TeamAbacProps } from './modules/policies/team-abac';
export {
  sweepRolePermissions,
  sweepRoleTrustPolicy,
  sweepSchedulerPermissions,
  sweepSchedulerTrustPolicy,
  type SweepRolePermissionsProps,
  type SweepRoleTrustProps,
  type SweepSchedulerProps,
} from './modules/policies/sweep-role';
