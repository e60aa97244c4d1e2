/**
 * The config and the accounts and regions a command works on: the same file,
 * validation and errors as the synth (modules/config/load.ts), narrowed by
 * `--accounts` and `--regions`.
 */
import { join } from 'node:path';
import { loadConfig } from '../../modules/config/load';
import type { AccountConfig, Config } from '../../modules/config/schema';
import { accountRegions } from '../../modules/naming';
import { UsageError, type OptionSpec } from './options';

/** The options every command that reads the config shares. */
export const CONFIG_OPTIONS = {
  config: {
    type: 'string',
    short: 'c',
    value: 'file',
    description: 'the config file (default: $AUTO_TAG_CONFIG, else config/auto-tag.json)',
  },
  accounts: {
    type: 'string',
    value: 'ids or names',
    description: 'only these accounts, comma-separated (default: every account of the config)',
  },
  regions: { type: 'string', value: 'regions', description: 'only these regions, comma-separated (default: every region of the config)' },
} as const satisfies Record<string, OptionSpec>;

/**
 * Loads and validates the config the synth would use: `file`, else
 * AUTO_TAG_CONFIG, else config/auto-tag.json. Throws ConfigError listing every problem.
 */
export const loadCommandConfig = (file?: string): Config =>
  loadConfig(file ?? process.env.AUTO_TAG_CONFIG ?? join(__dirname, '..', '..', 'config', 'auto-tag.json'));

/** One account in one of the regions it covers: the unit of work of the commands. */
export interface Target {
  readonly account: AccountConfig;
  readonly region: string;
}

export interface Selection {
  /** Account ids or names (`--accounts`). @default every account */
  readonly accounts?: readonly string[];
  /** Regions (`--regions`). @default every region of the config */
  readonly regions?: readonly string[];
}

/**
 * Every selected account in every selected region it covers, in config
 * order. An id, name or region the config does not have is a UsageError
 * naming it, never silently dropped.
 */
export const selectTargets = (config: Config, selection: Selection = {}): Target[] => {
  const accounts = (selection.accounts ?? config.accounts.map((a) => a.id)).map((key) => {
    const account = config.accounts.find((a) => a.id === key || a.name === key);
    if (!account)
      throw new UsageError(
        `--accounts: '${key}' is not an account id or name of the config (${config.accounts.map((a) => a.name).join(', ')})`,
      );
    return account;
  });
  const regions = selection.regions ?? config.regions;
  const unknown = regions.find((region) => !(config.regions as readonly string[]).includes(region));
  if (unknown !== undefined) throw new UsageError(`--regions: '${unknown}' is not a region of the config (${config.regions.join(', ')})`);
  const targets = config.accounts
    .filter((account) => accounts.includes(account))
    .flatMap((account) =>
      accountRegions(config, account)
        .filter((region) => regions.includes(region))
        .map((region) => ({ account, region })),
    );
  if (targets.length === 0) throw new UsageError(`no selected account covers the selected regions (${regions.join(', ')})`);
  return targets;
};
