import type { Direction } from '../messages/records';
import type { LogEntry } from './state';

/** What the Events view's toolbar asks for. */
export interface LogFilter {
  /** Network-panel style: words (all must match), `-word` to exclude, `/regex/`, `event:x`, `channel:x`. */
  text: string;
  direction: Direction | 'all';
  /** Exact channel name; '' for any, and NO_CHANNEL for frames without one. */
  channel: string;
  /** Exact event name; '' for any. */
  event: string;
}

export const NO_CHANNEL = '\u0000none';

export const emptyFilter: LogFilter = { text: '', direction: 'all', channel: '', event: '' };

type Test = (entry: LogEntry) => boolean;

export interface CompiledFilter {
  matches: Test;
  /** Set when nothing is asked: every entry matches, so nothing needs to be looked at. */
  all?: true;
  /** Set when part of the text could not be used (a bad regex); the rest still applies. */
  problem?: string;
}

export function compileFilter(filter: LogFilter): CompiledFilter {
  const tests: Test[] = [];
  let problem: string | undefined;
  if (filter.direction !== 'all') tests.push((e) => e.dir === filter.direction);
  if (filter.channel === NO_CHANNEL) tests.push((e) => channelOf(e) === undefined);
  else if (filter.channel) tests.push((e) => channelOf(e) === filter.channel);
  if (filter.event) tests.push((e) => eventOf(e) === filter.event);
  for (const token of tokenize(filter.text)) {
    const negate = token.startsWith('-') && token.length > 1;
    const body = negate ? token.slice(1) : token;
    const test = tokenTest(body);
    if (typeof test === 'string') {
      problem = test;
      continue;
    }
    tests.push(negate ? (e) => !test(e) : test);
  }
  // Navigation markers stay visible whatever the filter: they say where a page's frames begin.
  const [only] = tests;
  const result: CompiledFilter =
    tests.length === 0 ? { matches: () => true, all: true }
    : tests.length === 1 && only ? { matches: (entry) => entry.navigation !== undefined || only(entry) }
    : { matches: (entry) => entry.navigation !== undefined || tests.every((test) => test(entry)) };
  if (problem) result.problem = problem;
  return result;
}

function tokenTest(token: string): Test | string {
  const field = /^(event|channel|dir):(.*)$/.exec(token);
  if (field) {
    const [, name, value = ''] = field;
    const needle = value.toLowerCase();
    if (name === 'dir') return (e) => e.dir === needle;
    const read = name === 'event' ? eventOf : channelOf;
    return (e) => (read(e) ?? '').toLowerCase().includes(needle);
  }
  if (token.length > 2 && token.startsWith('/') && token.endsWith('/')) {
    try {
      const re = new RegExp(token.slice(1, -1), 'i');
      return (e) => re.test(e.text ?? '');
    } catch (error) {
      return `Invalid regular expression ${token}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  const needle = token.toLowerCase();
  // No letters in the needle (ids, numbers, punctuation): lower-casing the frame cannot change whether it is in it.
  if (/^[\x00-\x40\x5b-\x60\x7b-\x7f]*$/.test(needle)) {
    return (e) => {
      const text = e.text;
      return text !== null && text.includes(needle);
    };
  }
  // Found as typed (a lower-case needle in the frame as it is), or else in the lower-cased frame, which costs a copy.
  return (e) => {
    const text = e.text;
    return text !== null && (text.includes(needle) || text.toLowerCase().includes(needle));
  };
}

/**
 * True when every entry `next` keeps, `previous` keeps too, so `next` can be applied to `previous`'s result instead
 * of the whole log: typing on at the end of a word, adding a word, or picking a menu value over "all".
 */
export function narrows(previous: LogFilter, next: LogFilter): boolean {
  if (previous.direction !== 'all' && previous.direction !== next.direction) return false;
  if (previous.channel !== '' && previous.channel !== next.channel) return false;
  if (previous.event !== '' && previous.event !== next.event) return false;
  const nextTokens = tokenize(next.text);
  return tokenize(previous.text).every((before) => nextTokens.some((after) => implies(after, before)));
}

/** A token that keeps only entries `before` keeps: the same token, or a longer needle for a substring test. */
function implies(after: string, before: string): boolean {
  if (after === before) return true;
  const a = substringTest(after);
  const b = substringTest(before);
  return a !== null && b !== null && a.field === b.field && a.needle.includes(b.needle);
}

/** The field and lower-case needle of a token that keeps entries containing it (words, event:, channel:). */
function substringTest(token: string): { field: string; needle: string } | null {
  if (token.startsWith('-')) return null;
  const field = /^(event|channel|dir):(.*)$/.exec(token);
  if (field) return field[1] === 'dir' ? null : { field: field[1] as string, needle: (field[2] ?? '').toLowerCase() };
  if (token.length > 2 && token.startsWith('/') && token.endsWith('/')) return null;
  return { field: 'text', needle: token.toLowerCase() };
}

/** Splits on spaces, keeping "quoted phrases" whole. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.matchAll(/(-?)"([^"]*)"|(\S+)/g)) {
    const token = match[3] ?? `${match[1] ?? ''}${match[2] ?? ''}`;
    if (token && token !== '-') tokens.push(token);
  }
  return tokens;
}

export function eventOf(entry: LogEntry): string | undefined {
  return entry.frame?.ok ? entry.frame.event : undefined;
}

/** The channel a frame is about: its own field, or the one a pusher:subscribe / unsubscribe names in its data. */
export function channelOf(entry: LogEntry): string | undefined {
  const frame = entry.frame;
  if (!frame?.ok) return undefined;
  if (frame.channel !== undefined) return frame.channel;
  if (frame.event !== 'pusher:subscribe' && frame.event !== 'pusher:unsubscribe') return undefined;
  const data = frame.rawData as { channel?: unknown } | null;
  return typeof data === 'object' && data !== null && typeof data.channel === 'string' ? data.channel : undefined;
}
