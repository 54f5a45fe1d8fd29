import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { openPanel, tabIdOf } from './harness/browser';
import { showView, waitForRow, waitForText } from './harness/panel';
import { useServerAndBrowser } from './harness/setup';

const env = useServerAndBrowser();
const opened: Page[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((page) => page.close()));
});

/** FNV-1a over UTF-16 code units: the same in Node and in the page, so the page's copy can be checked whole. */
function fnv(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

type Received = { received: Array<{ channel: string; event: string; data: { report: string; rows: number } }> };

describe('frames of several megabytes', () => {
  it('real pusher-js gets a 5 MB event whole; the panel shows it cut, with its real size, name and channel', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/e2e/client.html?channels=reports&events=big-report,after`);
    const panel = await openPanel(env.browser, await tabIdOf(env.browser, page));
    opened.push(page, panel);
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'reports');

    // 2.5 Mi two-byte characters (U+00E0…U+00FF, varied so a corrupted copy shows): 5 MiB of UTF-8 in data.
    const report = Array.from({ length: 2.5 * 1024 * 1024 }, (_, i) => String.fromCharCode(0xe0 + ((i * 7) % 32))).join('');
    const payload = { report, rows: 3 };
    // The frame as the server sends it: data double-encoded, as the HTTP API delivers it.
    const frameBytes = Buffer.byteLength(JSON.stringify({ event: 'big-report', channel: 'reports', data: JSON.stringify(payload) }));
    expect(env.server.trigger('reports', 'big-report', payload)).toBe(1);

    // The page's handler got all of it, unchanged.
    await page.waitForFunction(() => (window as unknown as Received).received.length === 1, undefined, { timeout: 30_000 });
    const got = await page.evaluate(() => {
      const { data } = (window as unknown as Received).received[0] ?? { data: { report: '', rows: 0 } };
      let hash = 0x811c9dc5;
      for (let i = 0; i < data.report.length; i++) hash = Math.imul(hash ^ data.report.charCodeAt(i), 0x01000193) >>> 0;
      return { length: data.report.length, hash, rows: data.rows };
    });
    expect(got).toEqual({ length: report.length, hash: fnv(report), rows: 3 });

    // The log names it and gives its real size.
    await waitForRow(panel, 'big-report', 'reports', 30_000);
    const row = panel.locator('.event-log [role=row][data-id]', { hasText: 'big-report' });
    expect(await row.locator('.cell.size').textContent()).toBe('5.0 MB');
    expect(await row.locator('.cell.size').getAttribute('title')).toBe(`${frameBytes} bytes (UTF-8)`);

    // Its details say it was cut, and why its data is not shown decoded.
    await row.click();
    const details = await waitForText(panel, '.details', 'shown cut to 256 K characters');
    expect(details).toContain(`5.0 MB (${frameBytes} bytes UTF-8) — shown cut to 256 K characters`);
    expect(details).toContain('The page cut this 5.0 MB frame to its first 256 K characters');
    expect(await panel.locator('.details .copy-menu').count()).toBe(0);
    await panel.click('.details [role=tab]:has-text("Raw frame")');
    const raw = (await panel.textContent('.details pre.raw')) ?? '';
    expect(raw.length).toBe(256 * 1024);
    expect(raw.startsWith('{"event":"big-report","channel":"reports","data":"{\\"report\\":\\"')).toBe(true);

    // It is named as over Pusher's limit, and the panel keeps up with what follows.
    env.server.trigger('reports', 'after', { ok: true });
    await waitForRow(panel, 'after', 'reports');
    await page.waitForFunction(() => (window as unknown as Received).received.length === 2);
    await showView(panel, 'problems');
    await waitForText(panel, '.problems', "Event over Pusher's 10240-byte limit on reports");
  });
});
