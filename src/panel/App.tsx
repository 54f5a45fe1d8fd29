import { useMemo, useRef, useState } from 'preact/hooks';
import { compileFilter, emptyFilter, type LogFilter } from '../core/session/filter';
import { extendVisibleIds, selectConnections, selectNames, type VisibleIds } from '../core/session/selectors';
import { ConnectionBar } from './connections/ConnectionBar';
import { EventDetails } from './events/EventDetails';
import { EventLog } from './events/EventLog';
import { StatusBar } from './events/StatusBar';
import { Toolbar } from './events/Toolbar';
import type { Store } from './store';
import { useSession } from './use-store';

export function App({ store, tabId }: { store: Store; tabId: number }) {
  const state = useSession(store);
  const [filter, setFilter] = useState<LogFilter>(emptyFilter);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const compiled = useMemo(() => compileFilter(filter), [filter]);
  const visibleCache = useRef<VisibleIds | null>(null);
  const visible = useMemo(() => {
    visibleCache.current = extendVisibleIds(visibleCache.current, state, compiled);
    return visibleCache.current.ids;
  }, [state.entries, state.entryCount, compiled]);
  // Menus are rebuilt only when the log grows, not on every keystroke.
  const names = useMemo(() => selectNames(state), [state.entries, state.entryCount]);
  const connections = useMemo(() => selectConnections(state), [state.connections]);
  const selected = selectedId !== null && selectedId < state.entryCount ? state.entries[selectedId] : undefined;

  return (
    <div class="app" data-tab-id={tabId}>
      <Toolbar
        filter={filter}
        onFilter={setFilter}
        problem={compiled.problem}
        names={names}
        recording={state.recording}
        onRecording={(recording) => store.dispatch({ kind: 'set-recording', recording })}
        onClear={() => {
          setSelectedId(null);
          store.dispatch({ kind: 'clear' });
        }}
      />
      <ConnectionBar connections={connections} instances={[...state.instances.values()]} />
      <div class="split">
        <EventLog
          state={state}
          ids={visible}
          selectedId={selected ? selected.id : null}
          onSelect={setSelectedId}
          hasConnections={state.connections.size > 0}
        />
        {selected && <EventDetails entry={selected} connection={state.connections.get(selected.connectionKey)} onClose={() => setSelectedId(null)} />}
      </div>
      <StatusBar state={state} shown={visible.length} />
    </div>
  );
}
