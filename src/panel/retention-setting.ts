import { DEFAULT_RETENTION, normalizeRetention } from '../core/session/retention';

const KEY = 'pusher-devtools:retention';

/** How many frames the log keeps, as last chosen in this browser (the default when never chosen). */
export function loadRetention(): number {
  const stored = localStorage.getItem(KEY);
  return stored === null ? DEFAULT_RETENTION : normalizeRetention(Number(stored));
}

export function saveRetention(retention: number): void {
  localStorage.setItem(KEY, String(normalizeRetention(retention)));
}
