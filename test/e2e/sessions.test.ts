import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPanel, tabIdOf } from './harness/browser';
import { showView, statusText, waitForRow, waitForText } from './harness/panel';
import { useServerAndBrowser } from './harness/setup';

const env = useServerAndBrowser();

/** Channel rows without the Handlers column, which is read from the page a second after events arrive. */
const channelRows = (panel: Page) =>
  panel.$$eval('.table-view tbody tr', (rows) => rows.map((row) => [...row.querySelectorAll('td')].slice(0, -1).map((td) => td.textContent)));

const members = (panel: Page) =>
  panel.$$eval('.presence-channel', (sections) =>
    sections.map((s) => [s.querySelector('h2')?.textContent, [...s.querySelectorAll('.member-id, .members .info')].map((m) => m.textContent)]),
  );

describe('sessions', () => {
  it('export (secrets redacted) then import reproduces the same views; a broken file is refused and loses nothing', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/e2e/client.html?channels=presence-room,ticker&user=alice`);
    const panel = await openPanel(env.browser, await tabIdOf(env.browser, page));
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'presence-room');
    env.server.trigger('ticker', 'update', { price: 7 });
    await waitForRow(panel, 'update', 'ticker');
    await showView(panel, 'channels');
    await waitForText(panel, '.table-view tbody', 'presence-room');
    const channelsBefore = await channelRows(panel);
    await showView(panel, 'presence');
    await waitForText(panel, '.presence-view', 'alice');
    const presenceBefore = await members(panel);
    await showView(panel, 'events');

    const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: 'Export session' }).click()]);
    const exported = await readFile((await download.path()) ?? '', 'utf8');
    const file = JSON.parse(exported);
    expect(file).toMatchObject({ format: 'pusher-devtools-session', version: 1, redacted: true });
    expect(exported).not.toMatch(/demo-key:[0-9a-f]{64}/);
    expect(exported).toContain('[redacted]');
    await page.close();

    // A broken file: a clear message, and the panel keeps what it shows.
    const framesBefore = /^\d+ frames/.exec(await statusText(panel))?.[0];
    await panel.setInputFiles('input[type=file]', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "pusher-devtools-session", "version": 1, "pages": {}') });
    await waitForText(panel, '.status-bar', 'broken.json: The file is not JSON');
    expect(/^\d+ frames/.exec(await statusText(panel))?.[0]).toBe(framesBefore);

    await panel.click('.tool.clear');
    await panel.waitForFunction(() => document.querySelector('.status-bar')?.textContent?.startsWith('0 frames'));
    const [chooser] = await Promise.all([panel.waitForEvent('filechooser'), panel.getByRole('button', { name: 'Import session' }).click()]);
    await chooser.setFiles({ name: 'session.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await waitForText(panel, '.status-bar', /Imported \d+ records from session.json/);
    await showView(panel, 'channels');
    await waitForText(panel, '.table-view tbody', 'presence-room');
    expect(await channelRows(panel)).toEqual(channelsBefore);
    await showView(panel, 'presence');
    await waitForText(panel, '.presence-view', 'alice');
    // channel_data was redacted, so the import cannot know which member was "me"; the members are the same.
    expect(await members(panel)).toEqual(presenceBefore);
    await showView(panel, 'events');
    expect(await statusText(panel)).not.toMatch(/not in the imported file|dropped by the page/);

    // A file that skips a record (dropped before it was saved) says so, and does not blame the page's buffer.
    const gapped = structuredClone(file) as { pages: Array<{ records: unknown[] }> };
    const records = gapped.pages[0]!.records;
    records.splice(1, 1);
    await panel.setInputFiles('input[type=file]', { name: 'gapped.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(gapped)) });
    await waitForText(panel, '.status-bar', '1 records not in the imported file');
    expect(await statusText(panel)).not.toMatch(/dropped by the page/);
    await panel.close();
  });

  it("imports a HAR file's Pusher frames, which can be replayed into the live page", async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/e2e/basic.html`);
    const panel = await openPanel(env.browser, await tabIdOf(env.browser, page));
    const url = `ws://127.0.0.1:1/app/har-key?protocol=7&client=js&version=8.6.0&flash=false`;
    const har = {
      log: {
        entries: [
          {
            startedDateTime: new Date().toISOString(),
            request: { url },
            _webSocketMessages: [
              { type: 'receive', time: Date.now() / 1000, opcode: 1, data: '{"event":"pusher:connection_established","data":"{\\"socket_id\\":\\"1.2\\",\\"activity_timeout\\":120}"}' },
              { type: 'send', time: Date.now() / 1000, opcode: 1, data: '{"event":"pusher:subscribe","data":{"auth":"","channel":"from-har"}}' },
              { type: 'receive', time: Date.now() / 1000, opcode: 1, data: '{"event":"pusher_internal:subscription_succeeded","channel":"from-har","data":"{}"}' },
              { type: 'receive', time: Date.now() / 1000, opcode: 1, data: '{"event":"price","channel":"ticker","data":"{\\"from\\":\\"har\\"}"}' },
            ],
          },
        ],
      },
    };
    await panel.setInputFiles('input[type=file]', { name: 'capture.har', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(har)) });
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'from-har');
    // The live page (basic.html listens for price on ticker) gets the imported event.
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'ticker');
    await panel.click('.event-log [role=row][data-id] >> text=price');
    await panel.click('.replay-send');
    await page.waitForFunction(() => (window as unknown as { received: unknown[] }).received.length === 1);
    expect(await page.evaluate(() => (window as unknown as { received: unknown[] }).received)).toEqual([{ from: 'har' }]);
    await Promise.all([page.close(), panel.close()]);
  });

  it('clears the log on reload by default, and with Preserve log keeps it with a marker at the navigation', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/e2e/basic.html?channel=nav-a`);
    const panel = await openPanel(env.browser, await tabIdOf(env.browser, page));
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'nav-a');
    // A frame selected before the reload: the cleared log's ids are never given again, so the selection cannot
    // land on the new page's frame in the same place.
    await panel.locator('.event-log [role=row][data-id]', { hasText: 'nav-a' }).last().click();
    await panel.waitForSelector('.details');

    await page.goto(`${env.server.origin}/e2e/basic.html?channel=nav-b`);
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'nav-b');
    expect(await panel.$$eval('.event-log .cell.channel', (cells) => cells.map((c) => c.textContent))).not.toContain('nav-a');
    expect(await panel.locator('.details').count()).toBe(0);
    expect(await panel.locator('.event-log [aria-selected=true]').count()).toBe(0);

    await panel.check('.preserve input');
    await page.goto(`${env.server.origin}/e2e/basic.html?channel=nav-c`);
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'nav-c');
    const rows = await panel.$$eval('.event-log [role=row][data-id]', (all) => all.map((r) => r.textContent ?? ''));
    const marker = rows.findIndex((r) => r.includes('Navigated to'));
    expect(rows[marker]).toContain('channel=nav-c');
    expect(rows.slice(0, marker).some((r) => r.includes('nav-b'))).toBe(true);
    expect(rows.slice(marker).some((r) => r.includes('nav-c'))).toBe(true);
    await Promise.all([page.close(), panel.close()]);
  });
});
