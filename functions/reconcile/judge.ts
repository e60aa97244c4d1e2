/**
 * Which resources need tags, purely: each resource against the record that
 * created it (the earliest record whose IDs name it), by the tags the
 * function would write for that record.
 */
import type { Decision, EventBridgeEvent } from '../tagger/event';
import type { Listed } from './inventory';

export type TagDecision = Extract<Decision, { action: 'tag' }>;

/** A creation record, decided as the function decides an event, with every ID it created that still exists. */
export interface Creation {
  /** The record as the event the function would have received. */
  readonly event: EventBridgeEvent;
  readonly decision: TagDecision;
  /** The IDs in the record and those its catalogue lookup found. */
  readonly ids: readonly string[];
  /** What the function writes for this record (planTags). */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * Each ID to the record that created it. Several records can name one ID (an
 * existing network interface attached at launch, a VPC's default group): the
 * earliest is the creation; a record without a time comes last.
 */
export const creationIndex = (creations: readonly Creation[]): Map<string, Creation> => {
  const time = (c: Creation): string => c.decision.createdAt ?? '\uffff';
  const index = new Map<string, Creation>();
  for (const creation of [...creations].sort((a, b) => time(a).localeCompare(time(b)))) {
    for (const id of creation.ids) if (!index.has(id)) index.set(id, creation);
  }
  return index;
};

export type Verdict =
  /** Missing or wrong under the keys the function writes: `differs` names each key and what it holds now. */
  | { readonly action: 'tag'; readonly creation: Creation; readonly differs: readonly string[] }
  /** Right as the record says; or, without a record, carrying both creator tags (not verifiable here). */
  | { readonly action: 'already-tagged'; readonly creation?: Creation }
  /** Lacks a creator tag, and no record names it: reported, never guessed. */
  | { readonly action: 'no-record'; readonly why?: string };

/** A resource's verdict. `creatorKeys` are the owner and principal ID keys; `refused` says why a record naming it was not usable. */
export const judge = (resource: Listed, creation: Creation | undefined, creatorKeys: readonly string[], refused?: string): Verdict => {
  if (creation === undefined) {
    return creatorKeys.every((key) => Object.hasOwn(resource.tags, key))
      ? { action: 'already-tagged' }
      : { action: 'no-record', ...(refused && { why: refused }) };
  }
  const differs = Object.entries(creation.tags).flatMap(([key, value]) =>
    resource.tags[key] === value
      ? []
      : [Object.hasOwn(resource.tags, key) ? `${key} was ${JSON.stringify(resource.tags[key])}` : `${key} missing`],
  );
  return differs.length > 0 ? { action: 'tag', creation, differs } : { action: 'already-tagged', creation };
};
