// The package from an ES module: node's named imports of a CommonJS package.
import { addAutoTagStacks, ConfigError, parseConfig } from 'auto-tag';

try {
  parseConfig('{"regions": []}', 'inline.json');
} catch (err) {
  console.log(JSON.stringify({ addAutoTagStacks: typeof addAutoTagStacks, configError: err instanceof ConfigError }));
}
