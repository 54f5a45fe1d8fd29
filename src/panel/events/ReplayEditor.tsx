import { useState } from 'preact/hooks';
import { buildFrame, draftFromEntry, type FrameDraft } from '../../core/replay/edit';
import type { Connection, LogEntry } from '../../core/session/state';

interface Props {
  entry: LogEntry;
  /** Open Pusher connections the frame can be replayed into, the frame's own first when it is still open. */
  targets: Connection[];
  onReplay: (connection: Connection, text: string) => void;
  /** What the page answered to the last replay, if any. */
  result: { ok: boolean; error?: string } | 'pending' | null;
}

/** Replays a received frame into the page, as sent or edited (data shown decoded, encoded again on send). */
export function ReplayEditor({ entry, targets, onReplay, result }: Props) {
  const [draft, setDraft] = useState<FrameDraft | null>(() => draftFromEntry(entry));
  const [editing, setEditing] = useState(false);
  const [target, setTarget] = useState(0);
  if (!draft || entry.dir !== 'in') return null;
  const built = editing ? buildFrame(draft) : ({ ok: true, text: entry.text ?? '' } as const);
  const connection = targets[target];
  const set = (patch: Partial<FrameDraft>) => setDraft({ ...draft, ...patch });
  return (
    <div class="replay">
      <div class="replay-actions">
        <button type="button" class="action replay-send" disabled={!connection || !built.ok} onClick={() => connection && built.ok && onReplay(connection, built.text)}>
          {editing ? 'Replay edited' : 'Replay'}
        </button>
        <label>
          <input type="checkbox" checked={editing} onChange={(e) => setEditing(e.currentTarget.checked)} /> edit first
        </label>
        {targets.length > 1 && (
          <select aria-label="Replay into" value={target} onChange={(e) => setTarget(Number(e.currentTarget.value))}>
            {targets.map((c, i) => (
              <option key={c.key} value={i}>
                into {c.pusher?.host ?? 'socket'} #{c.sid} {c.socketId ?? ''}
              </option>
            ))}
          </select>
        )}
        {!connection && <span class="error">No open connection to replay into: the page's sockets are closed.</span>}
        {result === 'pending' && <span class="note">Replaying…</span>}
        {result && result !== 'pending' && (result.ok ? <span class="ok">Delivered to the page's handlers.</span> : <span class="error">Not replayed: {result.error}</span>)}
      </div>
      {editing && (
        <div class="replay-form">
          <label>
            Event <input class="mono" value={draft.event} onInput={(e) => set({ event: e.currentTarget.value })} />
          </label>
          <label>
            Channel <input class="mono" value={draft.channel} onInput={(e) => set({ channel: e.currentTarget.value })} />
          </label>
          <label class="data-label">
            data {draft.dataIsText ? '(text)' : '(JSON; sent double-encoded, as Pusher servers do)'}
            <textarea class="mono" rows={8} value={draft.data} onInput={(e) => set({ data: e.currentTarget.value })} />
          </label>
          <label>
            <input type="checkbox" checked={draft.dataIsText} onChange={(e) => set({ dataIsText: e.currentTarget.checked })} /> send data as text
          </label>
          {!built.ok && <p class="error">{built.error}</p>}
        </div>
      )}
    </div>
  );
}
