/**
 * Which tag-based access policies each account gets: an organization default
 * (`accessPolicies`) and per-account overrides (`accounts[i].accessPolicies`),
 * where an override replaces that one policy's setting and `false` turns it off.
 */
import { z } from 'zod';
import { tagKey } from './tag-key';

// EC2 tag values: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html#tag-restrictions
const tagValue = z
  .string()
  .max(256, { error: 'must be at most 256 characters' })
  .regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@*]*$/u, { error: 'may only contain letters, digits, spaces and _.:/=+-@ (or be "*")' });

const requiredTags = z
  .strictObject({
    tags: z
      .record(tagKey, z.array(tagValue).min(1, { error: 'must list at least one allowed value, or ["*"] for any' }))
      .refine((tags) => Object.keys(tags).length > 0, { error: 'must name at least one tag' })
      .describe('Tag key -> allowed values; ["*"] allows any non-empty value'),
    ownPrincipalIdOnCreate: z
      .boolean()
      .default(true)
      .describe(
        "Also require the PrincipalId tag on create, equal to the caller's own aws:userid: owner-only control works from the first second, before the tagger runs",
      ),
  })
  .describe('RunInstances and CreateVolume only with these tags on the new instance or volume; these tags never change afterwards');

const allowedTagKeys = z
  .strictObject({
    keys: z
      .array(tagKey)
      .min(1, { error: 'must list at least one key' })
      .describe('The only tag keys users may write (besides the protected keys, which the tag guard governs)'),
  })
  .describe('aws:TagKeys: users may write no other tag keys');

const teamAbac = z
  .strictObject({
    tagKey: tagKey.default('Team').describe("Resource tag compared with the caller's principal tag of the same key"),
  })
  .describe("aws:PrincipalTag: instance control where the resource's team tag equals the caller's");

const off = z.literal(false);

/** The organization's default selection or one account's override of it: every field optional, unset = inherited. */
export const selectionOverride = z.strictObject({
  ownerOnlyEc2: z
    .boolean()
    .optional()
    .describe('TagBasedEC2RestrictionsPolicy: stop/start/reboot/terminate (and other instance changes) only by the creator. Default: true'),
  tagGuard: z.boolean().optional().describe('Nobody but the tagger writes the protected tag keys (identity policy). Default: true'),
  requiredTags: z.union([off, requiredTags], { error: 'must be false or { "tags": {...} }' }).optional().describe('Default: false'),
  allowedTagKeys: z.union([off, allowedTagKeys], { error: 'must be false or { "keys": [...] }' }).optional().describe('Default: false'),
  teamAbac: z.union([off, teamAbac], { error: 'must be false or { "tagKey": "..." }' }).optional().describe('Default: false'),
});

type SelectionOverride = z.output<typeof selectionOverride>;

/**
 * Which access policies one account gets, with their settings; absent = not
 * deployed there. ("Access policies" are the IAM managed policies themselves:
 * `accessPolicies(selection, settings)` and the `AccessPolicies` construct.)
 */
export interface AccessPolicySelection {
  readonly ownerOnlyEc2: boolean;
  readonly tagGuard: boolean;
  readonly requiredTags?: z.output<typeof requiredTags>;
  readonly allowedTagKeys?: z.output<typeof allowedTagKeys>;
  readonly teamAbac?: z.output<typeof teamAbac>;
}

/** The organization default merged with one account's override, policy by policy. */
export const effectiveSelection = (
  orgDefault: SelectionOverride | undefined,
  override: SelectionOverride | undefined,
): AccessPolicySelection => {
  const pick = <K extends keyof SelectionOverride>(key: K): SelectionOverride[K] =>
    override?.[key] !== undefined ? override[key] : orgDefault?.[key];
  return {
    ownerOnlyEc2: pick('ownerOnlyEc2') ?? true,
    tagGuard: pick('tagGuard') ?? true,
    requiredTags: pick('requiredTags') || undefined,
    allowedTagKeys: pick('allowedTagKeys') || undefined,
    teamAbac: pick('teamAbac') || undefined,
  };
};

/**
 * Combinations that would lock users out or leave a hole, for one account's
 * effective selection. `protectedKeys` are the keys only the tagger writes.
 */
export const selectionProblems = (policies: AccessPolicySelection, protectedKeys: readonly string[]): string[] => {
  const problems: string[] = [];
  const isProtected = (key: string) => protectedKeys.some((p) => p.toLowerCase() === key.toLowerCase());
  const mentioned = [
    ...Object.keys(policies.requiredTags?.tags ?? {}).map((key) => ['requiredTags.tags', key] as const),
    ...(policies.allowedTagKeys?.keys ?? []).map((key) => ['allowedTagKeys.keys', key] as const),
    ...(policies.teamAbac ? [['teamAbac.tagKey', policies.teamAbac.tagKey] as const] : []),
  ];
  for (const [where, key] of mentioned) {
    if (isProtected(key)) problems.push(`${where}: "${key}" is a protected key (only the tagger writes it)`);
  }
  const allowed = policies.allowedTagKeys?.keys;
  if (allowed) {
    const needed = [
      ...Object.keys(policies.requiredTags?.tags ?? {}).map((key) => ['requiredTags.tags', key] as const),
      ...(policies.teamAbac ? [['teamAbac.tagKey', policies.teamAbac.tagKey] as const] : []),
    ];
    for (const [where, key] of needed) {
      if (!isProtected(key) && !allowed.includes(key)) {
        problems.push(`${where}: "${key}" is not in allowedTagKeys.keys, so nobody could ever set it`);
      }
    }
  }
  for (const [key, values] of Object.entries(policies.requiredTags?.tags ?? {})) {
    if (values.includes('*') && values.length > 1) problems.push(`requiredTags.tags.${key}: "*" allows any value; list it alone`);
  }
  return problems;
};
