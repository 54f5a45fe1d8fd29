import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { build } from 'vite';
// @ts-ignore -- plain ESM JavaScript, typed through JSDoc
import { startPusherServer } from '../../../demo/server/pusher-server.mjs';

const ROOT = resolve(import.meta.dirname, '../../..');
export const BUNDLE_DIR = resolve(ROOT, '.tmp/e2e-bundle');

export type TestServer = Awaited<ReturnType<typeof startPusherServer>>;

/** The local Pusher-protocol server, serving the test pages under /e2e/. */
export function startTestServer(): Promise<TestServer> {
  return startPusherServer({
    port: 0,
    staticRoots: [
      { prefix: '/e2e/', dir: resolve(ROOT, 'test/e2e/pages') },
      { prefix: '/vendor-echo/', dir: resolve(ROOT, 'node_modules/laravel-echo/dist') },
      { prefix: '/bundled/', dir: BUNDLE_DIR },
    ],
  });
}

/** Bundles test/e2e/pages/bundled-app.ts the way an app's build would, pusher-js included. */
export async function buildBundledApp(): Promise<void> {
  await mkdir(BUNDLE_DIR, { recursive: true });
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: BUNDLE_DIR,
      emptyOutDir: true,
      lib: { entry: resolve(ROOT, 'test/e2e/pages/bundled-app.ts'), formats: ['es'], fileName: () => 'app.js' },
      minify: true,
    },
  });
}
