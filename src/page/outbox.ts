import { PAGE_SOURCE, PROTOCOL_VERSION, type PageCommand, type PageMessage } from '../core/messages/envelopes';
import { encodeBatch } from '../core/messages/batch';
import { isContentChannelMessage, isContentMessage } from '../core/messages/guards';
import type { PageRecord } from '../core/messages/records';
import { guarded, natives } from './natives';
import { RecordBuffer } from './record-buffer';

/** A record before the outbox numbers and stamps it. */
export type RecordDraft = PageRecord extends infer R ? (R extends PageRecord ? Omit<R, 'seq' | 't'> : never) : never;

// A batch waits at most this long: part of the page → panel latency (BENCHMARKS.md §4). Busy pages fill a batch
// (FLUSH_AT) sooner, so a shorter wait costs the page more messages only while it is quiet.
const FLUSH_DELAY_MS = 20;
const FLUSH_AT = 500;
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
  let queue: PageRecord[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const commandHandlers: Array<(command: PageCommand) => void> = [];
  const detachHandlers: Array<() => void> = [];

  // Everything for the content script goes through its port, never on window: the page's own message listeners
  // hear nothing from us, and a page script cannot read what we send.
  let contentPort: MessagePort | null = null;
  const post = (message: PageMessage) => guarded(() => contentPort && natives.apply(natives.portPostMessage, contentPort, [message]));

  function flush() {
    timer = undefined;
    if (!live || queue.length === 0) return;
    const records = queue;
    queue = [];
    post({ source: PAGE_SOURCE, v: PROTOCOL_VERSION, pageId, kind: 'records', snapshot: false, records: encodeBatch(records, natives.stringify) });
  }

  function record(draft: RecordDraft): void {
    // Stamped in place: drafts are fresh objects made for this call, and a copy per frame adds up.
    const full = draft as PageRecord;
    full.seq = ++seq;
    full.t = natives.now();
    keep(full);
  }

  /**
   * The hot path, once per received text frame: the record is made whole in one literal. Stamping seq and t onto a
   * smaller literal gives V8 a second object per record (its out-of-object properties), and every record the buffer
   * keeps survives into the old generation, where each extra object is garbage-collection work for the page.
   */
  function frameIn(sid: number, text: string): void {
    keep({ type: 'frame', sid, dir: 'in', text, seq: ++seq, t: natives.now() });
  }

  function keep(full: PageRecord): void {
    buffer.push(full);
    if (!announced) announce();
    if (!live) return;
    queue.push(full);
    if (queue.length >= FLUSH_AT) flush();
    else if (timer === undefined) timer = natives.setTimeout(flush, FLUSH_DELAY_MS);
  }

  /** Tells the content script there is something to relay, once it has handed over its port. */
  function announce() {
    if (!contentPort) return;
    announced = true;
    post({ source: PAGE_SOURCE, v: PROTOCOL_VERSION, pageId, kind: 'present' });
  }

  function attach() {
    // The snapshot already holds whatever was queued.
    queue = [];
    live = true;
    // In slices, so no single message (and no port hop) has to carry the whole 20 MB buffer.
    const history = buffer.toArray();
    for (let i = 0; i < history.length; i += SNAPSHOT_SLICE) {
      const records = history.slice(i, i + SNAPSHOT_SLICE);
      post({ source: PAGE_SOURCE, v: PROTOCOL_VERSION, pageId, kind: 'records', snapshot: true, records: encodeBatch(records, natives.stringify) });
    }
  }

  function fromContent(message: unknown) {
    guarded(() => {
      if (!isContentMessage(message)) return;
      if (message.kind === 'command') {
        if (message.pageId === pageId) for (const handler of commandHandlers) handler(message.command);
      } else if (message.kind === 'attach') attach();
      else {
        live = false;
        queue = [];
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
