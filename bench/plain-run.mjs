// @ts-check
// Chromium with no debugger attached. Playwright enables the DevTools protocol's Network domain on every page, so each
// WebSocket frame the page receives also becomes a protocol event (a message to the browser process and a write to
// Playwright's pipe): that work is in every Playwright-driven figure. With DevTools closed a real page does none of
// it, so the no-panel overhead is measured here: the page is opened from the command line and reports over HTTP.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, COMMON_FLAGS, DIST } from './lib.mjs';

const TICK = 100; // USER_HZ on Linux

/** Every process: pid → { ppid, cmd, cpu ms }. */
export function processes() {
  const all = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
      all.set(Number(name), { ppid: Number(fields[1]), cmd, cpu: ((Number(fields[11]) + Number(fields[12])) * 1000) / TICK });
    } catch {
      // gone meanwhile
    }
  }
  return all;
}

/** Each process of the Chromium started with `userDataDir`, with its role. */
export function chromiumTree(all, userDataDir) {
  const root = [...all].find(([, p]) => p.cmd.includes(userDataDir) && !p.cmd.includes('--type='))?.[0];
  const inTree = (pid) => {
    for (let p = pid, n = 0; p > 1 && n < 10; p = all.get(p)?.ppid ?? 0, n++) if (p === root) return true;
    return false;
  };
  const tree = new Map();
  for (const [pid, p] of all) {
    if (!inTree(pid)) continue;
    const role = pid === root ? 'browser' : p.cmd.includes('--extension-process') ? 'extension (worker + panel)' : p.cmd.includes('--type=renderer') ? 'renderer' : (p.cmd.match(/--utility-sub-type=([\w.]+)/)?.[1] ?? p.cmd.match(/--type=(\w+)/)?.[1] ?? 'other');
    tree.set(pid, role);
  }
  return tree;
}

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
