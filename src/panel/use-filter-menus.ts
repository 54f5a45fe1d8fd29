import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { LogFilter } from '../core/session/filter';
import { MENU_REFRESH_MS, extendNames, menuNames, menusDue, type MenuNames, type Names } from '../core/session/filter-menus';
import type { SessionState } from '../core/session/state';

export interface FilterMenus {
  channels: MenuNames;
  events: MenuNames;
}

/**
 * The channel and event menus of the filter bar. The names are counted as the log grows (not on every keystroke);
 * long menus are rebuilt at most once per MENU_REFRESH_MS while it grows, and once more after it stops.
 */
export function useFilterMenus(state: SessionState, filter: LogFilter): FilterMenus {
  const namesCache = useRef<Names | null>(null);
  const shown = useRef<FilterMenus | null>(null);
  /** When the menus were last built, and for which choices. */
  const built = useRef({ at: 0, channel: '', event: '' });
  const stale = useRef(false);
  const [refresh, setRefresh] = useState(0);
  const menus = useMemo(() => {
    const names = (namesCache.current = extendNames(namesCache.current, state));
    const previous = shown.current;
    const now = performance.now();
    const choiceChanged = built.current.channel !== filter.channel || built.current.event !== filter.event;
    stale.current = previous !== null && !menusDue([names.channels.size, names.events.size], now - built.current.at, choiceChanged);
    if (previous && stale.current) return previous;
    built.current = { at: now, channel: filter.channel, event: filter.event };
    // A menu that did not change keeps its identity, so the toolbar does not rebuild its options.
    const keep = (before: MenuNames | undefined, next: MenuNames) => (before && sameMenu(before, next) ? before : next);
    const channels = keep(previous?.channels, menuNames(names.channels, filter.channel));
    const events = keep(previous?.events, menuNames(names.events, filter.event));
    shown.current = previous && previous.channels === channels && previous.events === events ? previous : { channels, events };
    return shown.current;
  }, [state.entries, state.entryCount, filter.channel, filter.event, refresh]);

  // Menus left behind by a growing log catch up once it has been quiet: the deadline counts from the last build. A
  // timer may fire a little before `performance.now()` says it is due; the refresh then looks again.
  useEffect(() => {
    if (!stale.current) return;
    const timer = setTimeout(() => setRefresh((n) => n + 1), Math.max(0, built.current.at + MENU_REFRESH_MS - performance.now()));
    return () => clearTimeout(timer);
  }, [menus, state.entries, state.entryCount, refresh]);

  return menus;
}

function sameMenu(a: MenuNames, b: MenuNames): boolean {
  return a.more === b.more && a.names.length === b.names.length && a.names.every((name, i) => name === b.names[i]);
}
