import type { FrameOrigin } from '../messages/envelopes';
import { isPageRecord } from '../messages/guards';
import type { FrameRecord, PageRecord } from '../messages/records';
import { utf8Bytes } from '../protocol/bytes';
import { decodeData, parseFrame } from '../protocol/frame';
import { parsePusherUrl } from '../protocol/url';
import type { Connection, Instance, LogEntry, SessionState } from './state';
import { emptySession } from './state';

export type SessionInput =
  | { kind: 'records'; origin: FrameOrigin; pageId: string; records: readonly unknown[] }
  | { kind: 'clear' }
  | { kind: 'set-recording'; recording: boolean };

/** The panel's state is a fold over what the pages reported. Maps are copied per batch, the log is appended. */
export function reduceSession(state: SessionState, input: SessionInput): SessionState {
  switch (input.kind) {
    case 'clear':
      // Keep `pages`: their sequence numbers stop a later buffer replay from bringing cleared records back.
      return { ...emptySession(), pages: state.pages, recording: state.recording };
    case 'set-recording':
      return { ...state, recording: input.recording };
    case 'records':
      return applyRecords(state, input.origin, input.pageId, input.records);
  }
}

function applyRecords(state: SessionState, origin: FrameOrigin, pageId: string, records: readonly unknown[]): SessionState {
  const next = new Draft(state);
  let lastSeq = state.pages.get(pageId)?.lastSeq ?? 0;
  for (const record of records) {
    if (!isPageRecord(record)) {
      next.rejected++;
      continue;
    }
    if (record.seq <= lastSeq) continue; // already seen: a buffer replay after a reconnect
    next.missed += record.seq - lastSeq - 1;
    lastSeq = record.seq;
    next.apply(record, origin, pageId);
  }
  next.pages.set(pageId, { origin, lastSeq });
  return next.finish();
}

/** Copy-on-write over one batch, so a batch of N records copies each map at most once. */
class Draft {
  entries: LogEntry[];
  connections: Map<string, Connection>;
  instances: Map<string, Instance>;
  pages: Map<string, { origin: FrameOrigin; lastSeq: number }>;
  missed: number;
  rejected: number;
  skipped: number;

  constructor(private readonly base: SessionState) {
    // Someone appended past this state (it was branched): start a private copy of the log.
    this.entries = base.entries.length === base.entryCount ? base.entries : base.entries.slice(0, base.entryCount);
    this.connections = new Map(base.connections);
    this.instances = new Map(base.instances);
    this.pages = new Map(base.pages);
    this.missed = base.missed;
    this.rejected = base.rejected;
    this.skipped = base.skippedWhilePaused;
  }

  apply(record: PageRecord, origin: FrameOrigin, pageId: string): void {
    switch (record.type) {
      case 'socket':
        this.connections.set(connectionKey(pageId, record.sid), newConnection(pageId, record.sid, origin, record.url, record.t));
        return;
      case 'open':
        return this.updateConnection(pageId, record.sid, origin, record.t, (c) => ({ ...c, phase: 'open', openedAt: record.t }));
      case 'close':
        return this.updateConnection(pageId, record.sid, origin, record.t, (c) => ({
          ...c,
          phase: 'closed',
          closedAt: record.t,
          close: { code: record.code, reason: record.reason, clean: record.clean },
        }));
      case 'socket-error':
        return;
      case 'frame':
        return this.applyFrame(record, origin, pageId);
      case 'instance':
        this.instances.set(instanceKey(pageId, record.iid), {
          key: instanceKey(pageId, record.iid),
          pageId,
          iid: record.iid,
          origin,
          appKey: record.key,
          ...(record.cluster !== undefined && { cluster: record.cluster }),
          ...(record.wsHost !== undefined && { wsHost: record.wsHost }),
          state: record.state,
          states: [{ t: record.t, state: record.state }],
          retries: 0,
          errors: 0,
        });
        return;
      case 'state':
        return this.updateInstance(pageId, record.iid, (i) => ({
          ...i,
          state: record.current,
          ...(record.socketId !== undefined && { socketId: record.socketId }),
          states: [...i.states, { t: record.t, state: record.current }],
        }));
      case 'retry':
        return this.updateInstance(pageId, record.iid, (i) => ({ ...i, retries: i.retries + 1 }));
      case 'client-error':
        return this.updateInstance(pageId, record.iid, (i) => ({ ...i, errors: i.errors + 1 }));
    }
  }

  private applyFrame(record: FrameRecord, origin: FrameOrigin, pageId: string): void {
    const text = record.text ?? null;
    const bytes = record.binaryBytes ?? record.fullBytes ?? utf8Bytes(text ?? '');
    const frame = text === null ? null : parseFrame(text);
    this.updateConnection(pageId, record.sid, origin, record.t, (c) => {
      // A frame proves the socket open, even when its `open` record fell out of the page's buffer.
      const phase = c.phase === 'connecting' ? 'open' : c.phase;
      const updated: Connection =
        record.dir === 'in'
          ? { ...c, phase, framesIn: c.framesIn + 1, bytesIn: c.bytesIn + bytes }
          : { ...c, phase, framesOut: c.framesOut + 1, bytesOut: c.bytesOut + bytes };
      if (record.dir === 'in' && !c.confirmed && frame?.ok) confirm(updated, frame.event, frame.rawData);
      return updated;
    });
    if (!this.base.recording) {
      this.skipped++;
      return;
    }
    const id = this.entries.length;
    this.entries.push({
      id,
      t: record.t,
      dir: record.dir,
      connectionKey: connectionKey(pageId, record.sid),
      text,
      bytes,
      truncated: record.fullBytes !== undefined,
      frame,
    });
  }

  private updateConnection(pageId: string, sid: number, origin: FrameOrigin, t: number, change: (c: Connection) => Connection) {
    const key = connectionKey(pageId, sid);
    const current = this.connections.get(key) ?? newConnection(pageId, sid, origin, '', t);
    this.connections.set(key, change(current));
  }

  private updateInstance(pageId: string, iid: number, change: (i: Instance) => Instance) {
    const key = instanceKey(pageId, iid);
    const current = this.instances.get(key);
    if (current) this.instances.set(key, change(current));
  }

  finish(): SessionState {
    return {
      ...this.base,
      entries: this.entries,
      entryCount: this.entries.length,
      connections: this.connections,
      instances: this.instances,
      pages: this.pages,
      missed: this.missed,
      rejected: this.rejected,
      skippedWhilePaused: this.skipped,
    };
  }
}

function confirm(connection: Connection, event: string, rawData: unknown): void {
  if (event === 'pusher:error') connection.confirmed = true;
  if (event !== 'pusher:connection_established') return;
  connection.confirmed = true;
  const data = decodeData(rawData);
  if (data.kind !== 'json' && data.kind !== 'json-string') return;
  const fields = data.value as { socket_id?: unknown; activity_timeout?: unknown } | null;
  if (typeof fields?.socket_id === 'string') connection.socketId = fields.socket_id;
  if (typeof fields?.activity_timeout === 'number') connection.activityTimeout = fields.activity_timeout;
}

function newConnection(pageId: string, sid: number, origin: FrameOrigin, url: string, t: number): Connection {
  return {
    key: connectionKey(pageId, sid),
    pageId,
    sid,
    origin,
    url,
    pusher: url ? parsePusherUrl(url) : null,
    createdAt: t,
    phase: 'connecting',
    confirmed: false,
    framesIn: 0,
    framesOut: 0,
    bytesIn: 0,
    bytesOut: 0,
  };
}

export const connectionKey = (pageId: string, sid: number) => `${pageId}:${sid}`;
export const instanceKey = (pageId: string, iid: number) => `${pageId}#${iid}`;
