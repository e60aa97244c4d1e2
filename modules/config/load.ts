import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { configSchema, type Config } from './schema';

/** One problem with the config: where (`accounts[2].id`) and what is wrong. */
export interface ConfigProblem {
  readonly path: string;
  readonly message: string;
}

/** Every problem found in a config, all at once, so a pipeline run fixes them in one go. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(`${source}: invalid auto-tag config\n${problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** `['accounts', 2, 'id']` -> `accounts[2].id`; the root is `(config)`. */
export const formatPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  ) || '(config)';

const describeIssue = (issue: z.core.$ZodIssue): ConfigProblem[] => {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: 'is not a known field (a typo?)' }));
  }
  const missing = issue.code === 'invalid_type' && issue.input === undefined;
  return [{ path: formatPath(issue.path), message: missing ? 'is required' : issue.message }];
};

/** Validates parsed JSON and applies defaults; throws ConfigError listing every problem. */
export const validateConfig = (data: unknown, source = 'config'): Config => {
  const result = configSchema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  throw new ConfigError(source, result.error.issues.flatMap(describeIssue));
};

/** Reads and validates a config file. */
export const loadConfig = (file: string): Config => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, [{ path: '(file)', message: `cannot be read: ${(err as Error).message}` }]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(file, [{ path: '(file)', message: `is not valid JSON: ${(err as Error).message}` }]);
  }
  return validateConfig(data, file);
};
