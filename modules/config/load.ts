import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from './errors';
import { didYouMean, fieldsAt, formatPath, withValue, zodMessages } from './messages';
import { parseConfigText } from './parse';
import { configSchema, type Config } from './schema';

export { ConfigError, type ConfigProblem } from './errors';
export { formatPath } from './messages';

const describeIssue = (issue: z.core.$ZodIssue, data: unknown): ConfigProblem[] => {
  if (issue.code === 'unrecognized_keys') {
    const known = fieldsAt(configSchema, issue.path);
    return issue.keys.map((key) => ({
      path: formatPath([...issue.path, key], data),
      message: `is not a known field${didYouMean(key, known) || ' (a typo?)'}`,
    }));
  }
  if (issue.code === 'invalid_union') {
    // `false` or an object: when only the object branch got past its root, its own problems say more than "must be false or {...}".
    const deep = issue.errors.filter((branch) => branch.every((inner) => inner.path.length > 0));
    if (deep.length === 1) return deep[0].flatMap((inner) => describeIssue({ ...inner, path: [...issue.path, ...inner.path] }, data));
  }
  if (issue.code === 'invalid_key') {
    return [
      { path: formatPath(issue.path, data), message: withValue(issue.input, 'key', issue.issues.map((inner) => inner.message).join('; ')) },
    ];
  }
  return [{ path: formatPath(issue.path, data), message: withValue(issue.input, issue.code, issue.message) }];
};

/** Each problem once, in the order found. */
const unique = (problems: readonly ConfigProblem[]): ConfigProblem[] => {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(`${p.path}: ${p.message}`) && seen.add(`${p.path}: ${p.message}`));
};

const validate = (data: unknown, source: string, earlier: readonly ConfigProblem[]): Config => {
  const result = configSchema.safeParse(data, { reportInput: true, error: zodMessages });
  const problems = unique([...earlier, ...(result.success ? [] : result.error.issues.flatMap((issue) => describeIssue(issue, data)))]);
  if (!result.success || problems.length > 0) throw new ConfigError(source, problems);
  return result.data;
};

/** Validates parsed JSON and applies defaults; throws ConfigError listing every problem. */
export const validateConfig = (data: unknown, source = 'config'): Config => validate(data, source, []);

/**
 * Parses and validates config text: syntax errors with line and column, keys
 * given twice and every validation problem, all in one ConfigError.
 */
export const parseConfig = (text: string, source = 'config'): Config => {
  const { data, duplicateKeys } = parseConfigText(text, source);
  return validate(
    data,
    source,
    duplicateKeys.map((d) => ({ path: formatPath(d.path, data), message: d.message })),
  );
};

/** Reads and validates a config file. */
export const loadConfig = (file: string): Config => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, [{ path: '(file)', message: `cannot be read: ${(err as Error).message}` }]);
  }
  return parseConfig(text, file);
};
