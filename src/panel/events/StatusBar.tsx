import type { Notice } from './SessionButtons';
import type { SessionState } from '../../core/session/state';

export function StatusBar({ state, shown, notice, onDismiss }: { state: SessionState; shown: number; notice: Notice; onDismiss: () => void }) {
  return (
    <div class="status-bar" role="status">
      <span class="count">
        {shown === state.entryCount ? `${state.entryCount} frames` : `${shown} / ${state.entryCount} frames`}
      </span>
      {!state.recording && <span class="warn">Recording paused</span>}
      {state.skippedWhilePaused > 0 && <span class="note">{state.skippedWhilePaused} frames not recorded while paused</span>}
      {state.missed > 0 && (
        <span class="warn missed" title="The page keeps the last 5,000 records (20 MB) until a panel opens; older ones were dropped.">
          {state.missed} earlier records dropped by the page's buffer
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
    </div>
  );
}
