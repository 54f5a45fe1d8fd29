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
  const result: CompiledFilter = { matches: (entry) => entry.navigation !== undefined || tests.every((test) => test(entry)) };
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
  return (e) => (e.text ?? '').toLowerCase().includes(needle);
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
