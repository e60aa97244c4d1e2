/**
 * Entry point: validate the config, bundle the tagger, synthesize every stack.
 * `AUTO_TAG_CONFIG` names the config file (default: config/auto-tag.json).
 */
import { join } from 'node:path';
import { App } from 'cdktf';
import { bundleTagger } from './functions/tagger/build';
import { ConfigError, loadConfig } from './modules/config/load';
import { addAutoTagStacks } from './modules/stacks/app';

const configFile = process.env.AUTO_TAG_CONFIG ?? join(__dirname, 'config', 'auto-tag.json');

let config;
try {
  // Before anything is bundled or written: a bad config leaves the output folder untouched.
  config = loadConfig(configFile);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
}

const tagger = bundleTagger(join(__dirname, '.gen', 'tagger'));
// Construct stack traces are debugging metadata in every resource: costly to capture, noise in the output.
const app = new App({ stackTraces: false });
addAutoTagStacks(app, { config, taggerBundleDir: tagger.dir });
app.synth();
