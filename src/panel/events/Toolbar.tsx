import type { ComponentChildren } from 'preact';
import { NO_CHANNEL, type LogFilter } from '../../core/session/filter';

interface Props {
  filter: LogFilter;
  onFilter: (filter: LogFilter) => void;
  problem: string | undefined;
  names: { channels: string[]; events: string[] };
  recording: boolean;
  onRecording: (recording: boolean) => void;
  onClear: () => void;
  session: ComponentChildren;
  preserveLog: boolean;
  onPreserveLog: (preserve: boolean) => void;
}

export function Toolbar({ filter, onFilter, problem, names, recording, onRecording, onClear, session, preserveLog, onPreserveLog }: Props) {
  const set = (patch: Partial<LogFilter>) => onFilter({ ...filter, ...patch });
  return (
    <div class="toolbar" role="toolbar">
      <button
        type="button"
        class={`tool record ${recording ? 'on' : ''}`}
        aria-pressed={recording}
        title={recording ? 'Stop recording frames' : 'Record frames'}
        onClick={() => onRecording(!recording)}
      >
        {recording ? '●' : '○'}
      </button>
      <button type="button" class="tool clear" title="Clear the log" onClick={onClear}>
        ⊘
      </button>
      <label class="preserve" title="Keep the log across reloads and navigations">
        <input type="checkbox" checked={preserveLog} onChange={(e) => onPreserveLog(e.currentTarget.checked)} /> Preserve log
      </label>
      {session}
      <span class="divider" />
      <input
        class={`filter ${problem ? 'invalid' : ''}`}
        type="search"
        placeholder="Filter   (-exclude  /regex/  event:x  channel:y)"
        aria-label="Filter"
        title={problem ?? 'Words must all match; -word excludes; /regex/; event:name; channel:name'}
        value={filter.text}
        onInput={(event) => set({ text: event.currentTarget.value })}
      />
      <select aria-label="Direction" value={filter.direction} onChange={(e) => set({ direction: e.currentTarget.value as LogFilter['direction'] })}>
        <option value="all">All</option>
        <option value="in">Received ↓</option>
        <option value="out">Sent ↑</option>
      </select>
      <select aria-label="Channel" value={filter.channel} onChange={(e) => set({ channel: e.currentTarget.value })}>
        <option value="">All channels</option>
        <option value={NO_CHANNEL}>(no channel)</option>
        {names.channels.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      <select aria-label="Event" value={filter.event} onChange={(e) => set({ event: e.currentTarget.value })}>
        <option value="">All events</option>
        {names.events.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
