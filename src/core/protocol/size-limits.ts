import { EVENT_SIZE_LIMIT } from './bytes';

export interface SizeLimits {
  /** Bytes of `data` Pusher accepts per event: 10,240 on shared clusters, more on some dedicated ones. */
  limit: number;
  /** Fraction of the limit from which a size is marked as close to it. */
  nearRatio: number;
}

export const DEFAULT_LIMITS: SizeLimits = { limit: EVENT_SIZE_LIMIT, nearRatio: 0.8 };

export function sizeClass(bytes: number, limits: SizeLimits): '' | 'near-limit' | 'over-limit' {
  if (bytes > limits.limit) return 'over-limit';
  if (bytes >= limits.limit * limits.nearRatio) return 'near-limit';
  return '';
}
