import type { Construct } from 'constructs';
import { LOOKUP_EVENTS_ACTION, listingActions } from '../../functions/reconcile/permissions';
import { createdResourceTypes, describeActions } from '../../functions/tagger/catalogue';
import { AccessPolicies, type AccessPoliciesProps } from '../access-policies';
import { protectedTagKeys, type AccountConfig, type Config } from '../config/schema';
import { EventForwarding, type RegionForwardingProps } from '../event-forwarding';
import { accountRegions, arn, namesFor, type Names } from '../naming';
import { RoleWithPolicy } from '../iam-role';
import { accountAccessPolicies, type NamedPolicy } from '../policies/account-access-policies';
import { taggerRolePermissions, taggerRoleTrustPolicy } from '../policies/tagger-role';
import { AccountStack } from './account-stack';

export interface MemberStackProps {
  /** The validated organization config (`parseConfig`/`loadConfig`). */
  readonly config: Config;
  /** The member account this stack deploys to; it must be one of `config.accounts`. */
  readonly accountId: string;
}

/**
 * One member account: the tagger role the central function assumes, the
 * forwarding rules of its regions, and the policies that rely on the tags.
 */
export class MemberStack extends AccountStack {
  constructor(scope: Construct, id: string, { config, accountId }: MemberStackProps) {
    const account = memberAccount(config, accountId);
    const regions = accountRegions(config, account);
    super(scope, id, { config, accountId, regions });
    const names = namesFor(config);

    addMemberGlobal(this, {
      accountId: account.id,
      regions,
      centralAccountId: config.centralAccountId,
      organizationId: config.organizationId,
      names,
      protectedKeys: protectedTagKeys(config.tagKeys),
      policies: accountAccessPolicies(config, account),
    });
    new EventForwarding(this, 'forwarding', {
      ...memberForwarding({
        accountId: account.id,
        centralAccountId: config.centralAccountId,
        names,
        provider: (region) => this.regionProvider(region),
      }),
      regions,
    });
  }
}

const memberAccount = (config: Config, accountId: string): AccountConfig => {
  const account = config.accounts.find((a) => a.id === accountId);
  if (!account) throw new Error(`MemberStack: accountId ${accountId} is not in config.accounts (onboard it there first)`);
  return account;
};

/** What a member account needs once (IAM is global). */
export interface MemberGlobalProps {
  /** The member account. */
  readonly accountId: string;
  /** Regions the tagger covers in the account. */
  readonly regions: readonly string[];
  /** The central account, whose function role alone may assume the tagger role. */
  readonly centralAccountId: string;
  /** The organization the central function's role must belong to. */
  readonly organizationId: string;
  /** The names everything is created and found by (`namesFor`). */
  readonly names: Names;
  /** The keys the tagger role may write, and only they (`protectedTagKeys`). */
  readonly protectedKeys: readonly string[];
  /** The account's tag-based access policies (`accessPolicies`). */
  readonly policies: readonly NamedPolicy[];
  /**
   * Which policies are created, as Terraform booleans (see `AccessPoliciesProps.enabledBy`).
   * @default every one of `policies`
   */
  readonly policiesEnabledBy?: AccessPoliciesProps['enabledBy'];
}

/**
 * A member account's global part: the tagger role the central function
 * assumes, and the access policies with their group. The member stack and the
 * `member-global` Terraform module both build it here.
 */
export const addMemberGlobal = (
  scope: Construct,
  props: MemberGlobalProps,
): { taggerRole: RoleWithPolicy; accessPolicies: AccessPolicies } => {
  const { names } = props;
  const taggerRole = new RoleWithPolicy(scope, 'tagger-role', {
    roleName: names.taggerRole,
    description: 'auto-tag: assumed by the central tagger function to write the creator tags',
    trust: taggerRoleTrustPolicy({
      functionRoleArn: arn.role(props.centralAccountId, names.functionRole),
      sweepRoleArn: arn.role(props.centralAccountId, names.sweepRole),
      organizationId: props.organizationId,
    }),
    policyName: 'write-creator-tags',
    permissions: taggerRolePermissions({
      accountId: props.accountId,
      regions: props.regions,
      tagKeys: props.protectedKeys,
      resourceTypes: createdResourceTypes(),
      describeActions: describeActions(),
      reconcileActions: [...listingActions(), LOOKUP_EVENTS_ACTION],
    }),
  });
  const accessPolicies = new AccessPolicies(scope, 'access-policies', {
    groupName: names.restrictedGroup,
    policies: props.policies,
    enabledBy: props.policiesEnabledBy,
  });
  return { taggerRole, accessPolicies };
};

/**
 * A member account's forwarding settings, but its regions: what the member
 * stack's `EventForwarding` (every region) and the `member-regional`
 * Terraform module's `forwardRegion` (one region) are given.
 */
export const memberForwarding = (props: {
  readonly accountId: string;
  readonly centralAccountId: string;
  readonly names: Names;
  readonly provider: RegionForwardingProps['provider'];
}): RegionForwardingProps => ({
  accountId: props.accountId,
  provider: props.provider,
  ruleName: props.names.forwardingRule,
  roleName: props.names.forwardingRole,
  centralAccountId: props.centralAccountId,
  centralBusName: props.names.centralBus,
  deadLetterQueueName: props.names.forwardingDeadLetterQueue,
});
