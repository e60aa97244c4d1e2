// Writes config/auto-tag.schema.json from the validator's definition (npm run schema).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configJsonSchema } from '../modules/config/json-schema';

const out = join(__dirname, '..', 'config', 'auto-tag.schema.json');
writeFileSync(out, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
console.log(`wrote ${out}`);
