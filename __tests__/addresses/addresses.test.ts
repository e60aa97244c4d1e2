/**
 * The Terraform addresses are a contract with users' states: renaming a
 * construct id (or moving a construct) replaces a role, bus or trail bucket
 * in their accounts. Each stack of the example config (config/auto-tag.json)
 * has its sorted resource and data source addresses pinned in
 * `__tests__/addresses/<stack>.txt`, so any change is a reviewed diff.
 *
 * After adding, renaming or removing resources on purpose, rewrite the files
 * and review the diff (a rename there means users' resources are replaced):
 *
 *     npm run addresses:update
 */
import { existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { synthOrganization, type StackJson } from '../support/synth';

const UPDATE = process.env.AUTO_TAG_UPDATE_ADDRESSES === '1';
const pinFile = (stack: string): string => join(__dirname, `${stack}.txt`);

/** Every address Terraform gives the stack's resources and data sources, sorted. */
const addresses = (stack: StackJson & { data?: StackJson['resource'] }): string[] =>
  [
    ...Object.entries(stack.resource ?? {}).flatMap(([type, named]) => Object.keys(named).map((name) => `${type}.${name}`)),
    ...Object.entries(stack.data ?? {}).flatMap(([type, named]) => Object.keys(named).map((name) => `data.${type}.${name}`)),
  ].sort();

describe('the Terraform addresses of every stack of the example config', () => {
  const stacks = synthOrganization();

  if (UPDATE) {
    // Pins of stacks that are gone go too, so the diff shows the removal.
    for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.txt') && !(f.slice(0, -4) in stacks)))
      unlinkSync(join(__dirname, file));
  }

  it.each(Object.keys(stacks))('%s: as pinned (npm run addresses:update rewrites the pins)', (id) => {
    const actual = `${addresses(stacks[id]).join('\n')}\n`;
    if (UPDATE) writeFileSync(pinFile(id), actual);
    expect(existsSync(pinFile(id)) ? readFileSync(pinFile(id), 'utf8') : `(no pin file ${pinFile(id)})`).toBe(actual);
  });

  it('has a pin file for no stack that is gone', () => {
    expect(
      readdirSync(__dirname)
        .filter((f) => f.endsWith('.txt'))
        .map((f) => f.slice(0, -4))
        .sort(),
    ).toEqual(Object.keys(stacks).sort());
  });
});
