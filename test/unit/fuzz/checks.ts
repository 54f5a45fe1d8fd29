// What the fuzz tests demand of every answer. Each check returns what is wrong (or null), so a loop over a million
// inputs stays cheap and a failure can say which input (seed and index) broke it.
import { isPageRecord } from '../../../src/core/messages/guards';
import type { Imported } from '../../../src/core/recording/session-file';
import { DEFAULT_LIMITS } from '../../../src/core/protocol/size-limits';
import { selectProblems } from '../../../src/core/session/problems';
import { reduceSession } from '../../../src/core/session/reduce';
import { selectNames } from '../../../src/core/session/filter-menus';
import { selectConnections, selectHandlers } from '../../../src/core/session/selectors';
import { emptySession, type LogEntry, type SessionState } from '../../../src/core/session/state';
import { selectTimeline } from '../../../src/core/session/timeline';
import { draftFromEntry } from '../../../src/core/replay/edit';
import { eventAsCurl, eventAsJson, eventAsNodeTrigger } from '../../../src/core/replay/snippets';

/** Every rejection a HAR file can get. */
export const HAR_ERROR = /^(Not a usable HAR file: .+|The HAR file has .+)$/s;

/** Every rejection of a file the panel's import button can give (importFile tells sessions and HAR files apart). */
export const IMPORT_ERROR = /^(The file is not JSON: .+|Not a usable Pusher DevTools session: .+|Not a usable HAR file: .+|The HAR file has .+)$/s;

/** Longest message a rejection may give: it names the problem, it does not echo the file back. */
export const MAX_MESSAGE = 400;

/**
 * A clear, human message: a non-empty string of the expected form, no "undefined", "NaN" or "[object Object]" the
 * input did not hold, no stack trace, not megabytes long.
 */
export function messageProblem(error: unknown, form: RegExp, input: string | (() => string)): string | null {
  if (typeof error !== 'string') return `the error is ${typeof error}, not a string`;
  if (error.trim() === '') return 'the error is empty';
  if (error.length > MAX_MESSAGE) return `the error is ${error.length} characters long`;
  if (/\n\s+at \S+/.test(error)) return `the error holds a stack trace: ${error}`;
  for (const junk of ['undefined', 'NaN', '[object ']) {
    if (error.includes(junk) && !(typeof input === 'string' ? input : input()).includes(junk)) return `the error says "${junk}": ${error}`;
  }
  if (!form.test(error)) return `the error does not name the problem: ${error}`;
  return null;
}

const isCount = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** A log entry has the types the panel's log, details, filter and copy menu rely on. */
export function entryProblem(entry: LogEntry | undefined, index: number): string | null {
  if (!entry) return `entry ${index} is missing`;
  // Ids are positions in the log since it was last cleared; they need not start at 0 if the log drops old entries.
  if (!isCount(entry.id) || entry.id < index) return `entry ${index} has id ${entry.id}`;
  if (!Number.isFinite(entry.t)) return `entry ${index} has time ${entry.t}`;
  if (entry.dir !== 'in' && entry.dir !== 'out') return `entry ${index} has direction ${String(entry.dir)}`;
  if (entry.text !== null && typeof entry.text !== 'string') return `entry ${index} text is ${typeof entry.text}`;
  if (!isCount(entry.bytes)) return `entry ${index} has ${entry.bytes} bytes`;
  if (typeof entry.truncated !== 'boolean' || typeof entry.replayed !== 'boolean') return `entry ${index} flags are not booleans`;
  const frame = entry.frame;
  if (entry.navigation !== undefined) return frame === null ? null : `navigation entry ${index} has a frame`;
  if (frame === null) return entry.text === null ? null : `entry ${index} has text but no parsed frame`;
  if (!frame.ok) return typeof frame.error === 'string' && frame.error !== '' ? null : `entry ${index} is malformed without a message`;
  if (typeof frame.event !== 'string') return `entry ${index} event is ${typeof frame.event}`;
  if (frame.channel !== undefined && typeof frame.channel !== 'string') return `entry ${index} channel is ${typeof frame.channel}`;
  if (frame.userId !== undefined && typeof frame.userId !== 'string') return `entry ${index} user is ${typeof frame.userId}`;
  if (!isCount(frame.dataBytes)) return `entry ${index} data has ${frame.dataBytes} bytes`;
  return null;
}

/**
 * The whole state is usable: every entry well-formed, and every view's selector and the copy menu work on it.
 * `sample` entries (spread over the log) go through the copy and replay-edit helpers.
 */
export function stateProblem(state: SessionState, sample = 8): string | null {
  for (let i = 0; i < state.entryCount; i++) {
    const problem = entryProblem(state.entries[i], i);
    if (problem) return problem;
    if (i > 0 && (state.entries[i] as LogEntry).id !== (state.entries[i - 1] as LogEntry).id + 1) return `entry ${i} does not follow entry ${i - 1}`;
  }
  for (const connection of state.connections.values()) {
    if (![connection.framesIn, connection.framesOut, connection.bytesIn, connection.bytesOut].every(isCount)) return `connection ${connection.key} has bad counters`;
  }
  for (const channel of state.channels.values()) {
    if (typeof channel.name !== 'string' || ![channel.eventsIn, channel.eventsOut, channel.dataBytesIn, channel.dataBytesOut].every(isCount)) {
      return `channel ${String(channel.name)} has bad counters`;
    }
  }
  try {
    selectProblems(state, DEFAULT_LIMITS, 1_800_000_000_000);
    selectTimeline(state);
    selectNames(state);
    selectConnections(state);
    for (const channel of state.channels.values()) {
      const handlers = selectHandlers(state, channel);
      if (handlers !== null && (typeof handlers.global !== 'number' || typeof handlers.events !== 'object' || handlers.events === null)) {
        return `the handlers of channel ${channel.name} are not { global, events }`;
      }
    }
    const step = Math.max(1, Math.floor(state.entryCount / sample));
    for (let i = 0; i < state.entryCount; i += step) {
      const entry = state.entries[i] as LogEntry;
      for (const helper of [eventAsJson, eventAsNodeTrigger, eventAsCurl, draftFromEntry]) {
        const out = helper(entry);
        if (out !== null && typeof out !== 'string' && typeof out !== 'object') return `${helper.name} gave ${typeof out}`;
      }
    }
  } catch (error) {
    return `a selector threw: ${describeError(error)}`;
  }
  return null;
}

/**
 * An import result is either a clear rejection or pages the panel can fold: valid records only, named pages, a
 * count of skipped records. Accepted pages are folded into a session as the panel does on import.
 */
export function importProblem(result: Imported, input: string | (() => string), form: RegExp, fold: boolean): string | null {
  if (typeof result !== 'object' || result === null) return `the result is ${String(result)}`;
  if (!result.ok) return messageProblem(result.error, form, input);
  if (!Array.isArray(result.pages)) return 'accepted without a pages list';
  if (!isCount(result.skipped)) return `skipped is ${result.skipped}`;
  for (const page of result.pages) {
    if (typeof page.pageId !== 'string' || page.pageId === '') return `a page id is ${JSON.stringify(page.pageId)}`;
    if (typeof page.origin?.frameId !== 'number' || typeof page.origin.url !== 'string') return `page ${page.pageId} has a bad origin`;
    if (!Array.isArray(page.records)) return `page ${page.pageId} has no records list`;
    const bad = page.records.findIndex((record) => !isPageRecord(record));
    if (bad >= 0) return `page ${page.pageId} record ${bad} is not a valid record: ${JSON.stringify(page.records[bad])?.slice(0, 200)}`;
  }
  if (!fold) return null;
  let state = emptySession();
  try {
    for (const page of result.pages) state = reduceSession(state, { kind: 'records', origin: page.origin, pageId: `import:1:${page.pageId}`.slice(0, 64), records: page.records });
  } catch (error) {
    return `folding the imported pages threw: ${describeError(error)}`;
  }
  if (state.rejected > 0) return `${state.rejected} imported records were rejected by the session`;
  return stateProblem(state);
}

/** A value as text (BigInt, NaN and undefined spelled out), for the check that a message only echoes what the input held. */
export function asText(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' || typeof v === 'number' || v === undefined ? String(v) : v)) ?? String(value);
}

/**
 * Runs `check`, turning an exception into a failure description. The loops run with short stack traces (errors
 * are cheaper to make); a check that throws is run again with full ones, to say where in src/ it threw.
 */
export function noThrow(check: () => string | null): string | null {
  try {
    return check();
  } catch (first) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 50;
    try {
      check();
      return `threw ${describeError(first)} (and not on a second run)`;
    } catch (error) {
      return `threw ${describeError(error)}`;
    } finally {
      Error.stackTraceLimit = limit;
    }
  }
}

/** Runs a fuzz loop with stack traces off: JSON.parse throws for most inputs, and capturing stacks is its main cost. */
export function withShortStacks<T>(run: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return run();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** The error and where in src/ it came from. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const at = error.stack?.split('\n').find((line) => line.includes('/src/'))?.trim() ?? '';
  return `${error.name}: ${error.message} ${at}`;
}

/** Collects the first few failures with what reproduces them. */
export class Failures {
  readonly list: string[] = [];
  count = 0;

  /** `where` is a function when naming the input costs something: it runs only on failure. */
  add(where: string | (() => string), problem: string | null): void {
    if (problem === null) return;
    this.count++;
    if (this.list.length < 10) this.list.push(`${typeof where === 'string' ? where : where()}: ${problem.slice(0, 500)}`);
  }
}
