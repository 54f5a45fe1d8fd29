import type { SessionState } from '../../core/session/state';
import { Empty } from '../components/Empty';
import { formatCount, formatTime } from '../events/format';
import { PRESENCE_HISTORY_LIMIT } from '../../core/session/presence-effects';

/** Members as this client sees them, from the server's snapshot and the joins and leaves after it. */
export function PresenceView({ state }: { state: SessionState }) {
  const channels = [...state.presence.values()];
  if (channels.length === 0) {
    return (
      <Empty title="No presence channel.">
        <p>Presence channels (names starting with presence-, Echo.join) show their members here.</p>
      </Empty>
    );
  }
  return (
    <div class="presence-view">
      {channels.map((p) => (
        <section key={p.key} class="presence-channel" data-channel={p.channel}>
          <h2 class="mono">
            {p.channel} <span class="count">{p.count} {p.count === 1 ? 'member' : 'members'}</span>
          </h2>
          <div class="presence-columns">
            <div>
              <h3>Members</h3>
              {p.members.size === 0 ? (
                <p class="note">No member right now (not subscribed, or the connection dropped).</p>
              ) : (
                <ul class="members">
                  {[...p.members].map(([id, info]) => (
                    <li key={id} class={id === p.me ? 'me' : ''}>
                      <span class="mono member-id">{id}</span>
                      {id === p.me && <span class="pill">me</span>}
                      <span class="mono info">{info === undefined ? '' : JSON.stringify(info)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <div>
              <h3>Joins and leaves</h3>
              {(p.historyDropped ?? 0) > 0 && <p class="note history-dropped">{formatCount(p.historyDropped ?? 0)} older changes not kept (the newest {formatCount(PRESENCE_HISTORY_LIMIT)} are)</p>}
              <ol class="history">
                {p.history
                  .filter((h) => h.kind !== 'here')
                  .map((h, i) => (
                    <li key={i} class={h.kind}>
                      <span class="mono">{formatTime(h.t)}</span> {h.kind === 'join' ? '→ joined' : '← left'} <span class="mono">{h.id}</span>
                    </li>
                  ))}
              </ol>
            </div>
          </div>
        </section>
      ))}
    </div>
  );
}
