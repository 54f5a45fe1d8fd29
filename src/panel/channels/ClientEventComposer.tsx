import { useState } from 'preact/hooks';
import { checkClientEvent } from '../../core/replay/client-event';
import type { ChannelInfo, Connection } from '../../core/session/state';

interface Props {
  connections: Connection[];
  channels: ChannelInfo[];
  sizeLimit: number;
  onSend: (connection: Connection, text: string) => void;
  result: { ok: boolean; error?: string } | 'pending' | null;
}

/** Compose a client-* event and send it through the page's connection, with Pusher's rules checked first. */
export function ClientEventComposer({ connections, channels, sizeLimit, onSend, result }: Props) {
  const [open, setOpen] = useState(false);
  const [index, setIndex] = useState(0);
  const [event, setEvent] = useState('client-');
  const [channel, setChannel] = useState('');
  const [data, setData] = useState('{}');
  const connection = connections[index] ?? connections[0];
  if (!open) {
    return (
      <div class="composer closed">
        <button type="button" class="link compose-open" onClick={() => setOpen(true)}>
          Send a client event…
        </button>
      </div>
    );
  }
  if (!connection) return <div class="composer note">Client events need an open Pusher connection.</div>;
  const eligible = channels.filter((c) => c.connectionKey === connection.key && c.status === 'subscribed');
  const target = channel || eligible.find((c) => c.kind === 'private' || c.kind === 'presence')?.name || '';
  const check = checkClientEvent({ event, channel: target, data }, connection, channels, Date.now(), sizeLimit);
  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        if (check.ok) onSend(connection, check.text);
      }}
    >
      {connections.length > 1 && (
        <select aria-label="Connection" value={index} onChange={(e) => setIndex(Number(e.currentTarget.value))}>
          {connections.map((c, i) => (
            <option key={c.key} value={i}>
              {c.pusher?.host ?? 'socket'} #{c.sid}
            </option>
          ))}
        </select>
      )}
      <label>
        Channel{' '}
        <select aria-label="Channel" value={target} onChange={(e) => setChannel(e.currentTarget.value)}>
          {eligible.map((c) => (
            <option key={c.key} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Event <input class="mono" aria-label="Event" value={event} onInput={(e) => setEvent(e.currentTarget.value)} />
      </label>
      <label class="data-label">
        data (JSON) <textarea class="mono" aria-label="data" rows={3} value={data} onInput={(e) => setData(e.currentTarget.value)} />
      </label>
      <div class="composer-actions">
        <button type="submit" class="action compose-send" disabled={!check.ok}>
          Send
        </button>
        <button type="button" class="link" onClick={() => setOpen(false)}>
          Close
        </button>
        {result === 'pending' && <span class="note">Sending…</span>}
        {result && result !== 'pending' && (result.ok ? <span class="ok">Sent.</span> : <span class="error">Not sent: {result.error}</span>)}
      </div>
      <ul class={check.ok ? 'rules note' : 'rules error'}>
        {(check.ok ? check.warnings : check.errors).map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
    </form>
  );
}
