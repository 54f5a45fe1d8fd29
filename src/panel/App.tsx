import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { emptyFilter, type LogFilter } from '../core/session/filter';
import { selectProblems } from '../core/session/problems';
import { entryById, selectConnections, selectReplayTargets, visibleIdsFor, type FilterCache, type ScanBudget } from '../core/session/selectors';
import { droppedByRetention, type Connection, type LogEntry } from '../core/session/state';
import type { TabConnection } from './connection';
import { AuthView } from './auth/AuthView';
import { ChannelsView } from './channels/ChannelsView';
import { ClientEventComposer } from './channels/ClientEventComposer';
import { ConnectionBar } from './connections/ConnectionBar';
import { EventDetails } from './events/EventDetails';
import { EventLog } from './events/EventLog';
import { formatCount } from './events/format';
import { SessionButtons, type Notice } from './events/SessionButtons';
import { SequenceBar } from './events/SequenceBar';
import { StatusBar } from './events/StatusBar';
import { Toolbar } from './events/Toolbar';
import { PresenceView } from './presence/PresenceView';
import { ProblemsView } from './problems/ProblemsView';
import type { Store } from './store';
import { FaultControls } from './timeline/FaultControls';
import { TimelineView } from './timeline/TimelineView';
import { useCommands } from './use-commands';
import { useFilterMenus } from './use-filter-menus';
import { savePreserveLog } from './navigation';
import { saveHoldFloods, saveRetention } from './settings';
import { useLimits } from './use-limits';
import { useSession } from './use-store';
import { ViewTabs, type ViewName } from './views/ViewTabs';

/**
 * How long one task may spend filtering the log before it paints what it found (the newest rows first): short on a
 * keystroke, longer for the tasks that go on with older frames (each also renders, so fewer is cheaper).
 */
const KEYSTROKE_SCAN_MS = 8;
const BACKGROUND_SCAN_MS = 16;
/** More matches than any screen shows: a keystroke stops scanning once it has found them (the newest first). */
const KEYSTROKE_ROWS = 200;

function sliceBudget(ms: number, enough?: number): ScanBudget {
  const until = performance.now() + ms;
  return { spent: () => performance.now() > until, ...(enough !== undefined && { enough }) };
}

interface AppProps {
  store: Store;
  tabId: number;
  send: TabConnection['send'];
  /** The tab's pages hold floods back (on by default); the choice is kept in this browser. */
  holdFloods: boolean;
  setHoldFloods: TabConnection['setHoldFloods'];
}

export function App({ store, tabId, send, holdFloods: initialHold, setHoldFloods }: AppProps) {
  const state = useSession(store);
  const [holdFloods, setHold] = useState(initialHold);
  const [view, setView] = useState<ViewName>('events');
  const [filter, setFilter] = useState<LogFilter>(emptyFilter);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [limits, setLimit] = useLimits();
  // Recent filters' results, extended as the log grows: a keystroke costs what it changes, not a scan of the log.
  // A scan that would take longer than a slice shows the newest matches first and goes on in later tasks.
  const filterCache = useRef<FilterCache>(new Map());
  const [scanSlice, setScanSlice] = useState(0);
  const lastFilter = useRef(filter);
  const visibleIds = useMemo(() => {
    const changed = lastFilter.current !== filter;
    lastFilter.current = filter;
    return visibleIdsFor(filterCache.current, state, filter, changed ? sliceBudget(KEYSTROKE_SCAN_MS, KEYSTROKE_ROWS) : sliceBudget(BACKGROUND_SCAN_MS));
  }, [state.entries, state.entryCount, filter, scanSlice]);
  const { filter: compiled, ids: visible } = visibleIds;
  const filtering = visibleIds.pending !== null;
  useEffect(() => {
    if (!filtering) return;
    const timer = setTimeout(() => setScanSlice((n) => n + 1), 0);
    return () => clearTimeout(timer);
  }, [visibleIds, filtering]);
  const names = useFilterMenus(state, filter);
  const connections = useMemo(() => selectConnections(state), [state.connections]);
  const problems = useMemo(() => selectProblems(state, limits), [state, limits]);
  const run = useCommands(send);
  const [lastReplay, setLastReplay] = useState<{ cid: number; entryId: number } | null>(null);
  const [lastFault, setLastFault] = useState<number | null>(null);
  const [lastSend, setLastSend] = useState<number | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [marked, setMarked] = useState<ReadonlySet<number>>(new Set());
  const select = (id: number | null, mode?: 'toggle' | 'range') => {
    if (id === null || !mode) {
      setMarked(new Set());
      setSelectedId(id);
      return;
    }
    const next = new Set(marked.size === 0 && selectedId !== null ? [selectedId] : marked);
    if (mode === 'toggle') {
      if (next.has(id)) next.delete(id);
      else next.add(id);
    } else {
      const [from, to] = [visible.indexOf(selectedId ?? id), visible.indexOf(id)].sort((a, b) => a - b);
      for (const between of visible.slice(Math.max(0, from ?? 0), (to ?? 0) + 1)) next.add(between);
    }
    setMarked(next);
    setSelectedId(id);
  };
  const resultOf = (cid: number | null | undefined) => (cid == null ? null : (state.commandResults.get(cid) ?? 'pending'));
  const replayInto = (connection: Connection, text: string, entryId: number) => {
    const cid = run(connection, { type: 'replay', sid: connection.sid, text });
    setLastReplay(cid === null ? null : { cid, entryId });
  };
  const selected = selectedId === null ? undefined : entryById(state, selectedId);
  // Picked frames the retention bound has since dropped are left out.
  const markedEntries = marked.size > 1 ? [...marked].map((id) => entryById(state, id)).filter((e): e is LogEntry => e !== undefined) : [];
  const showChannel = (channel: string) => {
    setFilter({ ...emptyFilter, channel });
    setView('events');
  };
  const showEntry = (id: number) => {
    if (id < state.idBase) {
      setNotice({ kind: 'error', text: 'That frame is no longer in the log: it was cleared.' });
      return;
    }
    if (id < state.firstId) {
      setNotice({ kind: 'error', text: `That frame is no longer in the log: the ${formatCount(droppedByRetention(state))} oldest frames were dropped (the log keeps ${formatCount(state.retention)}).` });
      return;
    }
    setFilter(emptyFilter);
    setSelectedId(id);
    setView('events');
  };

  return (
    <div class="app" data-tab-id={tabId}>
      <ViewTabs
        view={view}
        onView={setView}
        counts={{ events: state.entryCount, channels: state.channels.size, auth: state.auths.size, problems: problems.length }}
        problemsSevere={problems.some((p) => p.severity === 'error')}
      />
      <ConnectionBar connections={connections} instances={[...state.instances.values()]} />
      {view === 'events' && (
        <>
          <Toolbar
            filter={filter}
            onFilter={setFilter}
            problem={compiled.problem}
            names={names}
            recording={state.recording}
            onRecording={(recording) => store.dispatch({ kind: 'set-recording', recording })}
            onClear={() => {
              setSelectedId(null);
              setMarked(new Set());
              store.dispatch({ kind: 'clear' });
            }}
            preserveLog={state.preserveLog}
            onPreserveLog={(preserve) => {
              savePreserveLog(preserve);
              store.dispatch({ kind: 'set-preserve-log', preserve });
            }}
            session={<SessionButtons recorded={store.recorded} onImport={store.importPages} onNotice={setNotice} held={state.entryCount} retention={state.retention} />}
          />
          {markedEntries.length > 1 && (
            <SequenceBar
              entries={markedEntries}
              target={selectReplayTargets(state, markedEntries[0]?.connectionKey ?? '')[0]}
              onSend={(connection, text) => run(connection, { type: 'replay', sid: connection.sid, text })}
              onClearSelection={() => setMarked(new Set())}
            />
          )}
          <div class="split">
            <EventLog state={state} ids={visible} filtering={filtering} selectedId={selected ? selected.id : null} onSelect={select} marked={marked} hasConnections={state.connections.size > 0} limits={limits} />
            {selected && (
              <EventDetails
                entry={selected}
                connection={state.connections.get(selected.connectionKey)}
                limits={limits}
                onClose={() => setSelectedId(null)}
                replay={{
                  targets: selectReplayTargets(state, selected.connectionKey),
                  onReplay: (connection, text) => replayInto(connection, text, selected.id),
                  result: lastReplay?.entryId === selected.id ? resultOf(lastReplay.cid) : null,
                }}
              />
            )}
          </div>
        </>
      )}
      <div class="view-body">
        {view === 'timeline' && (
          <>
            <FaultControls
              connections={selectReplayTargets(state, '')}
              onClose={(connection, code, reason) => setLastFault(run(connection, { type: 'close', sid: connection.sid, code, reason }))}
              onOffline={(connection, seconds) => setLastFault(run(connection, { type: 'offline', seconds }))}
              onIncoming={(connection, mode, seconds, delayMs) => setLastFault(run(connection, { type: 'incoming', mode, seconds, delayMs }))}
              result={resultOf(lastFault)}
            />
            <TimelineView state={state} onShowEntry={showEntry} />
          </>
        )}
        {view === 'channels' && (
          <>
            <ClientEventComposer
              connections={selectReplayTargets(state, '')}
              channels={[...state.channels.values()]}
              sizeLimit={limits.limit}
              onSend={(connection, text) => setLastSend(run(connection, { type: 'send', sid: connection.sid, text }))}
              result={resultOf(lastSend)}
            />
            <ChannelsView state={state} limits={limits} onShowChannel={showChannel} />
          </>
        )}
        {view === 'presence' && <PresenceView state={state} />}
        {view === 'auth' && <AuthView state={state} />}
        {view === 'problems' && <ProblemsView problems={problems} limit={limits.limit} onLimit={setLimit} onShowEntry={showEntry} onView={setView} onShowChannel={showChannel} />}
      </div>
      <StatusBar
        state={state}
        shown={visible.length}
        filtering={filtering}
        notice={notice}
        onDismiss={() => setNotice(null)}
        onRetention={(retention) => {
          saveRetention(retention);
          store.dispatch({ kind: 'set-retention', retention });
        }}
        holdFloods={holdFloods}
        onHoldFloods={(hold) => {
          saveHoldFloods(hold);
          setHold(hold);
          setHoldFloods(hold);
        }}
      />
    </div>
  );
}
