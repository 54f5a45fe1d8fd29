import type { FrameOrigin } from '../messages/envelopes';
import { isPageRecord } from '../messages/guards';
import type { PageRecord } from '../messages/records';
import { DEFAULT_RETENTION, evictionChunk } from '../session/retention';
import type { RecordedPage } from './session-file';

/**
 * Keeps the valid records the panel received, per page, once each: what an export writes. Like the log, it keeps
 * at most `frameBound` frame records, dropping the oldest a tenth of the bound at a time; the other records (sockets,
 * states, auth) are few and all kept, so an export still rebuilds every connection.
 */
export class Recorder {
  /** Every kept record in arrival order, with its page's id beside it. */
  private records: PageRecord[] = [];
  private pageIds: string[] = [];
  private origins = new Map<string, FrameOrigin>();
  private lastSeq = new Map<string, number>();
  private frames = 0;

  constructor(private frameBound = DEFAULT_RETENTION) {}

  add(origin: FrameOrigin, pageId: string, records: readonly unknown[]): void {
    let last = this.lastSeq.get(pageId) ?? 0;
    for (const record of records) {
      if (!isPageRecord(record) || record.seq <= last) continue;
      last = record.seq;
      if (!this.origins.has(pageId)) this.origins.set(pageId, origin);
      if (record.type === 'frame' && ++this.frames > this.frameBound) this.dropFrames(this.frames - this.frameBound + evictionChunk(this.frameBound) - 1);
      this.records.push(record as PageRecord);
      this.pageIds.push(pageId);
    }
    this.lastSeq.set(pageId, last);
  }

  /** A new bound; when more frames are kept, the oldest go now. */
  setFrameBound(bound: number): void {
    this.frameBound = bound;
    if (this.frames > bound) this.dropFrames(this.frames - bound);
  }

  /** Forgets the records but not the sequence numbers, so a buffer replay does not bring them back. */
  clear(): void {
    this.records = [];
    this.pageIds = [];
    this.origins.clear();
    this.frames = 0;
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

  /** Drops the `count` oldest frame records, in one pass. */
  private dropFrames(count: number): void {
    const records: PageRecord[] = [];
    const pageIds: string[] = [];
    let left = count;
    for (let i = 0; i < this.records.length; i++) {
      const record = this.records[i] as PageRecord;
      if (left > 0 && record.type === 'frame') {
        left--;
        continue;
      }
      records.push(record);
      pageIds.push(this.pageIds[i] as string);
    }
    this.records = records;
    this.pageIds = pageIds;
    this.frames -= count - left;
  }
}
