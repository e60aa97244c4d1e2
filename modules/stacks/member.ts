import { Construct } from 'constructs';
import { createdResourceTypes, describeActions } from '../../functions/tagger/catalogue';
import { AccessPolicies } from '../access-policies';
import { protectedTagKeys, type AccountConfig, type Config } from '../config/schema';
import { EventForwarding } from '../event-forwarding';
import { accountRegions, arn, namesFor } from '../naming';
import { RoleWithPolicy } from '../iam-role';
import { accountAccessPolicies } from '../policies/account-access-policies';
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

    new RoleWithPolicy(this, 'tagger-role', {
      roleName: names.taggerRole,
      description: 'auto-tag: assumed by the central tagger function to write the creator tags',
      trust: taggerRoleTrustPolicy({
        functionRoleArn: arn.role(config.centralAccountId, names.functionRole),
        organizationId: config.organizationId,
      }),
      policyName: 'write-creator-tags',
      permissions: taggerRolePermissions({
        accountId: account.id,
        regions,
        tagKeys: protectedTagKeys(config.tagKeys),
        resourceTypes: createdResourceTypes(),
        describeActions: describeActions(),
      }),
    });
    new EventForwarding(this, 'forwarding', {
      accountId: account.id,
      regions,
      provider: (region) => this.regionProvider(region),
      ruleName: names.forwardingRule,
      roleName: names.forwardingRole,
      centralAccountId: config.centralAccountId,
      centralBusName: names.centralBus,
      deadLetterQueueName: names.forwardingDeadLetterQueue,
    });
    new AccessPolicies(this, 'access-policies', {
      groupName: names.restrictedGroup,
      policies: accountAccessPolicies(config, account),
    });
  }
}

const memberAccount = (config: Config, accountId: string): AccountConfig => {
  const account = config.accounts.find((a) => a.id === accountId);
  if (!account) throw new Error(`MemberStack: accountId ${accountId} is not in config.accounts (onboard it there first)`);
  return account;
};
