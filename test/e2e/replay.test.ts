import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPanel, tabIdOf } from './harness/browser';
import { waitForRow, waitForText } from './harness/panel';
import { useServerAndBrowser } from './harness/setup';

const env = useServerAndBrowser();

type Received = { received: Array<{ price?: number; symbol?: string }> };
const received = (page: Page) => page.evaluate(() => (window as unknown as Received).received);

async function appWithPrice(channel: string) {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.origin}/e2e/basic.html?channel=${channel}`);
  const panel = await openPanel(env.browser, await tabIdOf(env.browser, page));
  await waitForRow(panel, 'pusher_internal:subscription_succeeded', channel);
  env.server.trigger(channel, 'price', { symbol: 'PSH', price: 42 });
  await waitForRow(panel, 'price', channel);
  await page.waitForFunction(() => (window as unknown as Received).received.length === 1);
  await panel.click(`.event-log [role=row][data-id] >> text=price`);
  return { page, panel };
}

describe('replay', () => {
  it("replays a received event into the page: the app's handler runs again, and the log marks it", async () => {
    const { page, panel } = await appWithPrice('replay-a');
    await panel.click('.replay-send');
    await page.waitForFunction(() => (window as unknown as Received).received.length === 2);
    expect(await received(page)).toEqual([
      { symbol: 'PSH', price: 42 },
      { symbol: 'PSH', price: 42 },
    ]);
    await waitForText(panel, '.replay', "Delivered to the page's handlers.");
    await panel.waitForSelector('.event-log [role=row].replayed');
    expect(await panel.textContent('.event-log [role=row].replayed .cell.dir')).toBe('↻');
    await Promise.all([page.close(), panel.close()]);
  });

  it('replays an edited event: the handler gets the edited data, double encoding handled', async () => {
    const { page, panel } = await appWithPrice('replay-b');
    await panel.check('.replay-actions input[type=checkbox]');
    expect(await panel.inputValue('.replay-form textarea')).toBe('{\n  "symbol": "PSH",\n  "price": 42\n}');
    await panel.fill('.replay-form textarea', '{"symbol": "EDIT", "price": 99}');
    await panel.click('.replay-send');
    await page.waitForFunction(() => (window as unknown as Received).received.length === 2);
    expect((await received(page))[1]).toEqual({ symbol: 'EDIT', price: 99 });
    await panel.fill('.replay-form textarea', '{broken');
    expect(await panel.textContent('.replay-form .error')).toMatch(/not valid JSON/);
    expect(await panel.isDisabled('.replay-send')).toBe(true);
    await Promise.all([page.close(), panel.close()]);
  });

  it('copies the event as a pusher.trigger call', async () => {
    const { page, panel } = await appWithPrice('copy-a');
    await env.browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await panel.click('.copy-trigger');
    await waitForText(panel, '.copy-menu', 'Copied as pusher.trigger');
    const clipboard = await panel.evaluate(() => navigator.clipboard.readText());
    expect(clipboard).toContain('await pusher.trigger("copy-a", "price", {');
    await Promise.all([page.close(), panel.close()]);
  });

  it('replays a selection in order (Shift-click), as fast as asked', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/e2e/basic.html?channel=seq`);
    const panel = await openPanel(env.browser, await tabIdOf(env.browser, page));
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'seq');
    for (const price of [1, 2, 3]) env.server.trigger('seq', 'price', { price });
    await page.waitForFunction(() => (window as unknown as Received).received.length === 3);
    await waitForRow(panel, 'price', 'seq');
    await panel.waitForFunction(() => document.querySelectorAll('.event-log [role=row][data-id]').length >= 6);
    const priceRows = panel.locator('.event-log [role=row][data-id]', { hasText: 'price' });
    await priceRows.nth(0).click();
    await priceRows.nth(2).click({ modifiers: ['Shift'] });
    await waitForText(panel, '.sequence-bar', '3 frames selected, 3 received');
    await panel.selectOption('.sequence-bar select', '10');
    await panel.click('.sequence-replay');
    await page.waitForFunction(() => (window as unknown as Received).received.length === 6);
    expect((await received(page)).map((r) => r.price)).toEqual([1, 2, 3, 1, 2, 3]);
    await waitForText(panel, '.sequence-progress', 'Replayed 3 / 3');
    await Promise.all([page.close(), panel.close()]);
  });

  it('never replays into a closed socket, and says why', async () => {
    const { page, panel } = await appWithPrice('replay-c');
    await page.evaluate(() => (window as unknown as { pusher: { disconnect(): void } }).pusher.disconnect());
    await waitForText(panel, '.replay', 'No open connection to replay into');
    expect(await panel.isDisabled('.replay-send')).toBe(true);
    expect(await received(page)).toHaveLength(1);
    await Promise.all([page.close(), panel.close()]);
  });
});

describe('client events', () => {
  it('are sent through the page connection and reach another client; broken rules are explained first', async () => {
    const other = await env.browser.context.newPage();
    await other.goto(`${env.server.origin}/e2e/client.html?channels=private-room&events=client-typing`);
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/e2e/client.html?channels=private-room,lobby`);
    const panel = await openPanel(env.browser, await tabIdOf(env.browser, page));
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'private-room');
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'lobby');
    await other.waitForFunction(() => (window as unknown as { pusher: { channel(n: string): { subscribed: boolean } } }).pusher.channel('private-room')?.subscribed);
    await panel.click('.view-tabs [data-view=channels]');
    await panel.click('.compose-open');

    await panel.selectOption('.composer select[aria-label=Channel]', 'lobby');
    await waitForText(panel, '.composer .rules', 'only allowed on private- and presence- channels');
    expect(await panel.isDisabled('.compose-send')).toBe(true);

    await panel.selectOption('.composer select[aria-label=Channel]', 'private-room');
    await panel.fill('.composer input[aria-label=Event]', 'client-typing');
    await panel.fill('.composer textarea', '{"who": "panel"}');
    await panel.click('.compose-send');
    await waitForText(panel, '.composer', 'Sent.');
    await other.waitForFunction(() => (window as unknown as Received).received.length === 1);
    expect(await other.evaluate(() => (window as unknown as { received: unknown[] }).received)).toEqual([
      { channel: 'private-room', event: 'client-typing', data: { who: 'panel' } },
    ]);
    await panel.click('.view-tabs [data-view=events]');
    await waitForRow(panel, 'client-typing', 'private-room');
    await Promise.all([page.close(), panel.close(), other.close()]);
  });
});
