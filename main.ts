/**
 * Entry point: validate the config, bundle the tagger, synthesize the stacks.
 * - `AUTO_TAG_CONFIG` names the config file (default: config/auto-tag.json).
 * - `AUTO_TAG_ACCOUNTS` builds only the stacks it lists (account ids,
 *   `member-<id>`, `management`, `central`; see modules/stacks/selection.ts).
 * - `AUTO_TAG_FAST_SYNTH=0` synthesizes without the cdktf bypasses of
 *   modules/fast-synth (the same output, slower).
 */
import { join } from 'node:path';
import { App } from 'cdktf';
import { bundleTagger } from './functions/tagger/build';
import { ConfigError, loadConfig } from './modules/config/load';
import { configWarnings } from './modules/config/warnings';
import { fastSynthEnabled, skipCrossStackPass, skipTokenStackTraces } from './modules/fast-synth';
import { addAutoTagStacks } from './modules/stacks/app';
import { SELECTION_VARIABLE, SelectionError, selectStacks } from './modules/stacks/selection';
import { removeOtherFormat } from './modules/synth-output';

const configFile = process.env.AUTO_TAG_CONFIG ?? join(__dirname, 'config', 'auto-tag.json');

let config;
let stacks;
try {
  // Before anything is bundled or written: a bad config or selection leaves the output folder untouched.
  config = loadConfig(configFile);
  for (const warning of configWarnings(config)) console.warn(`warning: ${warning}`);
  stacks = selectStacks(config, process.env[SELECTION_VARIABLE]);
} catch (err) {
  if (!(err instanceof ConfigError || err instanceof SelectionError)) throw err;
  console.error(err.message);
  process.exit(1);
}

const fast = fastSynthEnabled();
if (fast) skipTokenStackTraces();
// Only the central stack carries the function: a member-only synth skips the bundle.
const taggerBundleDir = stacks.central ? bundleTagger(join(__dirname, '.gen', 'tagger')).dir : undefined;
// Construct stack traces are debugging metadata in every resource: costly to capture, noise in the output.
const app = new App({ stackTraces: false });
addAutoTagStacks(app, { config, taggerBundleDir, stacks });
removeOtherFormat(app);
if (fast) skipCrossStackPass(app);
app.synth();
