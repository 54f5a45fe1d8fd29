import { useState } from 'preact/hooks';
import { NumberInput } from '../components/NumberInput';
import { explainCloseCode } from '../../core/protocol/close-codes';
import type { Connection } from '../../core/session/state';

const CODES = [4100, 4200, 4201, 4001, 4009, 1006, 1000];

interface Props {
  connections: Connection[];
  onClose: (connection: Connection, code: number, reason: string) => void;
  onOffline: (connection: Connection, seconds: number) => void;
  onIncoming: (connection: Connection, mode: 'drop' | 'delay', seconds: number, delayMs: number) => void;
  result: { ok: boolean; error?: string } | 'pending' | null;
}

/** Make the connection misbehave on purpose, to reproduce disconnections. Marked as injected on the timeline. */
export function FaultControls({ connections, onClose, onOffline, onIncoming, result }: Props) {
  const [index, setIndex] = useState(0);
  const [code, setCode] = useState(4100);
  const [seconds, setSeconds] = useState(15);
  const [mode, setMode] = useState<'drop' | 'delay'>('delay');
  const [delayMs, setDelayMs] = useState(2000);
  const connection = connections[index] ?? connections[0];
  const outcome =
    result === 'pending' ? <span class="note">Sent…</span> : result ? result.ok ? <span class="ok">Injected.</span> : <span class="error">Not injected: {result.error}</span> : null;
  if (!connection) {
    return (
      <div class="faults">
        <span class="note">Fault injection needs an open Pusher connection.</span>
        {outcome}
      </div>
    );
  }
  const why = explainCloseCode(code);
  return (
    <div class="faults" aria-label="Fault injection">
      <b>Inject</b>
      {connections.length > 1 && (
        <select aria-label="Connection" value={index} onChange={(e) => setIndex(Number(e.currentTarget.value))}>
          {connections.map((c, i) => (
            <option key={c.key} value={i}>
              {c.pusher?.host ?? 'socket'} #{c.sid} {c.socketId ?? ''}
            </option>
          ))}
        </select>
      )}
      <select aria-label="Close code" value={code} title={`${why.title}. ${why.next}`} onChange={(e) => setCode(Number(e.currentTarget.value))}>
        {CODES.map((c) => (
          <option key={c} value={c}>
            {c} {explainCloseCode(c).title}
          </option>
        ))}
      </select>
      <button type="button" class="action fault-close" onClick={() => onClose(connection, code, code === 1006 ? '' : why.title)}>
        Close as the server would
      </button>
      <span class="divider" />
      <label>
        offline for <NumberInput value={seconds} min={1} max={600} onValue={setSeconds} /> s
      </label>
      <button type="button" class="action fault-offline" onClick={() => onOffline(connection, seconds)}>
        Go offline
      </button>
      <span class="divider" />
      <select aria-label="Incoming frames" value={mode} onChange={(e) => setMode(e.currentTarget.value as 'drop' | 'delay')}>
        <option value="delay">delay incoming by</option>
        <option value="drop">drop incoming</option>
      </select>
      {mode === 'delay' && (
        <label>
          <NumberInput aria-label="Delay in ms" value={delayMs} min={0} max={60_000} step={100} onValue={setDelayMs} /> ms
        </label>
      )}
      <button
        type="button"
        class="action fault-incoming"
        title={`For the ${seconds} s above`}
        onClick={() => onIncoming(connection, mode, seconds, delayMs)}
      >
        Apply for {seconds} s
      </button>
      {outcome}
    </div>
  );
}
