/** The CloudTrail-shaped fixtures, parsed fresh for each use so a test can change its copy. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type FixtureName = 'RunInstances' | 'CreateVolume' | 'CreateSnapshot' | 'CreateImage';

export const fixture = (name: FixtureName): any =>
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'cloudtrail', `${name}.json`), 'utf8'));
