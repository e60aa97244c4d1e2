/**
 * What to write (pure: values, sanitizing, what the request asked for) and
 * the one write the function makes: ec2:CreateTags, once per event.
 */
import { CreateTagsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { Identity } from './identity';
import type { Settings } from './environment';
import { isRecord } from './record';

/** CreateTags accepts at most this many resource IDs per call. */
const MAX_IDS_PER_CALL = 1000;
/** EC2 takes up to 256 Unicode characters per value; counted in UTF-16 units, the stricter reading. */
const MAX_VALUE_LENGTH = 256;
// What every AWS service accepts in a tag (letters, digits, spaces and
// _ . : / = + - @), plus the comma: IAM user, role and session names may hold
// one, so an aws:userid must keep it to stay itself, and EC2, the only service
// these tags go to, accepts any character.
const DISALLOWED = /[^\p{L}\p{Z}\p{N}_.:/=+\-@,]/gu;

/**
 * A value EC2 and tag-reading tools accept, by one rule: each disallowed character
 * (including a lone surrogate) becomes a space, a leading `aws:` (reserved)
 * becomes `aws `, and the value is cut to 256 UTF-16 units without splitting a
 * character. A space, because no `aws:userid` contains one: a PrincipalId that
 * had to change can never equal somebody else's.
 */
export const sanitizeValue = (value: string): string => {
  let clean = value.replace(DISALLOWED, ' ').replace(/^(aws):/i, '$1 ');
  if (clean.length > MAX_VALUE_LENGTH) {
    clean = clean.slice(0, MAX_VALUE_LENGTH);
    // A cut between the halves of a surrogate pair would leave half a character.
    if (/[\uD800-\uDBFF]$/.test(clean)) clean = clean.slice(0, -1);
  }
  return clean;
};

export interface RequestedTag {
  readonly key: string;
  readonly value: string;
}

/** CloudTrail renders lists as `{ items: [...] }`, and some as plain arrays. */
const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : isRecord(value) && Array.isArray(value.items) ? value.items : [];

/** The tags the caller asked for in the request's `tagSpecificationSet` (as CloudTrail records it). */
export const requestedTags = (requestParameters: unknown): RequestedTag[] =>
  isRecord(requestParameters)
    ? list(requestParameters.tagSpecificationSet).flatMap((spec) =>
        isRecord(spec)
          ? list(spec.tags ?? spec.tagSet).flatMap((tag) =>
              isRecord(tag) && typeof tag.key === 'string' ? [{ key: tag.key, value: typeof tag.value === 'string' ? tag.value : '' }] : [],
            )
          : [],
      )
    : [];

export interface TagPlan {
  /** Key to value, as written. */
  readonly tags: Readonly<Record<string, string>>;
  /** Values changed by `sanitizeValue`: the original goes to the log. */
  readonly sanitized: { readonly key: string; readonly original: string; readonly written: string }[];
  /** Values the request asked for under a key the function writes, replaced by the truth. */
  readonly overridden: { readonly key: string; readonly requested: string; readonly written: string }[];
  /** The written PrincipalId is not the caller's aws:userid: the owner-only policy will match no one. */
  readonly principalIdAltered: boolean;
}

/**
 * The tags for an event. Owner and PrincipalId always; each configured extra
 * tag always too, empty when the record has no value for it (a direct call
 * has no invokedBy), so a value passed in the request never survives.
 */
export const planTags = (
  settings: Pick<Settings, 'ownerTagKey' | 'principalIdTagKey' | 'extraTagKeys'>,
  identity: Identity,
  createdAt: string | undefined,
  requested: readonly RequestedTag[],
): TagPlan => {
  const { createdAt: createdAtKey, creatorArn: creatorArnKey, invokedBy: invokedByKey } = settings.extraTagKeys;
  const values: [string | undefined, string | undefined][] = [
    [settings.ownerTagKey, identity.owner],
    [settings.principalIdTagKey, identity.principalId],
    [createdAtKey, createdAt],
    [creatorArnKey, identity.arn],
    [invokedByKey, identity.invokedBy],
  ];
  const tags: Record<string, string> = {};
  const sanitized: TagPlan['sanitized'] = [];
  for (const [key, original = ''] of values) {
    if (key === undefined) continue;
    const written = sanitizeValue(original);
    tags[key] = written;
    if (written !== original) sanitized.push({ key, original, written });
  }
  const overridden = requested.flatMap(({ key, value }) =>
    Object.hasOwn(tags, key) && tags[key] !== value ? [{ key, requested: value, written: tags[key] }] : [],
  );
  return { tags, sanitized, overridden, principalIdAltered: tags[settings.principalIdTagKey] !== identity.principalId };
};

export const createTags = async (ec2: EC2Client, resourceIds: readonly string[], tags: Readonly<Record<string, string>>): Promise<void> => {
  const Tags = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  for (let start = 0; start < resourceIds.length; start += MAX_IDS_PER_CALL) {
    await ec2.send(new CreateTagsCommand({ Resources: resourceIds.slice(start, start + MAX_IDS_PER_CALL), Tags }));
  }
};
