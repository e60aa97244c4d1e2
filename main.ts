/**
 * Entry point: validate the config, bundle the tagger, synthesize the stacks.
 * - `AUTO_TAG_CONFIG` names the config file (default: config/auto-tag.json).
 * - `AUTO_TAG_ACCOUNTS` builds only the stacks it lists (account ids,
 *   `member-<id>`, `management`, `central`; see modules/stacks/selection.ts).
 * - `AUTO_TAG_FAST_SYNTH=0` synthesizes without the cdktf bypasses of
 *   modules/fast-synth (the same output, slower).
 * - `AUTO_TAG_SYNTH_PROCESSES` sets how many processes share the member
 *   stacks (default: one per core from 50 members each; see modules/synth-workers).
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { bundleFunction } from './functions/tagger/build';
import { ConfigError, loadConfig } from './modules/config/load';
import { configWarnings } from './modules/config/warnings';
import { fastSynthEnabled, skipCrossStackPass, skipTokenStackTraces } from './modules/fast-synth';
import { addAutoTagStacks } from './modules/stacks/app';
import { SELECTION_VARIABLE, SelectionError, selectStacks } from './modules/stacks/selection';
import { removeOtherFormat } from './modules/synth-output';
import { processCount, shares, startWorkers, WORKER_VARIABLE, WorkerSettingError } from './modules/synth-workers';

const configFile = process.env.AUTO_TAG_CONFIG ?? join(__dirname, 'config', 'auto-tag.json');

let config: ReturnType<typeof loadConfig>;
let stacks: ReturnType<typeof selectStacks>;
let processes: number;
try {
  // Before anything is bundled or written: a bad config or selection leaves the output folder untouched.
  config = loadConfig(configFile);
  // A synth worker (modules/synth-workers) leaves the warnings to the process that started it.
  if (!process.env[WORKER_VARIABLE]) for (const warning of configWarnings(config)) console.warn(`warning: ${warning}`);
  stacks = selectStacks(config, process.env[SELECTION_VARIABLE]);
  processes = processCount(stacks.accounts.length, process.env, availableParallelism());
} catch (err) {
  if (!(err instanceof ConfigError || err instanceof SelectionError || err instanceof WorkerSettingError)) throw err;
  console.error(err.message);
  process.exit(1);
}

const fast = fastSynthEnabled();
if (fast) skipTokenStackTraces();
// Only the central stack carries the functions: a member-only synth skips the bundles.
const taggerBundleDir = stacks.central ? bundleFunction('tagger', join(__dirname, '.gen', 'tagger')).dir : undefined;
const sweepBundleDir = stacks.central ? bundleFunction('reconcile', join(__dirname, '.gen', 'reconcile')).dir : undefined;
// Construct stack traces are debugging metadata in every resource: costly to capture, noise in the output.
const app = new App({ stackTraces: false });
addAutoTagStacks(app, { config, taggerBundleDir, sweepBundleDir, stacks });
removeOtherFormat(app);
if (fast) skipCrossStackPass(app);
// Large organizations: the other cores synthesize shares of the member stacks meanwhile.
const [, ...workerShares] = shares(stacks.accounts, processes);
const workers = workerShares.length > 0 ? startWorkers(app, workerShares) : undefined;
app.synth();
workers?.finish().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
