import { describeFailure, EXIT } from '../../../commands/cli/run';
import { UsageError } from '../../../commands/cli/options';
import { ConfigError } from '../../../modules/config/load';

describe('describeFailure', () => {
  it('is exit 2 for a bad command line, pointing at --help', () => {
    expect(describeFailure(new UsageError("Unknown option '--x'"))).toEqual({ code: EXIT.usage, message: "Unknown option '--x' (see --help)" });
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
