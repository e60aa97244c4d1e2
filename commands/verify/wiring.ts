/**
 * What `verify` expects in one account and region (names, ARNs, the pattern
 * and bus policy we synthesize, all from the config), and the row of check
 * results built from what was read. Pure.
 */
import type { Config } from '../../modules/config/schema';
import { cloudTrailEventPattern } from '../../modules/event-pattern';
import { arn, FUNCTION_ALIAS, namesFor } from '../../modules/naming';
import { centralBusPolicy } from '../../modules/policies/event-forwarding';
import type { Target } from '../cli/config';
import {
  checkCentralBus,
  checkDeadLetterQueue,
  checkDeadLetterQueueEmpty,
  checkForwarding,
  checkFunction,
  checkTaggerRole,
  checkTrail,
  type CheckResult,
  type ExpectedFunction,
  type ExpectedRule,
  type ExpectedTaggerRole,
  type Observed,
  type QueueInfo,
  type RuleInfo,
  type TrailInfo,
} from './checks';

/** The checks of a row, in table order. */
export const CHECK_NAMES = [
  'trail',
  'forwarding',
  'forward-dlq-empty',
  'tagger-role',
  'central-bus',
  'function',
  'dlq',
  'dlq-empty',
] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export interface Expected {
  /** The trail auto-tag creates; undefined when the config uses an existing one. */
  readonly trailName?: string;
  readonly forwarding: ExpectedRule;
  readonly tagger: ExpectedTaggerRole;
  readonly bus: { readonly busName: string; readonly policy: unknown };
  readonly function: ExpectedFunction;
  readonly queue: { readonly queueName: string; readonly aliasArn: string };
}

export const expectedWiring = (config: Config, accountId: string, region: string): Expected => {
  const names = namesFor(config);
  const central = config.centralAccountId;
  const busArn = arn.eventBus(region, central, names.centralBus);
  const aliasArn = `${arn.lambdaFunction(region, central, names.functionName)}:${FUNCTION_ALIAS}`;
  const pattern = cloudTrailEventPattern();
  return {
    trailName: config.orgTrail.create ? config.orgTrail.name : undefined,
    forwarding: {
      label: `rule ${names.forwardingRule}`,
      pattern,
      targetArn: busArn,
      roleArn: arn.role(accountId, names.forwardingRole(region)),
      // What the central bus would not take waits here instead of vanishing.
      deadLetterArn: arn.queue(region, accountId, names.forwardingDeadLetterQueue),
    },
    // The reconcile sweep tags through the same role, so its role may be trusted too.
    tagger: {
      roleName: names.taggerRole,
      functionRoleArn: arn.role(central, names.functionRole),
      alsoTrusted: [arn.role(central, names.sweepRole)],
    },
    bus: {
      busName: names.centralBus,
      policy: centralBusPolicy({ busArn, organizationId: config.organizationId, forwardingRoleName: names.forwardingRole(region) }),
    },
    function: {
      rule: { label: `central rule ${names.centralRule}`, pattern, targetArn: aliasArn },
      aliasLabel: `alias ${FUNCTION_ALIAS} of ${names.functionName}`,
    },
    queue: { queueName: names.deadLetterQueue, aliasArn },
  };
};

/** Everything read for one account and region (shared reads, such as the trail, are the same objects across rows). */
export interface Observations {
  readonly trails: Observed<readonly TrailInfo[]>;
  readonly forwardingRule: Observed<RuleInfo>;
  /** The account's dead-letter queue of its forwarding rule in the region. */
  readonly forwardQueue: Observed<QueueInfo>;
  readonly taggerRole: Observed<{ readonly trustPolicy: string }>;
  readonly centralBus: Observed<{ readonly policy?: string }>;
  readonly centralRule: Observed<RuleInfo>;
  readonly alias: Observed<{ readonly functionVersion: string }>;
  /** The PROD alias's asynchronous invoke config. */
  readonly onFailure: Observed<{ readonly destination?: string }>;
  readonly queue: Observed<QueueInfo>;
}

export interface CheckOutcome extends CheckResult {
  /** Where the problem is, for the one-line reasons: the account (and region) whose resource it is. */
  readonly where: string;
}

export interface Row {
  readonly account: string;
  readonly accountName: string;
  readonly region: string;
  readonly ok: boolean;
  readonly checks: Readonly<Record<CheckName, CheckOutcome>>;
}

const nameOf = (config: Config, id: string): string => config.accounts.find((a) => a.id === id)?.name ?? id;

export const verifyRow = (config: Config, { account, region }: Target, seen: Observations): Row => {
  const expected = expectedWiring(config, account.id, region);
  const at = (id: string, where?: string) => `${nameOf(config, id)} (${id})${where ? ` ${where}` : ''}`;
  const central = at(config.centralAccountId, region);
  const checks: Record<CheckName, CheckOutcome> = {
    trail: { ...checkTrail(seen.trails, region, expected.trailName), where: at(config.managementAccountId) },
    forwarding: { ...checkForwarding(seen.forwardingRule, expected.forwarding), where: at(account.id, region) },
    'forward-dlq-empty': {
      ...checkDeadLetterQueueEmpty(
        seen.forwardQueue,
        'the forwarding dead-letter queue',
        `events that never reached the central bus; tag their resources with npm run reconcile -- --accounts ${account.id} --regions ${region}`,
      ),
      where: at(account.id, region),
    },
    'tagger-role': { ...checkTaggerRole(seen.taggerRole, expected.tagger), where: at(account.id) },
    'central-bus': { ...checkCentralBus(seen.centralBus, expected.bus), where: central },
    function: { ...checkFunction(seen.centralRule, seen.alias, expected.function), where: central },
    dlq: { ...checkDeadLetterQueue(seen.queue, seen.centralRule, seen.onFailure, expected.queue), where: central },
    'dlq-empty': {
      ...checkDeadLetterQueueEmpty(seen.queue, 'the dead-letter queue', `see npm run replay -- --region ${region}`),
      where: central,
    },
  };
  return { account: account.id, accountName: account.name, region, ok: Object.values(checks).every((c) => c.status !== 'fail'), checks };
};
