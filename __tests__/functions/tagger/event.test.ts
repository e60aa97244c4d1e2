import { CATALOGUE } from '../../../functions/tagger/catalogue';
import { contextOf, decide } from '../../../functions/tagger/event';
import { fixture, type FixtureName } from '../../fixtures/cloudtrail-events';

describe('decide', () => {
  it.each([
    ['RunInstances', '111122223333', 'eu-west-1', 4],
    ['CreateVolume', '111122223333', 'eu-west-1', 1],
    ['CreateSnapshot', '444455556666', 'us-east-1', 1],
    ['CreateImage', '444455556666', 'us-east-1', 1],
  ] as const)('acts on %s where the envelope says (ignoring unknown keys like _source)', (name, account, region, ids) => {
    const event = fixture(name);
    expect(event._source).toEqual(expect.any(String));
    const decision = decide(event);
    expect(decision).toMatchObject({ action: 'tag', account, region, entry: CATALOGUE[name] });
    expect(decision.action === 'tag' && decision.refs).toHaveLength(ids);
  });

  const skipped = (name: FixtureName, edit: (event: any) => void) => {
    const event = fixture(name);
    edit(event);
    return decide(event);
  };

  const noDetail = fixture('RunInstances');
  delete noDetail.detail;
  it.each([
    ['null', null],
    ['a string', 'RunInstances'],
    ['an array', [fixture('RunInstances')]],
    ['an event without detail', noDetail],
    ['an event whose detail is a string', { ...fixture('RunInstances'), detail: '{}' }],
  ])('skips a malformed event: %s', (_, event) => {
    expect(decide(event)).toEqual({ action: 'skip', reason: 'malformed-event' });
  });

  it.each([
    ['an event name outside the catalogue', (e: any) => (e.detail.eventName = 'TerminateInstances')],
    ['an inherited property as event name', (e: any) => (e.detail.eventName = 'constructor')],
    ['"__proto__" as event name', (e: any) => (e.detail.eventName = '__proto__')],
    ['no event name', (e: any) => delete e.detail.eventName],
    ['another event source', (e: any) => (e.detail.eventSource = 's3.amazonaws.com')],
    ['another envelope source', (e: any) => (e.source = 'custom.app')],
    ['another detail-type', (e: any) => (e['detail-type'] = 'AWS Service Event via CloudTrail')],
  ])('skips %s as unsupported', (_, edit) => {
    expect(skipped('CreateVolume', edit)).toEqual({ action: 'skip', reason: 'unsupported-event' });
  });

  it.each(['Client.DryRunOperation', 'Client.UnauthorizedOperation', 'Server.InternalError'])(
    'skips a call that failed with %s',
    (errorCode) => {
      const decision = skipped('RunInstances', (e) => {
        e.detail.errorCode = errorCode;
        e.detail.errorMessage = 'Request would have succeeded, but DryRun flag is set.';
        e.detail.responseElements = null;
      });
      expect(decision).toEqual({ action: 'skip', reason: 'api-error', errorCode });
    },
  );

  it('checks errorCode before anything else in the record', () => {
    const decision = skipped('CreateVolume', (e) => {
      e.detail.errorCode = 'Client.DryRunOperation';
      e.account = 'not an account';
    });
    expect(decision).toMatchObject({ reason: 'api-error' });
  });

  it.each([
    ['null', (e: any) => (e.detail.responseElements = null)],
    ['missing', (e: any) => delete e.detail.responseElements],
  ])('skips when responseElements is %s', (_, edit) => {
    expect(skipped('CreateImage', edit)).toEqual({ action: 'skip', reason: 'no-response-elements' });
  });

  it.each([
    ['the record names another account', (e: any) => (e.detail.recipientAccountId = '999999999999')],
    ['the record names another region', (e: any) => (e.detail.awsRegion = 'us-west-2')],
    ['the record has no account', (e: any) => delete e.detail.recipientAccountId],
  ])('skips when %s than the envelope', (_, edit) => {
    expect(skipped('CreateSnapshot', edit)).toEqual({ action: 'skip', reason: 'envelope-mismatch' });
  });

  it.each([
    ['no account', (e: any) => delete e.account],
    ['a malformed account', (e: any) => (e.account = e.detail.recipientAccountId = '4444-5555-6666')],
    ['a region that is a host name', (e: any) => (e.region = e.detail.awsRegion = 'evil.example.com/us-east-1')],
    ['a numeric region', (e: any) => (e.region = 1)],
  ])('skips an envelope with %s', (_, edit) => {
    expect(skipped('CreateSnapshot', edit)).toEqual({ action: 'skip', reason: 'invalid-envelope' });
  });

  it('carries the event time and the tags the request asked for', () => {
    const event = fixture('CreateVolume');
    event.detail.requestParameters.tagSpecificationSet = {
      items: [{ resourceType: 'volume', tags: [{ key: 'Owner', value: 'mallory' }] }],
    };
    expect(decide(event)).toMatchObject({ createdAt: event.detail.eventTime, requested: [{ key: 'Owner', value: 'mallory' }] });
  });

  it.each([undefined, 7, 'yesterday', '2025-11-20 09:15:31'])(
    'leaves out an event time that is not a CloudTrail timestamp (%p)',
    (eventTime) => {
      const event = fixture('CreateVolume');
      event.detail.eventTime = eventTime;
      const decision = decide(event);
      expect(decision.action).toBe('tag');
      expect(decision).not.toHaveProperty('createdAt');
    },
  );

  it('skips a record marked read-only, whatever its name', () => {
    expect(skipped('CreateVolume', (e) => (e.detail.readOnly = true))).toEqual({ action: 'skip', reason: 'unsupported-event' });
  });

  it.each([
    [{ code: 'x' }, '{"code":"x"}'],
    [{ toString: 1 }, '{"toString":1}'],
    ['E'.repeat(1000), 'E'.repeat(128)],
  ])('logs an error code of any shape without throwing (%p)', (errorCode, logged) => {
    expect(skipped('CreateVolume', (e) => (e.detail.errorCode = errorCode))).toEqual({
      action: 'skip',
      reason: 'api-error',
      errorCode: logged,
    });
  });

  it('skips identities it cannot state as aws:userid', () => {
    expect(skipped('CreateVolume', (e) => (e.detail.userIdentity = { type: 'IdentityCenterUser', accountId: '111122223333' }))).toEqual({
      action: 'skip',
      reason: 'unsupported-identity-type',
      identityType: 'IdentityCenterUser',
    });
    expect(skipped('CreateVolume', (e) => (e.detail.userIdentity = { type: 'AWSService' }))).toEqual({
      action: 'skip',
      reason: 'incomplete-identity',
    });
    expect(skipped('CreateVolume', (e) => delete e.detail.userIdentity)).toEqual({ action: 'skip', reason: 'missing-identity' });
  });

  it('skips a supported event that carries no valid ID', () => {
    expect(skipped('CreateVolume', (e) => (e.detail.responseElements.volumeId = 'snap-0ccccccccccccccc1'))).toEqual({
      action: 'skip',
      reason: 'no-resource-ids',
    });
    expect(skipped('RunInstances', (e) => (e.detail.responseElements = {}))).toEqual({ action: 'skip', reason: 'no-resource-ids' });
  });
});

describe('contextOf', () => {
  it('takes the log context from the envelope as delivered', () => {
    expect(contextOf(fixture('CreateVolume'))).toEqual({
      eventId: '2f0a6c3e-93a4-4c5e-8b7e-0c3f1f9a2b11',
      account: '111122223333',
      region: 'eu-west-1',
      eventName: 'CreateVolume',
    });
  });

  it.each([null, 'x', [], { id: 1, account: {}, detail: 'RunInstances' }])('keeps only strings from junk (%p)', (event) => {
    expect(contextOf(event)).toEqual({ eventId: undefined, account: undefined, region: undefined, eventName: undefined });
  });
});
