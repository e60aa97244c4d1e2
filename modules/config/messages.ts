/**
 * How a config problem reads: where it is (accounts named by id and name as
 * well as position), the bad value echoed, and the nearest valid spelling
 * when there is one close enough to be a typo.
 */
import type { z } from 'zod';
import { distance } from 'fastest-levenshtein';

const MAX_ECHO = 60;

/** A value as it appears in the file, cut short when long: `"eu-wset-1"`, `42`, `"kkkk…" (129 characters)`. */
const echo = (value: unknown): string => {
  if (typeof value === 'string') {
    return value.length > MAX_ECHO
      ? `${JSON.stringify(`${value.slice(0, MAX_ECHO)}…`)} (${value.length} characters)`
      : JSON.stringify(value);
  }
  if (Array.isArray(value))
    return value.length === 0 ? 'an empty array' : `an array of ${value.length} entr${value.length === 1 ? 'y' : 'ies'}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
};

/** What a value is, for "must be a string, not …". */
const kindOf = (value: unknown): string =>
  typeof value === 'number' ? `the number ${value}` : typeof value === 'string' ? `the string ${echo(value)}` : echo(value);

/**
 * The candidate closest to `input` (ignoring case and surrounding spaces), if
 * it is close enough to be a typo of it: at most a third of its length away,
 * and at least two edits are always forgiven (`eu-wset-1` -> `eu-west-1`).
 */
const nearest = (input: unknown, candidates: readonly string[]): string | undefined => {
  if (typeof input !== 'string') return undefined;
  const typed = input.trim().toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const d = distance(typed, candidate.toLowerCase());
    if (d <= Math.max(2, Math.floor(candidate.length / 3)) && (!best || d < best.distance)) best = { candidate, distance: d };
  }
  return best?.candidate;
};

/** `; did you mean "eu-west-1"?` when something valid is close, else nothing. */
export const didYouMean = (input: unknown, candidates: readonly string[]): string => {
  const match = nearest(input, candidates);
  return match === undefined || match === input ? '' : `; did you mean ${JSON.stringify(match)}?`;
};

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const PLAIN = /^[\w.-]{1,64}$/;

/** An account's id and name, to find it in the file without counting: `444444444444 staging`. */
const accountLabel = (account: unknown): string => {
  if (typeof account !== 'object' || account === null) return '';
  const { id, name } = account as Record<string, unknown>;
  return [id, name]
    .filter((part) => typeof part === 'string' || typeof part === 'number')
    .map((part) => (PLAIN.test(String(part)) ? String(part) : echo(part)))
    .join(' ');
};

/**
 * `['accounts', 2, 'regions', 0]` -> `accounts[2] (444444444444 staging).regions[0]`;
 * keys that are not identifiers are quoted (`tags[" CostCenter"]`); the root is `(config)`.
 * `data` is the parsed config, for the accounts' ids and names.
 */
export const formatPath = (path: readonly PropertyKey[], data?: unknown): string => {
  const accounts = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).accounts : undefined;
  let out = '';
  path.forEach((key, i) => {
    if (typeof key === 'number') {
      out += `[${key}]`;
      const label = i === 1 && path[0] === 'accounts' && Array.isArray(accounts) ? accountLabel(accounts[key]) : '';
      if (label) out += ` (${label})`;
    } else {
      const name = String(key);
      out += IDENTIFIER.test(name) ? (out ? `.${name}` : name) : `[${JSON.stringify(name)}]`;
    }
  });
  return out || '(config)';
};

const article = (noun: string) => (/^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`);
const EXPECTED: Record<string, string> = { int: 'whole number' };

/**
 * Messages for what the schema leaves to zod's defaults (types, bounds), in
 * the schema's own voice. Passed per parse, so it changes nothing for other
 * users of zod in the process.
 */
export const zodMessages = (issue: z.core.$ZodRawIssue): string | undefined => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${article(EXPECTED[issue.expected] ?? issue.expected)}, not ${kindOf(issue.input)}`;
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? `at least ${issue.minimum}` : `at most ${issue.maximum}`;
      const unit = issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' entries' : '';
      return `must be ${bound}${unit}`;
    }
    case 'invalid_value':
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    default:
      return undefined;
  }
};

/** The bad value leads the message when it is a plain value: `"eu-wset-1" is not a known AWS region`. */
export const withValue = (input: unknown, code: string, message: string): string =>
  code !== 'invalid_type' && code !== 'custom' && ['string', 'number', 'boolean'].includes(typeof input)
    ? `${echo(input)} ${message}`
    : message;

type Schema = z.core.$ZodType;
/** The parts of zod's schema definitions the walk below reads (zod 4 `_zod.def`). */
interface Def {
  readonly innerType?: Schema;
  readonly in?: Schema;
  readonly element?: Schema;
  readonly valueType?: Schema;
  readonly options?: readonly Schema[];
  readonly shape?: Readonly<Record<string, Schema>>;
}
const defOf = (schema: Schema) => schema._zod.def as Def;

/** The schemas a schema stands for once optional, default and union wrappers are looked through. */
const unwrap = (schema: Schema): Schema[] => {
  const def = defOf(schema);
  const inner = def.innerType ?? def.in;
  if (inner) return unwrap(inner);
  return def.options ? def.options.flatMap(unwrap) : [schema];
};

/** The field names the schema knows at `path`, to suggest one for an unknown field. */
export const fieldsAt = (schema: Schema, path: readonly PropertyKey[]): string[] => {
  let here = unwrap(schema);
  for (const key of path) {
    here = here.flatMap((s) => {
      const def = defOf(s);
      const next = typeof key === 'number' ? def.element : (def.shape?.[String(key)] ?? def.valueType);
      return next ? unwrap(next) : [];
    });
  }
  return here.flatMap((s) => Object.keys(defOf(s).shape ?? {}));
};
