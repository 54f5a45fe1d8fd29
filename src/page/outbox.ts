import { PAGE_SOURCE, PROTOCOL_VERSION, type PageCommand, type PageMessage } from '../core/messages/envelopes';
import { encodeBatch } from '../core/messages/batch';
import { isContentChannelMessage, isContentMessage } from '../core/messages/guards';
import type { PageRecord } from '../core/messages/records';
import { guarded, natives } from './natives';
import { RecordBuffer, weight } from './record-buffer';
import { DRAIN_SLICE, HOLD_MS, HoldClock, QUIET_DELAY_MS, RateMeter, idleVerdict, paceFor } from './relay-pacing';

/** A record before the outbox numbers and stamps it. */
export type RecordDraft = PageRecord extends infer R ? (R extends PageRecord ? Omit<R, 'seq' | 't'> : never) : never;

const SNAPSHOT_SLICE = 500;

/**
 * Numbers every fact, keeps it in the bounded buffer and, while a panel is attached, sends it in batches.
 * Nothing is posted until the page has a Pusher socket: a page without one costs nothing.
 */
export function createOutbox(buffer = new RecordBuffer()) {
  const pageId = `${natives.now().toString(36)}-${natives.random().toString(36).slice(2, 10)}`;
  let seq = 0;
  let live = false;
  let announced = false;
  // Records not yet posted: queue[head..]. Sent whole while the page is quiet, in slices once it has been busy.
  let queue: PageRecord[] = [];
  let head = 0;
  let queuedChars = 0;
  const meter = new RateMeter();
  const holdClock = new HoldClock();
  let timer = false;
  let idle = false;
  let draining = false;
  // Off when the panel's user chose to see floods live, at a cost to the page (relay-pacing.ts).
  let holdFloods = true;
  const commandHandlers: Array<(command: PageCommand) => void> = [];
  const detachHandlers: Array<() => void> = [];

  // Everything for the content script goes through its port, never on window: the page's own message listeners
  // hear nothing from us, and a page script cannot read what we send.
  let contentPort: MessagePort | null = null;
  const post = (message: PageMessage) => guarded(() => contentPort && natives.apply(natives.portPostMessage, contentPort, [message]));

  const pending = () => queue.length - head;

  function postRecords(records: PageRecord[], snapshot: boolean) {
    post({ source: PAGE_SOURCE, v: PROTOCOL_VERSION, pageId, kind: 'records', snapshot, records: encodeBatch(records, natives.stringify) });
  }

  function take(max: number): PageRecord[] {
    const end = Math.min(queue.length, head + max);
    const records = head === 0 && end === queue.length ? queue : queue.slice(head, end);
    head = end;
    if (head === queue.length) drop();
    else for (const record of records) queuedChars -= weight(record);
    return records;
  }

  function drop() {
    queue = [];
    head = 0;
    queuedChars = 0;
    holdClock.end();
  }

  /** Posts up to `max` waiting records; says so when the last of a hold the panel was told about has gone. */
  function send(max: number) {
    if (!live || pending() === 0) return;
    postRecords(take(max), false);
    if (pending() === 0 && heldNoted) noteHeld();
  }

  // While records are held the panel hears how many, once a second: it says so rather than look stalled.
  let heldNoted = false;
  let heldAt = 0;
  function noteHeld() {
    heldNoted = pending() > 0;
    heldAt = natives.now();
    post({ source: PAGE_SOURCE, v: PROTOCOL_VERSION, pageId, kind: 'held', count: pending() });
  }

  function onTimer() {
    timer = false;
    if (meter.busy && holdFloods) hold();
    else send(Number.POSITIVE_INFINITY);
  }

  function hold() {
    if (idle || draining || !live || pending() === 0) return;
    if (!natives.requestIdleCallback) return drain();
    const heldFor = holdClock.hold(natives.now());
    if (heldFor >= HOLD_MS) return drain();
    if (!heldNoted) noteHeld();
    waitForIdle(HOLD_MS - heldFor);
  }

  function waitForIdle(timeout: number) {
    idle = true;
    natives.requestIdleCallback?.(onIdle, { timeout });
  }

  function onIdle(deadline: IdleDeadline) {
    idle = false;
    if (!live || draining) return;
    if (!holdFloods) return drain();
    const heldFor = holdClock.heldFor(natives.now());
    switch (idleVerdict(deadline.didTimeout, meter.stillBusy(natives.now()), heldFor)) {
      case 'wait':
        return waitForIdle(HOLD_MS - heldFor);
      case 'drain':
        return drain();
      case 'send':
        // At least one slice per idle period, more while the period lasts.
        do send(DRAIN_SLICE);
        while (pending() > 0 && deadline.timeRemaining() > 2);
        return hold();
    }
  }

  /** Held long enough (or too much held): a slice per task until nothing waits, the page's own tasks in between. */
  function drain() {
    draining = true;
    send(DRAIN_SLICE);
    if (pending() > 0 && natives.now() - heldAt >= 1_000) noteHeld();
    if (live && pending() > 0) natives.setTimeout(drain, 0);
    else draining = false;
  }

  // A document going away would take what it holds with it.
  natives.addEventListener('pagehide', () => guarded(() => {
    while (live && pending() > 0) send(DRAIN_SLICE);
  }));

  function record(draft: RecordDraft): void {
    // Stamped in place: drafts are fresh objects made for this call, and a copy per frame adds up.
    const full = draft as PageRecord;
    full.seq = ++seq;
    full.t = natives.now();
    keep(full);
  }

  /**
   * The hot path, once per received text frame: the buffer keeps the frame as its parts, and a record object is made
   * only while a panel is attached, to be sent (every record the buffer keeps survives into the page's old generation,
   * where each object is garbage-collection work for the page).
   */
  function frameIn(sid: number, text: string): void {
    const t = natives.now();
    const chars = buffer.pushFrameIn(sid, text, ++seq, t);
    if (!announced) announce();
    if (live) enqueue({ type: 'frame', sid, dir: 'in', text, seq, t }, chars);
  }

  function keep(full: PageRecord): void {
    const chars = buffer.push(full);
    if (!announced) announce();
    if (live) enqueue(full, chars);
  }

  function enqueue(full: PageRecord, chars: number): void {
    queue.push(full);
    queuedChars += chars;
    const busy = meter.note(full.t);
    if (draining) return;
    if (idle && full.t - heldAt >= 1_000) noteHeld();
    switch (paceFor(busy && holdFloods, pending(), queuedChars)) {
      case 'flush':
        return send(Number.POSITIVE_INFINITY);
      case 'timer':
        if (!timer && !idle) {
          timer = true;
          natives.setTimeout(onTimer, QUIET_DELAY_MS);
        }
        return;
      case 'idle':
        return hold();
      case 'drain':
        return drain();
    }
  }

  /** Tells the content script there is something to relay, once it has handed over its port. */
  function announce() {
    if (!contentPort) return;
    announced = true;
    post({ source: PAGE_SOURCE, v: PROTOCOL_VERSION, pageId, kind: 'present' });
  }

  function attach() {
    // The snapshot already holds whatever was queued.
    drop();
    heldNoted = false;
    live = true;
    // In slices, so no single message (and no port hop) has to carry the whole 20 MB buffer.
    const history = buffer.toArray();
    for (let i = 0; i < history.length; i += SNAPSHOT_SLICE) {
      postRecords(history.slice(i, i + SNAPSHOT_SLICE), true);
    }
  }

  function fromContent(message: unknown) {
    guarded(() => {
      if (!isContentMessage(message)) return;
      if (message.kind === 'command') {
        if (message.pageId === pageId) for (const handler of commandHandlers) handler(message.command);
      } else if (message.kind === 'attach') attach();
      else if (message.kind === 'hold-floods') {
        holdFloods = message.hold;
        // What is held now goes at once, a slice per task.
        if (!holdFloods && !draining) drain();
      } else {
        live = false;
        holdFloods = true;
        drop();
        heldNoted = false;
        for (const handler of detachHandlers) guarded(handler);
      }
    });
  }

  // The content script speaks only through the port it posts first, at document_start, before any page script can
  // post anything: the page can forge any message on window, but cannot send attach, detach or commands. The
  // hand-over is hidden from the page's own listeners, which all come after this one.
  let channel = false;
  const read = (getter: (this: unknown) => unknown, target: unknown) => natives.apply(getter, target, []);
  natives.addEventListener(
    'message',
    (event: MessageEvent) => {
      guarded(() => {
        if (channel || read(natives.eventSource, event) !== window || !isContentChannelMessage(read(natives.eventData, event))) return;
        const port = (read(natives.eventPorts, event) as readonly MessagePort[])[0];
        if (!port) return;
        channel = true;
        natives.apply(natives.stopImmediatePropagation, event, []);
        natives.apply(natives.setOnMessage, port, [(message: MessageEvent) => fromContent(read(natives.eventData, message))]);
        contentPort = port;
        // Records made before the port arrived (a socket opened by the first inline script) are in the buffer.
        if (seq > 0 && !announced) announce();
      });
    },
    true,
  );

  return {
    record,
    frameIn,
    pageId,
    onCommand: (handler: (command: PageCommand) => void) => void commandHandlers.push(handler),
    /** The panel went away (closed, or the background restarted). */
    onDetach: (handler: () => void) => void detachHandlers.push(handler),
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
