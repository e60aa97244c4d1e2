import { describeEvent, parseDeadLetter } from '../../../commands/replay/dead-letter';
import { cloudTrailEvent, fixture } from '../../fixtures/cloudtrail-events';

const { detail } = fixture('CreateVolume');
const event = cloudTrailEvent('CreateVolume', {
  account: '333333333333',
  region: 'eu-west-1',
  userIdentity: detail.userIdentity,
  responseElements: detail.responseElements,
});
const RULE = 'arn:aws:events:eu-west-1:222222222222:rule/auto-tag/auto-tag-tag-new-resources';
const ALIAS = 'arn:aws:lambda:eu-west-1:222222222222:function:auto-tag-tagger:PROD';

describe('parseDeadLetter', () => {
  it('reads an EventBridge dead letter: the event as the body, why in the attributes', () => {
    const letter = parseDeadLetter({
      id: 'm1',
      body: JSON.stringify(event),
      attributes: { ERROR_CODE: 'SDK_CLIENT_ERROR', ERROR_MESSAGE: 'Unable to invoke Lambda function', RULE_ARN: RULE, TARGET_ARN: ALIAS },
    });
    expect(letter).toEqual({
      kind: 'eventbridge',
      event,
      failure: 'SDK_CLIENT_ERROR: Unable to invoke Lambda function',
      ruleArn: RULE,
      targetArn: ALIAS,
    });
  });

  it("reads a Lambda on-failure record: the event as requestPayload, why from the condition, the function's error and the attempts", () => {
    const record = {
      version: '1.0',
      timestamp: '2026-11-24T00:00:00.000Z',
      requestContext: { requestId: 'r', functionArn: ALIAS, condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: event,
      responseContext: { statusCode: 200, executedVersion: '4', functionError: 'Unhandled' },
      responsePayload: { errorType: 'InvalidVolume.NotFound', errorMessage: "The volume 'vol-1' does not exist.", trace: [] },
    };
    expect(parseDeadLetter({ id: 'm2', body: JSON.stringify(record), attributes: {} })).toEqual({
      kind: 'lambda',
      event,
      failure: "RetriesExhausted: InvalidVolume.NotFound: The volume 'vol-1' does not exist. after 3 attempts",
    });
    const timedOut = {
      requestContext: { condition: 'EventAgeExceeded', approximateInvokeCount: 1 },
      requestPayload: event,
      responseContext: { functionError: 'Unhandled' },
    };
    expect(parseDeadLetter({ id: 'm3', body: JSON.stringify(timedOut), attributes: {} })).toMatchObject({
      failure: 'EventAgeExceeded: function error Unhandled after 1 attempt',
    });
    expect(
      parseDeadLetter({ id: 'm4', body: JSON.stringify({ requestContext: {}, requestPayload: event }), attributes: {} }),
    ).toMatchObject({ failure: 'failed: no error given' });
  });

  it.each([
    ['a body that is not JSON', 'not json', {}, 'the body is not JSON'],
    [
      'neither shape',
      JSON.stringify({ hello: 'world' }),
      {},
      'neither an EventBridge dead letter (no ERROR_CODE or RULE_ARN attribute) nor a Lambda invocation record (no requestContext and requestPayload)',
    ],
    [
      'an EventBridge dead letter without an event',
      JSON.stringify({ detail: {} }),
      { ERROR_CODE: 'X' },
      'an EventBridge dead letter whose body has no source, detail-type',
    ],
    [
      'an EventBridge dead letter whose body is a list',
      '[1]',
      { RULE_ARN: RULE },
      'an EventBridge dead letter whose body is not a JSON object',
    ],
    [
      'a record without an event',
      JSON.stringify({ requestContext: {}, requestPayload: 'x' }),
      {},
      'an invocation record whose requestPayload is not a JSON object',
    ],
  ])('calls %s unrecognized, saying why', (_, body, attributes, problem) => {
    expect(parseDeadLetter({ id: 'm', body, attributes })).toEqual({ kind: 'unrecognized', problem });
  });
});

describe('describeEvent', () => {
  it('names the call, its id, account and region, from the envelope or else the record', () => {
    expect(describeEvent(event)).toEqual({
      eventName: 'CreateVolume',
      eventId: event.detail.eventID,
      account: '333333333333',
      region: 'eu-west-1',
    });
    const { account, region, ...bare } = event;
    expect(describeEvent(bare)).toMatchObject({ account: event.detail.recipientAccountId, region: event.detail.awsRegion });
    expect(describeEvent({})).toEqual({ eventName: undefined, eventId: undefined, account: undefined, region: undefined });
  });
});
