/**
 * Reconcile one account and region, then many: list what exists, read the
 * creation records, judge each resource, and tag what is missing or wrong
 * through the function's own flow (one CreateTags per record, the same log
 * line and metric). The AWS edges come in as dependencies, so the command,
 * the scheduled sweep and the tests share it.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { CATALOGUE, type Ec2ResourceType, type ResourceRef } from '../tagger/catalogue';
import { AccountNotOnboarded, type Sessions } from '../tagger/credentials';
import { lookUp } from '../tagger/describe';
import type { Settings } from '../tagger/environment';
import { decide, eventOf, type EventBridgeEvent } from '../tagger/event';
import type { Outcome } from '../tagger/handler';
import { isRecord } from '../tagger/record';
import { planTags } from '../tagger/tag';
import { listResources, type Listed } from './inventory';
import { creationIndex, judge, type Creation } from './judge';
import { mapConcurrently } from './limiter';
import type { SweepAction } from './metrics';
import type { Records } from './sources';

/** One line of the report: a resource (or, with `resource` '-', a whole account and region or type that failed). */
export interface Row {
  readonly account: string;
  readonly region: string;
  readonly type?: Ec2ResourceType;
  readonly resource: string;
  /** The creator the record names (its Owner tag value). */
  readonly creator?: string;
  readonly principalId?: string;
  /** `would-tag` in a dry run. */
  readonly action: SweepAction | 'would-tag';
  /** Why: the keys that were missing or wrong, the record's event, or the error. */
  readonly detail?: string;
  readonly eventName?: string;
  readonly eventId?: string;
  readonly source?: Records['source'];
}

export interface ReconcileDeps {
  readonly settings: Pick<Settings, 'ownerTagKey' | 'principalIdTagKey' | 'extraTagKeys'>;
  /** The tagger role's sessions (listing, lookups and tags all act as the tagger role). */
  readonly sessions: Sessions;
  /** The creation records of an account and region. */
  readonly records: (account: string, region: string) => Promise<Records>;
  /** The function's flow for a record read back (`createEventTagger`). */
  readonly tagEvent: (event: EventBridgeEvent, resourceIds: readonly string[]) => Promise<Outcome>;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}

export interface Target {
  readonly account: string;
  readonly region: string;
}

export interface ReconcileOptions {
  /** @default every type the catalogue creates */
  readonly types: readonly Ec2ResourceType[];
  /** Report what would be tagged; write nothing. @default false */
  readonly dryRun?: boolean;
}

const errorText = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

// Why a record was refused, for the resources it names: the identity reasons (a record with an API error created nothing).
const REFUSALS = new Set(['missing-identity', 'unsupported-identity-type', 'incomplete-identity', 'envelope-mismatch']);

/** The IDs a record names whose identity the function refuses (they are reported with the reason, never guessed). */
const refusedIds = (record: unknown, reason: string): ResourceRef[] => {
  const name = isRecord(record) && typeof record.eventName === 'string' ? record.eventName : undefined;
  return REFUSALS.has(reason) && name && Object.hasOwn(CATALOGUE, name)
    ? CATALOGUE[name].idsInResponse((record as Record<string, unknown>).responseElements)
    : [];
};

/**
 * What AWS made itself: each region's default VPC with its default subnets,
 * main route table, default network ACL, default security group, internet
 * gateway and DHCP options. No principal created them, so no record can name
 * them; they are left out of the report and the counts rather than reported
 * as `no-record` in every account and region every day. (The same parts of a
 * VPC somebody created come with its CreateVpc record and are reconciled.)
 */
export const awsMade = (listed: readonly Listed[]): Set<string> => {
  const defaultVpcs = listed.filter((r) => r.type === 'vpc' && r.partOf === r.id);
  const ids = new Set(defaultVpcs.map((vpc) => vpc.id));
  const dhcp = new Set(defaultVpcs.flatMap((vpc) => (vpc.dhcpOptionsId ? [vpc.dhcpOptionsId] : [])));
  return new Set(
    listed.filter((r) => (r.partOf !== undefined && ids.has(r.partOf)) || (r.type === 'dhcp-options' && dhcp.has(r.id))).map((r) => r.id),
  );
};

/** Everything about one account and region: its rows. Never throws; a failure is a `failed` row. */
export const reconcileTarget = async (deps: ReconcileDeps, { account, region }: Target, options: ReconcileOptions): Promise<Row[]> => {
  const failed = (detail: string, type?: Ec2ResourceType): Row => ({
    account,
    region,
    resource: '-',
    action: 'failed',
    detail,
    ...(type && { type }),
  });
  let ec2: Awaited<ReturnType<typeof deps.sessions.ec2>>;
  try {
    ec2 = await deps.sessions.ec2(account, region);
  } catch (error) {
    return [failed(error instanceof AccountNotOnboarded ? 'account not onboarded: the tagger role cannot be assumed' : errorText(error))];
  }
  const rows: Row[] = [];
  const all: Listed[] = [];
  for (const type of options.types) {
    try {
      all.push(...(await listResources(ec2, type)));
    } catch (error) {
      rows.push(failed(`listing ${type}: ${errorText(error)}`, type));
    }
  }
  const made = awsMade(all);
  const listed = all.filter((resource) => !made.has(resource.id));
  let found: Records;
  try {
    found = await deps.records(account, region);
  } catch (error) {
    return [...rows, failed(`reading creation records: ${errorText(error)}`)];
  }
  for (const problem of found.malformed) deps.logger.warn('malformed record skipped', { account, region, problem });

  const existing = new Set(listed.map((r) => r.id));
  const creations: Creation[] = [];
  const refused = new Map<string, string>();
  for (const record of found.records) {
    const event = eventOf(record, account, region);
    const decision = decide(event);
    if (decision.action === 'skip') {
      for (const { id } of refusedIds(record, decision.reason)) refused.set(id, `creation record skipped: ${decision.reason}`);
      continue;
    }
    // Only what still exists: a lookup from a terminated instance would fail.
    const refs = decision.refs.filter((r) => existing.has(r.id));
    if (refs.length === 0) continue;
    let looked: ResourceRef[] = [];
    if (decision.entry.lookup) {
      try {
        looked = await lookUp(decision.entry.lookup, ec2, refs);
      } catch (error) {
        deps.logger.warn('lookup failed', { account, region, eventId: event.id, error: errorText(error) });
      }
    }
    const tags = planTags(deps.settings, decision.identity, decision.createdAt, decision.requested).tags;
    creations.push({ event, decision, ids: [...new Set([...refs, ...looked].map((r) => r.id))], tags });
  }

  const index = creationIndex(creations);
  const creatorKeys = [deps.settings.ownerTagKey, deps.settings.principalIdTagKey];
  const wanted = new Map<Creation, { resource: Listed; differs: string }[]>();
  const base = (resource: Listed, creation?: Creation) => ({
    account,
    region,
    type: resource.type,
    resource: resource.id,
    source: found.source,
    ...(creation && {
      creator: creation.decision.identity.owner,
      principalId: creation.decision.identity.principalId,
      eventName: creation.event.detail?.eventName,
      eventId: creation.event.id,
    }),
  });
  for (const resource of listed) {
    const verdict = judge(resource, index.get(resource.id), creatorKeys, refused.get(resource.id));
    if (verdict.action === 'tag') {
      const differs = verdict.differs.join('; ');
      wanted.set(verdict.creation, [...(wanted.get(verdict.creation) ?? []), { resource, differs }]);
      if (options.dryRun) rows.push({ ...base(resource, verdict.creation), action: 'would-tag', detail: differs });
    } else {
      rows.push({
        ...base(resource, verdict.action === 'already-tagged' ? verdict.creation : undefined),
        action: verdict.action,
        ...('why' in verdict && verdict.why && { detail: verdict.why }),
      });
    }
  }
  if (options.dryRun) return rows;

  // One CreateTags per record, for the resources of that record that need it.
  for (const [creation, resources] of wanted) {
    let action: SweepAction = 'tagged';
    let why: string | undefined;
    try {
      const outcome = await deps.tagEvent(
        creation.event,
        resources.map(({ resource }) => resource.id),
      );
      // The one skip left at this point: the tagger role could not be assumed.
      if (outcome.decision === 'skipped') [action, why] = ['failed', `not tagged: ${outcome.reason}`];
    } catch (error) {
      [action, why] = ['failed', errorText(error)];
    }
    rows.push(...resources.map(({ resource, differs }) => ({ ...base(resource, creation), action, detail: why ?? differs })));
  }
  return rows;
};

export interface RunOptions extends ReconcileOptions {
  /** Accounts and regions worked on at once. @default 4 */
  readonly concurrency?: number;
  /** Called as each account and region is done (progress). */
  readonly onTargetDone?: (rows: readonly Row[]) => void;
}

/** Every target, `concurrency` at a time; rows in target order. */
export const reconcile = async (
  deps: ReconcileDeps,
  targets: readonly Target[],
  { concurrency = 4, onTargetDone, ...options }: RunOptions,
): Promise<Row[]> =>
  (
    await mapConcurrently(targets, concurrency, async (target) => {
      const rows = await reconcileTarget(deps, target, options);
      onTargetDone?.(rows);
      return rows;
    })
  ).flat();

/** Rows counted by action (every action present, zeros included). */
export const countActions = (rows: readonly Row[]): Record<Row['action'], number> => {
  const counts: Record<Row['action'], number> = { tagged: 0, 'would-tag': 0, 'already-tagged': 0, 'no-record': 0, failed: 0 };
  for (const row of rows) counts[row.action]++;
  return counts;
};
