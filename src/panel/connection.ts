import browser, { type Runtime } from 'webextension-polyfill';
import { decodeBatch } from '../core/messages/batch';
import { PROTOCOL_VERSION, panelPortName, type FrameOrigin, type PanelToBackground } from '../core/messages/envelopes';
import { isBackgroundToPanel } from '../core/messages/guards';
import type { SessionInput } from '../core/session/reduce';

const RECONNECT_MS = 250;

type RecordsInput = Extract<SessionInput, { kind: 'records' }> & { records: unknown[] };
type HeldInput = Extract<SessionInput, { kind: 'held' }>;

/**
 * Keeps a port to the background for one tab. When the service worker restarts the port drops; we reconnect and
 * the pages replay their buffers, which the session de-duplicates by sequence number.
 */
export interface TabConnection {
  /** Sends a command for the inspected tab; false when the background is unreachable right now. */
  send(message: PanelToBackground): boolean;
  /** Whether the tab's pages hold floods back (relay-pacing.ts): said again whenever the port reconnects. */
  setHoldFloods(hold: boolean): void;
  close(): void;
}

export function connectToTab(tabId: number, dispatch: (input: SessionInput) => void, holdFloods = true): TabConnection {
  let port: Runtime.Port | null = null;
  let stopped = false;
  // Batches that arrive back to back from one page go to the session as one: folding costs per input as well as
  // per record, and a buffer replay, a busy page or a page flooding its own panel sends many in a row.
  let queued: Array<RecordsInput | HeldInput> = [];

  function flush() {
    const inputs = queued;
    queued = [];
    for (const input of inputs) dispatch(input);
  }

  function receive(origin: FrameOrigin, pageId: string, records: unknown[]) {
    const last = queued.at(-1);
    if (last?.kind === 'records' && last.pageId === pageId && last.origin.frameId === origin.frameId && last.origin.url === origin.url) {
      for (const record of records) last.records.push(record);
      return;
    }
    enqueue({ kind: 'records', origin, pageId, records });
  }

  function enqueue(input: RecordsInput | HeldInput) {
    if (queued.length === 0) setTimeout(flush, 0);
    queued.push(input);
  }

  function open() {
    if (stopped) return;
    port = browser.runtime.connect({ name: panelPortName(tabId) });
    port.onMessage.addListener((message: unknown) => {
      if (!isBackgroundToPanel(message) || message.kind !== 'page') return;
      const page = message.message;
      if (page.kind === 'records') receive(message.origin, page.pageId, decodeBatch(page.records));
      // In line with the records before it, so the count never runs ahead of them.
      else if (page.kind === 'held') enqueue({ kind: 'held', pageId: page.pageId, count: page.count });
    });
    port.onDisconnect.addListener(() => {
      port = null;
      setTimeout(open, RECONNECT_MS);
    });
    if (!holdFloods) send({ v: PROTOCOL_VERSION, kind: 'hold-floods', hold: false });
  }

  function send(message: PanelToBackground): boolean {
    try {
      port?.postMessage(message);
      return port !== null;
    } catch {
      return false;
    }
  }

  open();
  return {
    send,
    setHoldFloods(hold) {
      holdFloods = hold;
      send({ v: PROTOCOL_VERSION, kind: 'hold-floods', hold });
    },
    close() {
      stopped = true;
      port?.disconnect();
    },
  };
}
