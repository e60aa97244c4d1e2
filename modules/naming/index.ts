/**
 * Every name and ARN the stacks share, derived from the config alone.
 *
 * Stacks live in different accounts and Terraform states, so they never
 * reference each other's resources: a member's tagger role trusts the central
 * function's role, and its forwarding rules target the central buses, by ARNs
 * computed here from the same names the central stack creates.
 */
import { DEFAULTS, type Settings } from '../../functions/tagger/environment';
import type { AccountConfig, Config } from '../config/schema';

export const arn = {
  role: (account: string, name: string): string => `arn:aws:iam::${account}:role/${name}`,
  eventBus: (region: string, account: string, name: string): string => `arn:aws:events:${region}:${account}:event-bus/${name}`,
  rule: (region: string, account: string, bus: string, name: string): string =>
    bus === 'default' ? `arn:aws:events:${region}:${account}:rule/${name}` : `arn:aws:events:${region}:${account}:rule/${bus}/${name}`,
  queue: (region: string, account: string, name: string): string => `arn:aws:sqs:${region}:${account}:${name}`,
  logGroup: (region: string, account: string, name: string): string => `arn:aws:logs:${region}:${account}:log-group:${name}`,
  trail: (region: string, account: string, name: string): string => `arn:aws:cloudtrail:${region}:${account}:trail/${name}`,
  topic: (region: string, account: string, name: string): string => `arn:aws:sns:${region}:${account}:${name}`,
  lambdaFunction: (region: string, account: string, name: string): string => `arn:aws:lambda:${region}:${account}:function:${name}`,
};

/** The alias every rule targets, as in the original solution: a deploy moves it to the new version. */
export const FUNCTION_ALIAS = 'PROD';

export interface Names {
  readonly centralBus: string;
  readonly centralRule: string;
  readonly functionName: string;
  readonly functionRole: string;
  readonly functionLogGroup: string;
  readonly deadLetterQueue: string;
  readonly forwardingRule: string;
  /** In each member region: where events the central bus would not take are parked. */
  readonly forwardingDeadLetterQueue: string;
  /** One per region: each may put events on its own region's central bus only. */
  readonly forwardingRole: (region: string) => string;
  readonly taggerRole: string;
  readonly restrictedGroup: string;
  readonly tagGuardScp: string;
  /** The resource control policy: only the central function becomes the tagger. */
  readonly taggerRcp: string;
  /** The central account's SCP: only the deploy role changes the tagger function. */
  readonly centralGuardScp: string;
  /** The central account's operations dashboard of a region (dashboard names are unique per account, not per region). */
  readonly dashboard: (region: string) => string;
  /** The reconcile sweep function (central account, home region), its role, log group and schedule. */
  readonly sweepFunction: string;
  readonly sweepRole: string;
  readonly sweepLogGroup: string;
  readonly sweepSchedule: string;
  /** The role EventBridge Scheduler invokes the sweep with. */
  readonly sweepSchedulerRole: string;
}

export const namesFor = (config: Pick<Config, 'namePrefix' | 'taggerRoleName'>): Names => {
  const p = config.namePrefix;
  return {
    centralBus: p,
    centralRule: `${p}-tag-new-resources`,
    functionName: `${p}-tagger`,
    functionRole: `${p}-tagger-function`,
    functionLogGroup: `/aws/lambda/${p}-tagger`,
    deadLetterQueue: `${p}-tagger-dlq`,
    forwardingRule: `${p}-forward-to-central`,
    forwardingDeadLetterQueue: `${p}-forward-dlq`,
    forwardingRole: (region) => `${p}-forwarder-${region}`,
    taggerRole: config.taggerRoleName,
    restrictedGroup: `${p}-restricted-ec2-users`,
    tagGuardScp: `${p}-tag-guard`,
    taggerRcp: `${p}-tagger-only-central-function`,
    centralGuardScp: `${p}-protect-tagger-function`,
    dashboard: (region) => `${p}-${region}`,
    sweepFunction: `${p}-reconcile`,
    sweepRole: `${p}-reconcile-function`,
    sweepLogGroup: `/aws/lambda/${p}-reconcile`,
    sweepSchedule: `${p}-reconcile`,
    sweepSchedulerRole: `${p}-reconcile-scheduler`,
  };
};

/**
 * The region of the org trail (its bucket and key) and every provider's
 * default. The config requires homeRegion whenever the trail is created, so
 * reordering regions can never move it; regions[0] is used only without a
 * trail, where the default provider serves global resources alone.
 */
export const homeRegion = (config: Pick<Config, 'homeRegion' | 'regions'>): string => config.homeRegion ?? config.regions[0];

/** The regions covered in one account: its override, else all. */
export const accountRegions = (config: Pick<Config, 'regions'>, account: AccountConfig): readonly string[] =>
  account.regions ?? config.regions;

/** Terraform state and stack id of each account's stack. */
export const memberStackId = (accountId: string): string => `member-${accountId}`;

/** The role the pipeline assumes in an account: the account's own, else the organization default. */
export const deployRoleName = (config: Pick<Config, 'accounts' | 'deployRoleName'>, accountId: string): string =>
  config.accounts.find((account) => account.id === accountId)?.deployRoleName ?? config.deployRoleName;

/**
 * The bucket the org trail writes to, when this project creates the trail
 * (`orgTrail.bucketName`, else `<namePrefix>-org-trail-<managementAccountId>`);
 * undefined when the trail exists already.
 */
export const orgTrailBucketName = (config: Pick<Config, 'orgTrail' | 'namePrefix' | 'managementAccountId'>): string | undefined =>
  config.orgTrail.create ? (config.orgTrail.bucketName ?? `${config.namePrefix}-org-trail-${config.managementAccountId}`) : undefined;

/**
 * What the tagger reads from its environment, from the config: the central
 * stack renders it for the function, the reconcile command and sweep tag by it.
 */
export const taggerSettingsFor = (config: Pick<Config, 'namePrefix' | 'taggerRoleName' | 'tagKeys'>): Settings => ({
  roleName: namesFor(config).taggerRole,
  rolePath: DEFAULTS.rolePath,
  ownerTagKey: config.tagKeys.owner,
  principalIdTagKey: config.tagKeys.principalId,
  extraTagKeys: { createdAt: config.tagKeys.createdAt, creatorArn: config.tagKeys.creatorArn, invokedBy: config.tagKeys.invokedBy },
  metricsNamespace: DEFAULTS.metricsNamespace,
});
