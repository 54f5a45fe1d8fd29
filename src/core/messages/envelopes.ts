import type { PageRecord } from './records';

/** Bump when a message shape changes; every side drops messages of another version. */
export const PROTOCOL_VERSION = 2;

/** `source` tags: each side ignores its own echo on `window`. */
export const PAGE_SOURCE = 'pusher-devtools:page';
export const CONTENT_SOURCE = 'pusher-devtools:content';

export const PAGE_PORT = 'pusher-devtools:page';
export const PANEL_PORT_PREFIX = 'pusher-devtools:panel:';

/** Page (MAIN world) → content script, through the port the content script handed over; forwarded unchanged to the background. */
export type PageMessage =
  | { source: typeof PAGE_SOURCE; v: typeof PROTOCOL_VERSION; pageId: string; kind: 'present' }
  | {
      source: typeof PAGE_SOURCE;
      v: typeof PROTOCOL_VERSION;
      pageId: string;
      kind: 'records';
      /** True when this batch replays the page's buffer for a panel that just attached. */
      snapshot: boolean;
      /** Usually one string (see batch.ts); the array itself when the page has made JSON unsafe. */
      records: string | readonly PageRecord[];
    }
  /** Records waiting for the busy page to be idle (relay-pacing.ts); 0 once they have all been sent. */
  | { source: typeof PAGE_SOURCE; v: typeof PROTOCOL_VERSION; pageId: string; kind: 'held'; count: number };

/** Something the user asked the page to do. Only the panel issues commands; the page only ever answers them. */
export type PageCommand =
  | { cid: number; type: 'replay'; sid: number; text: string }
  /** Send a frame (a client event) through the page's own socket. */
  | { cid: number; type: 'send'; sid: number; text: string }
  /** Close a socket so pusher-js sees exactly this close code, as if the server had sent it (1006 included). */
  | { cid: number; type: 'close'; sid: number; code: number; reason: string }
  /** Drop every Pusher socket of the page and fail new ones until the time is up. */
  | { cid: number; type: 'offline'; seconds: number }
  /** For a while, drop incoming frames or hold each one back by `delayMs` before the page sees it. */
  | { cid: number; type: 'incoming'; mode: 'drop' | 'delay'; seconds: number; delayMs: number };

/**
 * Content script → page, once, on the page's window: hands the hook the port that every later ContentMessage comes
 * through. Anything posted on window may be the page's own; that port is not within its reach.
 */
export type ContentChannelMessage = { source: typeof CONTENT_SOURCE; v: typeof PROTOCOL_VERSION; kind: 'channel' };

/** Content script → page, through the port handed over by ContentChannelMessage. */
export type ContentMessage =
  | { source: typeof CONTENT_SOURCE; v: typeof PROTOCOL_VERSION; kind: 'attach' | 'detach' }
  | { source: typeof CONTENT_SOURCE; v: typeof PROTOCOL_VERSION; kind: 'hold-floods'; hold: boolean }
  | { source: typeof CONTENT_SOURCE; v: typeof PROTOCOL_VERSION; kind: 'command'; pageId: string; command: PageCommand };

/** Background → content script (port or tabs.sendMessage). */
export type BackgroundToContent =
  | { v: typeof PROTOCOL_VERSION; kind: 'attach' | 'detach' }
  /** Whether a page flooded with frames holds its records until the flood is over (relay-pacing.ts); on by default. */
  | { v: typeof PROTOCOL_VERSION; kind: 'hold-floods'; hold: boolean }
  | { v: typeof PROTOCOL_VERSION; kind: 'command'; pageId: string; command: PageCommand };

/**
 * Panel → background: a command for one page context in one frame of the inspected tab, or the panel's choice for
 * every page of the tab (sent on connecting and when it changes).
 */
export type PanelToBackground =
  | { v: typeof PROTOCOL_VERSION; kind: 'command'; frameId: number; pageId: string; command: PageCommand }
  | { v: typeof PROTOCOL_VERSION; kind: 'hold-floods'; hold: boolean };

/** Where in the inspected tab a page message came from, as the background saw it (not as the page claims). */
export interface FrameOrigin {
  frameId: number;
  url: string;
}

/** Background → panel. */
export type BackgroundToPanel =
  | { v: typeof PROTOCOL_VERSION; kind: 'page'; origin: FrameOrigin; message: PageMessage }
  | { v: typeof PROTOCOL_VERSION; kind: 'frame-gone'; origin: FrameOrigin };

export function panelPortName(tabId: number): string {
  return `${PANEL_PORT_PREFIX}${tabId}`;
}

export function tabIdFromPanelPort(name: string): number | null {
  if (!name.startsWith(PANEL_PORT_PREFIX)) return null;
  const id = Number(name.slice(PANEL_PORT_PREFIX.length));
  return Number.isInteger(id) && id >= 0 ? id : null;
}
