import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../src/core/messages/envelopes';
import { tabIdOf } from './harness/browser';
import { setFilter, showView, waitForRow, waitForText } from './harness/panel';
import { useServerAndBrowser } from './harness/setup';

// A page is untrusted. It shares the MAIN world with the extension's hook, so it can make the hook record made-up
// traffic about its own tab (the panel shows it, as it shows anything the page's own code does), but nothing more:
// no markup in the panel, no commands, nothing in another tab's panel, no frozen panel.

const env = useServerAndBrowser();
const opened: Page[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((page) => page.close()));
});

const MARKUP = '<img src=x onerror=__pwned=1 class=hm><script>__pwned=2</' + 'script>';
const USER = '<img src=x onerror=__pwned=4 class=hm>';

interface Hostile {
  received: Array<{ channel: string; event: string }>;
  extensionHeard: number;
  hijackHeard: number;
  stolenPorts: unknown[];
  forge(pageId: string, records: unknown[], extra?: Record<string, unknown>): void;
  forgeContent(message: Record<string, unknown>): void;
  forgePort(message: Record<string, unknown>): void;
  settle(): Promise<true>;
  openSocket(key?: string): Promise<WebSocket>;
  fakeIncoming(socket: WebSocket, frames: unknown[]): void;
  fakeMarkupSession(): Promise<true>;
}
type Win = Window & Hostile;

async function openPage(path: string): Promise<Page> {
  const page = await env.browser.context.newPage();
  opened.push(page);
  // The hostile page forges messages of the protocol version the extension speaks.
  await page.goto(`${env.server.origin}/e2e/${path}${path.includes('?') ? '&' : '?'}v=${PROTOCOL_VERSION}`);
  return page;
}

async function panelFor(page: Page): Promise<Page> {
  const panel = await env.browser.context.newPage();
  opened.push(panel);
  // Before the panel's own scripts: anything injected that tries to run is reported by the panel's CSP.
  await panel.addInitScript(() => {
    const w = window as unknown as { violations: string[] };
    w.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.violations.push(`${e.violatedDirective} ${e.sample}`));
  });
  await panel.goto(`chrome-extension://${env.browser.extensionId}/src/panel/panel.html?tabId=${await tabIdOf(env.browser, page)}`);
  return panel;
}

type Exported = { pages: Array<{ pageId: string; origin: { frameId: number }; records: Array<{ type: string }> }> };

/** What the panel holds, as its export writes it (page ids included, which the page itself never gets to see). */
async function exported(panel: Page): Promise<Exported> {
  const [download] = await Promise.all([panel.waitForEvent('download'), panel.click('.tool.export')]);
  return JSON.parse(await readFile((await download.path()) ?? '', 'utf8')) as Exported;
}

/** The page id of the top frame's hook. */
async function topPageId(panel: Page): Promise<string> {
  const id = (await exported(panel)).pages.find((p) => p.origin.frameId === 0)?.pageId;
  if (!id) throw new Error('the panel has no page of the top frame');
  return id;
}

/** Anything the page's text became in the panel other than text. */
const injected = (panel: Page) =>
  panel.evaluate(() => ({
    elements: [...document.querySelectorAll('.hm, [onerror], #app img, #app script, #app iframe, #app object, #app a[href^="javascript"]')].map((e) => e.outerHTML),
    pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
    violations: (window as unknown as { violations: string[] }).violations,
  }));

const rowCount = (panel: Page, event: string) =>
  panel.$$eval('.event-log [role=row][data-id] .cell.event', (cells, e) => cells.filter((c) => c.textContent === e).length, event);

/** Selects the log's row for this event and channel (rows select on mousedown). */
const selectRow = (panel: Page, event: string, channel: string) =>
  panel.evaluate(
    ([e, c]) => {
      const rows = [...document.querySelectorAll<HTMLElement>('.event-log [role=row][data-id]')];
      const row = rows.find((r) => r.querySelector('.cell.event')?.textContent === e && r.querySelector('.cell.channel')?.textContent === c);
      row?.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    },
    [event, channel] as const,
  );

describe('a hostile page', () => {
  it('markup in event names, channel names, payloads, member info, URLs and errors is shown as text in every view', async () => {
    const page = await openPage(`hostile.html?channels=presence-hostile&user=${encodeURIComponent(USER)}`);
    const panel = await panelFor(page);
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'presence-hostile');
    // From the server, through real pusher-js: an event named with markup, markup in its data.
    env.server.trigger('presence-hostile', MARKUP, { html: MARKUP, [MARKUP]: [MARKUP] });
    await waitForRow(panel, MARKUP, 'presence-hostile');
    // Made up by the page on a socket of its own: markup in every field the panel shows.
    await page.evaluate(() => (window as unknown as Win).fakeMarkupSession());
    await waitForRow(panel, MARKUP, MARKUP);
    // Details of both events: the raw frame and the JSON tree, opened all the way.
    for (const channel of ['presence-hostile', MARKUP]) {
      await selectRow(panel, MARKUP, channel);
      await waitForText(panel, '.details', MARKUP);
      await panel.$$eval('.details .json-toggle[aria-expanded=false]', (buttons) => buttons.forEach((b) => (b as HTMLElement).click()));
      expect(await injected(panel)).toEqual({ elements: [], pwned: null, violations: [] });
    }
    await setFilter(panel, `channel:${MARKUP}`);
    await panel.waitForFunction(() => /^[\d,]+ \/ [\d,]+ frames/.test(document.querySelector('.status-bar')?.textContent ?? ''));
    await setFilter(panel, '');
    await showView(panel, 'timeline');
    await waitForText(panel, '.timeline, .view-body', MARKUP);
    await showView(panel, 'channels');
    await waitForText(panel, '.table-view', MARKUP);
    await showView(panel, 'presence');
    await waitForText(panel, '.presence-view', USER);
    await waitForText(panel, '.presence-view', `${MARKUP}-2`);
    await showView(panel, 'auth');
    await waitForText(panel, '.view-body', MARKUP);
    await panel.click('.auth-row');
    await waitForText(panel, '.auth-details', MARKUP);
    await showView(panel, 'problems');
    await waitForText(panel, '.problems', MARKUP);
    expect(await panel.textContent('.connections')).toContain(MARKUP);
    expect(await injected(panel)).toEqual({ elements: [], pwned: null, violations: [] });
  });

  it('cannot command its own sockets through the hook, nor hand the hook a port of its own, nor hear the extension', async () => {
    // ?hijack: the page's first script patches MessageEvent and Event, and posts a port of its own before anything.
    const page = await openPage('hostile.html?channels=hostile-commands&hijack');
    const panel = await panelFor(page);
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'hostile-commands');
    // The strongest attacker: it even knows its hook's page id (the test tells it) and its socket (the first).
    const pageId = await topPageId(panel);
    await page.evaluate(async (id) => {
      const w = window as unknown as Win;
      const text = JSON.stringify({ event: 'forged-replay', channel: 'hostile-commands', data: '{}' });
      const commands = [
        { cid: 1, type: 'replay', sid: 1, text },
        { cid: 2, type: 'incoming', mode: 'drop', seconds: 600, delayMs: 0 },
        { cid: 3, type: 'send', sid: 1, text: JSON.stringify({ event: 'client-forged', channel: 'hostile-commands', data: {} }) },
        { cid: 4, type: 'offline', seconds: 600 },
      ];
      // Exactly what the content script says to the hook, on window and on the ports the page tried to hand over.
      for (const command of commands) {
        w.forgeContent({ kind: 'command', pageId: id, command });
        w.forgePort({ kind: 'command', pageId: id, command });
      }
      // A detach would stop the hook streaming to the open panel.
      w.forgeContent({ kind: 'detach' });
      w.forgePort({ kind: 'detach' });
      await w.settle();
    }, pageId);
    // Whatever the hook did with those, it did before this event: the panel still hears the page (no detach) and
    // the page still gets its frames (no drop, not offline).
    env.server.trigger('hostile-commands', 'after-forgery', { n: 1 });
    await waitForRow(panel, 'after-forgery', 'hostile-commands');
    await page.waitForFunction(() => (window as unknown as Win).received.some((r) => r.event === 'after-forgery'));
    const seen = await page.evaluate(() => {
      const w = window as unknown as Win;
      return { received: w.received.map((r) => r.event), extensionHeard: w.extensionHeard, hijackHeard: w.hijackHeard, stolen: w.stolenPorts.length };
    });
    expect(seen).toEqual({ received: ['pusher:subscription_succeeded', 'after-forgery'], extensionHeard: 0, hijackHeard: 0, stolen: 0 });
    expect(await rowCount(panel, 'forged-replay')).toBe(0);
    expect(await rowCount(panel, 'client-forged')).toBe(0);
    const types = (await exported(panel)).pages.flatMap((p) => p.records.map((r) => r.type));
    expect(types).not.toContain('command-result');
    expect(types).not.toContain('fault');
  });

  it("cannot command another tab's sockets, nor reach another tab's panel", async () => {
    const victim = await openPage('client.html?channels=victim');
    const victimPanel = await panelFor(victim);
    await waitForRow(victimPanel, 'pusher_internal:subscription_succeeded', 'victim');
    const hostile = await openPage('hostile.html?channels=hostile-neighbour');
    const hostilePanel = await panelFor(hostile);
    await waitForRow(hostilePanel, 'pusher_internal:subscription_succeeded', 'hostile-neighbour');
    // It even knows the victim's page id and tab (the test tells it).
    const victimPageId = await topPageId(victimPanel);
    const victimTab = await tabIdOf(env.browser, victim);
    await hostile.evaluate(
      async ({ pageId, tabId, v }) => {
        const w = window as unknown as Win;
        const command = { cid: 1, type: 'replay', sid: 1, text: JSON.stringify({ event: 'forged-replay', channel: 'victim', data: '{}' }) };
        const frame = { event: 'forged-for-victim', channel: 'victim', data: '{}' };
        const claims = { tabId, frameId: 0, origin: { frameId: 0, url: 'http://victim/' } };
        // Records claiming to be the victim's page, its tab and its frame, on window.
        w.forge(pageId, [{ seq: 1_000_000, t: Date.now(), type: 'frame', sid: 1, dir: 'in', text: JSON.stringify(frame) }], claims);
        // Every command shape there is, on window: as the content script would post it, as the panel would send it
        // to the background, and as the background would send it to a content script.
        w.forgeContent({ kind: 'command', pageId, command, ...claims });
        window.postMessage({ source: 'pusher-devtools:page', v, pageId, kind: 'command', command, ...claims }, '*');
        window.postMessage({ v, kind: 'command', pageId, command, ...claims }, '*');
        // Made-up traffic through its own hook, about the victim's channel: that one is the page's to make.
        w.fakeIncoming(await w.openSocket(), [frame]);
        await w.settle();
      },
      { pageId: victimPageId, tabId: victimTab, v: PROTOCOL_VERSION },
    );
    // The made-up frame was deliverable: the hostile tab's own panel shows it.
    await waitForRow(hostilePanel, 'forged-for-victim', 'victim');
    // The victim's panel and page hear the server after all that, and nothing of the hostile page.
    env.server.trigger('victim', 'update', { n: 1 });
    await waitForRow(victimPanel, 'update', 'victim');
    await victim.waitForFunction(() => (window as unknown as Win).received.length === 1);
    expect(await victim.evaluate(() => (window as unknown as Win).received.map((r) => r.event))).toEqual(['update']);
    expect(await rowCount(victimPanel, 'forged-for-victim')).toBe(0);
    expect(await rowCount(victimPanel, 'forged-replay')).toBe(0);
    expect(await rowCount(hostilePanel, 'forged-for-victim')).toBe(1);
    expect(await victimPanel.$$eval('.connections .chip.socket', (chips) => chips.length)).toBe(1);
  });

  it('a flood of made-up frames and sockets is bounded and counted, forged messages go nowhere, and the panel stays usable', async () => {
    const page = await openPage('hostile.html?channels=hostile-flood');
    const panel = await panelFor(page);
    await waitForRow(panel, 'pusher_internal:subscription_succeeded', 'hostile-flood');
    await page.evaluate(async () => {
      const w = window as unknown as Win;
      // 20,000 forged page contexts on window, one socket each.
      for (let i = 0; i < 20_000; i++) w.forge(`forged-${i}`, [{ seq: 1, t: Date.now(), type: 'socket', sid: 1, url: 'wss://ws-mt1.pusher.com/app/forged?protocol=7' }]);
      // Through the hook: 200,000 made-up frames on a socket of the page's own, and 2,000 sockets that never connect.
      const socket = await w.openSocket();
      const text = JSON.stringify({ event: 'flood', channel: 'flood', data: '{"n":1}' });
      for (let i = 0; i < 200_000; i++) socket.dispatchEvent(new MessageEvent('message', { data: text }));
      for (let i = 0; i < 2_000; i++) new WebSocket('ws://127.0.0.1:9/app/flood?protocol=7');
    });
    env.server.trigger('hostile-flood', 'after-flood', { n: 1 });
    await waitForRow(panel, 'after-flood', 'hostile-flood', 60_000);
    // Every frame of the flood is counted: shown, or dropped by the log's bound and said so.
    const status = await waitForText(panel, '.status-bar', /frames/);
    const counted = (pattern: RegExp) => Number(pattern.exec(status)?.[1]?.replaceAll(',', '') ?? 0);
    expect(counted(/^([\d,]+) frames/) + counted(/([\d,]+) oldest frames dropped/)).toBeGreaterThanOrEqual(200_000);
    // Usable: a new event shows, the filter finds it, and every view opens.
    env.server.trigger('hostile-flood', 'after-flood-2', { n: 2 });
    await waitForRow(panel, 'after-flood-2', 'hostile-flood', 30_000);
    await setFilter(panel, 'after-flood-2');
    await panel.waitForFunction(() => document.querySelector('.status-bar')?.textContent?.startsWith('1 / '), undefined, { timeout: 30_000 });
    await setFilter(panel, '');
    for (const view of ['timeline', 'channels', 'presence', 'auth', 'problems', 'events']) await showView(panel, view);
    await waitForRow(panel, 'after-flood-2', 'hostile-flood');
    // The connection bar counts the sockets it does not draw; none of the forged contexts is there.
    expect(await panel.$$eval('.connections .chip', (chips) => chips.length)).toBeLessThanOrEqual(101);
    expect(await panel.textContent('.connections .chip.more')).toMatch(/\+ \d+ more/);
    expect(await panel.textContent('.connections')).not.toContain('forged');
    expect((await exported(panel)).pages.map((p) => p.pageId).filter((id) => id.startsWith('forged'))).toEqual([]);
  }, 120_000);
});
