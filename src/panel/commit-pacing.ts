import type { SessionInput } from '../core/session/reduce';

/**
 * How long the panel waits after a commit before the next one. A cheap commit is followed at the next animation
 * frame; an expensive one (a screenful of new rows, a machine short of cores) spaces the next ones out: 2× its cost
 * and at most 100 ms while frames stream at a readable pace (latency first), 5× its cost and up to 250 ms in a burst
 * (frames arriving faster than 2,500 a second), when the rows on screen change too fast to read and every render
 * skipped is CPU left to the inspected page. Measured in BENCHMARKS.md (§1, §4).
 */
export const MIN_COMMIT_INTERVAL_MS = 16;
export const STREAM_COMMIT_INTERVAL_MS = 100;
export const MAX_COMMIT_INTERVAL_MS = 250;
/** Records per second, folded by the last commit over the time since the one before, that make a burst. */
export const BURST_RATE = 2_500;
const COST_FACTOR = 2;
const BURST_COST_FACTOR = 5;

/**
 * `cost`: what the last commit took, from its start until the frame it rendered was painted; `rate`: the records it
 * folded per second since the commit before.
 */
export function commitInterval(cost: number, rate = 0): number {
  if (!(cost > 0)) return MIN_COMMIT_INTERVAL_MS;
  const burst = rate >= BURST_RATE;
  const wait = cost * (burst ? BURST_COST_FACTOR : COST_FACTOR);
  return Math.min(burst ? MAX_COMMIT_INTERVAL_MS : STREAM_COMMIT_INTERVAL_MS, Math.max(MIN_COMMIT_INTERVAL_MS, wait));
}

/**
 * Records folded at most per commit. A page that held a flood hands over tens of thousands at once; folding them in
 * one task kept the panel from answering a keystroke for ~200 ms (BENCHMARKS.md §2). The rest waits for the next
 * commits, in order.
 */
export const FOLD_SLICE = 5_000;

/** The inputs of one commit (`now`, at most `max` records) and those left for the next (`later`), order kept. */
export function sliceInputs(inputs: readonly SessionInput[], max = FOLD_SLICE): { now: SessionInput[]; later: SessionInput[] } {
  let room = max;
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i] as SessionInput;
    if (input.kind !== 'records') continue;
    if (input.records.length <= room) {
      room -= input.records.length;
      continue;
    }
    const now = inputs.slice(0, i);
    const later = inputs.slice(i + 1);
    if (room > 0) now.push({ ...input, records: input.records.slice(0, room) });
    later.unshift({ ...input, records: input.records.slice(room) });
    return { now, later };
  }
  return { now: [...inputs], later: [] };
}
