import { Construct } from 'constructs';
import { protectedTagKeys, type Config } from '../config/schema';
import { homeRegion, namesFor } from '../naming';
import { OrgTrail } from '../org-trail';
import { TagGuardScp } from '../tag-guard-scp';
import { AccountStack } from './account-stack';

/** The organization management account: the organization trail and the tag-guard SCP, each when configured. */
export class ManagementStack extends AccountStack {
  readonly orgTrail?: OrgTrail;
  readonly tagGuardScp?: TagGuardScp;

  constructor(scope: Construct, id: string, config: Config) {
    super(scope, id, config, config.managementAccountId, [homeRegion(config)]);
    const trail = config.orgTrail;
    if (trail.create) {
      this.orgTrail = new OrgTrail(this, 'org-trail', {
        trailName: trail.name,
        bucketName: trail.bucketName ?? `${config.namePrefix}-org-trail-${config.managementAccountId}`,
        organizationId: config.organizationId,
        managementAccountId: config.managementAccountId,
        region: homeRegion(config),
        provider: this.regionProvider(homeRegion(config)),
        logRetentionDays: trail.logRetentionDays,
      });
    }
    if (config.tagGuardScp) {
      this.tagGuardScp = new TagGuardScp(this, 'tag-guard-scp', {
        policyName: namesFor(config).tagGuardScp,
        targetIds: config.tagGuardScp.targetIds,
        protectedKeys: protectedTagKeys(config.tagKeys),
        principalIdTagKey: config.tagKeys.principalId,
        taggerRoleName: config.taggerRoleName,
        deployRoleNames: [...new Set([config.deployRoleName, ...config.accounts.flatMap((a) => a.deployRoleName ?? [])])],
      });
    }
  }
}

/** Whether the management account has anything to deploy. */
export const needsManagementStack = (config: Config): boolean => config.orgTrail.create || config.tagGuardScp !== undefined;
