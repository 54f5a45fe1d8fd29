/**
 * How long the panel waits after a commit before the next one. A commit that was cheap is followed at the next
 * animation frame; an expensive one (a busy log replacing every row in view, or a machine short of cores) spaces the
 * next ones out so that rendering takes at most about a quarter of the panel's time, and at worst four renders a
 * second. The rows on screen change too fast to read during such bursts, and every frame not rendered is CPU left
 * to the inspected page (on two cores, the panel's renders competed with the page for a whole core). Measured in
 * BENCHMARKS.md: a cheap render at 1,000 frames/s keeps the page → row latency under 100 ms.
 */
export const MIN_COMMIT_INTERVAL_MS = 16;
export const MAX_COMMIT_INTERVAL_MS = 250;
const COST_FACTOR = 4;

/** `cost`: what the last commit took, from its start until the frame it rendered was painted. */
export function commitInterval(cost: number): number {
  if (!(cost > 0)) return MIN_COMMIT_INTERVAL_MS;
  return Math.min(MAX_COMMIT_INTERVAL_MS, Math.max(MIN_COMMIT_INTERVAL_MS, cost * COST_FACTOR));
}
