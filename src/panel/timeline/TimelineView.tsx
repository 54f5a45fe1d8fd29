import { useEffect, useMemo, useState } from 'preact/hooks';
import { explainCloseCode, explainPusherError } from '../../core/protocol/close-codes';
import { selectOutages, selectTimeline, type Lane } from '../../core/session/timeline';
import type { Mark, SessionState } from '../../core/session/state';
import { CONNECTION_LIMIT } from '../../core/session/draft';
import { Empty } from '../components/Empty';
import { formatTime } from '../events/format';

/** Bands of connection states over time, with the moments that matter, and each outage told in one line. */
export function TimelineView({ state, onShowEntry }: { state: SessionState; onShowEntry: (id: number) => void }) {
  const lanes = useMemo(() => selectTimeline(state), [state.instances, state.connections]);
  const now = useNow(1000);
  if (lanes.length === 0) {
    return (
      <Empty title="No connection yet.">
        <p>Reload the page to see its Pusher connection from the first attempt.</p>
      </Empty>
    );
  }
  const start = Math.min(...lanes.flatMap((l) => [...l.segments.map((s) => s.from), ...l.marks.map((m) => m.t)]));
  const span = Math.max(1, now - start);
  const x = (t: number) => `${(((t - start) / span) * 100).toFixed(3)}%`;
  return (
    <div class="timeline-view">
      <p class="legend" aria-label="Legend">
        {['connected', 'connecting', 'unavailable', 'disconnected'].map((name) => (
          <span key={name}>
            <span class={`swatch segment state-${name}`} /> {name}
          </span>
        ))}
        <span>
          <span class="swatch tick-swatch" /> event (close, error, retry)
        </span>
      </p>
      {state.connectionsDropped > 0 && (
        <p class="note connections-dropped">
          {state.connectionsDropped} older closed connections not kept (the newest {CONNECTION_LIMIT} are): the bands start at
          the oldest kept
        </p>
      )}
      {lanes.map((lane) => (
        <section key={lane.key} class="lane" data-lane={lane.source}>
          <h2>
            {lane.label}{' '}
            <span class={`source ${lane.source}`}>
              {lane.source === 'pusher-js' ? 'states from pusher-js' : 'states inferred from the sockets (no pusher-js instance reachable)'}
            </span>
            {lane.activityTimeout !== undefined && (
              <span class="source" title="After this long without a message, pusher-js sends pusher:ping and waits for a pong">
                {' '}· activity timeout {lane.activityTimeout} s
              </span>
            )}
          </h2>
          {lane.dropped > 0 && (
            <p class="note lane-dropped" title="Each connection and pusher-js instance keeps its newest 1,000 or so marks and states">
              {lane.dropped} older marks and states not kept: the band starts later than the connection did
            </p>
          )}
          <div class="band" aria-label="Connection states over time">
            {lane.segments.map((s, i) => (
              <span
                key={i}
                class={`segment state-${s.state}`}
                style={{ left: x(s.from), width: `calc(${x(s.to ?? now)} - ${x(s.from)})` }}
                title={`${s.state} from ${formatTime(s.from)}${s.to ? ` to ${formatTime(s.to)}` : ' (now)'}`}
              />
            ))}
            {lane.marks.map((m, i) => (
              <span key={i} class={`tick mark-${m.kind}`} style={{ left: x(m.t) }} title={`${formatTime(m.t)} ${m.label}`} />
            ))}
          </div>
          <div class="axis">
            <span>{formatTime(start)}</span>
            <span>{formatTime(now)}</span>
          </div>
          <Story lane={lane} now={now} />
          <MarkList marks={lane.marks} onShowEntry={onShowEntry} />
        </section>
      ))}
    </div>
  );
}

function Story({ lane, now }: { lane: Lane; now: number }) {
  const outages = selectOutages(lane, now);
  const current = lane.segments.at(-1);
  return (
    <div class="story">
      <p>
        Now <b class={`state-text state-${current?.state}`}>{current?.state ?? 'unknown'}</b>
        {outages.length > 0 ? `, after ${outages.length} ${outages.length === 1 ? 'drop' : 'drops'}.` : ', no drop so far.'}
      </p>
      {outages.length > 0 && (
        <ul class="outages">
          {outages.map((o, i) => (
            <li key={i}>
              Dropped at <span class="mono">{formatTime(o.from)}</span>
              {o.cause ? ` (${o.cause.label})` : ''}, down {seconds((o.to ?? now) - o.from)}
              {o.to === null ? ' so far' : ''}, {o.attempts} {o.attempts === 1 ? 'attempt' : 'attempts'} to reconnect.
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function MarkList({ marks, onShowEntry }: { marks: Mark[]; onShowEntry: (id: number) => void }) {
  const shown = marks.filter((m) => m.kind !== 'ping' && m.kind !== 'pong');
  const heartbeats = marks.length - shown.length;
  return (
    <table class="grid marks">
      <tbody>
        {shown.map((m, i) => {
          const explanation = m.kind === 'close' && typeof m.code === 'number' ? explainCloseCode(m.code, m.message) : m.kind === 'error' ? explainPusherError(m.code ?? null, m.message) : null;
          return (
            <tr key={i} class={`mark-row mark-${m.kind} ${explanation ? `severity-${explanation.severity}` : ''}`}>
              <td class="mono">{formatTime(m.t)}</td>
              <td>
                {m.entryId !== undefined ? (
                  <button type="button" class="link" onClick={() => onShowEntry(m.entryId as number)}>
                    {m.label}
                  </button>
                ) : (
                  m.label
                )}
              </td>
              <td>{explanation ? <><b>{explanation.title}.</b> {explanation.meaning} <i>{explanation.next}</i></> : m.message ?? ''}</td>
            </tr>
          );
        })}
        {heartbeats > 0 && (
          <tr class="note">
            <td colSpan={3}>{heartbeats} ping/pong heartbeats (ticks on the band)</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
