/** Small fakes for the AWS edges, injected through the modules' parameters. */
import type { EC2Client } from '@aws-sdk/client-ec2';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An EC2 client that answers each command by its name and records what it was sent. */
export const fakeEc2 = (answers: Record<string, unknown> = {}) => {
  const sent: { command: string; input: any }[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: unknown }) => {
      const name = command.constructor.name.replace(/Command$/, '');
      sent.push({ command: name, input: command.input });
      return answers[name] ?? {};
    },
  } as unknown as EC2Client;
  return { client, sent };
};

/** Runs `run` and collects what the Powertools Logger wrote meanwhile (errors go to stderr), one parsed JSON object per line. */
export const captureLogs = async <T>(run: () => Promise<T>): Promise<{ result?: T; error?: unknown; logs: any[] }> => {
  const written: string[] = [];
  const spies = [process.stdout, process.stderr].map((stream) =>
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(chunk.toString());
      return true;
    }),
  );
  let outcome: { result?: T; error?: unknown };
  try {
    outcome = { result: await run() };
  } catch (error) {
    outcome = { error };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  const logs = written
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  return { ...outcome, logs };
};

/**
 * A loopback HTTP server answering every request with an STS error document,
 * so the real SDK parses a real error response. `reply` can be changed between requests.
 */
export const stsErrorServer = async () => {
  const state = { requests: 0, reply: { status: 403, code: 'AccessDenied' } };
  const server = createServer((request, response) => {
    state.requests++;
    request.resume().on('end', () => {
      response.writeHead(state.reply.status, { 'content-type': 'text/xml' });
      response.end(
        `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>` +
          `<Code>${state.reply.code}</Code><Message>denied</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    state,
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
