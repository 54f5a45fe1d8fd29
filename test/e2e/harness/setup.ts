import { afterAll, beforeAll } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from './browser';
import { startTestServer, type TestServer } from './server';

/** One local Pusher-protocol server and one Chromium with the built extension for a test file. */
export function useServerAndBrowser(extraArgs: string[] = []): { server: TestServer; browser: ExtensionBrowser } {
  const env = {} as { server: TestServer; browser: ExtensionBrowser };
  beforeAll(async () => {
    [env.server, env.browser] = await Promise.all([startTestServer(), launchWithExtension(extraArgs)]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
