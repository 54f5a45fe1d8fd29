import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { LogFilter } from '../core/session/filter';
import { MENU_REFRESH_MS, extendNames, menuNames, menusDue, type MenuNames, type Names } from '../core/session/selectors';
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
  const shown = useRef<(FilterMenus & { channel: string; event: string; builtAt: number }) | null>(null);
  const stale = useRef(false);
  const [refresh, setRefresh] = useState(0);
  const menus = useMemo(() => {
    const names = (namesCache.current = extendNames(namesCache.current, state));
    const previous = shown.current;
    const now = performance.now();
    const choiceChanged = previous === null || previous.channel !== filter.channel || previous.event !== filter.event;
    if (previous && !menusDue([names.channels.size, names.events.size], now - previous.builtAt, choiceChanged)) {
      stale.current = true;
      return previous;
    }
    stale.current = false;
    // A menu that did not change keeps its identity, so the toolbar does not rebuild its options.
    const keep = (before: MenuNames | undefined, next: MenuNames) => (before && sameMenu(before, next) ? before : next);
    const channels = keep(previous?.channels, menuNames(names.channels, filter.channel));
    const events = keep(previous?.events, menuNames(names.events, filter.event));
    const same = previous !== null && previous.channels === channels && previous.events === events;
    shown.current = same ? { ...previous, channel: filter.channel, event: filter.event, builtAt: now } : { channels, events, channel: filter.channel, event: filter.event, builtAt: now };
    return shown.current;
  }, [state.entries, state.entryCount, filter.channel, filter.event, refresh]);

  // Menus left behind by a growing log catch up once it has been quiet: the deadline counts from the last build.
  useEffect(() => {
    if (!stale.current) return;
    const timer = setTimeout(() => setRefresh((n) => n + 1), Math.max(0, (shown.current?.builtAt ?? 0) + MENU_REFRESH_MS - performance.now()));
    return () => clearTimeout(timer);
  }, [menus, state.entries, state.entryCount]);

  return menus;
}

function sameMenu(a: MenuNames, b: MenuNames): boolean {
  return a.more === b.more && a.names.length === b.names.length && a.names.every((name, i) => name === b.names[i]);
}
