import type { FrameOrigin } from '../messages/envelopes';
import { isPageRecord } from '../messages/guards';
import type { CloseRecord, FaultRecord, FrameRecord, PageRecord } from '../messages/records';
import { utf8Bytes } from '../protocol/bytes';
import { parseCutFrame, parseFrame } from '../protocol/frame';
import { applyAuthRequest, applyAuthResponse } from './auth-effects';
import { Draft, MARK_LIMIT, instanceKey, newConnection } from './draft';
import { applyClose, applyFrameEffects } from './frame-effects';
import { normalizeRetention } from './retention';
import { emptySession, type Connection, type Instance, type SessionState } from './state';

export { connectionKey, instanceKey } from './draft';

export type SessionInput =
  /** `imported`: from a saved file, whose gaps in `seq` are records the file does not hold. */
  | { kind: 'records'; origin: FrameOrigin; pageId: string; records: readonly unknown[]; imported?: boolean }
  | { kind: 'clear' }
  | { kind: 'set-recording'; recording: boolean }
  | { kind: 'set-preserve-log'; preserve: boolean }
  /** How many frames the log keeps (see retention.ts); a smaller bound drops the oldest now. */
  | { kind: 'set-retention'; retention: number }
  /** The inspected tab navigated (or reloaded). */
  | { kind: 'navigated'; t: number; url: string }
  /** How many records a busy page holds back for now (relay-pacing.ts). */
  | { kind: 'held'; pageId: string; count: number };

/** The panel's state is a fold over what the pages reported. */
export function reduceSession(state: SessionState, input: SessionInput): SessionState {
  switch (input.kind) {
    case 'clear': {
      // Keep `pages`: their sequence numbers stop a later buffer replay from bringing cleared records back.
      // Ids go on counting, so none given before the clear names a frame after it.
      const next = state.firstId + state.entryCount;
      // Records a page still holds are on their way: they come after the clear.
      return { ...emptySession(), firstId: next, idBase: next, pages: state.pages, held: state.held, recording: state.recording, preserveLog: state.preserveLog, retention: state.retention };
    }
    case 'set-recording':
      return { ...state, recording: input.recording };
    case 'set-preserve-log':
      return { ...state, preserveLog: input.preserve };
    case 'set-retention':
      return setRetention(state, normalizeRetention(input.retention));
    case 'navigated': {
      // The documents that held records handed them over as they unloaded (or are gone).
      if (state.held.size > 0) return reduceSession({ ...state, held: new Map() }, input);
      if (!state.preserveLog) return reduceSession(state, { kind: 'clear' });
      const draft = new Draft(state);
      draft.addEntry((id) => ({ id, t: input.t, dir: 'in', connectionKey: '', text: null, bytes: 0, truncated: false, replayed: false, frame: null, navigation: input.url }));
      return draft.finish();
    }
    case 'records':
      return applyRecords(state, input.origin, input.pageId, input.records, input.imported === true);
    case 'held': {
      if ((state.held.get(input.pageId) ?? 0) === input.count) return state;
      const held = new Map(state.held);
      if (input.count > 0) held.set(input.pageId, input.count);
      else held.delete(input.pageId);
      return { ...state, held };
    }
  }
}

/** A new bound; when the log holds more, its oldest entries go now (into a new array: earlier states keep theirs). */
function setRetention(state: SessionState, retention: number): SessionState {
  const drop = Math.max(0, state.entryCount - retention);
  if (drop === 0) return { ...state, retention };
  const entries = state.entries.slice(drop, state.entryCount);
  return { ...state, retention, entries, entryCount: entries.length, firstId: state.firstId + drop };
}

function applyRecords(state: SessionState, origin: FrameOrigin, pageId: string, records: readonly unknown[], imported: boolean): SessionState {
  const draft = new Draft(state);
  let lastSeq = state.pages.get(pageId)?.lastSeq ?? 0;
  for (const record of records) {
    if (!isPageRecord(record)) {
      draft.rejected++;
      continue;
    }
    if (record.seq <= lastSeq) continue; // already seen: a buffer replay after a reconnect
    if (imported) draft.notInFile += record.seq - lastSeq - 1;
    else draft.missed += record.seq - lastSeq - 1;
    lastSeq = record.seq;
    applyRecord(draft, record, origin, pageId);
  }
  draft.pages.set(pageId, { origin, lastSeq });
  return draft.finish();
}

function applyRecord(draft: Draft, record: PageRecord, origin: FrameOrigin, pageId: string): void {
  switch (record.type) {
    case 'socket': {
      draft.setConnection(newConnection(pageId, record.sid, origin, record.url, record.t));
      return;
    }
    case 'open':
      draft.updateConnection(pageId, record.sid, origin, record.t, (c) => ({ ...c, phase: 'open', openedAt: record.t }));
      return;
    case 'close': {
      const label = closeLabel(record, draft.connection(pageId, record.sid, origin, record.t));
      const closed = draft.updateConnection(pageId, record.sid, origin, record.t, (c) =>
        draft.withMark(
          { ...c, phase: 'closed' as const, closedAt: record.t, close: { code: record.code, reason: record.reason, clean: record.clean, byPage: record.byPage === true, injected: record.injected === true } },
          { t: record.t, kind: 'close', label, code: record.code, message: record.reason, ...(record.injected && { injected: true }) },
        ),
      );
      applyClose(draft, closed, record.t);
      return;
    }
    case 'socket-error':
      draft.updateConnection(pageId, record.sid, origin, record.t, (c) => draft.withMark(c, { t: record.t, kind: 'socket-error', label: 'WebSocket error' }));
      return;
    case 'frame':
      return applyFrame(draft, record, origin, pageId);
    case 'instance':
      draft.instances.set(instanceKey(pageId, record.iid), {
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
        marks: [],
      });
      return;
    case 'state':
      return draft.updateInstance(pageId, record.iid, (i) => ({
        ...i,
        state: record.current,
        ...(record.socketId !== undefined && { socketId: record.socketId }),
        ...boundedStates(draft, i, { t: record.t, state: record.current }),
      }));
    case 'retry':
      return draft.updateInstance(pageId, record.iid, (i) =>
        draft.withMark({ ...i, retries: i.retries + 1 }, { t: record.t, kind: 'retry', label: `Retry in ${record.seconds} s` }),
      );
    case 'client-error':
      return draft.updateInstance(pageId, record.iid, (i) =>
        draft.withMark(
          { ...i, errors: i.errors + 1 },
          { t: record.t, kind: 'client-error', label: `pusher-js error event: ${record.errorType}${record.code !== undefined ? ` ${record.code}` : ''}`, ...(record.code !== undefined && { code: record.code }), ...(record.message !== undefined && { message: record.message }) },
        ),
      );
    case 'bindings':
      return draft.updateInstance(pageId, record.iid, (i) => ({ ...i, bindings: { global: record.global, channels: record.channels } }));
    case 'fault': {
      // Page-wide: shown on every lane of the page, marked as injected.
      const label = FAULT_LABELS[record.what](record.seconds ?? 0);
      const m = { t: record.t, kind: 'injected' as const, label, injected: true };
      const instances = [...draft.instances.values()].filter((i) => i.pageId === pageId);
      for (const instance of instances) draft.instances.set(instance.key, draft.withMark(instance, m));
      // Lanes of an instance already carry its marks; sockets-only lanes get them on their sockets.
      if (instances.length > 0) return;
      const own = [...draft.connections.values()].filter((c) => c.pageId === pageId);
      const targets = own.filter((c) => c.phase !== 'closed');
      for (const c of targets.length ? targets : own.slice(-1)) draft.connections.set(c.key, draft.withMark(c, m));
      return;
    }
    case 'command-result':
      draft.commandResults.set(record.cid, { t: record.t, ok: record.ok, ...(record.error !== undefined && { error: record.error }) });
      return;
    case 'auth-request':
      return applyAuthRequest(draft, record, pageId);
    case 'auth-response':
      return applyAuthResponse(draft, record, pageId);
  }
}

function applyFrame(draft: Draft, record: FrameRecord, origin: FrameOrigin, pageId: string): void {
  const text = record.text ?? null;
  const bytes = record.binaryBytes ?? record.fullBytes ?? utf8Bytes(text ?? '');
  // A frame the page cut still shows its event and channel, and counts its real size.
  const frame = text === null ? null : record.fullBytes !== undefined ? parseCutFrame(text, record.fullBytes) : parseFrame(text);
  const connection = draft.updateConnection(pageId, record.sid, origin, record.t, (c) => {
    // A frame proves the socket open, even when its `open` record fell out of the page's buffer.
    const phase = c.phase === 'connecting' ? 'open' : c.phase;
    return record.dir === 'in'
      ? { ...c, phase, framesIn: c.framesIn + 1, bytesIn: c.bytesIn + bytes }
      : { ...c, phase, framesOut: c.framesOut + 1, bytesOut: c.bytesOut + bytes };
  });
  let entryId: number | undefined;
  if (draft.recording) {
    entryId = draft.addEntry((id) => ({ id, t: record.t, dir: record.dir, connectionKey: connection.key, text, bytes, truncated: record.fullBytes !== undefined, replayed: record.replayed === true, frame, ...(record.held && { held: record.held }) }));
  } else draft.skipped++;
  // A dropped frame never reached the page's client, so it changes nothing the client knows.
  if (frame?.ok && record.held !== 'dropped') applyFrameEffects(draft, connection, frame, record.dir, record.t, entryId);
}

const FAULT_LABELS: Record<FaultRecord['what'], (seconds: number) => string> = {
  offline: (s) => `Injected: offline for ${s} s`,
  online: () => 'Injected: back online',
  drop: (s) => `Injected: dropping incoming frames for ${s} s`,
  delay: (s) => `Injected: delaying incoming frames for ${s} s`,
  'incoming-normal': () => 'Injected: incoming frames back to normal',
};

function closeLabel(record: CloseRecord, connection: Connection): string {
  const base = `Closed ${record.code}${record.reason ? ` ${record.reason}` : ''}`;
  if (record.injected) return `${base} (injected from DevTools)`;
  if (!record.byPage) return base;
  // pusher-js closes the socket itself when its pusher:ping gets no pong within pongTimeout.
  const heartbeat = connection.marks.findLast((m) => m.kind === 'ping' || m.kind === 'pong');
  if (heartbeat?.kind === 'ping' && heartbeat.label.endsWith('sent')) return `${base} by the page: no pong after pusher:ping (pong timeout)`;
  return `${base} by the page`;
}

function boundedStates(draft: Draft, instance: Instance, state: Instance['states'][number]): Pick<Instance, 'states' | 'statesDropped'> {
  const { list, dropped } = draft.appendBounded(instance.states, MARK_LIMIT, state);
  return { states: list, ...(dropped > 0 && { statesDropped: (instance.statesDropped ?? 0) + dropped }) };
}
