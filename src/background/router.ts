import type { Runtime } from 'webextension-polyfill';
import { PROTOCOL_VERSION, type BackgroundToContent, type BackgroundToPanel, type FrameOrigin } from '../core/messages/envelopes';
import { isPageMessage, isPanelToBackground } from '../core/messages/guards';

type Port = Pick<Runtime.Port, 'postMessage' | 'disconnect' | 'onMessage' | 'onDisconnect' | 'sender'>;

export interface RouterDeps {
  /** `chrome-extension://<id>/`: only our own pages may open a panel port. */
  extensionOrigin: string;
  broadcastToTab(tabId: number, message: BackgroundToContent): void;
}

const attach: BackgroundToContent = { v: PROTOCOL_VERSION, kind: 'attach' };
const detach: BackgroundToContent = { v: PROTOCOL_VERSION, kind: 'detach' };

export function createRouter(deps: RouterDeps) {
  const panels = new Map<number, Set<Port>>();
  const pages = new Map<number, Set<Port>>();

  const members = (map: Map<number, Set<Port>>, tabId: number) => {
    let set = map.get(tabId);
    if (!set) map.set(tabId, (set = new Set()));
    return set;
  };
  const safePost = (port: Port, message: unknown) => {
    try {
      port.postMessage(message);
    } catch {
      // a port that died between events; its onDisconnect cleans up
    }
  };

  const frames = new WeakMap<Port, number>();
  // Each panel's choice; a tab's pages hold their floods unless one of its panels asks to see them live.
  const holds = new WeakMap<Port, boolean>();
  const tabHolds = (tabId: number) => ![...(panels.get(tabId) ?? [])].some((panel) => holds.get(panel) === false);
  const holdMessage = (tabId: number): BackgroundToContent => ({ v: PROTOCOL_VERSION, kind: 'hold-floods', hold: tabHolds(tabId) });

  function addPanel(port: Port, tabId: number): void {
    if (!port.sender?.url?.startsWith(deps.extensionOrigin)) return port.disconnect();
    members(panels, tabId).add(port);
    // Commands go to this tab's pages only, in the frame the panel names.
    port.onMessage.addListener((message: unknown) => {
      if (!isPanelToBackground(message)) return;
      if (message.kind === 'hold-floods') {
        const before = tabHolds(tabId);
        holds.set(port, message.hold);
        if (tabHolds(tabId) !== before) for (const page of pages.get(tabId) ?? []) safePost(page, holdMessage(tabId));
        return;
      }
      const command: BackgroundToContent = { v: PROTOCOL_VERSION, kind: 'command', pageId: message.pageId, command: message.command };
      for (const page of pages.get(tabId) ?? []) if (frames.get(page) === message.frameId) safePost(page, command);
    });
    for (const page of pages.get(tabId) ?? []) safePost(page, attach);
    // Frames that have a Pusher socket but no port yet (e.g. after a restart) connect when they hear this.
    deps.broadcastToTab(tabId, attach);
    port.onDisconnect.addListener(() => {
      const set = panels.get(tabId);
      const held = tabHolds(tabId);
      set?.delete(port);
      // The panel that wanted floods live may be the one gone.
      if (set?.size) {
        if (tabHolds(tabId) !== held) for (const page of pages.get(tabId) ?? []) safePost(page, holdMessage(tabId));
        return;
      }
      panels.delete(tabId);
      for (const page of pages.get(tabId) ?? []) safePost(page, detach);
    });
  }

  function addPage(port: Port): void {
    const tabId = port.sender?.tab?.id;
    if (tabId === undefined) return port.disconnect();
    // Where the message came from is what the browser says, never what the page claims.
    const origin: FrameOrigin = { frameId: port.sender?.frameId ?? 0, url: port.sender?.url ?? '' };
    members(pages, tabId).add(port);
    frames.set(port, origin.frameId);
    if (panels.get(tabId)?.size) {
      safePost(port, attach);
      if (!tabHolds(tabId)) safePost(port, holdMessage(tabId));
    }
    // One document, one hook, one page id: the first this port carries. Any other is the page forging contexts of
    // its own, and a flood of them would cost every panel of the tab a page's worth of state each.
    let pageId: string | undefined;
    port.onMessage.addListener((message: unknown) => {
      if (!isPageMessage(message)) return;
      pageId ??= message.pageId;
      if (message.kind === 'present' || message.pageId !== pageId) return;
      const out: BackgroundToPanel = { v: PROTOCOL_VERSION, kind: 'page', origin, message };
      for (const panel of panels.get(tabId) ?? []) safePost(panel, out);
    });
    port.onDisconnect.addListener(() => {
      pages.get(tabId)?.delete(port);
      const gone: BackgroundToPanel = { v: PROTOCOL_VERSION, kind: 'frame-gone', origin };
      for (const panel of panels.get(tabId) ?? []) safePost(panel, gone);
    });
  }

  return { addPanel, addPage };
}
