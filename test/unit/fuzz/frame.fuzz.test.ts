import { describe, expect, it } from 'vitest';
import { isPageRecord } from '../../../src/core/messages/guards';
import { dataFields, decodeData, parseCutFrame, parseFrame } from '../../../src/core/protocol/frame';
import { reduceSession, type SessionInput } from '../../../src/core/session/reduce';
import { emptySession, type SessionState } from '../../../src/core/session/state';
import { entryProblem, Failures, messageProblem, noThrow, stateProblem, withShortStacks } from './checks';
import {
  AWKWARD_STRINGS,
  binaryGarbage,
  createRng,
  deepNesting,
  mutateText,
  mutateValue,
  numberRecords,
  pool,
  randomJson,
  report,
  validFrame,
  validRecordDraft,
  type Rng,
} from './generate';

const SEED = 0x5eedf4a3;
const SMALL_FRAMES = 380_000;
const RECORD_BATCHES = 1_750;
const RECORDS_PER_BATCH = 200;
// Generous: the whole fuzz suite takes well under 30 s, but CI machines are shared.
const TIMEOUT = 120_000;

const FRAME_ERROR = /^(Not JSON: .+|Expected a JSON object, got (null|an array|a \w+)|The "event" field is (null|an array|missing|a \w+), not a string)$/s;
const ENCODINGS = new Set(['string', 'object', 'none']);

/** parseFrame's answer agrees with JSON.parse, measures `data` exactly, and decodeData/dataFields follow from it. */
function frameProblem(text: string, exact: boolean): string | null {
  const frame = parseFrame(text);
  let parsed: unknown;
  let isFrame = false;
  try {
    parsed = JSON.parse(text);
    isFrame = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && typeof (parsed as { event?: unknown }).event === 'string';
  } catch {
    // not JSON: parseFrame must say so
  }
  if (!frame.ok) return isFrame ? `rejected a frame JSON.parse reads: ${frame.error}` : messageProblem(frame.error, FRAME_ERROR, text);
  if (!isFrame) return 'accepted what is not a frame';
  if (typeof frame.event !== 'string' || frame.event !== (parsed as { event: string }).event) return 'event differs from the frame';
  if (frame.channel !== undefined && typeof frame.channel !== 'string') return `channel is ${typeof frame.channel}`;
  if (frame.userId !== undefined && typeof frame.userId !== 'string') return `userId is ${typeof frame.userId}`;
  if (!ENCODINGS.has(frame.encoding)) return `encoding is ${String(frame.encoding)}`;
  if (!Number.isInteger(frame.dataBytes) || frame.dataBytes < 0) return `dataBytes is ${frame.dataBytes}`;
  if (exact) {
    const raw = frame.rawData;
    const expected = raw === undefined ? 0 : Buffer.byteLength(typeof raw === 'string' ? raw : (JSON.stringify(raw) ?? ''));
    if (frame.dataBytes !== expected) return `dataBytes is ${frame.dataBytes}, the data has ${expected} UTF-8 bytes`;
  }
  const decoded = decodeData(frame.rawData);
  const expectedKinds = { string: ['json-string', 'text'], object: ['json'], none: ['none'] }[frame.encoding];
  if (!expectedKinds.includes(decoded.kind)) return `data encoded as ${frame.encoding} decoded as ${decoded.kind}`;
  const fields = dataFields(frame.rawData);
  if (fields !== null && (typeof fields !== 'object' || Array.isArray(fields))) return 'dataFields gave a non-object';
  return null;
}

const CUT_ERROR = new RegExp(`${FRAME_ERROR.source.slice(0, -2)}|The page cut this [\\d.]+ (B|kB|MB) frame to its first \\d+ characters, before its "event" field could be read\\.)$`, 's');

/**
 * A valid frame cut at `at` characters, as the page cuts frames over its cap: once the cut is past the event's value,
 * the event must be read; data cut short is marked cut and sized from `fullBytes`; nothing throws.
 */
function cutFrameProblem(frame: { value: Record<string, unknown>; text: string }, at: number, fullBytes: number): string | null {
  const kept = frame.text.slice(0, at);
  const result = parseCutFrame(kept, fullBytes);
  const eventEnd = `{"event":${JSON.stringify(frame.value.event)}`.length;
  if (!result.ok) return at > eventEnd ? `lost the event of a frame cut at ${at}: ${result.error}` : messageProblem(result.error, CUT_ERROR, kept);
  if (result.event !== frame.value.event) return `read event ${JSON.stringify(result.event)} from a frame cut at ${at}`;
  if (result.channel !== undefined && result.channel !== frame.value.channel) return `read channel ${JSON.stringify(result.channel)} from a frame cut at ${at}`;
  if (!Number.isInteger(result.dataBytes) || result.dataBytes < 0) return `dataBytes is ${result.dataBytes}`;
  if (result.cut && result.rawData !== undefined) return 'a cut frame kept data';
  return null;
}

/** A small hostile frame text: a mutated valid frame (by value or by text), or something that is no frame at all. */
function smallFrameText(rng: Rng, frames: ReturnType<typeof framePool>, i: number): string {
  const base = rng.pick(frames);
  switch (i % 6) {
    case 0:
    case 1:
      return JSON.stringify(mutateValue(rng, base.value));
    case 2:
      return mutateText(rng, base.text);
    case 3:
      return mutateText(rng, mutateText(rng, JSON.stringify(mutateValue(rng, base.value))));
    case 4:
      return JSON.stringify(randomJson(rng, 4)) ?? '';
    default:
      return rng.chance(0.5) ? binaryGarbage(rng, rng.int(64)) : rng.pick(AWKWARD_STRINGS);
  }
}

const framePool = (rng: Rng) => pool(2_000, () => validFrame(rng));

const MB = 1024 * 1024;

let large: Array<[string, string]> | undefined;

/** A few large inputs: multi-megabyte strings and data, deep nesting in every place, wide objects. Made once. */
function largeFrameTexts(): Array<[string, string]> {
  return (large ??= makeLargeFrameTexts());
}

function makeLargeFrameTexts(): Array<[string, string]> {
  const deep = deepNesting(100_000);
  const deepObject = deepNesting(100_000, 'object');
  return [
    ['5 MB double-encoded data', JSON.stringify({ event: 'big', channel: 'c', data: JSON.stringify({ blob: 'x'.repeat(5 * MB) }) })],
    ['5 MB object data', JSON.stringify({ event: 'big', channel: 'c', data: { blob: 'é'.repeat(2.5 * MB) } })],
    ['5 MB event name', JSON.stringify({ event: 'e'.repeat(5 * MB), data: '{}' })],
    ['5 MB channel name', JSON.stringify({ event: 'x', channel: 'c'.repeat(5 * MB), data: '{}' })],
    ['5 MB frame cut in the middle', JSON.stringify({ event: 'big', channel: 'c', data: 'x'.repeat(5 * MB) }).slice(0, 256 * 1024)],
    ['100k levels of [ as the frame', deep],
    ['100k levels of [ unclosed', deepNesting(100_000, 'array', false)],
    ['100k levels of { as the frame', deepObject],
    ['100k levels of [ as data', `{"event":"x","channel":"c","data":${deep}}`],
    ['100k levels of { as data', `{"event":"x","channel":"c","data":${deepObject}}`],
    ['100k levels of [ as double-encoded data', JSON.stringify({ event: 'x', channel: 'c', data: deep })],
    ['100k levels of [ as the event', `{"event":${deep}}`],
    ['100k levels as subscription_succeeded presence', JSON.stringify({ event: 'pusher_internal:subscription_succeeded', channel: 'presence-x', data: `{"presence":{"hash":${deepObject}}}` })],
    ['100k levels in a public event (sensitive-data scan)', JSON.stringify({ event: 'e', channel: 'public', data: `{"a":${deepObject}}` })],
    ['50k keys in data', JSON.stringify({ event: 'x', channel: 'c', data: Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i])) })],
    ['512k lone surrogates', JSON.stringify({ event: 'x', channel: 'c', data: '\ud800'.repeat(MB / 2) })],
    ['1 MB of binary garbage', binaryGarbage(createRng(7), MB)],
    ['1 MB number', `{"event":"x","data":${'9'.repeat(MB)}}`],
  ];
}

describe('fuzz: the frame decoder', () => {
  it(`parseFrame, decodeData and dataFields: ${SMALL_FRAMES.toLocaleString('en-US')} small hostile frames and large ones, no exception, clear rejections`, () => {
    const started = performance.now();
    const rng = createRng(SEED);
    const frames = framePool(rng);
    const failures = new Failures();
    let inputs = 0;
    withShortStacks(() => {
      for (let i = 0; i < SMALL_FRAMES; i++) {
        const text = smallFrameText(rng, frames, i);
        inputs++;
        failures.add(() => `seed ${SEED} input ${i} ${JSON.stringify(text.slice(0, 120))}`, noThrow(() => frameProblem(text, true)));
        if (i % 4 === 0) {
          // The same loop cuts valid frames anywhere, as the page cuts frames over its cap.
          const frame = rng.pick(frames);
          const at = rng.int(frame.text.length);
          const fullBytes = rng.chance(0.9) ? Buffer.byteLength(frame.text) : rng.int(1e9);
          inputs++;
          failures.add(() => `seed ${SEED} input ${i} cut at ${at}: ${frame.text}`, noThrow(() => cutFrameProblem(frame, at, fullBytes)));
        }
      }
      for (const [name, text] of largeFrameTexts()) {
        inputs++;
        failures.add(name, noThrow(() => frameProblem(text, !name.includes('levels'))));
      }
    });
    report('frame decoder (parseFrame/decodeData/dataFields)', inputs, started);
    expect(failures.list).toEqual([]);
    expect(inputs).toBeGreaterThanOrEqual(SMALL_FRAMES);
  }, TIMEOUT);

  it(`reduceSession: ${(RECORD_BATCHES * RECORDS_PER_BATCH).toLocaleString('en-US')} hostile page records in batches, no exception, every view still works`, () => {
    const started = performance.now();
    const rng = createRng(SEED ^ 0xa5a5a5a5);
    const frames = framePool(rng);
    const failures = new Failures();
    let inputs = 0;
    let state: SessionState = emptySession();
    let seq = 0;
    withShortStacks(() => {
      for (let b = 0; b < RECORD_BATCHES; b++) {
        if (b % 25 === 0) {
          failures.add(`state before batch ${b}`, noThrow(() => stateProblem(state)));
          state = emptySession();
          seq = 0;
        }
        const pageId = rng.pick(['page-1', 'page-2', '__proto__']);
        const records = hostileRecords(rng, frames, b, seq);
        seq += RECORDS_PER_BATCH;
        inputs += records.length;
        const before = state;
        const input: SessionInput = { kind: 'records', origin: { frameId: 0, url: 'http://127.0.0.1/' }, pageId, records };
        failures.add(`seed ${SEED} batch ${b}`, noThrow(() => {
          state = reduceSession(state, input);
          // Each valid record with a seq above the page's last one is taken (frames become entries); the others not.
          let lastSeq = before.pages.get(pageId)?.lastSeq ?? 0;
          let fresh = 0;
          for (const record of records) {
            if (!isPageRecord(record) || record.seq <= lastSeq) continue;
            lastSeq = record.seq;
            if (record.type === 'frame') fresh++;
          }
          if (state.entryCount - before.entryCount !== (before.recording ? fresh : 0)) {
            return `${state.entryCount - before.entryCount} entries for ${fresh} valid frame records`;
          }
          for (let i = before.entryCount; i < state.entryCount; i++) {
            const problem = entryProblem(state.entries[i], i);
            if (problem) return problem;
          }
          return null;
        }));
        const other = rng.int(40);
        const extra: SessionInput | null =
          other === 0 ? { kind: 'navigated', t: 1, url: rng.pick(AWKWARD_STRINGS) } : other === 1 ? { kind: 'set-recording', recording: !state.recording } : other === 2 ? { kind: 'set-preserve-log', preserve: !state.preserveLog } : null;
        if (extra) failures.add(`batch ${b} then ${extra.kind}`, noThrow(() => ((state = reduceSession(state, extra)), null)));
      }
    });
    failures.add('final state', noThrow(() => stateProblem(state)));
    report('session reducer (reduceSession + selectors)', inputs, started);
    expect(failures.list).toEqual([]);
    expect(inputs).toBe(RECORD_BATCHES * RECORDS_PER_BATCH);
  }, TIMEOUT);

  it('reduceSession takes every large frame, and the views and copy helpers still work', () => {
    const started = performance.now();
    const failures = new Failures();
    const texts = largeFrameTexts();
    let state = emptySession();
    const records = numberRecords([{ type: 'socket', sid: 1, url: 'ws://h/app/k?protocol=7' }, ...texts.map(([, text]) => ({ type: 'frame', sid: 1, dir: 'in', text }))]);
    failures.add('large frames', noThrow(() => ((state = reduceSession(state, { kind: 'records', origin: { frameId: 0, url: 'http://h/' }, pageId: 'p', records })), null)));
    failures.add('large frames state', noThrow(() => stateProblem(state, texts.length)));
    report('session reducer, large frames', texts.length, started);
    expect(failures.list).toEqual([]);
    expect(state.entryCount).toBe(texts.length);
  }, TIMEOUT);
});

/**
 * One batch: valid records with hostile frame texts (they reach the session's logic), records with one wrong field
 * (most are rejected, some slip through with odd values), and plain junk. Some keep their seq, some are renumbered.
 */
function hostileRecords(rng: Rng, frames: ReturnType<typeof framePool>, batch: number, firstSeq: number): unknown[] {
  const drafts: unknown[] = [];
  for (let i = 0; i < RECORDS_PER_BATCH; i++) {
    const sid = 1 + rng.int(3);
    const kind = rng.int(10);
    if (kind < 5) {
      const draft = validRecordDraft(rng, sid);
      if (draft.type === 'frame' && draft.text !== undefined && rng.chance(0.6)) draft.text = smallFrameText(rng, frames, i + batch);
      else if (draft.type === 'frame' && draft.text !== undefined && rng.chance(0.2)) {
        // Cut by the page, with its real size.
        draft.fullBytes = Buffer.byteLength(draft.text) + rng.int(10 * 1024 * 1024);
        draft.text = draft.text.slice(0, rng.int(draft.text.length));
      }
      drafts.push(draft);
    } else if (kind < 9) drafts.push(mutateValue(rng, validRecordDraft(rng, sid), true));
    else drafts.push(rng.pick<unknown>([null, 1, 'frame', [], { type: 'frame' }, { seq: 1, t: 1, type: '__proto__' }]));
  }
  const numbered = numberRecords(drafts.map((d) => (typeof d === 'object' && d !== null && !Array.isArray(d) ? d : {})), firstSeq + 1);
  // Junk that was not an object stays junk; one record in ten gets its seq or time mutated too.
  return numbered.map((record, i) => {
    const draft = drafts[i];
    if (typeof draft !== 'object' || draft === null || Array.isArray(draft)) return draft;
    return rng.chance(0.1) ? { ...record, ...(mutateValue(rng, { seq: record.seq, t: record.t }, true) as object) } : record;
  });
}
