import { formatBytes } from '../../core/protocol/bytes';
import type { ChannelInfo, SessionState } from '../../core/session/state';
import { selectHandlers } from '../../core/session/selectors';
import { Empty } from '../components/Empty';
import { formatTime } from '../events/format';
import { sizeClass, type SizeLimits } from '../../core/protocol/size-limits';

interface Props {
  state: SessionState;
  limits: SizeLimits;
  onShowChannel: (name: string) => void;
}

const ORDER: Record<ChannelInfo['status'], number> = { failed: 0, pending: 1, subscribed: 2, disconnected: 3, unsubscribed: 4 };

export function ChannelsView({ state, limits, onShowChannel }: Props) {
  const channels = [...state.channels.values()].sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.name.localeCompare(b.name));
  if (channels.length === 0) {
    return (
      <Empty title="No channel yet.">
        <p>Channels appear when the page subscribes (pusher.subscribe, Echo.channel/private/join).</p>
      </Empty>
    );
  }
  return (
    <div class="table-view">
      <table class="grid">
        <thead>
          <tr>
            <th>Channel</th>
            <th>Kind</th>
            <th>Status</th>
            <th>Since</th>
            <th class="num">Received</th>
            <th class="num">Sent</th>
            <th class="num">Data in</th>
            <th class="num">Largest</th>
            <th class="num" title="Subscriptions sent (each reconnect subscribes again)">Subs</th>
            <th title="The app's handlers per event, read from the pusher-js instance">Handlers</th>
          </tr>
        </thead>
        <tbody>
          {channels.map((c) => (
            <tr key={c.key} class={`status-${c.status}`} data-channel={c.name}>
              <td class="mono">
                <button type="button" class="link" title="Show this channel's events" onClick={() => onShowChannel(c.name)}>
                  {c.name}
                </button>
              </td>
              <td>{c.kind}</td>
              <td class="status">
                <span class="pill">{c.status}</span>
                {c.reason && <div class="reason">{c.reason}</div>}
              </td>
              <td>{formatTime(c.changedAt)}</td>
              <td class="num">{c.eventsIn}</td>
              <td class="num">{c.eventsOut}</td>
              <td class="num">{formatBytes(c.dataBytesIn + c.dataBytesOut)}</td>
              <td class={`num ${sizeClass(c.largestData, limits)}`} title={`${c.largestData} bytes`}>
                {formatBytes(c.largestData)}
              </td>
              <td class="num">{c.subscribes}</td>
              <td class="mono handlers">
                <Handlers handlers={selectHandlers(state, c)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Handlers({ handlers }: { handlers: ReturnType<typeof selectHandlers> }) {
  if (handlers === null) return <span class="note" title="No pusher-js instance reachable: the page does not expose window.Pusher">n/a</span>;
  const events = Object.entries(handlers.events);
  if (events.length === 0 && handlers.global === 0) return <span class="note">none</span>;
  return (
    <>
      {events.map(([event, count]) => `${event} ×${count}`).join(', ')}
      {handlers.global > 0 && `${events.length ? ', ' : ''}bind_global ×${handlers.global}`}
    </>
  );
}
