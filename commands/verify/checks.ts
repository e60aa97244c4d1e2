/**
 * The checks of `verify`, as pure functions: each takes what was read from
 * AWS (an `Observed` value) and what the config makes us expect, and returns
 * pass or fail with a one-line reason. Nothing here calls AWS.
 */
import { jsonDifferences, summarize } from './compare';

/** What reading one thing from AWS gave: the thing, its absence, or why it could not be read. */
export type Observed<T> = { readonly found: T } | { readonly missing: true } | { readonly unreadable: string };

export type Status = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  readonly status: Status;
  /** Why it failed or was skipped; none for a pass. */
  readonly reason?: string;
}

export const PASS: CheckResult = { status: 'pass' };
const fail = (reason: string): CheckResult => ({ status: 'fail', reason });
const failAll = (reasons: readonly string[]): CheckResult => (reasons.length === 0 ? PASS : fail(reasons.join('; ')));

/** The missing or unreadable case as a failure naming `what`; undefined when found. */
const notFound = <T>(observed: Observed<T>, what: string): CheckResult | undefined =>
  'missing' in observed
    ? fail(`${what} not found`)
    : 'unreadable' in observed
      ? fail(`cannot read ${what}: ${observed.unreadable}`)
      : undefined;

// ---------------------------------------------------------------- the org trail

export interface TrailInfo {
  readonly name: string;
  readonly homeRegion: string;
  readonly isOrganizationTrail: boolean;
  readonly isMultiRegionTrail: boolean;
  /** From GetTrailStatus; a string when the status could not be read. */
  readonly isLogging: boolean | string;
}

const trailProblems = (trail: TrailInfo, region: string, requireMultiRegion: boolean): string[] => [
  ...(trail.isOrganizationTrail ? [] : [`trail ${trail.name} is not an organization trail (it records its own account only)`]),
  ...(trail.isMultiRegionTrail
    ? []
    : requireMultiRegion
      ? [`trail ${trail.name} is not multi-region (it records ${trail.homeRegion} only)`]
      : trail.homeRegion === region
        ? []
        : [`trail ${trail.name} records ${trail.homeRegion} only`]),
  ...(trail.isLogging === true
    ? []
    : [
        typeof trail.isLogging === 'string'
          ? `cannot read the status of trail ${trail.name}: ${trail.isLogging}`
          : `trail ${trail.name} is not logging`,
      ]),
];

/**
 * The organization trail records `region`. With `trailName` (auto-tag
 * creates the trail) that trail must be an organization trail, multi-region
 * and logging, as synthesized; without (an existing trail), any logging
 * organization trail that covers the region will do.
 */
export const checkTrail = (trails: Observed<readonly TrailInfo[]>, region: string, trailName: string | undefined): CheckResult => {
  const unread = notFound(trails, "the management account's trails");
  if (unread || !('found' in trails)) return unread!;
  if (trailName !== undefined) {
    const trail = trails.found.find((t) => t.name === trailName);
    return trail ? failAll(trailProblems(trail, region, true)) : fail(`trail ${trailName} not found in the management account`);
  }
  const problems = trails.found.map((trail) => trailProblems(trail, region, false));
  if (problems.some((list) => list.length === 0)) return PASS;
  if (trails.found.length === 0) return fail('the management account has no trail');
  return fail(`no logging organization trail records ${region}: ${problems.flat().join('; ')}`);
};

// ---------------------------------------------------------------- rules (forwarding and central)

export interface RuleTarget {
  readonly arn: string;
  readonly roleArn?: string;
  readonly deadLetterArn?: string;
}

export interface RuleInfo {
  readonly state: string;
  readonly eventPattern?: string;
  readonly targets: readonly RuleTarget[];
}

export interface ExpectedRule {
  /** How the rule is named in reasons, e.g. 'rule auto-tag-forward-to-central'. */
  readonly label: string;
  readonly pattern: unknown;
  readonly targetArn: string;
  /** The role the target must use. @default no role checked */
  readonly roleArn?: string;
  /** The dead-letter queue the target must use. @default none checked */
  readonly deadLetterArn?: string;
}

/** Where a rule's pattern differs from the catalogue's, as one phrase; undefined when equal. */
const patternProblem = (text: string | undefined, expected: unknown): string | undefined => {
  if (text === undefined) return 'it has no event pattern';
  let pattern: unknown;
  try {
    pattern = JSON.parse(text);
  } catch {
    return 'its event pattern is not JSON';
  }
  const differences = jsonDifferences(pattern, expected);
  return differences.length > 0 ? `its pattern is not the catalogue's: ${summarize(differences)}` : undefined;
};

/** Everything wrong with a rule that is there: state, pattern, target, role, dead-letter queue. */
const ruleProblems = (rule: RuleInfo, expected: ExpectedRule): string[] => {
  const problems: string[] = [];
  if (rule.state !== 'ENABLED') problems.push(`${expected.label} is ${rule.state}`);
  const pattern = patternProblem(rule.eventPattern, expected.pattern);
  if (pattern) problems.push(pattern);
  const target = rule.targets.find((t) => t.arn === expected.targetArn);
  if (!target) {
    const others = rule.targets.map((t) => t.arn);
    problems.push(
      others.length === 0
        ? `it has no target (expected ${expected.targetArn})`
        : `it targets ${others.join(', ')} instead of ${expected.targetArn}`,
    );
    return problems;
  }
  if (expected.roleArn !== undefined && target.roleArn !== expected.roleArn) {
    problems.push(`its target uses ${target.roleArn ? `role ${target.roleArn}` : 'no role'} instead of ${expected.roleArn}`);
  }
  if (expected.deadLetterArn !== undefined && target.deadLetterArn !== expected.deadLetterArn) {
    problems.push(`its target parks failures in ${target.deadLetterArn ?? 'no dead-letter queue'} instead of ${expected.deadLetterArn}`);
  }
  return problems;
};

/** The member's forwarding rule: enabled, the catalogue's pattern, targeting its region's central bus with its role. */
export const checkForwarding = (rule: Observed<RuleInfo>, expected: ExpectedRule): CheckResult =>
  notFound(rule, expected.label) ?? failAll(ruleProblems((rule as { found: RuleInfo }).found, expected));

// ---------------------------------------------------------------- the tagger role's trust

const ASSUME_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'];

const list = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

// IAM action patterns: case-insensitive, * and ? wildcards.
const matchesAction = (pattern: string, action: string): boolean =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  ).test(action);

const grantsAssume = (statement: Record<string, unknown>): boolean =>
  list(statement.Action).some((pattern) => typeof pattern === 'string' && ASSUME_ACTIONS.some((action) => matchesAction(pattern, action)));

/** Who an Allow statement lets assume the role, as phrases (`role arn:...`, `anyone`, `service x`). */
const trustedBy = (principal: unknown): string[] => {
  if (principal === '*') return ['anyone (*)'];
  if (principal === null || typeof principal !== 'object') return [`an unreadable principal ${JSON.stringify(principal)}`];
  return Object.entries(principal as Record<string, unknown>).flatMap(([kind, values]) =>
    list(values).map((value) =>
      kind === 'AWS' ? (value === '*' ? 'anyone (*)' : String(value)) : `${kind.toLowerCase()} ${String(value)}`,
    ),
  );
};

const decodePolicy = (text: string): unknown => JSON.parse(text.trimStart().startsWith('{') ? text : decodeURIComponent(text));

export interface ExpectedTaggerRole {
  readonly roleName: string;
  /** The central function's role: it must be trusted. */
  readonly functionRoleArn: string;
  /** Roles that may be trusted besides it (the reconcile sweep's, which tags through the same role). */
  readonly alsoTrusted: readonly string[];
}

/**
 * The tagger role exists and only the central account's auto-tag roles may
 * assume it: every Allow statement granting an sts:AssumeRole* action names
 * those roles alone (conditions may narrow it further), and the function's
 * role is among them.
 */
export const checkTaggerRole = (role: Observed<{ readonly trustPolicy: string }>, expected: ExpectedTaggerRole): CheckResult => {
  const label = `role ${expected.roleName}`;
  const unread = notFound(role, label);
  if (unread || !('found' in role)) return unread!;
  let document: { Statement?: unknown };
  try {
    document = decodePolicy(role.found.trustPolicy) as { Statement?: unknown };
  } catch {
    return fail(`the trust policy of ${label} is not JSON`);
  }
  const allows = list(document.Statement).filter(
    (s): s is Record<string, unknown> =>
      s !== null &&
      typeof s === 'object' &&
      (s as Record<string, unknown>).Effect === 'Allow' &&
      grantsAssume(s as Record<string, unknown>),
  );
  const problems: string[] = [];
  if (allows.some((s) => 'NotPrincipal' in s)) problems.push('it trusts everyone but a list (NotPrincipal)');
  const others = [
    ...new Set(
      allows
        .flatMap((s) => ('Principal' in s ? trustedBy(s.Principal) : []))
        .filter((p) => p !== expected.functionRoleArn && !expected.alsoTrusted.includes(p)),
    ),
  ];
  for (const other of others) {
    // IAM shows a trusted role's unique id (AROA...) once that role is deleted, even if it is recreated under the same name.
    problems.push(
      /^AROA[A-Z0-9]+$/.test(other)
        ? `it trusts ${other}, the id IAM shows for a deleted role (redeploy the member stack)`
        : `it also trusts ${other}`,
    );
  }
  if (!allows.some((s) => trustedBy(s.Principal).includes(expected.functionRoleArn)))
    problems.push(`it does not trust the central function's role ${expected.functionRoleArn}`);
  return failAll(problems);
};

// ---------------------------------------------------------------- the central account, per region

/** The central bus exists and holds the policy we synthesize (letting the forwarding roles put events). */
export const checkCentralBus = (
  bus: Observed<{ readonly policy?: string }>,
  expected: { readonly busName: string; readonly policy: unknown },
): CheckResult => {
  const label = `central bus ${expected.busName}`;
  const unread = notFound(bus, label);
  if (unread || !('found' in bus)) return unread!;
  if (!bus.found.policy) return fail(`${label} has no policy: no member can put events on it`);
  let policy: unknown;
  try {
    policy = JSON.parse(bus.found.policy);
  } catch {
    return fail(`the policy of ${label} is not JSON`);
  }
  const differences = jsonDifferences(policy, expected.policy, { singleItemListsAreScalars: true });
  return differences.length === 0 ? PASS : fail(`the policy of ${label} is not the synthesized one: ${summarize(differences)}`);
};

export interface ExpectedFunction {
  readonly rule: ExpectedRule;
  /** e.g. 'alias PROD of auto-tag-tagger' */
  readonly aliasLabel: string;
}

/** The central rule (enabled, the catalogue's pattern) targets the function's PROD alias, which exists and points at a published version. */
export const checkFunction = (
  rule: Observed<RuleInfo>,
  alias: Observed<{ readonly functionVersion: string }>,
  expected: ExpectedFunction,
): CheckResult => {
  const problems: string[] = [];
  const aliasUnread = notFound(alias, expected.aliasLabel);
  if (aliasUnread) problems.push(aliasUnread.reason!);
  else if ('found' in alias && alias.found.functionVersion === '$LATEST')
    problems.push(`${expected.aliasLabel} points at $LATEST, not a published version`);
  const ruleUnread = notFound(rule, expected.rule.label);
  problems.push(...(ruleUnread ? [ruleUnread.reason!] : ruleProblems((rule as { found: RuleInfo }).found, expected.rule)));
  return failAll(problems);
};

export interface QueueInfo {
  readonly arn: string;
  /** ApproximateNumberOfMessages, ...NotVisible (being handled) and ...Delayed. */
  readonly visible: number;
  readonly inFlight: number;
  readonly delayed: number;
}

/**
 * The dead-letter queue exists and both failure paths end there: the central
 * rule's target parks what it cannot deliver in it, and the function's
 * on-failure destination sends what failed every asynchronous attempt to it.
 */
export const checkDeadLetterQueue = (
  queue: Observed<QueueInfo>,
  centralRule: Observed<RuleInfo>,
  onFailure: Observed<{ readonly destination?: string }>,
  expected: { readonly queueName: string; readonly aliasArn: string },
): CheckResult => {
  const unread = notFound(queue, `queue ${expected.queueName}`);
  if (unread || !('found' in queue)) return unread!;
  const problems: string[] = [];
  // A missing rule or target is the function check's to report.
  const target = 'found' in centralRule ? centralRule.found.targets.find((t) => t.arn === expected.aliasArn) : undefined;
  if (target && target.deadLetterArn !== queue.found.arn) {
    problems.push(`the central rule's target parks failures in ${target.deadLetterArn ?? 'no queue'} instead of ${queue.found.arn}`);
  }
  if ('missing' in onFailure) problems.push("the function has no asynchronous invoke config: what fails Lambda's retries is dropped");
  else if ('unreadable' in onFailure) problems.push(`cannot read the function's on-failure destination: ${onFailure.unreadable}`);
  else if (onFailure.found.destination !== queue.found.arn) {
    problems.push(`the function's on-failure destination is ${onFailure.found.destination ?? 'none'} instead of ${queue.found.arn}`);
  }
  return failAll(problems);
};

/**
 * Nothing waits in a dead-letter queue: every message there is an event
 * nobody tagged from. `label` names the queue, `advice` what to do about it.
 */
export const checkDeadLetterQueueEmpty = (queue: Observed<QueueInfo>, label: string, advice: string): CheckResult => {
  if (!('found' in queue)) return { status: 'skip', reason: 'no queue to read' };
  const { visible, inFlight, delayed } = queue.found;
  const total = visible + inFlight + delayed;
  if (total === 0) return PASS;
  const parts = [`${visible} waiting`, ...(inFlight ? [`${inFlight} being handled`] : []), ...(delayed ? [`${delayed} delayed`] : [])];
  return fail(`${total} message${total === 1 ? '' : 's'} in ${label} (${parts.join(', ')}): ${advice}`);
};
