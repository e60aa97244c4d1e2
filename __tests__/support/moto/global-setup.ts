/**
 * Starts one moto server for the whole integration project and points the
 * AWS SDK at it through the environment (inherited by the test workers).
 */
import { sdkEnv, startMoto, type MotoServer } from './server';

declare global {
  // Read back by global-teardown.ts (jest shares globals between the two only).
  var __MOTO__: MotoServer | undefined;
}

export default async function globalSetup(): Promise<void> {
  const moto = await startMoto();
  globalThis.__MOTO__ = moto;
  Object.assign(process.env, sdkEnv(moto.endpoint));
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
}
