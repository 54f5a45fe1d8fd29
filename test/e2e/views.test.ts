import { createServer } from 'node:net';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { openPanel, tabIdOf } from './harness/browser';
import { showView, waitForRow, waitForText } from './harness/panel';
import { useServerAndBrowser } from './harness/setup';

const env = useServerAndBrowser();
const opened: Page[] = [];

afterEach(async () => {
  env.server.setBehaviour({ authStatus: undefined, authHtml: false, ignorePings: false, refuseConnections: undefined });
  await Promise.all(opened.splice(0).map((page) => page.close()));
});

/** A page running real pusher-js (test/e2e/pages/client.html) and the panel for its tab. */
async function clientWithPanel(query: string): Promise<{ page: Page; panel: Page }> {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.origin}/e2e/client.html?${query}`);
  const panel = await openPanel(env.browser, await tabIdOf(env.browser, page));
  opened.push(page, panel);
  return { page, panel };
}

const pageStates = (page: Page) => page.evaluate(() => (window as unknown as { states: string[] }).states);

describe('Pusher views, with real pusher-js against the local env.server', () => {
  it('Presence: me, the members with their info, and joins and leaves', async () => {
    const { panel } = await clientWithPanel('channels=presence-room&user=alice');
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'presence-room');
    const bob = await env.browser.context.newPage();
    await bob.goto(`${env.server.origin}/e2e/client.html?channels=presence-room&user=bob`);
    await showView(panel, 'presence');
    const joined = await waitForText(panel, '.presence-channel[data-channel=presence-room]', '→ joined bob');
    expect(joined).toContain('2 members');
    expect(await panel.textContent('.members li.me')).toContain('alice');
    expect(await panel.textContent('.members')).toContain('{"name":"bob"}');
    await bob.close();
    const left = await waitForText(panel, '.presence-channel', '← left bob');
    expect(left).toContain('1 member');
  });

  it('Auth: an endpoint answering 403 is shown with its status, tied to the failed channel, and listed as a problem', async () => {
    env.server.setBehaviour({ authStatus: 403 });
    const { panel } = await clientWithPanel('channels=private-secret');
    await showView(panel, 'auth');
    const row = await waitForText(panel, '.auth-row[data-channel=private-secret]', '403');
    expect(row).toContain('POST');
    expect(row).toContain('/pusher/auth');
    await panel.click('.auth-row[data-channel=private-secret]');
    expect(await panel.textContent('.auth-details')).toContain('Forbidden');
    await showView(panel, 'channels');
    expect(await waitForText(panel, 'tr[data-channel=private-secret]', 'failed')).toContain('403');
    expect(await panel.textContent('.view-tabs [data-view=problems] .badge.severe')).toMatch(/^[1-9]/);
    await showView(panel, 'problems');
    await waitForText(panel, '.problems', 'Auth failed for private-secret');
  });

  it('Auth: an endpoint answering 200 with an HTML page is named as such', async () => {
    env.server.setBehaviour({ authHtml: true });
    const { panel } = await clientWithPanel('channels=private-login');
    await showView(panel, 'auth');
    const row = await waitForText(panel, '.auth-row[data-channel=private-login]', '200');
    expect(row).toMatch(/HTML/);
    await showView(panel, 'channels');
    await waitForText(panel, 'tr[data-channel=private-login]', 'failed');
  });

  it.each(['fetch-json', 'xhr-json'])('Auth: a custom handler posting JSON (%s, as Echo with axios) is captured', async (via) => {
    const { panel } = await clientWithPanel(`channels=private-custom-${via}&authVia=${via}`);
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', `private-custom-${via}`);
    await showView(panel, 'auth');
    const row = await waitForText(panel, `.auth-row[data-channel=private-custom-${via}]`, 'signed by');
    expect(row).toContain('200');
    await panel.click(`.auth-row[data-channel=private-custom-${via}]`);
    expect(await panel.textContent('.auth-details')).toContain(`via ${via.split('-')[0] === 'fetch' ? 'fetch' : 'xhr'}`);
  });

  it('Sockets only (no pusher-js instance): the views still work and say the states are inferred', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/e2e/inline-first.html`);
    const panel = await openPanel(env.browser, await tabIdOf(env.browser, page));
    opened.push(page, panel);
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'early-channel');
    await showView(panel, 'channels');
    const row = await waitForText(panel, 'tr[data-channel=early-channel]', 'subscribed');
    expect(row).toContain('n/a');
    await showView(panel, 'timeline');
    const lane = await waitForText(panel, '.lane[data-lane=inferred]', 'Now connected');
    expect(lane).toContain('inferred from the sockets');
  });

  it('Sizes: a 12 KB event is marked over the limit in the log and listed as a problem', async () => {
    const { panel } = await clientWithPanel('channels=reports');
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'reports');
    env.server.trigger('reports', 'update', { report: 'r'.repeat(12_000) });
    await waitForRow(panel, 'update', 'reports');
    const cell = await panel.$eval('.event-log [role=row][data-id] .cell.data.over-limit', (el) => el.textContent);
    expect(cell).toBe('11.7 kB');
    await showView(panel, 'problems');
    const text = await waitForText(panel, '.problems', 'over Pusher');
    expect(text).toContain('12013 bytes');
  });

  it('Timeline: a env.server close with 4001 is explained and pusher-js stops', async () => {
    const { page, panel } = await clientWithPanel('channels=news');
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'news');
    env.server.closeAll(4001, 'App key does not exist');
    await page.waitForFunction(() => (window as unknown as { states: string[] }).states.at(-1) === 'disconnected');
    await showView(panel, 'timeline');
    const lane = await waitForText(panel, '.lane', 'Now disconnected');
    expect(lane).toContain('Closed 4001');
    expect(lane).toMatch(/does not exist/i);
    await showView(panel, 'problems');
    await waitForText(panel, '.problems', '4001');
  });

  it('Timeline: a env.server close with 4100 is followed by a retry after 1 s and a new connection', async () => {
    const { page, panel } = await clientWithPanel('channels=news');
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'news');
    env.server.closeAll(4100, 'Over capacity');
    await page.waitForFunction(() => {
      const states = (window as unknown as { states: string[] }).states;
      return states.lastIndexOf('connected') > states.lastIndexOf('connecting') && states.filter((s) => s === 'connected').length === 2;
    });
    await showView(panel, 'timeline');
    const lane = await waitForText(panel, '.lane', /Dropped at .*\(Closed 4100 Over capacity\).*1 attempt/);
    expect(lane).toContain('Now connected');
    expect(lane).toContain('Retry in 1 s');
    // The page binds state_change after pusher-js may already be connecting, so only the tail is certain.
    expect((await pageStates(page)).slice(-3)).toEqual(['connected', 'connecting', 'connected']);
  });

  it('Timeline: an unreachable env.server drives pusher-js to unavailable', async () => {
    const closedPort = await freePort();
    const { page, panel } = await clientWithPanel(`wsPort=${closedPort}&unavailableTimeout=1500`);
    await page.waitForFunction(() => (window as unknown as { states: string[] }).states.includes('unavailable'));
    await showView(panel, 'timeline');
    const lane = await waitForText(panel, '.lane[data-lane=pusher-js]', 'Now unavailable');
    expect(lane).toContain('states from pusher-js');
  });

  it('Timeline: a env.server that never answers pings makes pusher-js reconnect (pong timeout)', async () => {
    env.server.setBehaviour({ ignorePings: true });
    const { page, panel } = await clientWithPanel('channels=quiet&activityTimeout=800&pongTimeout=800');
    await page.waitForFunction(() => (window as unknown as { states: string[] }).states.filter((s) => s === 'connected').length >= 2, undefined, { timeout: 15_000 });
    await showView(panel, 'timeline');
    await waitForText(panel, '.lane', 'no pong after pusher:ping (pong timeout)');
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
