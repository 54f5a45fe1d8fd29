import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CDPSession, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { openPanel, tabIdOf } from './harness/browser';
import { until } from './harness/cdp';
import { setFilter, statusText, waitForRow, waitForText } from './harness/panel';
import { useServerAndBrowser } from './harness/setup';

// Faults around the capture: the service worker stopped, the panel closed and reopened, the page reloaded and
// navigated, frames added and removed. Capture resumes; what the page's buffer still holds is not lost, and what it
// no longer holds, the panel counts.

const env = useServerAndBrowser();
const opened: Page[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((page) => page.close()));
});

type Received = { received: Array<{ channel: string; event: string; data: unknown }> };

async function openPage(path: string): Promise<Page> {
  const page = await env.browser.context.newPage();
  opened.push(page);
  await page.goto(`${env.server.origin}/e2e/${path}`);
  return page;
}

/** The panel for a page's tab (the tab id is asked of the service worker: pass it when the worker may be down). */
async function panelFor(page: Page, tabId?: number): Promise<Page> {
  const panel = await openPanel(env.browser, tabId ?? (await tabIdOf(env.browser, page)));
  opened.push(panel);
  return panel;
}

/** Waits until the page's app has received `count` events named `event`. */
const receivedAll = (page: Page, event: string, count: number, timeout = 15_000) =>
  page.waitForFunction(([e, n]) => (window as unknown as Received).received.filter((r) => r.event === e).length >= n, [event, count] as const, { timeout });

/** How many frames of the log match `filter` (the log is virtualized, so count through the status bar). */
async function countRows(panel: Page, filter: string): Promise<number> {
  await setFilter(panel, filter);
  await panel.waitForFunction((f) => (document.querySelector<HTMLInputElement>('input.filter')?.value ?? '') === f, filter);
  const status = await waitForText(panel, '.status-bar', / \/ [\d,]+ frames/);
  await setFilter(panel, '');
  return numberIn(status, /^([\d,]+) \//);
}

/**
 * Keeps the panel's main thread busy (a synchronous request that the test answers when it chooses), as a panel
 * folding a large batch would be: it hears nothing, the service worker going away included, until released.
 */
async function holdPanel(panel: Page): Promise<() => Promise<void>> {
  const waiting: ServerResponse[] = [];
  const server = createServer((_request, response) => waiting.push(response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const held = panel.evaluate((url) => {
    const request = new XMLHttpRequest();
    request.open('GET', url, false);
    request.send();
  }, `http://127.0.0.1:${port}/hold`);
  await until(async () => waiting.length > 0, 'the panel to be held');
  return async () => {
    for (const response of waiting) response.end('released');
    await held;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
}

const numberIn = (text: string, pattern: RegExp) => Number(pattern.exec(text)?.[1]?.replaceAll(',', ''));

/** The extension's service worker, seen and stopped through the DevTools protocol of a page. */
async function serviceWorkerOf(page: Page) {
  const prefix = `chrome-extension://${env.browser.extensionId}/`;
  const status = async (): Promise<string> => {
    // A fresh session reports the current state of every worker when the domain is enabled.
    const cdp = await env.browser.context.newCDPSession(page);
    const states: string[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) if (v.scriptURL.startsWith(prefix)) states.push(v.runningStatus);
    });
    await cdp.send('ServiceWorker.enable');
    const state = await until(async () => states.at(-1), 'the service worker state', 5_000);
    await cdp.detach();
    return state;
  };
  return {
    status,
    async stop(): Promise<void> {
      const cdp: CDPSession = await env.browser.context.newCDPSession(page);
      const versions = new Map<string, string>();
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions: list }) => {
        for (const v of list) if (v.scriptURL.startsWith(prefix)) versions.set(v.versionId, v.runningStatus);
      });
      await cdp.send('ServiceWorker.enable');
      const running = await until(async () => [...versions].find(([, state]) => state === 'running')?.[0], 'a running service worker', 10_000);
      await cdp.send('ServiceWorker.stopWorker', { versionId: running });
      await until(async () => versions.get(running) === 'stopped', 'the service worker to stop', 10_000);
      await cdp.detach();
    },
  };
}

describe('the service worker stopped', () => {
  it('mid-session, with the panel open: frames sent while it was down and after it are all shown', async () => {
    const page = await openPage('client.html?channels=sw-open&events=before,while-down,after');
    const panel = await panelFor(page);
    env.server.trigger('sw-open', 'before', { n: 0 });
    await waitForRow(panel, 'before', 'sw-open');
    // The panel is busy, so it cannot reconnect (and wake the worker) before the frames below are in.
    const release = await holdPanel(panel);
    const worker = await serviceWorkerOf(page);
    await worker.stop();
    for (let n = 1; n <= 3; n++) env.server.trigger('sw-open', 'while-down', { n });
    await receivedAll(page, 'while-down', 3);
    await release();
    await waitForRow(panel, 'while-down', 'sw-open', 30_000);
    expect(await worker.status()).toBe('running');
    env.server.trigger('sw-open', 'after', { n: 4 });
    await waitForRow(panel, 'after', 'sw-open');
    expect(await countRows(panel, 'while-down')).toBe(3);
    expect(await countRows(panel, 'event:before')).toBe(1);
    expect(await statusText(panel)).not.toContain('dropped');
  });

  it('while no panel was open: the worker stays down as the page records, and the panel opened later shows it all', async () => {
    const page = await openPage('client.html?channels=sw-closed&events=before,while-down');
    const tabId = await tabIdOf(env.browser, page);
    let panel = await panelFor(page, tabId);
    env.server.trigger('sw-closed', 'before', { n: 0 });
    await waitForRow(panel, 'before', 'sw-closed');
    await panel.close();
    const worker = await serviceWorkerOf(page);
    await worker.stop();
    for (let n = 1; n <= 3; n++) env.server.trigger('sw-closed', 'while-down', { n });
    await receivedAll(page, 'while-down', 3);
    // Nothing woke it: the page keeps its records to itself until a panel asks.
    expect(await worker.status()).toBe('stopped');
    panel = await panelFor(page, tabId);
    await waitForRow(panel, 'while-down', 'sw-closed', 30_000);
    expect(await countRows(panel, 'while-down')).toBe(3);
    expect(await countRows(panel, 'event:before')).toBe(1);
    expect(await statusText(panel)).not.toContain('dropped');
  });

  it("past the page's buffer while it was down: the newest are shown and the panel counts what was lost", async () => {
    const page = await openPage('client.html?channels=sw-flood&events=before,while-down');
    const panel = await panelFor(page);
    env.server.trigger('sw-flood', 'before', { n: -1 });
    await waitForRow(panel, 'before', 'sw-flood');
    const release = await holdPanel(panel);
    await (await serviceWorkerOf(page)).stop();
    // More than the 5,000 records the page keeps.
    for (let n = 0; n < 6_000; n++) env.server.trigger('sw-flood', 'while-down', { n });
    await receivedAll(page, 'while-down', 6_000, 60_000);
    await release();
    // The page's buffer arrives in slices that may take more than one render: wait until its newest frame is in.
    await panel.waitForFunction(() => {
      const text = document.querySelector('.status-bar')?.textContent ?? '';
      return /[\d,]+ earlier records dropped/.test(text) && Number(/([\d,]+) frames/.exec(text)?.[1]?.replaceAll(',', '')) >= 4_950;
    }, undefined, { timeout: 30_000 });
    const status = await waitForText(panel, '.status-bar', /[\d,]+ earlier records dropped/, 30_000);
    const lost = numberIn(status, /([\d,]+) earlier records dropped/);
    expect(lost).toBeGreaterThanOrEqual(1_000);
    expect(lost).toBeLessThan(1_050);
    // Every frame sent while it was down is shown or counted as lost (other records may be among the lost); the
    // newest survived, the oldest did not; what came before it was already shown.
    const shown = await countRows(panel, 'event:while-down');
    expect(shown + lost).toBeGreaterThanOrEqual(6_000);
    expect(shown).toBeLessThanOrEqual(5_000);
    expect(await countRows(panel, ':5999}')).toBe(1);
    expect(await countRows(panel, ':0}')).toBe(0);
    expect(await countRows(panel, 'event:before')).toBe(1);
  }, 120_000);
});

describe('the panel closed and reopened', () => {
  it('shows again what it showed, and what came while it was closed', async () => {
    const page = await openPage('client.html?channels=reopen&events=before,while-closed,after');
    const tabId = await tabIdOf(env.browser, page);
    let panel = await panelFor(page, tabId);
    env.server.trigger('reopen', 'before', { n: 0 });
    await waitForRow(panel, 'before', 'reopen');
    await panel.close();
    for (let n = 1; n <= 3; n++) env.server.trigger('reopen', 'while-closed', { n });
    await receivedAll(page, 'while-closed', 3);
    panel = await panelFor(page, tabId);
    await waitForRow(panel, 'while-closed', 'reopen');
    env.server.trigger('reopen', 'after', { n: 4 });
    await waitForRow(panel, 'after', 'reopen');
    expect(await countRows(panel, 'event:before')).toBe(1);
    expect(await countRows(panel, 'event:while-closed')).toBe(3);
    expect(await countRows(panel, 'pusher:connection_established')).toBe(1);
    expect(await statusText(panel)).not.toContain('dropped');
    // Two panels for one tab both hear it, and closing one leaves the other attached.
    const second = await panelFor(page, tabId);
    await waitForRow(second, 'after', 'reopen');
    await second.close();
    env.server.trigger('reopen', 'after', { n: 5 });
    await receivedAll(page, 'after', 2);
    expect(await until(async () => (await countRows(panel, 'event:after')) === 2, 'the second "after" in the first panel')).toBe(true);
  });
});

describe('the page reloaded and navigated', () => {
  it('capture resumes after a reload, a navigation to another page and back', async () => {
    const page = await openPage('client.html?channels=nav-a&events=update');
    const tabId = await tabIdOf(env.browser, page);
    const panel = await panelFor(page, tabId);
    env.server.trigger('nav-a', 'update', { n: 1 });
    await waitForRow(panel, 'update', 'nav-a');
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { states: string[] }).states.includes('connected'));
    env.server.trigger('nav-a', 'update', { n: 2 });
    await receivedAll(page, 'update', 1);
    await waitForRow(panel, 'update', 'nav-a');
    // The log was cleared at the reload (Preserve log is off): only what came after it.
    expect(await countRows(panel, 'event:update')).toBe(1);
    expect(await countRows(panel, ':2}')).toBe(1);

    await page.goto(`${env.server.origin}/e2e/basic.html?channel=nav-b`);
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'nav-b');
    env.server.trigger('nav-b', 'price', { n: 3 });
    await waitForRow(panel, 'price', 'nav-b');

    await page.goBack();
    await page.waitForFunction(() => (window as unknown as { states?: string[] }).states?.includes('connected'));
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'nav-a');
    env.server.trigger('nav-a', 'update', { n: 4 });
    await receivedAll(page, 'update', 1);
    await waitForRow(panel, 'update', 'nav-a');
    expect(await countRows(panel, ':4}')).toBe(1);
  });
});

describe('frames added and removed', () => {
  it('captures iframes added later (another origin, and the same origin), and keeps capturing as they go and come', async () => {
    const page = await openPage('client.html?channels=host&events=update');
    const panel = await panelFor(page);
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'host');
    const addFrame = (id: string, src: string) =>
      page.evaluate(
        ([frameId, url]) => {
          const frame = document.createElement('iframe');
          frame.id = frameId;
          frame.src = url;
          document.body.append(frame);
        },
        [id, src] as const,
      );
    const crossOrigin = `http://localhost:${env.server.port}/e2e/basic.html?channel=`;
    await addFrame('cross', `${crossOrigin}frame-cross`);
    // Same origin, src set at creation: the frame's window is the one its initial about:blank document had.
    await addFrame('same', '/e2e/basic.html?channel=frame-same');
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'frame-cross');
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'frame-same');
    env.server.trigger(['frame-cross', 'frame-same', 'host'], 'price', { n: 1 });
    await waitForRow(panel, 'price', 'frame-cross');
    await waitForRow(panel, 'price', 'frame-same');

    // A command reaches a frame's page: replay the same-origin frame's event into it.
    await panel.evaluate(() => {
      const row = [...document.querySelectorAll('.event-log [role=row][data-id]')].find(
        (r) => r.querySelector('.cell.event')?.textContent === 'price' && r.querySelector('.cell.channel')?.textContent === 'frame-same',
      );
      row?.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    });
    await panel.click('.replay-send');
    await waitForText(panel, '.replay', "Delivered to the page's handlers.");
    await page.frame({ url: /frame-same/ })?.waitForFunction(() => (window as unknown as Received).received.length === 2);

    await page.evaluate(() => document.getElementById('cross')?.remove());
    await addFrame('cross-2', `${crossOrigin}frame-cross-2`);
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'frame-cross-2');
    await page.evaluate(() => document.getElementById('same')?.remove());
    env.server.trigger(['frame-cross-2', 'host'], 'update', { n: 2 });
    await waitForRow(panel, 'update', 'frame-cross-2');
    await waitForRow(panel, 'update', 'host');
  });
});
