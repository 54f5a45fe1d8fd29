import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { CHROMIUM, chromiumArgs, openPanel, tabIdOf } from './harness/browser';
import { waitForRow } from './harness/panel';
import { useServerAndBrowser } from './harness/setup';

const env = useServerAndBrowser();
let plain: BrowserContext;
let plainDir: string;
let echo: WebSocketServer;
let echoUrl: string;

beforeAll(async () => {
  plainDir = await mkdtemp(join(tmpdir(), 'pusher-devtools-plain-'));
  // The same Chromium with the same flags, without the extension.
  const args = chromiumArgs('').filter((a) => !a.includes('extension'));
  plain = await chromium.launchPersistentContext(plainDir, { executablePath: CHROMIUM, headless: true, args });
  // An echo server behind a Pusher-looking URL, so the hook taps its sockets: it says hello as Pusher does, sends
  // back every frame as it came (binary stays binary), and answers "burst" with binary, text and binary at once.
  echo = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => echo.once('listening', resolve));
  echoUrl = `ws://127.0.0.1:${(echo.address() as { port: number }).port}/app/echo-key?protocol=7&client=js`;
  echo.on('connection', (socket) => {
    socket.send(JSON.stringify({ event: 'pusher:connection_established', data: JSON.stringify({ socket_id: '1.1', activity_timeout: 120 }) }));
    socket.on('message', (data, isBinary) => {
      if (!isBinary && String(data) === 'burst') {
        socket.send(Buffer.from([1, 2, 3]));
        socket.send('between');
        socket.send(Buffer.from([4, 5]));
      } else socket.send(data, { binary: isBinary });
    });
  });
});
afterAll(async () => {
  await plain?.close();
  await rm(plainDir, { recursive: true, force: true });
  await new Promise((resolve) => (echo ? echo.close(resolve) : resolve(undefined)));
});

/** A page of `context` at `path`, with everything it reports as going wrong: uncaught errors and console errors. */
async function visit(context: BrowserContext, path: string): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.stack ?? error.message}`));
  page.on('console', (message) => void (message.type() === 'error' && problems.push(`console: ${message.text()}`)));
  await page.goto(`${env.server.origin}/e2e/${path}`);
  return { page, problems };
}

/**
 * Runs `run` on a page without the extension, then on one with it (left open for `andThen`, to look at what the
 * extension captured), and returns both outcomes with the problems each page reported.
 */
async function withAndWithout<T>(path: string, run: (page: Page) => Promise<T>, andThen?: (page: Page) => Promise<void>) {
  const bare = await visit(plain, path);
  const without = await run(bare.page);
  await bare.page.close();
  const hooked = await visit(env.browser.context, path);
  const withExtension = await run(hooked.page);
  try {
    await andThen?.(hooked.page);
  } finally {
    await hooked.page.close();
  }
  return { without, withExtension, problems: { without: bare.problems, withExtension: hooked.problems } };
}

type Probe = Record<string, unknown>;
const probe = (page: Page) => page.evaluate(() => (window as unknown as { probe(): Promise<Probe> }).probe());

/** The frames the panel lists for the page's tab: direction, event column and exact size, in log order. */
async function capturedFrames(page: Page): Promise<Array<[string, string, string]>> {
  const panel = await openPanel(env.browser, await tabIdOf(env.browser, page));
  try {
    // Tall enough that the virtualized log renders every row.
    await panel.setViewportSize({ width: 1200, height: 4000 });
    await waitForRow(panel, 'pusher:connection_established');
    return await panel.$$eval('.event-log [role=row][data-id]', (rows) =>
      rows.map((row) => {
        const cell = (name: string) => row.querySelector(`.cell.${name}`);
        return [cell('dir')?.textContent ?? '', cell('event')?.textContent ?? '', cell('size')?.getAttribute('title') ?? ''] as [string, string, string];
      }),
    );
  } finally {
    await panel.close();
  }
}

it('the page sees the same WebSocket with and without the extension', async () => {
  const { without, withExtension, problems } = await withAndWithout('transparency.html', probe);
  expect(withExtension).toEqual(without);
  expect(problems.withExtension).toEqual(problems.without);
  // And the probe really looked: a sanity check on what it saw.
  expect(without).toMatchObject({ name: 'WebSocket', length: 1, instanceOf: true, constructorSame: true, order: ['listener-1', 'onmessage', 'listener-2'] });
  const errors = without.errors as Record<string, unknown[]>;
  expect(errors.sendWhileConnecting?.[0]).toBe('InvalidStateError');
  expect(errors.badScheme?.[0]).toBe('SyntaxError');
  expect(errors.throwingUrl?.[3]).toContain('thrown by the page');
  expect(errors.toStringOfObject?.[3]).toMatch(/^TypeError: .*\n\s+at Object\.toString \(<anonymous>\)\n\s+at .*transparency-probe\.js/);
});

it('binary frames both ways: what the page sends and receives is the same, and the extension captures their sizes', async () => {
  let frames: Array<[string, string, string]> = [];
  const { without, withExtension, problems } = await withAndWithout(
    'transparency-binary.html',
    (page) => page.evaluate((url) => (window as unknown as { probe(url: string): Promise<{ log: unknown[][] }> }).probe(url), echoUrl),
    async (page) => void (frames = await capturedFrames(page)),
  );
  expect(withExtension).toEqual(without);
  expect(problems.withExtension).toEqual(problems.without);
  expect(problems.without).toEqual([]);
  // What the page saw: every payload echoed with the right type for the binaryType, handlers in order.
  const seen = without.log.filter((entry) => entry[0] === 'listener-1').map((entry) => entry[1]);
  expect(seen.filter((type) => type === 'Blob')).toHaveLength(10);
  expect(seen.filter((type) => type === 'ArrayBuffer')).toHaveLength(10 + 2);
  const handlers = without.log.filter((entry) => /^(listener-|onmessage)/.test(String(entry[0])));
  expect(handlers.map((entry) => entry[0]).join(' ')).toBe(Array(seen.length).fill('listener-1 onmessage listener-2').join(' '));
  expect(handlers.filter((entry) => entry[0] !== 'listener-1').every((entry) => entry[1] === true)).toBe(true);
  expect(without.log.slice(-2)[0]).toEqual(['bufferedAmount', 0]);

  // What the extension captured: each binary frame, both ways, with its exact size.
  const sizes = [4, 3, 6, 2, 8, 9, 0, 0, 70_000, 0];
  const oneWay = sizes.flatMap((n) => [
    ['↑', '(binary frame)', `${n} bytes (UTF-8)`],
    ['↓', '(binary frame)', `${n} bytes (UTF-8)`],
  ]);
  expect(frames.filter(([, event]) => event === '(binary frame)')).toEqual([
    ...oneWay,
    ...oneWay,
    ['↓', '(binary frame)', '3 bytes (UTF-8)'],
    ['↓', '(binary frame)', '2 bytes (UTF-8)'],
  ]);
});

describe('a page that replaces, wraps or freezes WebSocket', () => {
  // function: an analytics-style wrapper function that delegates to the WebSocket it found, and patches
  // send/addEventListener; class: a subclass put in its place; proxy: a Proxy of it; freeze: Object.freeze on it and
  // its prototype; lock: window.WebSocket made read-only and non-configurable; iframe: a fresh iframe's WebSocket;
  // late: the wrapper function installed once the page already has a Pusher socket.
  const modes = ['function', 'class', 'proxy', 'freeze', 'lock', 'iframe', 'late'] as const;

  it.each(modes)('%s: the same for the page, no errors, and still captured', async (mode) => {
    const { without, withExtension, problems } = await withAndWithout(
      `transparency-wrapped.html?mode=${mode}`,
      (page) =>
        page.evaluate(async (name) => {
          const w = window as unknown as { probe(): Promise<Probe>; subscribeRaw(channel: string): Promise<unknown>; wrapNow(name: string): void; wrapperSaw: unknown[] };
          const before = name === 'late' ? await w.subscribeRaw('wrapped-late-before') : null;
          if (name === 'late') w.wrapNow('function');
          return { probe: await w.probe(), before, raw: await w.subscribeRaw(`wrapped-${name}`), saw: w.wrapperSaw };
        }, mode),
      async (page) => {
        // Captured: the panel shows the subscription made through the page's own WebSocket.
        const panel = await openPanel(env.browser, await tabIdOf(env.browser, page));
        try {
          await waitForRow(panel, 'pusher_internal:subscription_succeeded', `wrapped-${mode}`);
          if (mode === 'late') await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'wrapped-late-before');
        } finally {
          await panel.close();
        }
      },
    );
    expect(withExtension).toEqual(without);
    expect(problems.withExtension).toEqual(problems.without);
    expect(problems.without.filter((p) => p.startsWith('pageerror'))).toEqual([]);
    // The wrapper really was in the way.
    if (['function', 'class', 'proxy', 'late'].includes(mode)) expect(without.saw).toContainEqual(['new', expect.stringContaining('wrapped')]);
    if (mode === 'freeze') expect(without.probe.frozen).toEqual([true, true, false]);
    if (mode === 'lock') expect(without.probe.windowDescriptor).toContainEqual(['writable', false]);
  });
});

it('real pusher-js behaves the same: states, bindings and their data, subscriptions, presence, client events, reconnection', async () => {
  const { without, withExtension, problems } = await withAndWithout('transparency-pusher.html', async (page) => {
    type Scenario = { start(): Promise<Record<string, number>>; reconnected(lengths: Record<string, number>): Promise<Record<string, unknown[]>> };
    const lengths = await page.evaluate(() => (window as unknown as { scenario: Scenario }).scenario.start());
    // Only this page's client A is connected now: the server asks it to reconnect.
    env.server.closeAll(4200, 'Reconnect now');
    return page.evaluate((from) => (window as unknown as { scenario: Scenario }).scenario.reconnected(from), lengths);
  });
  expect(withExtension).toEqual(without);
  expect(problems.withExtension).toEqual(problems.without);
  expect(problems.without).toEqual([]);
  // The scenario really ran: a sanity check on the logs.
  expect(without.A).toEqual(expect.arrayContaining([['state', 'connecting', 'connected'], ['connected', 'SOCKET-ID'], ['state', 'connected', 'disconnected']]));
  expect(without['A private-transp']).toContainEqual(['event', 'client-hello', { from: 'bob' }, {}]);
  expect(without['B presence-transp']).toContainEqual(['event', 'client-hi', { from: 'alice' }, { user_id: 'alice' }]);
  expect(without['A presence-transp']).toContainEqual(['member removed', { id: 'bob', info: { name: 'bob' } }]);
});

it("the page's own message listeners hear nothing from the extension, with a panel attached and frames flowing", async () => {
  type Listening = { heard: unknown[]; received: unknown[]; states: string[] };
  // The page's first script listens to every message on its window (no page script can run earlier).
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.origin}/e2e/transparency-listener.html`);
  await page.waitForFunction(() => (window as unknown as Listening).states.includes('connected'));
  const panel = await openPanel(env.browser, await tabIdOf(env.browser, page));
  try {
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'quiet');
    env.server.trigger('quiet', 'news', { n: 1 });
    await waitForRow(panel, 'news', 'quiet');
    await page.waitForFunction(() => (window as unknown as Listening).received.length === 1);
    // One message of the page's own, to show the listener works.
    await page.evaluate(() => postMessage('from the page', '*'));
    await page.waitForFunction(() => (window as unknown as Listening).heard.length > 0);
    expect(await page.evaluate(() => (window as unknown as Listening).heard)).toEqual(['from the page']);
  } finally {
    await panel.close();
    await page.close();
  }
});
