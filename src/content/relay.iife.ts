// Isolated world: a dumb relay between the page hook (a MessageChannel handed over on window) and the background (a port).
import browser, { type Runtime } from 'webextension-polyfill';
import {
  CONTENT_SOURCE,
  PAGE_PORT,
  PROTOCOL_VERSION,
  type BackgroundToContent,
  type ContentChannelMessage,
  type ContentMessage,
} from '../core/messages/envelopes';
import { isBackgroundToContent, isPageMessage } from '../core/messages/guards';

let port: Runtime.Port | null = null;
// The port is opened only once the page has a Pusher socket: pages without one never wake the background.
let present = false;

// The hook and we talk only through this channel, handed over now, before any page script runs: the page can post
// anything on window, but nothing on our port, and hears nothing of what crosses it.
const hook = new MessageChannel();
window.postMessage({ source: CONTENT_SOURCE, v: PROTOCOL_VERSION, kind: 'channel' } satisfies ContentChannelMessage, '*', [hook.port2]);

const toPage = (message: BackgroundToContent) => hook.port1.postMessage({ ...message, source: CONTENT_SOURCE } satisfies ContentMessage);

function connect(): Runtime.Port {
  if (port) return port;
  const opened = browser.runtime.connect({ name: PAGE_PORT });
  opened.onMessage.addListener((message: unknown) => {
    if (isBackgroundToContent(message)) toPage(message);
  });
  opened.onDisconnect.addListener(() => {
    // The background restarted or the panel went away; the page keeps buffering until asked again.
    port = null;
    toPage({ v: PROTOCOL_VERSION, kind: 'detach' });
  });
  port = opened;
  return opened;
}

hook.port1.onmessage = (event: MessageEvent) => {
  if (!isPageMessage(event.data)) return;
  if (event.data.kind === 'present') present = true;
  try {
    connect().postMessage(event.data);
  } catch {
    port = null; // extension reloaded or context gone: nothing to relay to
  }
};

browser.runtime.onMessage.addListener((message: unknown) => {
  // A panel opened for this tab: say hello, and the background answers with `attach` on the port.
  if (present && isBackgroundToContent(message) && message.kind === 'attach' && !port) {
    try {
      connect();
    } catch {
      port = null;
    }
  }
  return undefined;
});
