import type { PageRecord } from '../core/messages/records';

export interface BufferLimits {
  records: number;
  /** Characters of frame text kept (≈ bytes for the ASCII JSON Pusher sends). */
  chars: number;
}

export const DEFAULT_LIMITS: BufferLimits = { records: 5_000, chars: 20 * 1024 * 1024 };

// Fixed cost counted for every record, so a flood of tiny frames is bounded by chars too.
const RECORD_OVERHEAD = 64;

/**
 * The page-side history kept until (and while) a panel is attached: the newest records within both bounds.
 * Evicted records are not counted here: the panel sees the gap in `seq` and says how many it missed.
 *
 * A ring of fixed size: it is written once per frame the page receives, DevTools open or not, so a push must cost
 * the page as little as possible (no growing, no compacting, each record's weight computed once). A received text
 * frame, the record nearly every push is, is kept as its parts (its text, and its numbers in typed arrays) rather
 * than as an object: the ring holds each record for thousands of frames, long enough for the page's garbage collector
 * to copy it into the old generation, and an object and its time stamp's number cost more copying than the text's
 * own string (BENCHMARKS.md §1). Records are made whole only when read.
 */
export class RecordBuffer {
  // Made at the first push: a page that never opens a Pusher socket keeps nothing, not even empty slots.
  /** Any record but a received text frame; undefined where the slot holds one. */
  private records: Array<PageRecord | undefined> = [];
  /** A received text frame's parts. */
  private texts: Array<string | undefined> = [];
  private sids = new Float64Array(0);
  private seqs = new Float64Array(0);
  private times = new Float64Array(0);
  private weights = new Uint32Array(0);
  /** Slot of the oldest record. */
  private first = 0;
  private count = 0;
  private chars = 0;

  constructor(private readonly limits: BufferLimits = DEFAULT_LIMITS) {}

  /** Keeps `record`, the oldest going first past either bound; returns its weight. */
  push(record: PageRecord): number {
    const slot = this.claim();
    this.records[slot] = record;
    return this.fill(slot, weight(record));
  }

  /** Keeps a received text frame (the record `{ type: 'frame', sid, dir: 'in', text, seq, t }`); returns its weight. */
  pushFrameIn(sid: number, text: string, seq: number, t: number): number {
    const slot = this.claim();
    this.texts[slot] = text;
    this.sids[slot] = sid;
    this.seqs[slot] = seq;
    this.times[slot] = t;
    return this.fill(slot, RECORD_OVERHEAD + text.length);
  }

  get size(): number {
    return this.count;
  }

  get weight(): number {
    return this.chars;
  }

  toArray(): PageRecord[] {
    const slots = this.weights.length;
    const out: PageRecord[] = new Array(this.count);
    for (let i = 0; i < this.count; i++) {
      const slot = (this.first + i) % slots;
      out[i] = this.records[slot] ?? {
        type: 'frame',
        sid: this.sids[slot] ?? 0,
        dir: 'in',
        text: this.texts[slot] ?? '',
        seq: this.seqs[slot] ?? 0,
        t: this.times[slot] ?? 0,
      };
    }
    return out;
  }

  /** The slot for a new record, made free. */
  private claim(): number {
    if (this.weights.length === 0) {
      const slots = Math.max(1, this.limits.records);
      this.records = Array.from({ length: slots }, () => undefined);
      this.texts = Array.from({ length: slots }, () => undefined);
      this.sids = new Float64Array(slots);
      this.seqs = new Float64Array(slots);
      this.times = new Float64Array(slots);
      this.weights = new Uint32Array(slots);
    }
    if (this.count === this.weights.length) this.evictOldest();
    return (this.first + this.count) % this.weights.length;
  }

  private fill(slot: number, w: number): number {
    this.weights[slot] = w;
    this.count++;
    this.chars += w;
    while (this.chars > this.limits.chars && this.count > 1) this.evictOldest();
    return w;
  }

  private evictOldest(): void {
    this.chars -= this.weights[this.first] ?? 0;
    this.records[this.first] = undefined;
    this.texts[this.first] = undefined;
    this.first = this.first + 1 === this.weights.length ? 0 : this.first + 1;
    this.count--;
  }
}

/** What a record counts against a character bound. */
export function weight(record: PageRecord): number {
  return RECORD_OVERHEAD + (record.type === 'frame' ? (record.text?.length ?? 0) : record.type === 'socket' ? record.url.length : 0);
}
