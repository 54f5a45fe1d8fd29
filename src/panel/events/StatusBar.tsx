import type { Notice } from './SessionButtons';
import { evictionChunk, RETENTION_CHOICES } from '../../core/session/retention';
import { droppedByRetention, heldByPages, type SessionState } from '../../core/session/state';
import { BUSY_RATE, CALM_RATE, HOLD_MS } from '../../page/relay-pacing';
import { formatCount as count } from './format';

const FLOOD = `over ${count(BUSY_RATE)} frames a second`;
const EASED = `under ${count(CALM_RATE)} a second, or a pause; at most ${HOLD_MS / 1_000} s`;

interface Props {
  state: SessionState;
  shown: number;
  /** The filter is still going through older frames. */
  filtering: boolean;
  notice: Notice;
  onDismiss: () => void;
  onRetention: (retention: number) => void;
  holdFloods: boolean;
  onHoldFloods: (hold: boolean) => void;
}

export function StatusBar({ state, shown, filtering, notice, onDismiss, onRetention, holdFloods, onHoldFloods }: Props) {
  const choices = (RETENTION_CHOICES as readonly number[]).includes(state.retention) ? RETENTION_CHOICES : [...RETENTION_CHOICES, state.retention].sort((a, b) => a - b);
  return (
    <div class="status-bar" role="status">
      <span class="count">
        {shown === state.entryCount ? `${state.entryCount} frames` : `${shown} / ${state.entryCount} frames`}
      </span>
      {filtering && <span class="note filtering">filtering older frames…</span>}
      {heldByPages(state) > 0 && (
        <span class="note held" title={`The page is flooded (${FLOOD}): it sends its records once the flood eases (${EASED}) and it is idle, so the extension does not slow it down. Uncheck “Hold floods” to see them live.`}>
          {count(heldByPages(state))} records held back while the page is busy
        </span>
      )}
      {!state.recording && <span class="warn">Recording paused</span>}
      {state.skippedWhilePaused > 0 && <span class="note">{state.skippedWhilePaused} frames not recorded while paused</span>}
      {droppedByRetention(state) > 0 && (
        <span
          class="warn evicted"
          title={`The log keeps at most ${count(state.retention)} frames; past that the oldest go first, ${count(evictionChunk(state.retention))} at a time. Exports keep the same frames.`}
        >
          {count(droppedByRetention(state))} oldest frames dropped (the log keeps {count(state.retention)})
        </span>
      )}
      {state.missed > 0 && (
        <span class="warn missed" title="The page keeps the last 5,000 records (20 MB) until a panel opens; older ones were dropped.">
          {state.missed} earlier records dropped by the page's buffer
        </span>
      )}
      {state.notInFile > 0 && (
        <span class="note not-in-file" title="Sequence numbers the imported file skips: records dropped before it was saved (the log's bound, or the page's buffer before DevTools opened).">
          {count(state.notInFile)} records not in the imported file
        </span>
      )}
      {state.rejected > 0 && <span class="warn">{state.rejected} malformed messages ignored</span>}
      {notice && (
        <span class={`notice ${notice.kind}`}>
          {notice.text}{' '}
          <button type="button" class="link" aria-label="Dismiss" onClick={onDismiss}>
            ×
          </button>
        </span>
      )}
      <label
        class="hold-floods"
        title={`While the page is flooded (${FLOOD}), it keeps its records until the flood eases (${EASED}), so the extension does not slow it down. Unchecked: frames arrive live, at a cost to the page.`}
      >
        <input type="checkbox" checked={holdFloods} onChange={(e) => onHoldFloods(e.currentTarget.checked)} /> Hold floods
      </label>
      <label class="retention" title="How many frames the log keeps; past that the oldest go first">
        keep{' '}
        <select aria-label="Frames the log keeps" value={state.retention} onChange={(e) => onRetention(Number(e.currentTarget.value))}>
          {choices.map((n) => (
            <option key={n} value={n}>
              {count(n)}
            </option>
          ))}
        </select>{' '}
        frames
      </label>
    </div>
  );
}
