/**
 * What a message in the tagger's dead-letter queue is, and why it is there.
 * Two kinds arrive (see modules/tagger-function):
 * - EventBridge could not deliver the event to the function (the rule's
 *   dead-letter queue): the body is the event itself, and the message
 *   attributes ERROR_CODE, ERROR_MESSAGE, RULE_ARN and TARGET_ARN say why.
 *   https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html
 * - The function failed every asynchronous attempt (its on-failure
 *   destination): the body is an invocation record whose `requestPayload` is
 *   the event, `requestContext` says the condition and attempts, and
 *   `responsePayload` the error.
 *   https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
 * Anything else is reported and kept, never guessed at. Pure.
 */

export interface QueueMessage {
  readonly id: string;
  readonly body: string;
  /** String message attributes by name. */
  readonly attributes: Readonly<Record<string, string>>;
}

export type DeadLetter =
  | {
      readonly kind: 'eventbridge';
      readonly event: Record<string, unknown>;
      /** ERROR_CODE: ERROR_MESSAGE */
      readonly failure: string;
      readonly ruleArn?: string;
      readonly targetArn?: string;
    }
  | {
      readonly kind: 'lambda';
      readonly event: Record<string, unknown>;
      /** condition, the error type and message, the attempts. */
      readonly failure: string;
    }
  | { readonly kind: 'unrecognized'; readonly problem: string };

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** An EventBridge event as a rule delivers it: enough to hand to the function. */
const eventProblem = (event: unknown): string | undefined => {
  if (!isObject(event)) return 'is not a JSON object';
  const lacking = ['source', 'detail-type', 'detail'].filter((field) => !(field in event));
  return lacking.length > 0 ? `has no ${lacking.join(', ')}` : undefined;
};

const EVENTBRIDGE_ATTRIBUTES = ['ERROR_CODE', 'ERROR_MESSAGE', 'RULE_ARN', 'TARGET_ARN'];

const lambdaFailure = (record: Record<string, unknown>): string => {
  const context = isObject(record.requestContext) ? record.requestContext : {};
  const response = isObject(record.responsePayload) ? record.responsePayload : {};
  const responseContext = isObject(record.responseContext) ? record.responseContext : {};
  const error = [response.errorType, response.errorMessage].filter((part) => typeof part === 'string' && part !== '').join(': ');
  const attempts =
    typeof context.approximateInvokeCount === 'number'
      ? ` after ${context.approximateInvokeCount} attempt${context.approximateInvokeCount === 1 ? '' : 's'}`
      : '';
  const why =
    error || (typeof responseContext.functionError === 'string' ? `function error ${responseContext.functionError}` : 'no error given');
  return `${typeof context.condition === 'string' ? context.condition : 'failed'}: ${why}${attempts}`;
};

export const parseDeadLetter = ({ body, attributes }: QueueMessage): DeadLetter => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { kind: 'unrecognized', problem: 'the body is not JSON' };
  }
  if (isObject(parsed) && isObject(parsed.requestContext) && 'requestPayload' in parsed) {
    const problem = eventProblem(parsed.requestPayload);
    if (problem) return { kind: 'unrecognized', problem: `an invocation record whose requestPayload ${problem}` };
    return { kind: 'lambda', event: parsed.requestPayload as Record<string, unknown>, failure: lambdaFailure(parsed) };
  }
  if (EVENTBRIDGE_ATTRIBUTES.some((name) => name in attributes)) {
    const problem = eventProblem(parsed);
    if (problem) return { kind: 'unrecognized', problem: `an EventBridge dead letter whose body ${problem}` };
    const failure = [attributes.ERROR_CODE, attributes.ERROR_MESSAGE].filter(Boolean).join(': ') || 'no error given';
    return {
      kind: 'eventbridge',
      event: parsed as Record<string, unknown>,
      failure,
      ruleArn: attributes.RULE_ARN,
      targetArn: attributes.TARGET_ARN,
    };
  }
  return {
    kind: 'unrecognized',
    problem:
      'neither an EventBridge dead letter (no ERROR_CODE or RULE_ARN attribute) nor a Lambda invocation record (no requestContext and requestPayload)',
  };
};

/** The event's CloudTrail call, for the report: name, id, account and region. */
export const describeEvent = (
  event: Record<string, unknown>,
): { eventName?: string; eventId?: string; account?: string; region?: string } => {
  const detail = isObject(event.detail) ? event.detail : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    eventName: text(detail.eventName),
    eventId: text(detail.eventID),
    account: text(event.account) ?? text(detail.recipientAccountId),
    region: text(event.region) ?? text(detail.awsRegion),
  };
};
