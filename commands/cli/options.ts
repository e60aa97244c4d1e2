/**
 * Command-line options of the operator commands, on node's own
 * `util.parseArgs`: every option declared once (type, help text), `--help`
 * built from the declarations, and a clear error naming the bad option.
 */
import { parseArgs } from 'node:util';

/** The command line was wrong: the message names the option; the command exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** One-letter alias (`-c`). @default none */
  readonly short?: string;
  /** What the value is, in the help text (`--max <n>`). @default 'value' for string options */
  readonly value?: string;
  /** One line for `--help`. */
  readonly description: string;
}

export interface CommandSpec<O extends Record<string, OptionSpec> = Record<string, OptionSpec>> {
  /** How it is run, e.g. `npm run verify --`. */
  readonly usage: string;
  /** One paragraph on what the command does. */
  readonly summary: string;
  readonly options: O;
}

export type OptionValues<O extends Record<string, OptionSpec>> = {
  readonly [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string;
};

const HELP: OptionSpec = { type: 'boolean', short: 'h', description: 'print this help and exit' };

/** `text` in lines of at most `width` characters, broken between words. */
const wrap = (text: string, width: number): string[] =>
  text.split(' ').reduce<string[]>((lines, word) => {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
    return lines;
  }, []);

/** The `--help` text: usage line, summary (wrapped at 100 characters), one line per option. */
export const helpText = (spec: CommandSpec): string => {
  const entries = Object.entries({ ...spec.options, help: HELP }).map(([name, option]) => {
    const flag = `${option.short ? `-${option.short}, ` : '    '}--${name}${option.type === 'string' ? ` <${option.value ?? 'value'}>` : ''}`;
    return [flag, option.description] as const;
  });
  const width = Math.max(...entries.map(([flag]) => flag.length));
  return [
    `usage: ${spec.usage} [options]`,
    '',
    ...wrap(spec.summary, 100),
    '',
    'options:',
    ...entries.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
  ].join('\n');
};

/**
 * Parses `argv` against the spec. Returns `'help'` when `--help` was given;
 * throws UsageError naming the option for anything unknown, a missing value
 * or a stray positional argument.
 */
export const parseCommandLine = <O extends Record<string, OptionSpec>>(
  spec: CommandSpec<O>,
  argv: readonly string[],
): OptionValues<O> | 'help' => {
  const options = Object.fromEntries(
    Object.entries({ ...spec.options, help: HELP }).map(([name, { type, short }]) => [name, short ? { type, short } : { type }]),
  );
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }));
  } catch (error) {
    // node's messages already name the option ("Unknown option '--foo'", "Option '--max <value>' argument missing").
    throw new UsageError((error as Error).message.replace(/\. To specify.*$/s, ''));
  }
  if (values.help) return 'help';
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'string' && value.trim() === '') throw new UsageError(`--${name} must not be empty`);
  }
  return values as OptionValues<O>;
};

/** A comma-separated list option (`--regions eu-west-1,us-east-1`), each item once. */
export const listOption = (name: string, value: string): string[] => {
  const items = value.split(',').map((item) => item.trim());
  const empty = items.indexOf('');
  if (empty >= 0) throw new UsageError(`--${name} has an empty item at position ${empty + 1} in '${value}'`);
  const twice = items.find((item, i) => items.indexOf(item) !== i);
  if (twice !== undefined) throw new UsageError(`--${name} lists '${twice}' twice`);
  return items;
};

/** A whole-number option of at least `min` (`--max 10`). */
export const integerOption = (name: string, value: string, min: number): number => {
  if (!/^\d+$/.test(value.trim()) || Number(value) < min || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`--${name} must be a whole number of at least ${min}, got '${value}'`);
  }
  return Number(value);
};
