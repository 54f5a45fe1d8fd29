import { useState } from 'preact/hooks';
import { classifyAuth } from '../../core/protocol/auth-outcome';
import type { AuthAttempt, SessionState } from '../../core/session/state';
import { AUTH_LIMIT } from '../../core/session/draft';
import { Empty } from '../components/Empty';
import { formatTime } from '../events/format';

export function AuthView({ state }: { state: SessionState }) {
  const [open, setOpen] = useState<string | null>(null);
  const attempts = [...state.auths.values()].sort((a, b) => b.t - a.t);
  if (attempts.length === 0) {
    return (
      <Empty title="No auth request seen.">
        <p>Private and presence channels ask the app's auth endpoint (by default POST /pusher/auth) before subscribing.</p>
      </Empty>
    );
  }
  return (
    <div class="table-view">
      {state.authsDropped > 0 && (
        <p class="note auths-dropped">
          {state.authsDropped} older answered auth requests not kept (the newest {AUTH_LIMIT} or so are)
        </p>
      )}
      <table class="grid">
        <thead>
          <tr>
            <th>Time</th>
            <th>Channel</th>
            <th>Endpoint</th>
            <th class="num">Status</th>
            <th class="num">Duration</th>
            <th>Outcome</th>
          </tr>
        </thead>
        <tbody>
          {attempts.map((a) => (
            <AuthRow key={a.key} attempt={a} open={open === a.key} onToggle={() => setOpen(open === a.key ? null : a.key)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AuthRow({ attempt, open, onToggle }: { attempt: AuthAttempt; open: boolean; onToggle: () => void }) {
  const response = attempt.response;
  const outcome = classifyAuth({ ...attempt, ...response });
  const rejected = attempt.serverRejection;
  const ok = outcome.ok && !rejected;
  return (
    <>
      <tr class={`auth-row ${ok ? 'ok' : outcome.cause === 'pending' ? 'pending' : 'failed'}`} data-channel={attempt.channel ?? ''}
        tabIndex={0}
        aria-expanded={open}
        onClick={onToggle}
        onKeyDown={(event) => {
          if (event.key !== 'Enter' && event.key !== ' ') return;
          event.preventDefault();
          onToggle();
        }}
      >
        <td class="mono">{formatTime(attempt.t)}</td>
        <td class="mono">{attempt.channel ?? '(user sign-in)'}</td>
        <td class="mono" title={attempt.url}>
          {attempt.method} {attempt.url}
        </td>
        <td class="num">{response ? response.status : '…'}</td>
        <td class="num">{response ? `${response.t - attempt.t} ms` : ''}</td>
        <td class="outcome">{rejected ? `Signature rejected by the server: ${rejected.message}` : outcome.summary}</td>
      </tr>
      {open && (
        <tr class="auth-details">
          <td colSpan={6}>
            {outcome.fix && <p class="fix">{outcome.fix}</p>}
            <p class="note">
              socket_id <span class="mono">{attempt.socketId}</span> · via {attempt.transport}
              {response?.contentType && ` · ${response.contentType}`}
              {response && ` · ${response.bodyBytes} bytes`}
            </p>
            {response && <pre class="raw mono">{response.body || '(empty body)'}</pre>}
          </td>
        </tr>
      )}
    </>
  );
}
