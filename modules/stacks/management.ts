import { Construct } from 'constructs';
import type { Config } from '../config/schema';
import { homeRegion } from '../naming';
import { OrgTrail } from '../org-trail';
import { AccountStack } from './account-stack';

type CreateTrail = Extract<Config['orgTrail'], { create: true }>;

/** The organization management account: the organization trail. */
export class ManagementStack extends AccountStack {
  readonly orgTrail: OrgTrail;

  constructor(scope: Construct, id: string, config: Config, trail: CreateTrail) {
    super(scope, id, config, config.managementAccountId);
    this.orgTrail = new OrgTrail(this, 'org-trail', {
      trailName: trail.name,
      bucketName: trail.bucketName ?? `${config.namePrefix}-org-trail-${config.managementAccountId}`,
      organizationId: config.organizationId,
      managementAccountId: config.managementAccountId,
      region: homeRegion(config),
      logRetentionDays: trail.logRetentionDays,
    });
  }
}
