import type { LogEntry } from '../../core/session/state';

export function formatTime(t: number): string {
  const d = new Date(t);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** What the log shows in the Event column, including for frames that are not Pusher events. */
export function eventLabel(entry: LogEntry): string {
  if (entry.frame === null) return '(binary frame)';
  return entry.frame.ok ? entry.frame.event : '(malformed frame)';
}

// One formatter for all counts: toLocaleString('en-US') builds a new one on every call, which showed in profiles.
const COUNT = new Intl.NumberFormat('en-US');

/** 100000 → "100,000". */
export function formatCount(n: number): string {
  return COUNT.format(n);
}
