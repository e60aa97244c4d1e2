/**
 * The AWS edges of `replay`: the central dead-letter queue of a region in SQS,
 * and a synchronous invoke of the function's PROD alias (RequestResponse, so
 * the answer says whether the replay worked).
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { CredentialProvider } from '../cli/credentials';
import type { DeadLetterQueue, InvokeResult, Invoker } from './replay';

export interface Place {
  readonly region: string;
  /** The central account's credentials; undefined: the caller's own. */
  readonly credentials: CredentialProvider | undefined;
}

/** The queue named `queueName`, read with long polling (a short poll may miss messages of a small queue). */
export const sqsDeadLetterQueue = async (
  { region, credentials }: Place,
  queueName: string,
): Promise<DeadLetterQueue & { size(): Promise<number> }> => {
  const sqs = new SQSClient({ region, credentials });
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
  return {
    /** How many messages wait (approximately, as SQS counts): for the progress line. */
    async size() {
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
      );
      return Number(Attributes.ApproximateNumberOfMessages ?? 0);
    },
    async receive(max, visibilitySeconds) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl,
          MaxNumberOfMessages: max,
          VisibilityTimeout: visibilitySeconds,
          WaitTimeSeconds: 1,
          MessageAttributeNames: ['All'],
        }),
      );
      return Messages.map((m) => ({
        id: m.MessageId!,
        receipt: m.ReceiptHandle!,
        body: m.Body ?? '',
        attributes: Object.fromEntries(
          Object.entries(m.MessageAttributes ?? {}).flatMap(([name, value]) =>
            value.StringValue === undefined ? [] : [[name, value.StringValue]],
          ),
        ),
      }));
    },
    async delete(receipt) {
      await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: receipt }));
    },
    async release(receipts) {
      for (let i = 0; i < receipts.length; i += 10) {
        const entries = receipts.slice(i, i + 10).map((receipt, j) => ({ Id: String(j), ReceiptHandle: receipt, VisibilityTimeout: 0 }));
        await sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl, Entries: entries }));
      }
    },
  };
};

/** What Lambda answered to a RequestResponse invoke: the function's return value, or its error. Pure. */
export const invokeResult = (functionError: string | undefined, payload: Uint8Array | undefined): InvokeResult => {
  const text = payload ? Buffer.from(payload).toString('utf8') : '';
  let answer: unknown = text;
  try {
    answer = text === '' ? undefined : JSON.parse(text);
  } catch {
    // Not JSON: keep the text as it is.
  }
  if (!functionError) return { ok: true, answer };
  const error = answer as { errorType?: unknown; errorMessage?: unknown } | undefined;
  // Lambda's own error shape, else whatever text came back (a runtime's or an emulator's message).
  const detail =
    typeof answer === 'string'
      ? answer.slice(0, 200)
      : [error?.errorType, error?.errorMessage].filter((part) => typeof part === 'string').join(': ');
  return { ok: false, reason: `the function failed (${functionError})${detail ? `: ${detail}` : ''}` };
};

/** Invokes `functionName:qualifier`, waiting up to the function's timeout (plus the network) for its answer. */
export const lambdaInvoker = ({ region, credentials }: Place, functionName: string, qualifier: string, timeoutSeconds: number): Invoker => {
  const lambda = new LambdaClient({ region, credentials, requestHandler: { requestTimeout: (timeoutSeconds + 30) * 1000 } });
  return async (event) => {
    try {
      const { FunctionError, Payload } = await lambda.send(
        new InvokeCommand({
          FunctionName: functionName,
          Qualifier: qualifier,
          InvocationType: 'RequestResponse',
          Payload: Buffer.from(JSON.stringify(event)),
        }),
      );
      return invokeResult(FunctionError, Payload);
    } catch (error) {
      return { ok: false, reason: `the invoke failed: ${(error as Error).name}: ${(error as Error).message}` };
    }
  };
};
