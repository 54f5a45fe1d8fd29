import type { Connection, Instance } from '../../core/session/state';

// Shown on every view and drawn on every render: past this many, the rest are counted in one chip, so that a page
// with thousands of sockets (or forging them) does not slow every keystroke in the panel.
const MAX_CHIPS = 50;

/** One line per socket: where it goes, its state and socket id; pusher-js's own state when the page exposes it. */
export function ConnectionBar({ connections, instances }: { connections: Connection[]; instances: Instance[] }) {
  if (connections.length === 0 && instances.length === 0) return null;
  const more = Math.max(0, instances.length - MAX_CHIPS) + Math.max(0, connections.length - MAX_CHIPS);
  return (
    <div class="connections" aria-label="Connections">
      {instances.slice(0, MAX_CHIPS).map((instance) => (
        <span key={instance.key} class={`chip instance state-${instance.state}`} title={`pusher-js instance, app key ${instance.appKey}`}>
          <span class="dot" />
          pusher-js {instance.appKey}: <b class="state">{instance.state}</b>
          {instance.socketId && <span class="mono"> {instance.socketId}</span>}
          {instance.retries > 0 && <span> · {instance.retries} retries</span>}
        </span>
      ))}
      {connections.slice(0, MAX_CHIPS).map((c) => (
        <span key={c.key} class={`chip socket phase-${c.phase}`} title={c.url}>
          <span class="dot" />
          {c.pusher?.host ?? 'socket'} #{c.sid} <b class="state">{c.phase}</b>
          {c.socketId && <span class="mono"> {c.socketId}</span>}
          {c.close && <span> · closed {c.close.code}{c.close.reason ? ` ${c.close.reason}` : ''}</span>}
          {c.origin.frameId !== 0 && <span class="frame-tag"> iframe</span>}
        </span>
      ))}
      {more > 0 && (
        <span class="chip more" title="Older sockets and pusher-js instances, not shown here">
          + {more} more
        </span>
      )}
    </div>
  );
}
