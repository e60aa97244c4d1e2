/**
 * `npm run replay -- --region <r> [--config <file>] [--dry-run] [--max <n>] [--json]`:
 * re-drives the central dead-letter queue of a region. Each message's original
 * event goes to the function's PROD alias again, synchronously; only what the
 * function handled is deleted (see commands/replay/README.md).
 */
import { CONFIG_OPTIONS, loadCommandConfig } from '../cli/config';
import { accountCredentials } from '../cli/credentials';
import { integerOption, UsageError, type CommandSpec, type OptionValues } from '../cli/options';
import { JSON_OPTION, toJson } from '../cli/output';
import { progress } from '../cli/progress';
import { EXIT, runCommand, withOptions } from '../cli/run';
import { FUNCTION_ALIAS, namesFor } from '../../modules/naming';
import { lambdaInvoker, sqsDeadLetterQueue } from './aws';
import { replayDeadLetters } from './replay';
import { allReplayed, renderReport } from './report';

const SPEC = {
  usage: 'npm run replay -- --region <region>',
  summary:
    "Reads the tagger's dead-letter queue in the central account and region (EventBridge dead letters and Lambda on-failure records), shows why " +
    "each message failed, and invokes the function's PROD alias again with the original event, synchronously. Deletes only the messages whose " +
    'replay succeeded; the rest (the function failed again, or the message is of no known shape) stay in the queue. Exit 0 when every message ' +
    'was replayed, 1 when any was kept.',
  options: {
    region: {
      type: 'string',
      short: 'r',
      value: 'region',
      description: 'the region whose dead-letter queue to replay (required; one of the config)',
    },
    config: CONFIG_OPTIONS.config,
    'dry-run': { type: 'boolean', short: 'n', description: 'show the messages and why they failed; invoke and delete nothing' },
    max: { type: 'string', value: 'n', description: 'handle at most n messages (default: all)' },
    json: JSON_OPTION,
    role: { type: 'string', value: 'name', description: 'role to assume in the central account instead of its deploy role' },
    concurrency: { type: 'string', value: 'n', description: 'invokes at once (default: 4)' },
  },
} as const satisfies CommandSpec;

const main = async (options: OptionValues<typeof SPEC.options>): Promise<number> => {
  if (options.region === undefined) throw new UsageError('--region is required: the region whose dead-letter queue to replay');
  const max = options.max === undefined ? undefined : integerOption('max', options.max, 1);
  const concurrency = options.concurrency === undefined ? 4 : integerOption('concurrency', options.concurrency, 1);
  const dryRun = options['dry-run'] ?? false;
  const config = loadCommandConfig(options.config);
  const region = options.region;
  if (!(config.regions as readonly string[]).includes(region)) {
    throw new UsageError(`--region: '${region}' is not a region of the config (${config.regions.join(', ')})`);
  }
  const names = namesFor(config);
  const place = {
    region,
    credentials: accountCredentials(config, { sessionName: 'auto-tag-replay', role: options.role })(config.centralAccountId),
  };
  const queue = await sqsDeadLetterQueue(place, names.deadLetterQueue);
  const invoke = lambdaInvoker(place, names.functionName, FUNCTION_ALIAS, config.function.timeoutSeconds);
  const waiting = await queue.size();
  const bar = progress({ total: Math.min(max ?? waiting, waiting), label: dryRun ? 'reading dead letters' : 'replaying dead letters' });
  const rows = await replayDeadLetters(queue, invoke, {
    dryRun,
    max,
    concurrency,
    functionTimeoutSeconds: config.function.timeoutSeconds,
    onHandled: () => bar.tick(),
  });
  bar.done();
  console.log(options.json ? toJson(rows) : renderReport(rows, dryRun));
  return allReplayed(rows, dryRun) ? EXIT.ok : EXIT.findings;
};

runCommand(withOptions(SPEC, main));
