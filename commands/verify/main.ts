/**
 * `npm run verify -- [--config <file>] [--accounts …] [--regions …] [--json]`:
 * is every configured account and region wired? One row per account and
 * region, a mark per check, a one-line reason per problem; exit 1 when
 * anything is missing or wrong (see commands/verify/README.md).
 */
import { CONFIG_OPTIONS, loadCommandConfig, selectTargets } from '../cli/config';
import { accountCredentials } from '../cli/credentials';
import { integerOption, listOption, type CommandSpec, type OptionValues } from '../cli/options';
import { JSON_OPTION, toJson } from '../cli/output';
import { mapConcurrently } from '../../functions/reconcile/limiter';
import { progress } from '../cli/progress';
import { EXIT, runCommand, withOptions } from '../cli/run';
import { createReader } from './read';
import { renderReport } from './report';
import { verifyRow } from './wiring';

const SPEC = {
  usage: 'npm run verify --',
  summary:
    'Checks, for every configured account and region, that the organization is wired: the org trail logging and covering the region, ' +
    "the forwarding rule (enabled, the catalogue's pattern, targeting the central bus with its role), the tagger role trusted by the central " +
    "function's role (and the reconcile sweep's) only, the central bus and its policy, the function's PROD alias behind the central rule, its dead-letter queue, and that queue empty. " +
    "Reads with the caller's credentials through each account's deploy role. Exit 0 when all is wired, 1 when anything is missing or wrong.",
  options: {
    ...CONFIG_OPTIONS,
    json: JSON_OPTION,
    role: {
      type: 'string',
      value: 'name',
      description: 'role to assume in every account instead of its deploy role (e.g. a read-only audit role)',
    },
    concurrency: { type: 'string', value: 'n', description: 'account-region pairs read at once (default: 8)' },
  },
} as const satisfies CommandSpec;

const main = async (options: OptionValues<typeof SPEC.options>): Promise<number> => {
  const concurrency = options.concurrency === undefined ? 8 : integerOption('concurrency', options.concurrency, 1);
  const config = loadCommandConfig(options.config);
  const targets = selectTargets(config, {
    accounts: options.accounts === undefined ? undefined : listOption('accounts', options.accounts),
    regions: options.regions === undefined ? undefined : listOption('regions', options.regions),
  });
  const reader = createReader(config, accountCredentials(config, { sessionName: 'auto-tag-verify', role: options.role }));
  const bar = progress({ total: targets.length, label: 'verifying account-region pairs' });
  const rows = await mapConcurrently(targets, concurrency, async (target) => {
    const row = verifyRow(config, target, await reader.observe(target));
    bar.tick();
    return row;
  });
  bar.done();
  console.log(options.json ? toJson(rows) : renderReport(rows));
  return rows.every((row) => row.ok) ? EXIT.ok : EXIT.findings;
};

runCommand(withOptions(SPEC, main));
