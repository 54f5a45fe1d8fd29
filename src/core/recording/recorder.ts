import type { FrameOrigin } from '../messages/envelopes';
import { isPageRecord } from '../messages/guards';
import type { PageRecord } from '../messages/records';
import { DEFAULT_RETENTION, evictionChunk } from '../session/retention';
import type { RecordedPage } from './session-file';

/**
 * Other records (sockets, states, auth, bindings) kept at most. They are few next to frames, but a page reconnecting
 * all day makes a few per reconnect; the session keeps only the newest connections and auth requests too (draft.ts).
 */
export const OTHER_RECORD_BOUND = 10_000;

/**
 * Keeps the valid records the panel received, per page, once each: what an export writes. Like the log, it keeps
 * at most `frameBound` frame records, dropping the oldest a tenth of the bound at a time, and the newest
 * OTHER_RECORD_BOUND of the rest the same way.
 */
export class Recorder {
  /** Every kept record in arrival order, with its page's id beside it. */
  private records: PageRecord[] = [];
  private pageIds: string[] = [];
  private origins = new Map<string, FrameOrigin>();
  private lastSeq = new Map<string, number>();
  private frames = 0;
  private others = 0;

  constructor(private frameBound = DEFAULT_RETENTION) {}

  add(origin: FrameOrigin, pageId: string, records: readonly unknown[]): void {
    let last = this.lastSeq.get(pageId) ?? 0;
    for (const record of records) {
      if (!isPageRecord(record) || record.seq <= last) continue;
      last = record.seq;
      if (!this.origins.has(pageId)) this.origins.set(pageId, origin);
      if (record.type === 'frame') {
        if (++this.frames > this.frameBound) this.dropOldest(true, this.frames - this.frameBound + evictionChunk(this.frameBound) - 1);
      } else if (++this.others > OTHER_RECORD_BOUND) this.dropOldest(false, this.others - OTHER_RECORD_BOUND + evictionChunk(OTHER_RECORD_BOUND) - 1);
      this.records.push(record as PageRecord);
      this.pageIds.push(pageId);
    }
    this.lastSeq.set(pageId, last);
  }

  /** A new bound; when more frames are kept, the oldest go now. */
  setFrameBound(bound: number): void {
    this.frameBound = bound;
    if (this.frames > bound) this.dropOldest(true, this.frames - bound);
  }

  /** Forgets the records but not the sequence numbers, so a buffer replay does not bring them back. */
  clear(): void {
    this.records = [];
    this.pageIds = [];
    this.origins.clear();
    this.frames = 0;
    this.others = 0;
  }

  snapshot(): RecordedPage[] {
    const pages = new Map<string, RecordedPage>();
    for (let i = 0; i < this.records.length; i++) {
      const pageId = this.pageIds[i] as string;
      let page = pages.get(pageId);
      if (!page) pages.set(pageId, (page = { pageId, origin: this.origins.get(pageId) as FrameOrigin, records: [] }));
      page.records.push(this.records[i] as PageRecord);
    }
    return [...pages.values()];
  }

  /** Drops the `count` oldest frame records, or of the others, in one pass. */
  private dropOldest(frames: boolean, count: number): void {
    const records: PageRecord[] = [];
    const pageIds: string[] = [];
    let left = count;
    for (let i = 0; i < this.records.length; i++) {
      const record = this.records[i] as PageRecord;
      if (left > 0 && (record.type === 'frame') === frames) {
        left--;
        continue;
      }
      records.push(record);
      pageIds.push(this.pageIds[i] as string);
    }
    this.records = records;
    this.pageIds = pageIds;
    if (frames) this.frames -= count - left;
    else this.others -= count - left;
  }
}
