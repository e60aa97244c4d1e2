/**
 * Config text -> data, with what JSON.parse cannot say: where a syntax error
 * is (line and column, not a character offset) and which keys are given
 * twice (JSON.parse silently keeps the last). Momoa
 * (@humanwhocodes/momoa, the JSON parser behind ESLint's JSON support) gives
 * the positions; JSON.parse still makes the data, so the values are exactly
 * what any other JSON reader would see.
 */
import { parse as parseTree, type ValueNode } from '@humanwhocodes/momoa';
import { ConfigError, type ConfigProblem } from './errors';

/** The data, and the keys given more than once (reported with the validation problems, all at once). */
export interface ParsedConfig {
  readonly data: unknown;
  readonly duplicateKeys: ReadonlyArray<{ readonly path: readonly PropertyKey[]; readonly message: string }>;
}

interface Position {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

const positionAt = (text: string, offset: number): Position => {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1, offset };
};

/** What probably went wrong, for the mistakes people make in hand-written JSON. */
const hint = (char: string | undefined, previous: string | undefined): string => {
  if (char === '/') return ' (JSON has no comments)';
  if (char === "'") return ' (JSON strings take double quotes)';
  if ((char === '}' || char === ']') && previous === ',') return ' (a trailing comma before it?)';
  if ((char === '"' || char === '{' || char === '[') && previous !== undefined && /["}\]\deul]/.test(previous)) {
    return ' (a missing comma before it?)';
  }
  return '';
};

const quote = (char: string) => (char === '"' ? `'"'` : JSON.stringify(char));

/** `endOfFile`: the text ended inside what starts at `at` (Momoa points at the unclosed object or string). */
const syntaxProblem = (text: string, at: Position, endOfFile = false): ConfigProblem => {
  const char = text[at.offset];
  const where = `line ${at.line}, column ${at.column}`;
  if (char === undefined) return { path: '(file)', message: `is not valid JSON: unexpected end of file at ${where}` };
  if (endOfFile) return { path: '(file)', message: `is not valid JSON: the file ends before the ${quote(char)} at ${where} is closed` };
  const previous = text.slice(0, at.offset).trimEnd().at(-1);
  return { path: '(file)', message: `is not valid JSON: unexpected ${quote(char)} at ${where}${hint(char, previous)}` };
};

const isPosition = (err: unknown): err is Position =>
  typeof err === 'object' &&
  err !== null &&
  ['line', 'column', 'offset'].every((k) => typeof (err as Record<string, unknown>)[k] === 'number');

/** Every key given twice in one object, with the lines of both. */
const duplicateKeys = (node: ValueNode, path: PropertyKey[] = [], found: ParsedConfig['duplicateKeys'][number][] = []) => {
  if (node.type === 'Object') {
    const first = new Map<string, number>();
    for (const member of node.members) {
      const key = member.name.type === 'String' ? member.name.value : member.name.name;
      const line = first.get(key);
      if (line === undefined) first.set(key, member.loc.start.line);
      else {
        found.push({
          path: [...path, key],
          message: `is given twice (${line === member.loc.start.line ? `both on line ${line}` : `lines ${line} and ${member.loc.start.line}`}); JSON keeps only the last, so remove one`,
        });
      }
      duplicateKeys(member.value, [...path, key], found);
    }
  } else if (node.type === 'Array') {
    for (const [i, element] of node.elements.entries()) duplicateKeys(element.value, [...path, i], found);
  }
  return found;
};

/** Parses config text; throws ConfigError naming the line and column of a syntax error. */
export const parseConfigText = (raw: string, source: string): ParsedConfig => {
  // Editors on some systems write a byte-order mark; it is not part of the JSON.
  const text = raw.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new ConfigError(source, [{ path: '(file)', message: 'is empty (the config is a JSON object)' }]);
  let tree: ReturnType<typeof parseTree>;
  try {
    tree = parseTree(text, { mode: 'json' });
  } catch (err) {
    if (!isPosition(err)) throw err;
    throw new ConfigError(source, [syntaxProblem(text, err, err.constructor.name === 'UnexpectedEOF')]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    // What Momoa accepts and JSON.parse does not (raw control characters in strings): JSON.parse's offset, as a line.
    const offset = /at position (\d+)/.exec((err as Error).message);
    const problem = offset
      ? syntaxProblem(text, positionAt(text, Number(offset[1])))
      : { path: '(file)', message: `is not valid JSON: ${(err as Error).message}` };
    throw new ConfigError(source, [problem]);
  }
  return { data, duplicateKeys: duplicateKeys(tree.body) };
};
