import type { FrameOrigin } from '../messages/envelopes';
import { isPageRecord } from '../messages/guards';
import type { PageRecord } from '../messages/records';
import { redactRecord } from './redact';

export const SESSION_FORMAT = 'pusher-devtools-session';
export const SESSION_VERSION = 1;

/** The records of one page context, exactly as the panel received them: folding them rebuilds every view. */
export interface RecordedPage {
  pageId: string;
  origin: FrameOrigin;
  records: PageRecord[];
}

export interface SessionFile {
  format: typeof SESSION_FORMAT;
  version: typeof SESSION_VERSION;
  exportedAt: string;
  redacted: boolean;
  pages: RecordedPage[];
}

export function exportSession(pages: RecordedPage[], options: { redact: boolean; now: Date }): SessionFile {
  return {
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    exportedAt: options.now.toISOString(),
    redacted: options.redact,
    pages: pages.map((page) => ({ ...page, records: options.redact ? page.records.map(redactRecord) : page.records })),
  };
}

export type Imported = { ok: true; pages: RecordedPage[]; skipped: number } | { ok: false; error: string };

const MAX_PAGES = 1_000;

/** Reads a session file back; says exactly what is wrong with a file it cannot use, and never throws. */
export function parseSessionFile(value: unknown): Imported {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('the file does not hold a JSON object.');
  const file = value as Record<string, unknown>;
  if (file.format !== SESSION_FORMAT) return fail(`"format" is ${shown(file.format)}, not "${SESSION_FORMAT}".`);
  if (typeof file.version !== 'number') return fail('"version" is missing.');
  if (file.version > SESSION_VERSION) return fail(`it was written by a newer Pusher DevTools (format version ${file.version}); this one reads version ${SESSION_VERSION}.`);
  if (file.version !== SESSION_VERSION) return fail(`format version ${file.version} is not supported.`);
  if (!Array.isArray(file.pages)) return fail('"pages" is not a list.');
  if (file.pages.length > MAX_PAGES) return fail(`it holds ${file.pages.length} pages; at most ${MAX_PAGES} are read.`);
  const pages: RecordedPage[] = [];
  let skipped = 0;
  for (const [index, page] of file.pages.entries()) {
    const fields = (typeof page === 'object' && page !== null ? page : {}) as Record<string, unknown>;
    const origin = fields.origin as Record<string, unknown> | undefined;
    if (typeof fields.pageId !== 'string' || !fields.pageId || typeof origin?.frameId !== 'number' || typeof origin.url !== 'string' || !Array.isArray(fields.records)) {
      return fail(`page ${index + 1} lacks a pageId, an origin {frameId, url} or a records list.`);
    }
    const records = fields.records.filter(isPageRecord);
    skipped += fields.records.length - records.length;
    pages.push({ pageId: fields.pageId, origin: { frameId: origin.frameId, url: origin.url }, records });
  }
  return { ok: true, pages, skipped };
}

/** A field's value as a message shows it: short, never a dump of what the file holds there (nor a throw). */
function shown(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' && value !== null ? 'an object' : String(value);
}

function fail(reason: string): Imported {
  return { ok: false, error: `Not a usable Pusher DevTools session: ${reason}` };
}
