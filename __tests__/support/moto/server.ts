/**
 * A moto server (real AWS wire protocols, in memory) on a free loopback port,
 * for the integration tests and the bench.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface MotoServer {
  readonly endpoint: string;
  stop(): Promise<void>;
}

const MOTO_SERVER = join(__dirname, '..', '..', '..', '.venv', 'bin', 'moto_server');
const START_TIMEOUT_MS = 30_000;
// Werkzeug announces the port it bound when asked for port 0.
const LISTENING = /Running on (http:\/\/127\.0\.0\.1:\d+)/;

const stopProcess = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    // No pid: it never started. An exit code or signal: it already ended.
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });

/** Resolves once the server answers HTTP; on any failure the process is stopped before rejecting. */
export const startMoto = async (): Promise<MotoServer> => {
  // Port 0: the OS picks a free port, so parallel runs never collide.
  const child = spawn(MOTO_SERVER, ['-H', '127.0.0.1', '-p', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  // Should the runner exit without calling stop() (a crash), the server goes with it.
  const killOnExit = (): void => void child.kill();
  process.once('exit', killOnExit);
  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    await stopProcess(child);
  };
  try {
    const endpoint = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(
        () => reject(new Error(`moto_server did not start within ${START_TIMEOUT_MS} ms:\n${output}`)),
        START_TIMEOUT_MS,
      );
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        const match = LISTENING.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`cannot run ${MOTO_SERVER} (run scripts/install-test-deps.sh): ${error.message}`));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`moto_server exited with ${code}:\n${output}`));
      });
    });
    // From here on its request log is only drained (a full pipe would block moto).
    child.stdout!.removeAllListeners('data').resume();
    child.stderr!.removeAllListeners('data').resume();
    await waitUntilAnswering(endpoint);
    return { endpoint, stop };
  } catch (error) {
    await stop();
    throw error;
  }
};

const waitUntilAnswering = async (endpoint: string): Promise<void> => {
  for (let attempt = 0; ; attempt++) {
    try {
      await fetch(`${endpoint}/moto-api/data.json`);
      return;
    } catch (error) {
      if (attempt === 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
};

/** The environment that points the AWS SDK (default chain, default endpoints) at `endpoint`. */
export const sdkEnv = (endpoint: string): Record<string, string> => ({
  AWS_ENDPOINT_URL: endpoint,
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_REGION: 'us-east-1',
  // No shared config or instance metadata lookups on a developer machine.
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_EC2_METADATA_DISABLED: 'true',
});
