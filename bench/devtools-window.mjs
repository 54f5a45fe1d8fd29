// @ts-check
// Chromium with a real DevTools window open on the page, as a user has it, and nothing else attached to the page.
// Playwright's own session on the page is not what a user's browser has (BENCHMARKS.md, "What the harness itself
// costs"); here the page is opened from the command line with `--auto-open-devtools-for-tabs`, and the benchmark
// talks over the remote-debugging port to the DevTools window (to choose the panel it shows) and to our panel's frame
// (to read what it shows), never to the page itself.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { CHROMIUM, COMMON_FLAGS } from './lib.mjs';

/** Resolves once `check` returns a value other than undefined/false, polling every `every` ms; rejects after `ms`. */
async function until(what, check, ms = 60_000, every = 100) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolvePromise) => setTimeout(resolvePromise, every));
  }
}

/** Evaluates `expression` in a target over its own WebSocket, then closes it (nothing stays attached). */
async function evaluateIn(webSocketUrl, expression) {
  const socket = new WebSocket(webSocketUrl);
  try {
    await new Promise((resolvePromise, reject) => (socket.once('open', resolvePromise), socket.once('error', reject)));
    const reply = await new Promise((resolvePromise, reject) => {
      socket.on('message', (data) => {
        const message = JSON.parse(String(data));
        if (message.id === 1) resolvePromise(message);
      });
      socket.once('error', reject);
      socket.send(JSON.stringify({ id: 1, method: 'Runtime.evaluate', params: { expression, returnByValue: true, awaitPromise: true } }));
    });
    if (reply.error || reply.result?.exceptionDetails) throw new Error(JSON.stringify(reply.error ?? reply.result.exceptionDetails));
    return reply.result?.result?.value;
  } finally {
    socket.close();
  }
}

/**
 * Opens `url` in a fresh headless Chromium with DevTools open on it, with the extension in `dist` or none; `flags`,
 * more command-line flags (a window size: the DevTools window's default is 800×600).
 * @param {string} url @param {string | null} dist @param {string[]} [flags]
 */
export async function openWithDevTools(url, dist, flags = []) {
  const dir = await mkdtemp(join(tmpdir(), 'pusher-devtools-'));
  const extension = dist ? [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`] : ['--disable-extensions'];
  const args = ['--headless', ...COMMON_FLAGS, `--user-data-dir=${dir}`, '--auto-open-devtools-for-tabs', '--remote-debugging-port=0', ...extension, ...flags, url];
  const proc = spawn(CHROMIUM, args, { stdio: 'ignore' });
  const port = await until('the remote-debugging port', async () => (await readFile(join(dir, 'DevToolsActivePort'), 'utf8')).split('\n')[0] || undefined);
  const targets = async () => /** @type {{ type: string, url: string, webSocketDebuggerUrl: string }[]} */ (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json());
  const target = (what, test) => until(what, async () => (await targets()).find(test));
  const window = await target('the DevTools window', (t) => t.url.startsWith('devtools://'));
  const ownPanelId = dist ? 'chrome-extension://' : null;

  return {
    dir,
    /**
     * Shows a DevTools panel: ours (`'pusher'`, once the extension has added it) or one of DevTools' own by id
     * ('elements', the one DevTools opens on). Reaches into the DevTools front end's own modules, as its tests do.
     * @param {string} which
     */
    async showPanel(which) {
      const pick = which === 'pusher' ? `ids.find((id) => id.startsWith(${JSON.stringify(ownPanelId)}))` : JSON.stringify(which);
      const script = `(async () => {
        const UI = await import('./ui/legacy/legacy.js');
        const view = UI.InspectorView.InspectorView.instance();
        const ids = view.tabbedPane.tabIds();
        const id = ${pick};
        if (!id || !ids.includes(id)) return false;
        await view.showPanel(id);
        return id;
      })()`;
      return until(`the DevTools panel ${which}`, () => evaluateIn(window.webSocketDebuggerUrl, script));
    },
    /** Evaluates `expression` in our panel's frame (the panel must have been shown). @param {string} expression */
    async inPanel(expression) {
      const frame = await target('our panel in DevTools', (t) => t.type === 'iframe' && t.url.includes('/src/panel/panel.html'));
      return evaluateIn(frame.webSocketDebuggerUrl, expression);
    },
    /**
     * Evaluates `expression` in the inspected page. Only once a measurement is over: a second client on the page
     * costs it what a user's browser does not. @param {string} expression
     */
    async inPage(expression) {
      const page = await target('the inspected page', (t) => t.type === 'page' && !t.url.startsWith('devtools://') && !t.url.startsWith('chrome-extension://'));
      return evaluateIn(page.webSocketDebuggerUrl, expression);
    },
    /** Polls our panel until `expression` is truthy there. @param {string} what @param {string} expression */
    untilInPanel(what, expression, ms = 120_000) {
      return until(what, () => this.inPanel(expression), ms, 50);
    },
    async close() {
      proc.kill();
      await new Promise((resolvePromise) => (proc.exitCode === null ? proc.once('exit', resolvePromise) : resolvePromise(undefined)));
      await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }).catch(() => undefined);
    },
  };
}
