import { beforeAll, describe, expect, it } from 'vitest';
import { openPanel, tabIdOf } from './harness/browser';
import { setFilter, statusText, visibleRows, waitForRow } from './harness/panel';
import { buildBundledApp } from './harness/server';
import { useServerAndBrowser } from './harness/setup';

const env = useServerAndBrowser();

// The bundled app is built once, as an app's own build would.
beforeAll(buildBundledApp);

const pageUrl = (path: string) => `${env.server.origin}/e2e/${path}`;

async function openApp(path: string) {
  const page = await env.browser.context.newPage();
  await page.goto(pageUrl(path));
  return page;
}

type Tab = Awaited<ReturnType<typeof openApp>>;

/**
 * Sends `events` into `channel` as fast as the server can, watching the most the panel's status bar ever says is held;
 * resolves once the page has received them all, with the log's frame count from before.
 */
async function burstInto(page: Tab, panel: Tab, channel: string, events: number) {
  await panel.evaluate(() => {
    const seen = { max: 0 };
    (window as unknown as { heldSeen: typeof seen }).heldSeen = seen;
    new MutationObserver(() => {
      const held = Number(/([\d,]+) records held back/.exec(document.querySelector('.status-bar')?.textContent ?? '')?.[1]?.replaceAll(',', '') ?? 0);
      seen.max = Math.max(seen.max, held);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const before = Number(/(\d+) frames/.exec(await statusText(panel))?.[1]);
  for (let i = 0; i < events; i++) env.server.trigger(channel, 'price', { i });
  await page.waitForFunction((n) => (window as unknown as { received: unknown[] }).received.length === n, events, { timeout: 60_000 });
  return { before, heldMax: () => panel.evaluate(() => (window as unknown as { heldSeen: { max: number } }).heldSeen.max) };
}

describe('capture', () => {
  it('shows the frames of real pusher-js live: handshake, subscription and events, with decoded data', async () => {
    const page = await openApp('basic.html');
    const panel = await openPanel(env.browser, await tabIdOf(env.browser, page));
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'ticker');
    // A live event, sent after the panel is open.
    env.server.trigger('ticker', 'price', { symbol: 'PSH', price: 42.5 });
    await waitForRow(panel, 'price', 'ticker');
    await page.waitForFunction(() => (window as unknown as { received: unknown[] }).received.length === 1);

    const rows = await visibleRows(panel);
    expect(rows.map((r) => `${r.dir} ${r.event}`)).toEqual(
      expect.arrayContaining(['↓ pusher:connection_established', '↑ pusher:subscribe', '↓ price']),
    );
    const price = rows.find((r) => r.event === 'price');
    const frameText = JSON.stringify({ event: 'price', channel: 'ticker', data: JSON.stringify({ symbol: 'PSH', price: 42.5 }) });
    expect(price?.size).toBe(`${new TextEncoder().encode(frameText).length} B`);

    await panel.click('.event-log [role=row][data-id] >> text=price');
    await panel.waitForSelector('.details');
    const details = await panel.textContent('.details');
    expect(details).toContain('double-encoded');
    expect(await panel.textContent('.details .json')).toContain('42.5');
    expect(await panel.textContent('.connections')).toMatch(/pusher-js demo-key: connected/);
    await Promise.all([page.close(), panel.close()]);
  });

  it('shows frames sent before the panel was opened', async () => {
    const page = await openApp('basic.html?channel=early-bird');
    await page.waitForFunction(() => (window as unknown as { pusher: { channel(n: string): { subscribed: boolean } } }).pusher.channel('early-bird')?.subscribed);
    env.server.trigger('early-bird', 'price', { n: 1 });
    await page.waitForFunction(() => (window as unknown as { received: unknown[] }).received.length === 1);

    const panel = await openPanel(env.browser, await tabIdOf(env.browser, page));
    await waitForRow(panel, 'price', 'early-bird');
    await waitForRow(panel, 'pusher:connection_established');
    expect(await statusText(panel)).not.toContain('dropped');
    await Promise.all([page.close(), panel.close()]);
  });

  it("says how many records the page's bounded buffer dropped before the panel opened", async () => {
    const page = await openApp('basic.html?channel=flood');
    await page.waitForFunction(() => (window as unknown as { pusher: { channel(n: string): { subscribed: boolean } } }).pusher.channel('flood')?.subscribed);
    for (let i = 0; i < 6_000; i++) env.server.trigger('flood', 'price', { i });
    await page.waitForFunction(() => (window as unknown as { received: unknown[] }).received.length === 6_000, undefined, { timeout: 30_000 });

    const panel = await openPanel(env.browser, await tabIdOf(env.browser, page));
    // 6,000 events plus a handful of connection records: the page kept only its last 5,000 records.
    // The buffer arrives in slices that may take more than one render: wait for all of it.
    await panel.waitForFunction(() => {
      const text = document.querySelector('.status-bar')?.textContent ?? '';
      return /\d+ earlier records dropped/.test(text) && Number(/(\d+) frames/.exec(text)?.[1]) > 4_950;
    });
    const status = await statusText(panel);
    const dropped = Number(/(\d+) earlier records dropped/.exec(status)?.[1]);
    const shown = Number(/(\d+) frames/.exec(status)?.[1]);
    expect(dropped).toBeGreaterThanOrEqual(1_000);
    expect(dropped).toBeLessThan(1_050);
    expect(shown).toBeGreaterThan(4_950);
    expect(shown).toBeLessThanOrEqual(5_000);
    // The newest survived, the oldest did not.
    await setFilter(panel, ':5999}');
    await panel.waitForFunction(() => document.querySelector('.status-bar')?.textContent?.startsWith('1 / '));
    await setFilter(panel, ':0}');
    await panel.waitForFunction(() => document.querySelector('.status-bar')?.textContent?.startsWith('0 / '));
    await Promise.all([page.close(), panel.close()]);
  });

  it('holds records back while the page is busy with a burst, says how many, and then delivers every one', async () => {
    const page = await openApp('basic.html?channel=burst');
    const panel = await openPanel(env.browser, await tabIdOf(env.browser, page));
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'burst');
    // Long enough (seconds here) for the page's once-a-second count to say thousands are held.
    const events = 30_000;
    const { before, heldMax } = await burstInto(page, panel, 'burst', events);
    // Once the page is idle, everything held arrives and the notice goes.
    await panel.waitForFunction((n) => {
      const text = document.querySelector('.status-bar')?.textContent ?? '';
      return Number(/(\d+) frames/.exec(text)?.[1]) >= n && !/held back/.test(text);
    }, before + events, { timeout: 60_000 });
    expect(await heldMax()).toBeGreaterThanOrEqual(2_000);
    const status = await statusText(panel);
    expect(Number(/(\d+) frames/.exec(status)?.[1])).toBe(before + events);
    expect(status).not.toMatch(/dropped|malformed/);
    await setFilter(panel, ':29999}');
    await panel.waitForFunction(() => document.querySelector('.status-bar')?.textContent?.startsWith('1 / '));
    await Promise.all([page.close(), panel.close()]);
  });

  it('relays a flood live once "Hold floods" is unchecked, and keeps that choice for the next panel', async () => {
    const page = await openApp('basic.html?channel=live-burst');
    const tabId = await tabIdOf(env.browser, page);
    const first = await openPanel(env.browser, tabId);
    await waitForRow(first, 'pusher_internal:subscription_succeeded', 'live-burst');
    const box = '.status-bar .hold-floods input';
    expect(await first.isChecked(box)).toBe(true);
    await first.uncheck(box);
    await first.close();
    // A new panel starts with the choice, and says it to the page as it connects, before the page's history comes.
    const panel = await openPanel(env.browser, tabId);
    try {
      await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'live-burst');
      expect(await panel.isChecked(box)).toBe(false);
      // The burst the test above sees held back by thousands.
      const events = 30_000;
      const { before, heldMax } = await burstInto(page, panel, 'live-burst', events);
      await panel.waitForFunction((n) => Number(/(\d+) frames/.exec(document.querySelector('.status-bar')?.textContent ?? '')?.[1]) >= n, before + events, { timeout: 60_000 });
      expect(await heldMax()).toBe(0);
      const status = await statusText(panel);
      expect(Number(/(\d+) frames/.exec(status)?.[1])).toBe(before + events);
      expect(status).not.toMatch(/dropped|malformed|held back/);
    } finally {
      // The choice outlives the panel: put the default back for the tests after this one.
      await panel.check(box);
      await Promise.all([page.close(), panel.close()]);
    }
  });

  it('offers the 200 most frequent event names in the Event menu and says how many more there are', async () => {
    const page = await openApp('basic.html?channel=many-names');
    const panel = await openPanel(env.browser, await tabIdOf(env.browser, page));
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'many-names');
    for (let i = 0; i < 3; i++) env.server.trigger('many-names', 'hot', { i });
    for (let i = 0; i < 250; i++) env.server.trigger('many-names', `name-${i}`, { i });
    // The handshake, the subscription and its answer, then the 253 events.
    await panel.waitForFunction(() => Number(/^(\d+) frames/.exec(document.querySelector('.status-bar')?.textContent ?? '')?.[1]) >= 256);
    const menu = 'select[aria-label="Event"] option';
    // Every event name in the log is either offered or counted: 250 + hot + the protocol's own.
    const accounted = (names: number) =>
      panel.waitForFunction(
        ([selector, n]) => {
          const all = [...document.querySelectorAll(selector as string)];
          const more = Number(/… ([\d,]+) more: type event:name in the filter/.exec(all.at(-1)?.textContent ?? '')?.[1]?.replace(',', '') ?? NaN);
          return all.length - 2 + more >= (n as number);
        },
        [menu, names] as const,
      );
    await accounted(251 + 2);
    // A long menu is rebuilt at most once a second while the log grows: names that come right after a rebuild are
    // counted by the one after the log stops growing.
    for (let i = 0; i < 10; i++) env.server.trigger('many-names', `late-${i}`, { i });
    await accounted(261 + 2);
    const options = await panel.$$eval(menu, (all) => all.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '', disabled: (o as HTMLOptionElement).disabled })));
    // "All events", 200 names, and the line that says what is left out (which cannot be chosen).
    expect(options).toHaveLength(202);
    expect(options.slice(1, -1).map((o) => o.value)).toContain('hot');
    const more = Number(/… ([\d,]+) more/.exec(options.at(-1)?.text ?? '')?.[1]?.replace(',', ''));
    const named = new Set(options.slice(1, -1).map((o) => o.value));
    expect(options.at(-1)?.disabled).toBe(true);
    expect(named.size + more).toBeGreaterThanOrEqual(251 + 2);
    await panel.selectOption('select[aria-label="Event"]', 'hot');
    await panel.waitForFunction(() => document.querySelector('.status-bar')?.textContent?.startsWith('3 / '));
    // A name left out of the menu is still one filter away (name-25 to name-99: no other name contains one of them;
    // equal counts are taken in name order, so these come last).
    const hidden = Array.from({ length: 75 }, (_, i) => `name-${99 - i}`).find((name) => !named.has(name)) as string;
    expect(hidden).toBeDefined();
    await panel.selectOption('select[aria-label="Event"]', '');
    await setFilter(panel, `event:${hidden}`);
    await panel.waitForFunction(() => document.querySelector('.status-bar')?.textContent?.startsWith('1 / '));
    await Promise.all([page.close(), panel.close()]);
  });

  it('follows a stream by rewriting its rows in place: none added, removed or moved once the view is full', async () => {
    const page = await openApp('basic.html?channel=steady');
    const panel = await openPanel(env.browser, await tabIdOf(env.browser, page));
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'steady');
    const before = Number(/(\d+) frames/.exec(await statusText(panel))?.[1]);
    const send = async (from: number, to: number) => {
      for (let i = from; i < to; i++) env.server.trigger('steady', `step-${i}`, { i });
      await panel.waitForFunction((n) => Number(/(\d+) frames/.exec(document.querySelector('.status-bar')?.textContent ?? '')?.[1]) >= n, before + to);
    };
    // More than a screenful, so that every row of the view is drawn.
    await send(0, 100);
    await panel.evaluate(() => {
      const changes = { nodes: 0 };
      (window as unknown as { rowChanges: typeof changes }).rowChanges = changes;
      new MutationObserver((records) => {
        for (const record of records) changes.nodes += record.addedNodes.length + record.removedNodes.length;
      }).observe(document.querySelector('.virtual-rows') as Element, { childList: true });
    });
    // Several commits, each bringing a few new rows.
    for (let step = 0; step < 5; step++) await send(100 + step * 7, 100 + (step + 1) * 7);
    expect(await panel.evaluate(() => (window as unknown as { rowChanges: { nodes: number } }).rowChanges.nodes)).toBe(0);
    // Where each row shows follows its index, the newest at the bottom of the view.
    const shown = await panel.$$eval('.event-log [role=row][data-id]', (rows) =>
      rows
        .map((row) => ({ top: row.getBoundingClientRect().top, index: Number(row.getAttribute('aria-rowindex')), event: row.querySelector('.cell.event')?.textContent }))
        .sort((a, b) => a.top - b.top),
    );
    expect(shown.map((row) => row.index)).toEqual(shown.map((_, i) => (shown[0]?.index ?? 0) + i));
    expect(shown.at(-1)?.event).toBe('step-134');
    const list = await panel.$eval('.virtual-list', (element) => element.getBoundingClientRect().bottom);
    expect(shown.at(-1)?.top).toBeLessThan(list);
    await Promise.all([page.close(), panel.close()]);
  });

  it('scrolls the log on the compositor: its rows are a layer of their own, which a scroll moves without repainting', async () => {
    const page = await openApp('basic.html?channel=steady');
    const panel = await openPanel(env.browser, await tabIdOf(env.browser, page));
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'steady');
    const before = Number(/(\d+) frames/.exec(await statusText(panel))?.[1]);
    for (let i = 0; i < 100; i++) env.server.trigger('steady', `step-${i}`, { i });
    await panel.waitForFunction((n) => Number(/(\d+) frames/.exec(document.querySelector('.status-bar')?.textContent ?? '')?.[1]) >= n, before + 100);
    const cdp = await panel.context().newCDPSession(panel);
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '.virtual-list' });
    const { node } = await cdp.send('DOM.describeNode', { nodeId });
    type Layer = { backendNodeId?: number; height: number; drawsContent: boolean };
    // The newest layer tree Chromium reported: each report lists every layer.
    let layers: Layer[] = [];
    cdp.on('LayerTree.layerTreeDidChange', (event: { layers?: Layer[] }) => void (event.layers && (layers = event.layers)));
    await cdp.send('LayerTree.enable');
    const listHeight = await panel.$eval('.virtual-list', (element) => element.clientHeight);
    // The scrolling contents: taller than the list, and painted into their own layer.
    const rowsLayer = () => layers.some((layer) => layer.backendNodeId === node.backendNodeId && layer.drawsContent && layer.height > listHeight);
    await expect
      .poll(async () => {
        // A scroll makes Chromium report the tree again.
        await panel.evaluate(() => void ((document.querySelector('.virtual-list') as HTMLElement).scrollTop -= 5));
        return rowsLayer();
      }, { timeout: 10_000 })
      .toBe(true);
    await Promise.all([page.close(), panel.close()]);
  });

  it("captures a socket created by the page's first inline <head> script", async () => {
    const page = await openApp('inline-first.html');
    await page.waitForFunction(() => (window as unknown as { earlyFrames: string[] }).earlyFrames.includes('pusher_internal:subscription_succeeded'));
    const panel = await openPanel(env.browser, await tabIdOf(env.browser, page));
    await waitForRow(panel, 'pusher:connection_established');
    await waitForRow(panel, 'pusher:subscribe');
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'early-channel');
    await Promise.all([page.close(), panel.close()]);
  });

  it("captures an iframe's socket, from another origin", async () => {
    const page = await openApp('iframe.html');
    const panel = await openPanel(env.browser, await tabIdOf(env.browser, page));
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'frame-channel');
    expect(await panel.textContent('.connections')).toContain('iframe');
    await Promise.all([page.close(), panel.close()]);
  });

  it('captures pusher-js bundled into the app', async () => {
    const page = await openApp('bundled.html');
    const panel = await openPanel(env.browser, await tabIdOf(env.browser, page));
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'bundled-channel');
    env.server.trigger('bundled-channel', 'price', { bundled: true });
    await waitForRow(panel, 'price', 'bundled-channel');
    await page.waitForFunction(() => (window as unknown as { received: unknown[] }).received.length === 1);
    await Promise.all([page.close(), panel.close()]);
  });

  it('captures Laravel Echo on pusher-js, private channel auth included', async () => {
    const page = await openApp('echo.html');
    const panel = await openPanel(env.browser, await tabIdOf(env.browser, page));
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'orders');
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'private-orders.1');
    env.server.trigger('private-orders.1', 'order.paid', { id: 1 });
    await waitForRow(panel, 'order.paid', 'private-orders.1');
    await page.waitForFunction(() => (window as unknown as { received: unknown[] }).received.length === 1);
    expect(await panel.textContent('.connections')).toMatch(/pusher-js demo-key: connected/);
    await Promise.all([page.close(), panel.close()]);
  });
});
