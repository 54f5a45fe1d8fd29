import type { LogEntry } from '../session/state';

/** 1 = original timing, 2 = twice as fast, 0 = one after another without waiting. */
export type ReplaySpeed = number;

export interface PlannedFrame {
  entryId: number;
  text: string;
  /** When to deliver it, counted from the start of the replay. */
  atMs: number;
}

/** Longest wait between two replayed frames, so a selection spanning an hour does not stall the replay. */
export const MAX_GAP_MS = 10_000;

/** Orders the received frames of a selection and spaces them as they arrived, scaled by the speed. */
export function planReplay(entries: LogEntry[], speed: ReplaySpeed): PlannedFrame[] {
  const frames = entries
    .filter((e) => e.dir === 'in' && e.text !== null && e.navigation === undefined && !e.truncated)
    .sort((a, b) => a.t - b.t || a.id - b.id);
  let at = 0;
  return frames.map((entry, i) => {
    const previous = frames[i - 1];
    if (previous && speed > 0) at += Math.min(MAX_GAP_MS, (entry.t - previous.t) / speed);
    return { entryId: entry.id, text: entry.text as string, atMs: Math.round(at) };
  });
}
