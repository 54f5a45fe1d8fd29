import { useEffect, useRef, useState } from 'preact/hooks';
import { planReplay } from '../../core/replay/plan';
import type { Connection, LogEntry } from '../../core/session/state';

interface Props {
  entries: LogEntry[];
  target: Connection | undefined;
  onSend: (connection: Connection, text: string) => void;
  onClearSelection: () => void;
}

const SPEEDS = [
  [1, 'original timing'],
  [2, '2× faster'],
  [10, '10× faster'],
  [0, 'no delay'],
] as const;

/** Replays a selection of received frames in order, with their original timing or faster. */
export function SequenceBar({ entries, target, onSend, onClearSelection }: Props) {
  const [speed, setSpeed] = useState(1);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const timers = useRef<number[]>([]);
  const stop = () => {
    for (const timer of timers.current) clearTimeout(timer);
    timers.current = [];
  };
  useEffect(() => stop, []);
  const plan = planReplay(entries, speed);
  return (
    <div class="sequence-bar">
      <span>
        {entries.length} frames selected, {plan.length} received
      </span>
      <select aria-label="Replay speed" value={speed} onChange={(e) => setSpeed(Number(e.currentTarget.value))}>
        {SPEEDS.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <button
        type="button"
        class="action sequence-replay"
        disabled={!target || plan.length === 0}
        onClick={() => {
          if (!target) return;
          stop();
          setProgress({ done: 0, total: plan.length });
          timers.current = plan.map((frame, i) =>
            window.setTimeout(() => {
              onSend(target, frame.text);
              setProgress({ done: i + 1, total: plan.length });
            }, frame.atMs),
          );
        }}
      >
        Replay in order
      </button>
      {progress && progress.done < progress.total && (
        <button type="button" class="link" onClick={() => (stop(), setProgress(null))}>
          Stop
        </button>
      )}
      {progress && <span class="note sequence-progress">Replayed {progress.done} / {progress.total}</span>}
      {!target && <span class="error">No open connection to replay into.</span>}
      <button type="button" class="link" onClick={onClearSelection}>
        Clear selection
      </button>
    </div>
  );
}
