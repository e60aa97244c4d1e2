/** Stops the moto server global-setup.ts started. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__MOTO__?.stop();
  globalThis.__MOTO__ = undefined;
}
