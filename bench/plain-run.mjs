// @ts-check
// Chromium with no debugger attached. Playwright enables the DevTools protocol's Network domain on every page, so each
// WebSocket frame the page receives also becomes a protocol event (a message to the browser process and a write to
// Playwright's pipe): that work is in every Playwright-driven figure. With DevTools closed a real page does none of
// it, so the no-panel overhead is measured here: the page is opened from the command line and reports over HTTP.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, COMMON_FLAGS, DIST } from './lib.mjs';

/**
 * A listener the page tells what happened (`?report=<url>` on bench/page.html): `next()` resolves with the path of
 * the next report.
 */
export async function startReports() {
  /** @type {((path: string) => void) | null} */
  let waiter = null;
  const server = createServer((req, res) => {
    res.end();
    waiter?.(req.url ?? '');
  });
  await new Promise((resolvePromise) => server.listen(0, '127.0.0.1', () => resolvePromise(undefined)));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`,
    /** @returns {Promise<string>} */
    next: () => new Promise((resolvePromise) => (waiter = resolvePromise)),
    close: () => new Promise((resolvePromise) => server.close(() => resolvePromise(undefined))),
  };
}

/**
 * Opens `url` in a fresh headless Chromium, with the extension in `dist` or none, and no debugger.
 * @param {string} url @param {string | null} dist
 */
export async function openPlain(url, dist = DIST) {
  const dir = await mkdtemp(join(tmpdir(), 'pusher-plain-'));
  const extension = dist ? [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`] : ['--disable-extensions'];
  const proc = spawn(CHROMIUM, ['--headless', ...COMMON_FLAGS, `--user-data-dir=${dir}`, ...extension, url], { stdio: 'ignore' });
  return {
    dir,
    async close() {
      proc.kill();
      await new Promise((resolvePromise) => (proc.exitCode === null ? proc.once('exit', resolvePromise) : resolvePromise(undefined)));
      // Child processes may still be writing to the profile for a moment.
      await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }).catch(() => undefined);
    },
  };
}
