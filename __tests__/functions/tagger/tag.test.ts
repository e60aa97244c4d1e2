import type { Identity } from '../../../functions/tagger/identity';
import { readSettings } from '../../../functions/tagger/environment';
import { planTags, requestedTags, sanitizeValue } from '../../../functions/tagger/tag';

describe('sanitizeValue', () => {
  it.each([
    'alice@example.com',
    'AROAEXAMPLEROLEID1234:alice@example.com',
    'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Dev_0123/alice+ops@example.com',
    '2025-11-20T09:15:31Z',
    'Zoë Ångström 山田 ١٢٣',
    // IAM names may hold a comma; an aws:userid must keep it.
    'AROAEXAMPLEROLEID1234:smith,john',
    '',
  ])('keeps %p as it is', (value) => {
    expect(sanitizeValue(value)).toBe(value);
  });

  it.each([
    ['a hash and brackets (in no IAM name)', 'bob#1 [ops]', 'bob 1  ops '],
    ['control characters', 'bob\n\t\u0000', 'bob   '],
    ['symbols and emoji', 'a<b>&"c"😀', 'a b   c  '],
    ['a lone surrogate', 'x\uD800y', 'x y'],
    ['the reserved aws: prefix', 'AWS:internal', 'AWS internal'],
  ])('replaces %s by spaces', (_, value, expected) => {
    expect(sanitizeValue(value)).toBe(expected);
  });

  it('cuts to 256 UTF-16 units without splitting a character', () => {
    expect(sanitizeValue('a'.repeat(300))).toBe('a'.repeat(256));
    const astral = '𝐀'; // a letter outside the BMP: two UTF-16 units
    expect(sanitizeValue(`a${astral.repeat(200)}`)).toBe(`a${astral.repeat(127)}`);
    expect(sanitizeValue(astral.repeat(200))).toBe(astral.repeat(128));
  });

  it('is idempotent', () => {
    for (const value of ['a,b', 'aws:x', 'é'.repeat(300), 'x\uDC00'])
      expect(sanitizeValue(sanitizeValue(value))).toBe(sanitizeValue(value));
  });
});

describe('requestedTags', () => {
  it('reads the tag specifications CloudTrail records, for every resource type', () => {
    expect(
      requestedTags({
        tagSpecificationSet: {
          items: [
            {
              resourceType: 'instance',
              tags: [
                { key: 'Name', value: 'web' },
                { key: 'PrincipalId', value: 'AIDASOMEONEELSE12345' },
              ],
            },
            { resourceType: 'volume', tagSet: { items: [{ key: 'Owner', value: 'mallory' }, { key: 'Empty' }] } },
          ],
        },
      }),
    ).toEqual([
      { key: 'Name', value: 'web' },
      { key: 'PrincipalId', value: 'AIDASOMEONEELSE12345' },
      { key: 'Owner', value: 'mallory' },
      { key: 'Empty', value: '' },
    ]);
  });

  it.each([undefined, null, 'x', [], { tagSpecificationSet: 'x' }, { tagSpecificationSet: { items: [null, 1, { tags: [{ key: 1 }] }] } }])(
    'finds nothing in %p',
    (requestParameters) => {
      expect(requestedTags(requestParameters)).toEqual([]);
    },
  );
});

describe('planTags', () => {
  const alice: Identity = {
    caller: 'AssumedRole',
    owner: 'alice',
    principalId: 'AROAEXAMPLEROLEID1234:alice',
    arn: 'arn:aws:sts::111122223333:assumed-role/Dev/alice',
  };
  const all = readSettings({
    TAGGER_ROLE_NAME: 'tagger',
    CREATED_AT_TAG_KEY: 'CreatedAt',
    CREATOR_ARN_TAG_KEY: 'CreatorArn',
    INVOKED_BY_TAG_KEY: 'InvokedBy',
  });

  it('writes Owner and PrincipalId, and nothing else by default', () => {
    expect(planTags(readSettings({ TAGGER_ROLE_NAME: 'tagger' }), alice, '2025-11-20T09:15:31Z', [])).toEqual({
      tags: { Owner: 'alice', PrincipalId: 'AROAEXAMPLEROLEID1234:alice' },
      sanitized: [],
      overridden: [],
      principalIdAltered: false,
    });
  });

  it('writes every configured extra tag, empty where the record has no value', () => {
    expect(planTags(all, alice, '2025-11-20T09:15:31Z', []).tags).toEqual({
      Owner: 'alice',
      PrincipalId: 'AROAEXAMPLEROLEID1234:alice',
      CreatedAt: '2025-11-20T09:15:31Z',
      CreatorArn: 'arn:aws:sts::111122223333:assumed-role/Dev/alice',
      InvokedBy: '',
    });
    const service: Identity = {
      caller: 'AWSService',
      owner: 'ec2.amazonaws.com',
      principalId: 'ec2.amazonaws.com',
      invokedBy: 'ec2.amazonaws.com',
    };
    expect(planTags(all, service, undefined, []).tags).toMatchObject({ CreatedAt: '', CreatorArn: '', InvokedBy: 'ec2.amazonaws.com' });
  });

  it('reports what the request asked for under a key it writes, when the truth differs', () => {
    const plan = planTags(all, alice, undefined, [
      { key: 'PrincipalId', value: 'AIDASOMEONEELSE12345' },
      { key: 'Owner', value: 'alice' },
      { key: 'InvokedBy', value: 'nobody' },
      { key: 'Name', value: 'web' },
    ]);
    expect(plan.overridden).toEqual([
      { key: 'PrincipalId', requested: 'AIDASOMEONEELSE12345', written: 'AROAEXAMPLEROLEID1234:alice' },
      { key: 'InvokedBy', requested: 'nobody', written: '' },
    ]);
  });

  it('reports sanitized values with their original, and a PrincipalId that no longer is the aws:userid', () => {
    // Not a value IAM would produce (identity.ts refuses such records), but planTags must not trust that.
    const odd = { ...alice, owner: 'alice#bob', principalId: 'AROAEXAMPLEROLEID1234:alice#bob' };
    const plan = planTags(readSettings({ TAGGER_ROLE_NAME: 'tagger' }), odd, undefined, []);
    expect(plan).toMatchObject({
      tags: { Owner: 'alice bob', PrincipalId: 'AROAEXAMPLEROLEID1234:alice bob' },
      sanitized: [
        { key: 'Owner', original: 'alice#bob', written: 'alice bob' },
        { key: 'PrincipalId', original: 'AROAEXAMPLEROLEID1234:alice#bob', written: 'AROAEXAMPLEROLEID1234:alice bob' },
      ],
      principalIdAltered: true,
    });
  });

  it('keeps every character IAM allows in names, the comma included, so an aws:userid is never altered', () => {
    const commas = { ...alice, owner: 'smith,john+ops=1@corp.example', principalId: 'AROAEXAMPLEROLEID1234:smith,john+ops=1@corp.example' };
    const plan = planTags(readSettings({ TAGGER_ROLE_NAME: 'tagger' }), commas, undefined, []);
    expect(plan).toMatchObject({ sanitized: [], principalIdAltered: false });
    expect(plan.tags.PrincipalId).toBe(commas.principalId);
  });

  it('ignores inherited names among the requested keys', () => {
    expect(
      planTags(all, alice, undefined, [
        { key: 'constructor', value: 'x' },
        { key: '__proto__', value: 'y' },
      ]).overridden,
    ).toEqual([]);
  });
});
