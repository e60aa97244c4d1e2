import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { configJsonSchema } from '../../modules/config/json-schema';
import { exampleConfigInput } from '../support/synth';

const committed = JSON.parse(readFileSync(join(__dirname, '..', '..', 'config', 'auto-tag.schema.json'), 'utf8'));

describe('config JSON Schema (for editors)', () => {
  it('is the one generated from the validator (run `npm run schema` after changing modules/config)', () => {
    expect(committed).toEqual(configJsonSchema());
  });

  it('accepts the example config and rejects what the validator rejects', () => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(committed);
    expect(validate(exampleConfigInput())).toBe(true);
    const input = exampleConfigInput();
    expect(validate({ ...input, accounts: [{ id: '123', name: 'x' }] })).toBe(false);
    expect(validate({ ...input, regions: ['eu-wast-1'] })).toBe(false);
    expect(validate({ ...input, tagKeys: { owner: 'aws:owner' } })).toBe(false);
    expect(validate({ ...input, unknownField: true })).toBe(false);
    expect(validate({ ...input, regions: ['eu-west-1', 'eu-west-1'] })).toBe(false);
    expect(validate({ ...input, tagGuardScp: { targetIds: ['r-a1b2', 'r-a1b2'] } })).toBe(false);
    expect(validate({ ...input, tagKeys: { owner: 'Owner ' } })).toBe(false);
  });

  it('requires homeRegion unless an existing org trail is used, as the validator does', () => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(committed);
    const { homeRegion: _, ...withoutHome } = exampleConfigInput();
    expect(validate(withoutHome)).toBe(false);
    expect(validate({ ...withoutHome, orgTrail: { create: true } })).toBe(false);
    expect(validate({ ...withoutHome, orgTrail: { create: false } })).toBe(true);
  });
});
