import { DEFAULT_RETENTION, normalizeRetention } from '../core/session/retention';

// The panel's choices, kept in this browser (the extension's own storage origin) across panels and sessions.
const RETENTION_KEY = 'pusher-devtools:retention';
const HOLD_FLOODS_KEY = 'pusher-devtools:hold-floods';

/** How many frames the log keeps, as last chosen in this browser (the default when never chosen). */
export function loadRetention(): number {
  const stored = localStorage.getItem(RETENTION_KEY);
  return stored === null ? DEFAULT_RETENTION : normalizeRetention(Number(stored));
}

export function saveRetention(retention: number): void {
  localStorage.setItem(RETENTION_KEY, String(normalizeRetention(retention)));
}

/** Whether a flooded page holds its records until the flood is over (on unless turned off). */
export function loadHoldFloods(): boolean {
  return localStorage.getItem(HOLD_FLOODS_KEY) !== 'off';
}

export function saveHoldFloods(hold: boolean): void {
  localStorage.setItem(HOLD_FLOODS_KEY, hold ? 'on' : 'off');
}
