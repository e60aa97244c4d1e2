/**
 * Comparing what AWS holds with what we synthesize, as JSON: key order never
 * matters, list order never matters (pattern values and policy lists are
 * sets), and for IAM policies a one-item list equals its item, as IAM reads them.
 */

export interface CompareOptions {
  /** IAM reads `"Action": "x"` and `"Action": ["x"]` alike; EventBridge patterns need lists. @default false */
  readonly singleItemListsAreScalars?: boolean;
}

const canonical = (value: unknown, options: CompareOptions): unknown => {
  if (Array.isArray(value)) {
    const items = value.map((item) => canonical(item, options)).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    return options.singleItemListsAreScalars && items.length === 1 ? items[0] : items;
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key], options)]),
    );
  }
  return value;
};

const show = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value));

const walk = (actual: unknown, expected: unknown, path: string, out: string[]): void => {
  if (JSON.stringify(actual) === JSON.stringify(expected)) return;
  if (Array.isArray(actual) && Array.isArray(expected)) {
    const has = (list: unknown[], item: unknown) => list.some((x) => JSON.stringify(x) === JSON.stringify(item));
    const missing = expected.filter((item) => !has(actual, item));
    const extra = actual.filter((item) => !has(expected, item));
    if (missing.length > 0) out.push(`${path} lacks ${missing.map(show).join(', ')}`);
    if (extra.length > 0) out.push(`${path} also has ${extra.map(show).join(', ')}`);
    return;
  }
  const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(actual) && isObject(expected)) {
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    for (const key of [...new Set([...Object.keys(e), ...Object.keys(a)])].sort()) walk(a[key], e[key], path ? `${path}.${key}` : key, out);
    return;
  }
  out.push(`${path || 'the document'} is ${show(actual)} instead of ${show(expected)}`);
};

/** Where `actual` differs from `expected`, one phrase per place (empty when equal). */
export const jsonDifferences = (actual: unknown, expected: unknown, options: CompareOptions = {}): string[] => {
  const out: string[] = [];
  walk(canonical(actual, options), canonical(expected, options), '', out);
  return out;
};

/** At most `max` differences in one line, saying how many more there are. */
export const summarize = (differences: readonly string[], max = 3): string =>
  differences.length <= max ? differences.join('; ') : `${differences.slice(0, max).join('; ')}; and ${differences.length - max} more`;
