import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../src/background/router';
import { PAGE_SOURCE, PROTOCOL_VERSION } from '../../../src/core/messages/envelopes';

/** A stand-in for a runtime.Port: records what was posted, lets the test deliver messages and disconnect. */
function fakePort(sender: { url?: string; tab?: { id: number }; frameId?: number }) {
  const messageListeners: Array<(m: unknown) => void> = [];
  const disconnectListeners: Array<() => void> = [];
  const port = {
    sender,
    posted: [] as unknown[],
    disconnected: false,
    postMessage(message: unknown) {
      port.posted.push(message);
    },
    disconnect() {
      port.disconnected = true;
    },
    onMessage: { addListener: (l: (m: unknown) => void) => messageListeners.push(l) },
    onDisconnect: { addListener: (l: () => void) => disconnectListeners.push(l) },
    deliver: (message: unknown) => messageListeners.forEach((l) => l(message)),
    drop: () => disconnectListeners.forEach((l) => l()),
  };
  return port;
}

const EXT = 'chrome-extension://abc/';
const records = (pageId: string) => ({ source: PAGE_SOURCE, v: PROTOCOL_VERSION, pageId, kind: 'records', snapshot: false, records: [] });

function setup() {
  const broadcasts: Array<[number, unknown]> = [];
  const router = createRouter({ extensionOrigin: EXT, broadcastToTab: (tab, m) => broadcasts.push([tab, m]) });
  return { router, broadcasts };
}

type Fake = ReturnType<typeof fakePort>;
const asPort = (p: Fake) => p as unknown as Parameters<ReturnType<typeof createRouter>['addPage']>[0];

describe('background router', () => {
  it("forwards a tab's page records to that tab's panels only, with the browser's frame origin", () => {
    const { router } = setup();
    const panel1 = fakePort({ url: `${EXT}src/panel/panel.html` });
    const panel2 = fakePort({ url: `${EXT}src/panel/panel.html?tabId=2` });
    router.addPanel(asPort(panel1), 1);
    router.addPanel(asPort(panel2), 2);
    const page = fakePort({ tab: { id: 1 }, frameId: 3, url: 'https://app.test/frame' });
    router.addPage(asPort(page));
    page.deliver(records('p1'));
    expect(panel1.posted).toEqual([
      { v: PROTOCOL_VERSION, kind: 'page', origin: { frameId: 3, url: 'https://app.test/frame' }, message: records('p1') },
    ]);
    expect(panel2.posted).toEqual([]);
  });

  it("forwards a busy page's count of held records, and not its presence notes", () => {
    const { router } = setup();
    const panel = fakePort({ url: `${EXT}src/panel/panel.html` });
    router.addPanel(asPort(panel), 1);
    const page = fakePort({ tab: { id: 1 }, frameId: 0, url: 'https://app.test/' });
    router.addPage(asPort(page));
    const held = { source: PAGE_SOURCE, v: PROTOCOL_VERSION, pageId: 'p1', kind: 'held', count: 4_200 };
    page.deliver({ source: PAGE_SOURCE, v: PROTOCOL_VERSION, pageId: 'p1', kind: 'present' });
    page.deliver(held);
    page.deliver({ ...held, pageId: 'p2' });
    expect(panel.posted).toEqual([{ v: PROTOCOL_VERSION, kind: 'page', origin: { frameId: 0, url: 'https://app.test/' }, message: held }]);
  });

  it('asks pages to attach when a panel opens and to detach when the last one closes', () => {
    const { router, broadcasts } = setup();
    const page = fakePort({ tab: { id: 5 }, frameId: 0, url: 'https://app.test/' });
    router.addPage(asPort(page));
    expect(page.posted).toEqual([]);
    const panel = fakePort({ url: `${EXT}src/panel/panel.html` });
    router.addPanel(asPort(panel), 5);
    expect(page.posted).toEqual([{ v: PROTOCOL_VERSION, kind: 'attach' }]);
    expect(broadcasts).toEqual([[5, { v: PROTOCOL_VERSION, kind: 'attach' }]]);
    panel.drop();
    expect(page.posted.at(-1)).toEqual({ v: PROTOCOL_VERSION, kind: 'detach' });
  });

  it('attaches a page that connects while a panel is open', () => {
    const { router } = setup();
    router.addPanel(asPort(fakePort({ url: `${EXT}x.html` })), 9);
    const page = fakePort({ tab: { id: 9 }, frameId: 0, url: 'https://app.test/' });
    router.addPage(asPort(page));
    expect(page.posted).toEqual([{ v: PROTOCOL_VERSION, kind: 'attach' }]);
  });

  it('refuses panel ports from outside the extension and page ports without a tab', () => {
    const { router } = setup();
    const impostor = fakePort({ url: 'https://evil.test/', tab: { id: 1 } });
    router.addPanel(asPort(impostor), 1);
    expect(impostor.disconnected).toBe(true);
    const tabless = fakePort({ url: 'https://app.test/' });
    router.addPage(asPort(tabless));
    expect(tabless.disconnected).toBe(true);
  });

  it('drops messages that are not page records, and tells panels when a frame goes away', () => {
    const { router } = setup();
    const panel = fakePort({ url: `${EXT}p.html` });
    router.addPanel(asPort(panel), 1);
    const page = fakePort({ tab: { id: 1 }, frameId: 0, url: 'https://app.test/' });
    router.addPage(asPort(page));
    page.deliver({ kind: 'records', records: [] });
    page.deliver({ ...records('p'), source: 'someone-else' });
    expect(panel.posted).toEqual([]);
    page.drop();
    expect(panel.posted).toEqual([{ v: PROTOCOL_VERSION, kind: 'frame-gone', origin: { frameId: 0, url: 'https://app.test/' } }]);
  });
});

describe('page contexts', () => {
  it("forwards one page context per port, the first it carries: a page's forged contexts go nowhere", () => {
    const { router } = setup();
    const panel = fakePort({ url: `${EXT}p.html` });
    router.addPanel(asPort(panel), 1);
    const page = fakePort({ tab: { id: 1 }, frameId: 0, url: 'https://app.test/' });
    router.addPage(asPort(page));
    page.deliver({ source: PAGE_SOURCE, v: PROTOCOL_VERSION, pageId: 'hook', kind: 'present' });
    for (let i = 0; i < 1000; i++) page.deliver(records(`forged-${i}`));
    page.deliver(records('hook'));
    expect(panel.posted.map((m) => (m as { message: { pageId: string } }).message.pageId)).toEqual(['hook']);
    // Another document (its own port) has its own.
    const next = fakePort({ tab: { id: 1 }, frameId: 0, url: 'https://app.test/' });
    router.addPage(asPort(next));
    next.deliver(records('next-hook'));
    next.deliver(records('hook'));
    expect(panel.posted.map((m) => (m as { message: { pageId: string } }).message.pageId)).toEqual(['hook', 'next-hook']);
  });
});

describe('commands', () => {
  const command = (frameId: number) => ({ v: PROTOCOL_VERSION, kind: 'command', frameId, pageId: 'p1', command: { cid: 1, type: 'replay', sid: 2, text: '{}' } });

  it("go from a panel to its own tab's page in the named frame only", () => {
    const { router } = setup();
    const panel = fakePort({ url: `${EXT}p.html` });
    router.addPanel(asPort(panel), 1);
    const top = fakePort({ tab: { id: 1 }, frameId: 0, url: 'https://app.test/' });
    const iframe = fakePort({ tab: { id: 1 }, frameId: 4, url: 'https://app.test/f' });
    const otherTab = fakePort({ tab: { id: 2 }, frameId: 4, url: 'https://other.test/' });
    for (const page of [top, iframe, otherTab]) router.addPage(asPort(page));
    panel.deliver(command(4));
    const forwarded = { v: PROTOCOL_VERSION, kind: 'command', pageId: 'p1', command: command(4).command };
    expect(iframe.posted.at(-1)).toEqual(forwarded);
    expect(top.posted).not.toContainEqual(forwarded);
    expect(otherTab.posted).not.toContainEqual(forwarded);
  });

  it('are never taken from a page port, and malformed ones are dropped', () => {
    const { router } = setup();
    const panel = fakePort({ url: `${EXT}p.html` });
    router.addPanel(asPort(panel), 1);
    const page = fakePort({ tab: { id: 1 }, frameId: 0, url: 'https://app.test/' });
    const victim = fakePort({ tab: { id: 1 }, frameId: 0, url: 'https://app.test/' });
    router.addPage(asPort(page));
    router.addPage(asPort(victim));
    page.deliver(command(0));
    panel.deliver({ ...command(0), command: { cid: 1, type: 'replay', sid: 2 } });
    panel.deliver({ ...command(0), command: { cid: 1, type: 'eval', sid: 2, text: 'x' } });
    const commands = [...page.posted, ...victim.posted].filter((m) => (m as { kind?: string }).kind === 'command');
    expect(commands).toEqual([]);
  });

  it("tells the tab's pages to show floods live while one of its panels asks, and to hold them again after", () => {
    const { router } = setup();
    const hold = (h: boolean) => ({ v: PROTOCOL_VERSION, kind: 'hold-floods', hold: h });
    const holdsSaid = (port: Fake) => port.posted.filter((m) => (m as { kind?: string }).kind === 'hold-floods');
    const panel1 = fakePort({ url: `${EXT}src/panel/panel.html` });
    const panel2 = fakePort({ url: `${EXT}src/panel/panel.html` });
    router.addPanel(asPort(panel1), 1);
    const page = fakePort({ tab: { id: 1 }, frameId: 0, url: 'https://app.test/' });
    const otherTab = fakePort({ tab: { id: 2 }, frameId: 0, url: 'https://other.test/' });
    router.addPage(asPort(page));
    router.addPage(asPort(otherTab));
    panel1.deliver(hold(true)); // the default: nothing to say
    expect(holdsSaid(page)).toEqual([]);
    panel1.deliver(hold(false));
    expect(holdsSaid(page)).toEqual([hold(false)]);
    expect(holdsSaid(otherTab)).toEqual([]);
    // A page that connects meanwhile hears it after attach.
    const late = fakePort({ tab: { id: 1 }, frameId: 4, url: 'https://app.test/frame' });
    router.addPage(asPort(late));
    expect(late.posted).toEqual([{ v: PROTOCOL_VERSION, kind: 'attach' }, hold(false)]);
    // A second panel that holds does not overrule the one that asked for live.
    router.addPanel(asPort(panel2), 1);
    panel2.deliver(hold(true));
    expect(holdsSaid(page)).toEqual([hold(false)]);
    // The live one closes: the pages hold again; the last closes: they detach (which resets them too).
    panel1.drop();
    expect(holdsSaid(page)).toEqual([hold(false), hold(true)]);
    panel2.drop();
    expect(page.posted.at(-1)).toEqual({ v: PROTOCOL_VERSION, kind: 'detach' });
  });
});
