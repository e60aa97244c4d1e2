import { describeFailure, EXIT, withOptions } from '../../../commands/cli/run';
import { UsageError } from '../../../commands/cli/options';
import { ConfigError } from '../../../modules/config/load';

describe('describeFailure', () => {
  it('is exit 2 for a bad command line, pointing at --help', () => {
    expect(describeFailure(new UsageError("Unknown option '--x'"))).toEqual({
      code: EXIT.usage,
      message: "Unknown option '--x' (see --help)",
    });
  });

  it("is exit 2 for an invalid config, with the config's own message", () => {
    const error = new ConfigError('a.json', [{ path: 'regions', message: 'must list at least one region' }]);
    expect(describeFailure(error)).toEqual({ code: EXIT.usage, message: error.message });
  });

  it('is exit 3 for anything unexpected, with its name and message', () => {
    const error = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    expect(describeFailure(error)).toEqual({ code: EXIT.error, message: 'error: ThrottlingException: Rate exceeded' });
    expect(describeFailure('boom')).toEqual({ code: EXIT.error, message: 'error: boom' });
  });
});

describe('withOptions', () => {
  const spec = { usage: 'npm run x --', summary: 'X.', options: { max: { type: 'string', description: 'at most' } } } as const;

  it('hands the parsed options to main and returns its exit code', async () => {
    const seen: unknown[] = [];
    const main = withOptions(spec, async (options) => (seen.push(options), 1));
    await expect(main(['--max', '3'])).resolves.toBe(1);
    expect(seen).toEqual([{ max: '3' }]);
  });

  it('prints the help for --help, exits 0 and never runs main', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const main = withOptions(spec, async () => {
        throw new Error('must not run');
      });
      await expect(main(['--help'])).resolves.toBe(EXIT.ok);
      expect(log.mock.calls[0][0]).toMatch(/^usage: npm run x -- \[options\]/);
    } finally {
      log.mockRestore();
    }
  });

  it('lets a bad option through as a UsageError for runCommand to report', async () => {
    await expect(withOptions(spec, async () => 0)(['--min'])).rejects.toThrow(UsageError);
  });
});
