import browser, { type Runtime } from 'webextension-polyfill';
import { panelPortName, type PanelToBackground } from '../core/messages/envelopes';
import { isBackgroundToPanel } from '../core/messages/guards';
import type { SessionInput } from '../core/session/reduce';

const RECONNECT_MS = 250;

/**
 * Keeps a port to the background for one tab. When the service worker restarts the port drops; we reconnect and
 * the pages replay their buffers, which the session de-duplicates by sequence number.
 */
export interface TabConnection {
  /** Sends a command for the inspected tab; false when the background is unreachable right now. */
  send(message: PanelToBackground): boolean;
  close(): void;
}

export function connectToTab(tabId: number, dispatch: (input: SessionInput) => void): TabConnection {
  let port: Runtime.Port | null = null;
  let stopped = false;

  function open() {
    if (stopped) return;
    port = browser.runtime.connect({ name: panelPortName(tabId) });
    port.onMessage.addListener((message: unknown) => {
      if (!isBackgroundToPanel(message) || message.kind !== 'page') return;
      const page = message.message;
      if (page.kind === 'records') dispatch({ kind: 'records', origin: message.origin, pageId: page.pageId, records: page.records });
    });
    port.onDisconnect.addListener(() => {
      port = null;
      setTimeout(open, RECONNECT_MS);
    });
  }

  open();
  return {
    send(message) {
      try {
        port?.postMessage(message);
        return port !== null;
      } catch {
        return false;
      }
    },
    close() {
      stopped = true;
      port?.disconnect();
    },
  };
}
