import type { Construct } from 'constructs';
import { protectedTagKeys, type Config } from '../config/schema';
import { arn, deployRoleName, homeRegion, namesFor, orgTrailBucketName } from '../naming';
import { OrganizationPolicy } from '../organization-policy';
import { centralGuardScp, deployRolePrincipals, taggerRcp } from '../policies/organization-guard';
import { OrgTrail } from '../org-trail';
import { TagGuardScp } from '../tag-guard-scp';
import { AccountStack } from './account-stack';

export interface ManagementStackProps {
  /** The validated organization config (`parseConfig`/`loadConfig`): its `orgTrail` and `tagGuardScp` decide what the stack holds. */
  readonly config: Config;
}

/**
 * The organization management account: the organization trail and, with
 * `tagGuardScp`, the organization policies (tag-guard SCP, tagger RCP, central
 * account SCP), each when configured.
 */
export class ManagementStack extends AccountStack {
  readonly orgTrail?: OrgTrail;
  readonly tagGuardScp?: TagGuardScp;

  constructor(scope: Construct, id: string, { config }: ManagementStackProps) {
    super(scope, id, { config, accountId: config.managementAccountId, regions: [homeRegion(config)] });
    const trail = config.orgTrail;
    if (trail.create) {
      this.orgTrail = new OrgTrail(this, 'org-trail', {
        trailName: trail.name,
        bucketName: orgTrailBucketName(config)!,
        organizationId: config.organizationId,
        managementAccountId: config.managementAccountId,
        region: homeRegion(config),
        provider: this.regionProvider(homeRegion(config)),
        logRetentionDays: trail.logRetentionDays,
        // The reconcile sweep reads the creation records from here.
        logReader: { accountId: config.centralAccountId, roleArn: arn.role(config.centralAccountId, namesFor(config).sweepRole) },
      });
    }
    if (config.tagGuardScp) {
      const names = namesFor(config);
      this.tagGuardScp = new TagGuardScp(this, 'tag-guard-scp', {
        policyName: names.tagGuardScp,
        targetIds: config.tagGuardScp.targetIds,
        protectedKeys: protectedTagKeys(config.tagKeys),
        principalIdTagKey: config.tagKeys.principalId,
        taggerRoleName: config.taggerRoleName,
        deployRoleArns: deployRolePrincipals(config),
        forwardingRoleNamePattern: names.forwardingRole('*'),
        forwardingRuleName: names.forwardingRule,
        forwardingDeadLetterQueueName: names.forwardingDeadLetterQueue,
      });
      // Only the central function becomes the tagger, whatever a tagger role's trust says.
      new OrganizationPolicy(this, 'tagger-rcp', {
        policyName: names.taggerRcp,
        description: 'auto-tag: only the central tagger function may assume the tagger role',
        type: 'RESOURCE_CONTROL_POLICY',
        document: taggerRcp({
          taggerRoleName: names.taggerRole,
          functionRoleArn: arn.role(config.centralAccountId, names.functionRole),
          sweepRoleArn: arn.role(config.centralAccountId, names.sweepRole),
        }),
        targetIds: config.tagGuardScp.targetIds,
      });
      new OrganizationPolicy(this, 'central-guard-scp', {
        policyName: names.centralGuardScp,
        description: 'auto-tag: only the deploy role changes, invokes or re-roles the tagger function',
        type: 'SERVICE_CONTROL_POLICY',
        document: centralGuardScp({
          centralAccountId: config.centralAccountId,
          deployRoleArn: arn.role(config.centralAccountId, deployRoleName(config, config.centralAccountId)),
          functionName: names.functionName,
          functionRoleName: names.functionRole,
          busName: names.centralBus,
          ruleName: names.centralRule,
          sweep: { functionName: names.sweepFunction, roleName: names.sweepRole },
        }),
        targetIds: [config.centralAccountId],
      });
    }
  }
}

/** Whether the management account has anything to deploy. */
export const needsManagementStack = (config: Config): boolean => config.orgTrail.create || config.tagGuardScp !== undefined;
