import browser from 'webextension-polyfill';
import type { SessionInput } from '../core/session/reduce';

// A navigation reports "loading" more than once (with and without its URL).
const SAME_NAVIGATION_MS = 500;

/** Tells the session when the inspected tab navigates or reloads, for Preserve log and its markers. */
export function watchNavigation(tabId: number, dispatch: (input: SessionInput) => void): void {
  let last = { t: 0, url: '' };
  browser.tabs.onUpdated.addListener((id, change, tab) => {
    if (id !== tabId || change.status !== 'loading') return;
    const now = Date.now();
    const url = change.url ?? tab.url ?? '';
    if (url === last.url && now - last.t < SAME_NAVIGATION_MS) return;
    last = { t: now, url };
    dispatch({ kind: 'navigated', t: now, url });
  });
}

const PRESERVE_KEY = 'pusher-devtools:preserve-log';

export function loadPreserveLog(): boolean {
  return localStorage.getItem(PRESERVE_KEY) === 'true';
}

export function savePreserveLog(preserve: boolean): void {
  localStorage.setItem(PRESERVE_KEY, String(preserve));
}
