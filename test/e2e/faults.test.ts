import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPanel, tabIdOf } from './harness/browser';
import { showView, waitForRow, waitForText } from './harness/panel';
import { useServerAndBrowser } from './harness/setup';

const env = useServerAndBrowser();

type States = { states: string[] };
const states = (page: Page) => page.evaluate(() => (window as unknown as States).states);

async function connectedApp(channel: string) {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.origin}/e2e/client.html?channels=${channel}`);
  const panel = await openPanel(env.browser, await tabIdOf(env.browser, page));
  await waitForRow(panel, 'pusher_internal:subscription_succeeded', channel);
  await showView(panel, 'timeline');
  return { page, panel };
}

async function injectClose(panel: Page, code: number) {
  await panel.selectOption('.faults select[aria-label="Close code"]', String(code));
  await panel.click('.fault-close');
  await waitForText(panel, '.faults', 'Injected.');
}

describe('fault injection', () => {
  it('an injected 4100 close makes pusher-js retry after 1 s, marked as injected and not listed as a problem', async () => {
    const { page, panel } = await connectedApp('fault-a');
    const before = (await states(page)).length;
    await injectClose(panel, 4100);
    await page.waitForFunction((n) => (window as unknown as States).states.slice(n).join() === 'connecting,connected', before);
    // The page reconnects before the panel hears of it: wait for the lane to say so, not just for the drop.
    await waitForText(panel, '.lane', /^(?=[\s\S]*Now connected)[\s\S]*Dropped at .*Closed 4100 Over capacity \(injected from DevTools\)/);
    expect(env.server.connections()).toBeGreaterThan(0);
    expect(await panel.textContent('.view-tabs [data-view=problems]')).toBe('Problems');
    await Promise.all([page.close(), panel.close()]);
  });

  it('an injected 4001 close stops pusher-js: disconnected, no reconnect', async () => {
    const { page, panel } = await connectedApp('fault-b');
    await injectClose(panel, 4001);
    await page.waitForFunction(() => (window as unknown as States).states.at(-1) === 'disconnected');
    await waitForText(panel, '.lane', 'Now disconnected');
    await Promise.all([page.close(), panel.close()]);
  });

  it("offline for longer than pusher-js's 10 s unavailableTimeout: unavailable, then connected again", async () => {
    const { page, panel } = await connectedApp('fault-c');
    await panel.fill('.faults input[type=number]', '11');
    // A frame arriving while the user types re-renders the panel: what was typed must stay.
    const count = await panel.textContent('.status-bar .count');
    env.server.trigger('fault-c', 'typing-meanwhile', {});
    await panel.waitForFunction((before) => document.querySelector('.status-bar .count')?.textContent !== before, count);
    expect(await panel.inputValue('.faults input[type=number]')).toBe('11');
    await panel.click('.fault-offline');
    await waitForText(panel, '.faults', 'Injected.');
    await page.waitForFunction(() => (window as unknown as States).states.at(-1) === 'unavailable', undefined, { timeout: 20_000 });
    await page.waitForFunction(() => (window as unknown as States).states.at(-1) === 'connected', undefined, { timeout: 20_000 });
    await waitForText(panel, '.lane', 'Injected: back online');
    const lane = await waitForText(panel, '.lane', 'Now connected');
    expect(lane).toContain('Injected: offline for 11 s');
    expect(lane).toMatch(/Dropped at .*\(Closed 1006 \(injected from DevTools\)\)/);
    await Promise.all([page.close(), panel.close()]);
  }, 60_000);

  it('drops incoming frames for a while: the page never sees them, the log shows them as dropped', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/e2e/client.html?channels=fault-e`);
    const panel = await openPanel(env.browser, await tabIdOf(env.browser, page));
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'fault-e');
    await showView(panel, 'timeline');
    await panel.selectOption('.faults select[aria-label="Incoming frames"]', 'drop');
    await panel.fill('.faults input[type=number]:not([aria-label="Delay in ms"])', '600');
    await panel.click('.fault-incoming');
    await waitForText(panel, '.faults', 'Injected.');
    env.server.trigger('fault-e', 'update', { n: 1 });
    await showView(panel, 'events');
    await waitForRow(panel, 'update (dropped, injected)', 'fault-e');
    expect(await page.evaluate(() => (window as unknown as { received: unknown[] }).received)).toEqual([]);
    await panel.close(); // disarms, once the page hears the panel is gone: keep publishing until one gets through
    const publishing = setInterval(() => env.server.trigger('fault-e', 'update', { n: 2 }), 200);
    try {
      await page.waitForFunction(() => (window as unknown as { received: unknown[] }).received.length >= 1);
    } finally {
      clearInterval(publishing);
    }
    await page.close();
  });

  it('closing the panel restores the page: nothing is left armed', async () => {
    const { page, panel } = await connectedApp('fault-d');
    await panel.fill('.faults input[type=number]', '300');
    await panel.click('.fault-offline');
    await page.waitForFunction(() => (window as unknown as States).states.at(-1) === 'connecting');
    await panel.close();
    await page.waitForFunction(() => (window as unknown as States).states.at(-1) === 'connected', undefined, { timeout: 20_000 });
    await page.close();
  }, 40_000);
});
