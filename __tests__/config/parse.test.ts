/** Config text: syntax errors at a line and column, keys given twice, whatever an editor may add. */
import { readFileSync } from 'node:fs';
import { ConfigError, parseConfig } from '../../modules/config/load';
import { EXAMPLE_CONFIG_FILE } from '../support/synth';

const example = readFileSync(EXAMPLE_CONFIG_FILE, 'utf8');

/** The problems config text yields, as `path: message` lines. */
const problems = (text: string): string[] => {
  try {
    parseConfig(text, 'x.json');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => `${p.path}: ${p.message}`);
    throw err;
  }
  return [];
};

describe('config text', () => {
  it.each([
    ['a value missing', '{\n  "regions": ,\n}', 'unexpected "," at line 2, column 14'],
    ['a trailing comma', '{\n  "a": 1,\n}', 'unexpected "}" at line 3, column 1 (a trailing comma before it?)'],
    ['a missing comma', '{\n  "a": 1\n  "b": 2\n}', `unexpected '"' at line 3, column 3 (a missing comma before it?)`],
    ['a comment', '{\n  // accounts\n}', 'unexpected "/" at line 2, column 3 (JSON has no comments)'],
    ['single quotes', "{ 'a': 1 }", `unexpected "'" at line 1, column 3 (JSON strings take double quotes)`],
    ['a cut-off file', '{\n  "accounts": [\n', 'the file ends before the "{" at line 1, column 1 is closed'],
    ['a cut-off string', '{\n  "name": "stag', 'unexpected end of file at line 2, column 16'],
    ['a raw control character in a string', '{\n  "name": "a\u0001b"\n}', 'unexpected "\\u0001" at line 2, column 13'],
    ['text after the object', '{}\n}', 'unexpected "}" at line 2, column 1'],
  ])('names the line and column of %s', (_, text, message) => {
    expect(problems(text)).toEqual([`(file): is not valid JSON: ${message}`]);
  });

  it('says an empty file is empty', () => {
    expect(problems(' \n')).toEqual(['(file): is empty (the config is a JSON object)']);
  });

  it('reports a key given twice, with both lines, together with every other problem', () => {
    const text = example
      .replace('"homeRegion": "eu-west-1",', '"homeRegion": "eu-west-1",\n  "homeRegion": "us-east-1",')
      .replace('{ "id": "444444444444", "name": "staging" }', '{ "id": "444444444444", "name": "staging", "name": "stg" }')
      .replace('"organizationId": "o-a1b2c3d4e5"', '"organizationId": "o-1"');
    expect(problems(text)).toEqual([
      'homeRegion: is given twice (lines 7 and 8); JSON keeps only the last, so remove one',
      'accounts[3] (444444444444 stg).name: is given twice (both on line 13); JSON keeps only the last, so remove one',
      'organizationId: "o-1" must be an organization id like o-a1b2c3d4e5',
    ]);
  });

  it('finds keys given twice at any depth, and only there', () => {
    const text = JSON.stringify({ a: { b: [{ c: 1 }, { c: 2 }] } }).replace('{"c":2}', '{"c":2,"c":3}');
    expect(problems(text)).toContain('a.b[1].c: is given twice (both on line 1); JSON keeps only the last, so remove one');
  });

  it('accepts a byte-order mark and keeps what JSON.parse would make of the rest', () => {
    expect(problems(`\uFEFF${example}`)).toEqual([]);
    // "__proto__" is an ordinary key in JSON: an unknown field here, never a prototype.
    expect(problems(example.replace('{', '{ "__proto__": { "polluted": true },'))).toEqual(['__proto__: is not a known field (a typo?)']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
