import type { ComponentProps } from 'preact';
import { useState } from 'preact/hooks';
import { CopyMenu } from './CopyMenu';
import { ReplayEditor } from './ReplayEditor';
import { formatBytes } from '../../core/protocol/bytes';
import { decodeData } from '../../core/protocol/frame';
import { sizeClass, type SizeLimits } from '../../core/protocol/size-limits';
import type { Connection, LogEntry } from '../../core/session/state';
import { JsonTree } from '../components/JsonTree';
import { eventLabel, formatTime } from './format';

type Tab = 'data' | 'raw';

interface Props {
  entry: LogEntry;
  connection: Connection | undefined;
  limits: SizeLimits;
  onClose: () => void;
  replay: Omit<ComponentProps<typeof ReplayEditor>, 'entry'>;
}

export function EventDetails({ entry, connection, limits, onClose, replay }: Props) {
  const [tab, setTab] = useState<Tab>('data');
  const frame = entry.frame?.ok ? entry.frame : null;
  return (
    <aside class="details" aria-label="Frame details">
      <div class="tabs" role="tablist">
        <button type="button" class="close" title="Close" onClick={onClose}>
          ×
        </button>
        {(['data', 'raw'] as const).map((name) => (
          <button key={name} type="button" role="tab" aria-selected={tab === name} class={tab === name ? 'active' : ''} onClick={() => setTab(name)}>
            {name === 'data' ? 'Data' : 'Raw frame'}
          </button>
        ))}
      </div>
      <dl class="facts">
        <dt>Event</dt>
        <dd class="mono">{eventLabel(entry)}</dd>
        {frame?.channel !== undefined && (
          <>
            <dt>Channel</dt>
            <dd class="mono">{frame.channel}</dd>
          </>
        )}
        {frame?.userId !== undefined && (
          <>
            <dt>User</dt>
            <dd class="mono">{frame.userId}</dd>
          </>
        )}
        <dt>{entry.dir === 'in' ? (entry.replayed ? 'Replayed' : 'Received') : 'Sent'}</dt>
        <dd>{formatTime(entry.t)}</dd>
        <dt>Frame</dt>
        <dd>
          {formatBytes(entry.bytes)} ({entry.bytes} bytes UTF-8){entry.truncated && ' — shown cut to 256 K characters'}
        </dd>
        {frame && (
          <>
            <dt>Data</dt>
            <dd class={sizeClass(frame.dataBytes, limits)}>
              {frame.cut ? `about ${frame.dataBytes}` : frame.dataBytes} bytes UTF-8
              {sizeClass(frame.dataBytes, limits) === 'over-limit' && ` — over Pusher's ${limits.limit}-byte event limit`}
              {sizeClass(frame.dataBytes, limits) === 'near-limit' && ` — close to Pusher's ${limits.limit}-byte event limit`}
            </dd>
          </>
        )}
        {connection && (
          <>
            <dt>Socket</dt>
            <dd class="mono">{connection.socketId ?? connection.url}</dd>
          </>
        )}
      </dl>
      <CopyMenu key={`copy-${entry.id}`} entry={entry} />
      <ReplayEditor key={entry.id} entry={entry} {...replay} />
      <div class="tab-body">{tab === 'data' ? <DataView entry={entry} /> : <pre class="raw mono">{entry.text ?? '(binary frame)'}</pre>}</div>
    </aside>
  );
}

function DataView({ entry }: { entry: LogEntry }) {
  if (entry.frame === null) return <p class="note">A binary frame ({entry.bytes} bytes). Pusher's protocol only uses text frames.</p>;
  if (!entry.frame.ok) return <p class="error">{entry.truncated ? entry.frame.error : `Not a Pusher frame: ${entry.frame.error}`}</p>;
  if (entry.frame.cut) {
    return (
      <p class="note cut-note">
        The page cut this {formatBytes(entry.bytes)} frame to its first 256 K characters, so its data cannot be shown
        decoded; Raw frame shows the part kept.
      </p>
    );
  }
  const data = decodeData(entry.frame.rawData);
  switch (data.kind) {
    case 'none':
      return <p class="note">This event carries no data.</p>;
    case 'text':
      return (
        <>
          <p class="note">data is a plain string (not JSON).</p>
          <pre class="raw mono">{data.value}</pre>
        </>
      );
    case 'json-string':
    case 'json':
      return (
        <>
          <p class="note">{data.kind === 'json-string' ? 'data was a JSON string (double-encoded), decoded here.' : 'data was sent as a JSON object.'}</p>
          <div class="json mono">
            <JsonTree value={data.value} />
          </div>
        </>
      );
  }
}
