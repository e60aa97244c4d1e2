import { helpText, integerOption, listOption, parseCommandLine, UsageError, type CommandSpec } from '../../../commands/cli/options';

const spec = {
  usage: 'npm run example --',
  summary: 'An example command.',
  options: {
    config: { type: 'string', short: 'c', value: 'file', description: 'the config file' },
    json: { type: 'boolean', description: 'JSON output' },
    max: { type: 'string', value: 'n', description: 'at most n' },
  },
} as const satisfies CommandSpec;

describe('parseCommandLine', () => {
  it('returns the values given, long and short, and nothing for what was left out', () => {
    expect(parseCommandLine(spec, ['-c', 'a.json', '--json'])).toEqual({ config: 'a.json', json: true });
    expect(parseCommandLine(spec, ['--config=b.json'])).toEqual({ config: 'b.json' });
    expect(parseCommandLine(spec, [])).toEqual({});
  });

  it("answers 'help' for --help and -h, whatever else is given", () => {
    expect(parseCommandLine(spec, ['--help'])).toBe('help');
    expect(parseCommandLine(spec, ['--json', '-h'])).toBe('help');
  });

  it.each([
    [['--jsn'], /Unknown option '--jsn'/],
    [['--max'], /--max/],
    [['--json=yes'], /--json/],
    [['extra'], /extra/],
    [['--config', ' '], /--config must not be empty/],
  ])('refuses %j with a UsageError naming the option', (argv, message) => {
    expect(() => parseCommandLine(spec, argv)).toThrow(UsageError);
    expect(() => parseCommandLine(spec, argv)).toThrow(message);
  });
});

describe('helpText', () => {
  it('wraps a long summary between words', () => {
    const summary = `${'word '.repeat(30)}end`;
    const lines = helpText({ ...spec, summary })
      .split('\n')
      .slice(2, 4);
    expect(lines.map((l) => l.length)).toEqual([99, 53]);
    expect(lines.join(' ')).toBe(summary);
  });

  it('shows the usage, the summary and every option with its value and alias, --help included', () => {
    expect(helpText(spec)).toBe(
      [
        'usage: npm run example -- [options]',
        '',
        'An example command.',
        '',
        'options:',
        '  -c, --config <file>  the config file',
        '      --json           JSON output',
        '      --max <n>        at most n',
        '  -h, --help           print this help and exit',
      ].join('\n'),
    );
  });
});

describe('listOption', () => {
  it('splits on commas and trims', () => {
    expect(listOption('regions', 'eu-west-1, us-east-1')).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('refuses an empty item and an item given twice, naming the option', () => {
    expect(() => listOption('regions', 'eu-west-1,,us-east-1')).toThrow(
      "--regions has an empty item at position 2 in 'eu-west-1,,us-east-1'",
    );
    expect(() => listOption('accounts', 'dev,dev')).toThrow("--accounts lists 'dev' twice");
  });
});

describe('integerOption', () => {
  it('reads a whole number of at least the minimum', () => {
    expect(integerOption('max', '10', 1)).toBe(10);
    expect(integerOption('max', '1', 1)).toBe(1);
  });

  it.each(['0', '-1', '1.5', 'ten', '1e3', '99999999999999999999'])('refuses %s, naming the option', (value) => {
    expect(() => integerOption('max', value, 1)).toThrow(new UsageError(`--max must be a whole number of at least 1, got '${value}'`));
  });
});
