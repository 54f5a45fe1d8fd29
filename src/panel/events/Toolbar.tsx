import { Component, type ComponentChildren } from 'preact';
import type { MenuNames } from '../../core/session/filter-menus';
import { NO_CHANNEL, type LogFilter } from '../../core/session/filter';

interface Props {
  filter: LogFilter;
  onFilter: (filter: LogFilter) => void;
  problem: string | undefined;
  names: { channels: MenuNames; events: MenuNames };
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
        <MenuOptions menu={names.channels} hint="channel:name" />
      </select>
      <select aria-label="Event" value={filter.event} onChange={(e) => set({ event: e.currentTarget.value })}>
        <option value="">All events</option>
        <MenuOptions menu={names.events} hint="event:name" />
      </select>
    </div>
  );
}

// No channel or event can be called this: the menu's last line, which only says what is left out.
const MORE = '\u0000more';

/**
 * A menu's names. Rebuilt only when they change: the toolbar renders with every batch that arrives, and diffing a
 * few hundred options each time is what a busy panel cannot afford.
 */
class MenuOptions extends Component<{ menu: MenuNames; hint: string }> {
  override shouldComponentUpdate(next: { menu: MenuNames; hint: string }): boolean {
    return next.menu !== this.props.menu || next.hint !== this.props.hint;
  }

  override render() {
    const { menu, hint } = this.props;
    return (
      <>
        {menu.names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
        {menu.more > 0 && (
          <option disabled value={MORE}>
            {`… ${menu.more.toLocaleString('en-US')} more: type ${hint} in the filter`}
          </option>
        )}
      </>
    );
  }
}
