/**
 * moto has no CloudTrail LookupEvents. This loopback server speaks its wire
 * protocol (AWS JSON 1.1, `X-Amz-Target: CloudTrail_20131101.LookupEvents`)
 * for the records it is given, so the real SDK client runs against it: one
 * EventName attribute per call, StartTime/EndTime, pages of `pageSize` events
 * with NextToken, and a ThrottlingException on the calls `throttle` picks.
 * It does not enforce the 2 requests per second (the limiter is unit-tested).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LookupRequest {
  readonly region: string;
  readonly body: {
    LookupAttributes?: { AttributeKey: string; AttributeValue: string }[];
    StartTime?: number;
    EndTime?: number;
    NextToken?: string;
  };
}

export interface LookupEventsStub {
  readonly endpoint: string;
  readonly requests: LookupRequest[];
  close(): Promise<void>;
}

export interface StubOptions {
  /** The records of the one account it stands in for (each is served in its awsRegion). */
  readonly records: readonly any[];
  /** @default 2 */
  readonly pageSize?: number;
  /** Calls (counting from 1) answered with ThrottlingException. @default none */
  readonly throttle?: (call: number) => boolean;
}

const read = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    let body = '';
    request
      .on('data', (chunk) => (body += chunk))
      .on('end', () => resolve(body))
      .on('error', reject);
  });

const reply = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(body));
};

export const startLookupEventsStub = async ({ records, pageSize = 2, throttle = () => false }: StubOptions): Promise<LookupEventsStub> => {
  const requests: LookupRequest[] = [];
  const server = createServer(async (request, response) => {
    const target = request.headers['x-amz-target'];
    const body = JSON.parse((await read(request)) || '{}');
    // SigV4 names the region it signed for: Credential=<key>/<date>/<region>/cloudtrail/aws4_request
    const [, region] = /Credential=[^/]+\/\d+\/([^/]+)\//.exec(String(request.headers.authorization)) ?? [];
    if (target !== 'CloudTrail_20131101.LookupEvents') {
      return reply(response, 400, { __type: 'UnknownOperationException', message: `not stubbed: ${target}` });
    }
    requests.push({ region, body });
    if (throttle(requests.length)) return reply(response, 400, { __type: 'ThrottlingException', message: 'Rate exceeded' });
    const name = body.LookupAttributes?.find((a: { AttributeKey: string }) => a.AttributeKey === 'EventName')?.AttributeValue;
    const matching = records.filter((record) => {
      const time = Date.parse(record.eventTime) / 1000;
      return (
        record.awsRegion === region &&
        record.eventName === name &&
        (body.StartTime === undefined || time >= body.StartTime) &&
        (body.EndTime === undefined || time <= body.EndTime)
      );
    });
    const start = Number(body.NextToken ?? 0);
    const page = matching.slice(start, start + pageSize);
    return reply(response, 200, {
      Events: page.map((record) => ({
        EventId: record.eventID,
        EventName: record.eventName,
        EventTime: Date.parse(record.eventTime) / 1000,
        CloudTrailEvent: JSON.stringify(record),
      })),
      ...(start + pageSize < matching.length && { NextToken: String(start + pageSize) }),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};
