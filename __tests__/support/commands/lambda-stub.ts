/**
 * A loopback stand-in for Lambda's Invoke API (REST-JSON: POST
 * /2015-03-31/functions/<name>/invocations?Qualifier=<q>), running the real
 * tagger bundle in a node process of its own with the environment given, as
 * a Lambda container would. moto can run a function only in Docker, which
 * this machine lacks (without it, moto answers every invoke with a "Handled"
 * error), so the SDK's Lambda client is pointed here (AWS_ENDPOINT_URL_LAMBDA)
 * while everything else talks to moto.
 *
 * It answers as Lambda does: 200 with the handler's return value, or 200 with
 * X-Amz-Function-Error: Unhandled and {errorType, errorMessage, trace} when the
 * handler throws; 404 ResourceNotFoundException for any other function or
 * qualifier. What it cannot show: Lambda's own retries, timeouts, concurrency
 * limits and the invoke permission (none apply to a synchronous invoke by the
 * deploy role, which IAM governs).
 */
import { spawn } from 'node:child_process';

export interface Invocation {
  readonly functionName: string;
  readonly qualifier: string | null;
  readonly invocationType: string | undefined;
}

export interface LambdaStub {
  readonly endpoint: string;
  /** Every request, in order. */
  readonly invocations: Invocation[];
  stop(): Promise<void>;
}

export interface LambdaStubProps {
  /** The folder holding the bundle's index.js (handler `handler`). */
  readonly bundleDir: string;
  readonly functionName: string;
  readonly qualifier: string;
  /** The function's whole environment (its variables, region, credentials, endpoint). */
  readonly env: Readonly<Record<string, string>>;
}

// Lines the stub prints for the parent start with this; the handler's own logs go to stdout too.
const MARK = 'lambda-stub ';

const SERVER = `
  const http = require('node:http');
  const { randomUUID } = require('node:crypto');
  const { handler } = require(process.env.STUB_BUNDLE);
  const say = (value) => process.stdout.write(${JSON.stringify(MARK)} + JSON.stringify(value) + '\\n');
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', async () => {
      const url = new URL(req.url, 'http://stub');
      const match = /^\\/2015-03-31\\/functions\\/([^/]+)\\/invocations$/.exec(url.pathname);
      const invocation = { functionName: match ? decodeURIComponent(match[1]) : req.url, qualifier: url.searchParams.get('Qualifier'), invocationType: req.headers['x-amz-invocation-type'] };
      say({ invocation });
      if (req.method !== 'POST' || invocation.functionName !== process.env.STUB_FUNCTION || invocation.qualifier !== process.env.STUB_QUALIFIER) {
        res.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' });
        return res.end(JSON.stringify({ Type: 'User', message: 'Function not found: ' + invocation.functionName + ':' + invocation.qualifier }));
      }
      const context = { awsRequestId: randomUUID(), functionName: invocation.functionName, functionVersion: '1', memoryLimitInMB: '256', invokedFunctionArn: 'arn:aws:lambda:' + process.env.AWS_REGION + ':000000000000:function:' + invocation.functionName + ':' + invocation.qualifier, getRemainingTimeInMillis: () => 60000 };
      const headers = { 'content-type': 'application/json', 'x-amz-executed-version': '1' };
      let payload;
      try {
        payload = await handler(JSON.parse(body || 'null'), context);
      } catch (error) {
        headers['x-amz-function-error'] = 'Unhandled';
        payload = { errorType: error.name, errorMessage: error.message, trace: String(error.stack).split('\\n') };
      }
      res.writeHead(200, headers);
      res.end(JSON.stringify(payload === undefined ? null : payload));
    });
  });
  server.listen(0, '127.0.0.1', () => say({ listening: server.address().port }));
`;

export const startLambdaStub = (props: LambdaStubProps): Promise<LambdaStub> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', SERVER], {
      env: { ...props.env, STUB_BUNDLE: props.bundleDir, STUB_FUNCTION: props.functionName, STUB_QUALIFIER: props.qualifier },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const invocations: Invocation[] = [];
    let output = '';
    let pending = '';
    const stop = (): Promise<void> =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill();
      });
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        output += `${line}\n`;
        if (!line.startsWith(MARK)) continue;
        const said = JSON.parse(line.slice(MARK.length));
        if (said.invocation) invocations.push(said.invocation);
        if (said.listening) resolve({ endpoint: `http://127.0.0.1:${said.listening}`, invocations, stop });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the Lambda stub exited with ${code} before listening:\n${output}`)));
  });
