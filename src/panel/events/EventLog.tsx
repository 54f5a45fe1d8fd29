import { channelOf } from '../../core/session/filter';
import type { SessionState } from '../../core/session/state';
import { formatBytes } from '../../core/protocol/bytes';
import { sizeClass, type SizeLimits } from '../../core/protocol/size-limits';
import { VirtualList } from '../components/VirtualList';
import { eventLabel, formatTime } from './format';

const ROW_HEIGHT = 21;

interface Props {
  state: SessionState;
  ids: number[];
  /** The filter has not looked at the whole log yet: `ids` holds the newest matches so far. */
  filtering: boolean;
  selectedId: number | null;
  onSelect: (id: number | null, mode?: 'toggle' | 'range') => void;
  /** Frames picked with Ctrl/Cmd- or Shift-click, for replaying a sequence. */
  marked: ReadonlySet<number>;
  hasConnections: boolean;
  limits: SizeLimits;
}

export function EventLog({ state, ids, filtering, selectedId, onSelect, marked, hasConnections, limits }: Props) {
  const selectedIndex = selectedId === null ? -1 : ids.indexOf(selectedId);
  const move = (delta: number) => {
    if (ids.length === 0) return;
    const index = selectedIndex < 0 ? (delta > 0 ? 0 : ids.length - 1) : Math.min(ids.length - 1, Math.max(0, selectedIndex + delta));
    onSelect(ids[index] ?? null);
  };

  return (
    <div
      class="event-log"
      role="grid"
      aria-label="Pusher frames"
      aria-rowcount={ids.length + 1}
      tabIndex={0}
      onKeyDown={(event) => {
        const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 20, PageUp: -20 };
        if (event.key in steps) {
          event.preventDefault();
          move(steps[event.key] ?? 0);
        } else if (event.key === 'Escape') onSelect(null);
      }}
    >
      <div class="row header" role="row" aria-rowindex={1}>
        <span class="cell time">Time</span>
        <span class="cell dir" title="Direction">⇅</span>
        <span class="cell event">Event</span>
        <span class="cell channel">Channel</span>
        <span class="cell size" title="Size of the whole frame, UTF-8 bytes">Size</span>
        <span class="cell data" title="Size of the event's data as Pusher counts it against its limit">Data</span>
        <span class="cell conn">Connection</span>
      </div>
      {ids.length === 0 ? (
        <EmptyLog total={state.entryCount} filtering={filtering} hasConnections={hasConnections} />
      ) : (
        <VirtualList
          count={ids.length}
          rowHeight={ROW_HEIGHT}
          focusIndex={selectedIndex}
          stickToBottom={selectedIndex < 0}
          renderRow={(index, key, style) => {
            const entry = state.entries[(ids[index] ?? -1) - state.firstId];
            if (!entry) return null;
            if (entry.navigation !== undefined) {
              return (
                <div key={key} role="row" aria-rowindex={index + 2} style={style} data-id={entry.id} class="row navigation">
                  <span class="cell time">{formatTime(entry.t)}</span>
                  <span class="cell nav-label">Navigated to {entry.navigation}</span>
                </div>
              );
            }
            const frame = entry.frame?.ok ? entry.frame : null;
            const connection = state.connections.get(entry.connectionKey);
            return (
              <div
                key={key}
                role="row"
                aria-rowindex={index + 2}
                style={style}
                data-id={entry.id}
                aria-selected={entry.id === selectedId}
                class={`row ${entry.dir} ${entry.id === selectedId ? 'selected' : ''} ${marked.has(entry.id) ? 'marked' : ''} ${frame ? '' : 'bad'} ${entry.replayed ? 'replayed' : ''} ${entry.held ? `held-${entry.held}` : ''}`}
                onMouseDown={(event) => onSelect(entry.id, event.ctrlKey || event.metaKey ? 'toggle' : event.shiftKey ? 'range' : undefined)}
              >
                <span class="cell time">{formatTime(entry.t)}</span>
                <span class="cell dir" title={entry.replayed ? 'Replayed by Pusher DevTools' : entry.dir === 'in' ? 'Received' : 'Sent'}>
                  {entry.replayed ? '↻' : entry.dir === 'in' ? '↓' : '↑'}
                </span>
                <span class="cell event" title={entry.held ? `${entry.held === 'dropped' ? 'Dropped' : 'Delayed'} by an injected fault` : undefined}>
                  {eventLabel(entry)}
                  {entry.held && <span class="held-tag"> ({entry.held}, injected)</span>}
                </span>
                <span class="cell channel">{channelOf(entry) ?? ''}</span>
                <span class="cell size" title={`${entry.bytes} bytes (UTF-8)`}>
                  {formatBytes(entry.bytes)}
                </span>
                <span class={`cell data ${frame ? sizeClass(frame.dataBytes, limits) : ''}`} title={frame ? `data: ${frame.dataBytes} bytes (limit ${limits.limit})` : ''}>
                  {frame && frame.encoding !== 'none' ? formatBytes(frame.dataBytes) : ''}
                </span>
                <span class="cell conn">{connection ? `${connection.pusher?.host ?? 'socket'} #${connection.sid}` : ''}</span>
              </div>
            );
          }}
        />
      )}
    </div>
  );
}

function EmptyLog({ total, filtering, hasConnections }: { total: number; filtering: boolean; hasConnections: boolean }) {
  if (filtering) return <div class="empty">Filtering…</div>;
  if (total > 0) return <div class="empty">No frame matches the filter.</div>;
  if (hasConnections) return <div class="empty">Connected. Frames will appear here as they are sent and received.</div>;
  return (
    <div class="empty">
      <p>No Pusher connection seen in this tab yet.</p>
      <p>Reload the page to capture from its first script, or wait for the app to connect.</p>
    </div>
  );
}
