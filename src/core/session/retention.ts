/**
 * How many frames the log keeps. Past the bound the oldest go first, a tenth of the bound at a time, so that making
 * room costs one copy of the log per 10,000 frames (at the default), not one per frame.
 */
export const DEFAULT_RETENTION = 100_000;
export const MIN_RETENTION = 1_000;
export const MAX_RETENTION = 1_000_000;
/** The choices the panel offers; a stored value outside them still works. */
export const RETENTION_CHOICES = [10_000, 50_000, DEFAULT_RETENTION, 250_000, 500_000] as const;

/** Entries dropped at once when a full log takes one more. */
export function evictionChunk(retention: number): number {
  return Math.max(1, Math.ceil(retention / 10));
}

/** A usable bound from anything (a stored setting, a command): a whole number within the limits, or the default. */
export function normalizeRetention(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_RETENTION;
  return Math.min(MAX_RETENTION, Math.max(MIN_RETENTION, Math.round(value)));
}
