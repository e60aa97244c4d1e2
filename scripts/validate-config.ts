/**
 * `npm run validate [-- --config <file>]`: checks a config without synthesizing
 * anything. Exit 0 when valid (warnings, if any, on stderr), 1 with every
 * problem listed once, 2 on a usage error. The file is `--config`, else
 * AUTO_TAG_CONFIG (as for the synth), else config/auto-tag.json.
 *
 * It imports only modules/config (zod, the JSON parser), never cdktf, so it
 * answers in a fraction of a second; `npm run validate` runs it as a bundle
 * (see package.json) to spare the TypeScript loader's startup.
 */
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../modules/config/load';
import { configWarnings } from '../modules/config/warnings';

const USAGE = [
  'usage: npm run validate [-- [--config <file>] [--quiet]]',
  '  --config, -c  the config file (default: $AUTO_TAG_CONFIG, else config/auto-tag.json)',
  '  --quiet, -q   print nothing when the config is valid, warnings included (npm run synth prints those itself)',
].join('\n');

const main = (argv: readonly string[]): number => {
  let file: string;
  let quiet: boolean;
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { config: { type: 'string', short: 'c' }, quiet: { type: 'boolean', short: 'q' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    file = values.config ?? process.env.AUTO_TAG_CONFIG ?? join(__dirname, '..', 'config', 'auto-tag.json');
    quiet = values.quiet ?? false;
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  // Named as the user would type it: relative when under the working directory.
  const shown = relative(process.cwd(), resolve(file)).startsWith('..') ? resolve(file) : relative(process.cwd(), resolve(file));
  try {
    const config = loadConfig(shown);
    if (quiet) return 0;
    // The same warnings the synth prints: valid, but likely to hurt.
    for (const warning of configWarnings(config)) console.error(`warning: ${warning}`);
    const regions = `${config.regions.length} region${config.regions.length === 1 ? '' : 's'}`;
    console.log(
      `${shown}: valid (${config.accounts.length} accounts, ${regions}${config.homeRegion ? `, home ${config.homeRegion}` : ''})`,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    return 1;
  }
};

process.exitCode = main(process.argv.slice(2));
