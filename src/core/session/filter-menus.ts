// The filter bar's channel and event menus: the names in the log, counted as it grows, and which of them a menu
// offers when there are too many to list.
import { channelOf, eventOf } from './filter';
import { resumeIndex } from './selectors';
import type { LogEntry, SessionState } from './state';

export interface Names {
  /** The log as last seen, to find the entries dropped since. */
  entries: readonly LogEntry[];
  firstId: number;
  /** The newest entry looked at. */
  last: LogEntry | null;
  /** How many held entries carry each name. */
  channels: Map<string, number>;
  events: Map<string, number>;
}

/**
 * Channel and event names in the log, for the filter menus. Extends the previous result with the new entries and
 * takes back the ones the retention bound dropped, so each commit costs what changed, not the whole log.
 */
export function extendNames(previous: Names | null, state: SessionState): Names {
  const resume = previous === null ? -1 : resumeIndex(state, previous.last);
  const names = previous !== null && resume >= 0 ? previous : { entries: state.entries, firstId: 0, last: null, channels: new Map<string, number>(), events: new Map<string, number>() };
  if (resume >= 0) {
    // Everything dropped since was seen (the newest entry seen is still held): count it out.
    for (let i = 0; i < state.firstId - names.firstId; i++) countName(names, names.entries[i] as LogEntry, -1);
  }
  for (let i = Math.max(0, resume); i < state.entryCount; i++) countName(names, state.entries[i] as LogEntry, 1);
  return { ...names, entries: state.entries, firstId: state.firstId, last: state.entryCount > 0 ? (state.entries[state.entryCount - 1] as LogEntry) : null };
}

function countName(names: Names, entry: LogEntry, step: 1 | -1): void {
  const channel = channelOf(entry);
  const event = eventOf(entry);
  if (channel !== undefined) bump(names.channels, channel, step);
  if (event !== undefined) bump(names.events, event, step);
}

function bump(counts: Map<string, number>, name: string, step: 1 | -1): void {
  const next = (counts.get(name) ?? 0) + step;
  if (next > 0) counts.set(name, next);
  else counts.delete(name);
}

/** Names offered in one filter menu, and how many more the log holds. */
export interface MenuNames {
  names: string[];
  more: number;
}

/** A menu longer than this is slow to build and no use to scroll: the filter box finds the rest (event:x). */
export const MENU_LIMIT = 200;

/**
 * How often menus longer than MENU_LIMIT are rebuilt while the log grows. Rebuilding one goes through every name (a
 * log of events named after their ids has as many names as frames), and its count of names left out changes with
 * every new name, so each commit rebuilt the toolbar's options too. A name a second late in a menu of the 200 most
 * frequent is no loss; a new choice, and menus that fit, are rebuilt at once.
 */
export const MENU_REFRESH_MS = 1_000;

/** Whether the filter menus are rebuilt now: `sizes`, the names each menu has to choose from. */
export function menusDue(sizes: readonly number[], sinceBuiltMs: number, choiceChanged: boolean): boolean {
  return choiceChanged || sinceBuiltMs >= MENU_REFRESH_MS || sizes.every((size) => size <= MENU_LIMIT);
}

/**
 * A filter menu's names: all of them, sorted, when there are few; else the most frequent `limit`, sorted, and
 * how many were left out. `keep` (the current choice) is always offered, so the menu can show it.
 */
export function menuNames(counts: ReadonlyMap<string, number>, keep = '', limit = MENU_LIMIT): MenuNames {
  if (counts.size <= limit) return { names: [...counts.keys()].sort(), more: 0 };
  // Threshold by count: find the count of the limit-th most frequent name without sorting every name.
  const byCount = new Map<number, number>();
  for (const count of counts.values()) byCount.set(count, (byCount.get(count) ?? 0) + 1);
  const levels = [...byCount.keys()].sort((a, b) => b - a);
  let taken = 0;
  let threshold = 0;
  for (const level of levels) {
    threshold = level;
    taken += byCount.get(level) as number;
    if (taken >= limit) break;
  }
  // Names above the threshold all fit; ties at the threshold are taken in name order.
  const above: string[] = [];
  const tied: string[] = [];
  for (const [name, count] of counts) (count > threshold ? above : count === threshold ? tied : null)?.push(name);
  const names = [...above, ...firstInOrder(tied, limit - above.length)];
  if (keep && counts.has(keep) && !names.includes(keep)) names.push(keep);
  names.sort();
  return { names, more: counts.size - names.length };
}

/**
 * The `k` first of `names` in sort order, sorted, without sorting them all: a log of events named after their ids
 * (`order-1`, `order-2`, …) ties thousands of names at one count, and the menus are rebuilt as the log grows.
 */
function firstInOrder(names: string[], k: number): string[] {
  if (names.length <= k) return names.sort();
  const best: string[] = [];
  for (const name of names) {
    if (best.length === k && name >= (best[k - 1] as string)) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((best[mid] as string) < name) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, name);
    if (best.length > k) best.pop();
  }
  return best;
}

export function selectNames(state: SessionState): { channels: string[]; events: string[] } {
  const names = extendNames(null, state);
  return { channels: [...names.channels.keys()].sort(), events: [...names.events.keys()].sort() };
}
