import { describe, expect, it } from 'vitest';
import { parseHar } from '../../../src/core/recording/har';
import { importFile } from '../../../src/core/recording/import-file';
import { parsePusherUrl } from '../../../src/core/protocol/url';
import { HAR_ERROR } from './checks';
import { fuzzImporter } from './importer-loop';
import {
  AWKWARD_STRINGS,
  binaryGarbage,
  createRng,
  deepNesting,
  pool,
  PUSHER_URL,
  randomJson,
  report,
  validFrame,
  validHar,
  type Rng,
} from './generate';

const SEED = 0x4a4f11e5;
const SMALL_FILES = 100_000;
const TIMEOUT = 120_000;

/**
 * Accepted HAR files import one page per Pusher WebSocket entry, and every message of it is either a frame record
 * or counted as skipped. `value` is what the file held.
 */
function accountingProblem(result: ReturnType<typeof importFile>, value: unknown): string | null {
  if (!result.ok) return null;
  const entries = (value as { log?: { entries?: unknown } } | null)?.log?.entries;
  if (!Array.isArray(entries)) return 'accepted a HAR without a log.entries list';
  const sockets = entries.filter((entry: { request?: { url?: unknown }; _webSocketMessages?: unknown } | null) => {
    const url = entry?.request?.url;
    return typeof url === 'string' && Array.isArray(entry?._webSocketMessages) && parsePusherUrl(url) !== null;
  });
  if (result.pages.length !== sockets.length) return `${sockets.length} Pusher sockets in the file, ${result.pages.length} pages imported`;
  const messages = sockets.reduce((n: number, entry: { _webSocketMessages: unknown[] }) => n + entry._webSocketMessages.length, 0);
  // Each page starts with the socket record; the rest are its frames.
  const frames = result.pages.reduce((n, page) => n + page.records.length - 1, 0);
  return frames + result.skipped === messages ? null : `${messages} messages in the file, ${frames} imported and ${result.skipped} skipped`;
}


const MB = 1024 * 1024;

function largeHarTexts(rng: Rng): Array<[string, string]> {
  const har = (entries: unknown) => JSON.stringify({ log: { version: '1.2', entries } });
  const socket = (messages: unknown, extra: object = {}) => ({ startedDateTime: '2026-11-22T10:00:00.000Z', request: { url: PUSHER_URL }, _webSocketMessages: messages, ...extra });
  const message = (data: string, extra: object = {}) => ({ type: 'receive', time: 1_763_805_600, opcode: 1, data, ...extra });
  const deep = deepNesting(100_000);
  return [
    ['100k levels of [ under "log"', `{"log":${deep}}`],
    ['100k levels as "entries"', `{"log":{"entries":${deep}}}`],
    ['100k levels as an entry', `{"log":{"entries":[${deep}]}}`],
    ['100k levels as the messages', `{"log":{"entries":[{"request":{"url":"${PUSHER_URL}"},"_webSocketMessages":${deep}}]}}`],
    ['100k levels as a message', `{"log":{"entries":[{"request":{"url":"${PUSHER_URL}"},"_webSocketMessages":[${deep}]}]}}`],
    ['100k levels as a message time', `{"log":{"entries":[{"request":{"url":"${PUSHER_URL}"},"_webSocketMessages":[{"type":"send","time":${deep},"data":""}]}]}}`],
    ['100k levels as frame data', har([socket([message(`{"event":"x","data":${deep}}`)])])],
    ['100k levels as a URL', `{"log":{"entries":[{"request":{"url":${deep}},"_webSocketMessages":[]}]}}`],
    ['5,000 messages', har([socket(Array.from({ length: 5_000 }, (_, i) => message(JSON.stringify(validFrame(rng)), { time: 1_763_805_600 + i / 1000 })))])],
    ['50,000 entries, none a socket', har(Array.from({ length: 50_000 }, () => ({ request: { url: 'https://example.com/' } })))],
    ['300,000 null entries', har(new Array(300_000).fill(null))],
    ['5 MB frame', har([socket([message(JSON.stringify({ event: 'big', channel: 'c', data: 'x'.repeat(5 * MB) }))])])],
    ['5 MB binary frame (base64)', har([socket([message('A'.repeat(5 * MB), { opcode: 2 })])])],
    ['5 MB URL', har([socket([], { request: { url: `${PUSHER_URL}&x=${'x'.repeat(5 * MB)}` } })])],
    ['times at the edges of numbers', har([socket([1e308, -1e308, 5e-324, 1e16, -0].map((time) => message('{"event":"x"}', { time })))])],
    ['a start date far in the future', har([socket([message('{"event":"x"}')], { startedDateTime: '+275760-09-13T00:00:00.000Z' })])],
    ['a start date past the last valid one', har([socket([message('{"event":"x"}')], { startedDateTime: '+275760-09-13T00:00:00.001Z' })])],
    ['1 MB of binary garbage', binaryGarbage(rng, MB)],
    ['empty log', '{"log":null}'],
  ];
}

const harPool = (rng: Rng) => pool(500, () => validHar(rng));

describe('fuzz: the HAR importer', () => {
  it(`importFile and parseHar: ${SMALL_FILES.toLocaleString('en-US')} hostile HAR files and large ones, no exception, clear rejections`, () => {
    const started = performance.now();
    const rng = createRng(SEED);
    const { inputs, accepted, failures } = fuzzImporter(rng, {
      seed: SEED,
      count: SMALL_FILES,
      files: harPool(rng),
      // Straight to parseHar with values only structured clone makes (NaN, Infinity, BigInt, undefined, …).
      parseValue: parseHar,
      valueError: HAR_ERROR,
      other: (r: Rng) => `{"log":${r.chance(0.5) ? (JSON.stringify(randomJson(r, 4)) ?? '') : r.chance(0.5) ? binaryGarbage(r, r.int(64)) : r.pick(AWKWARD_STRINGS)}}`,
      large: largeHarTexts(rng),
      accounting: accountingProblem,
      excerpt: 300,
    });
    report(`HAR importer (importFile/parseHar, ${accepted.toLocaleString('en-US')} accepted)`, inputs, started);
    expect(failures).toEqual([]);
    expect(inputs).toBeGreaterThanOrEqual(SMALL_FILES);
    // The mutants must reach past the first checks: some files are accepted, most are not.
    expect(accepted).toBeGreaterThan(SMALL_FILES / 20);
    expect(accepted).toBeLessThan(SMALL_FILES / 2);
  }, TIMEOUT);
});
