import {
  CONTENT_SOURCE,
  PAGE_SOURCE,
  PROTOCOL_VERSION,
  type BackgroundToContent,
  type BackgroundToPanel,
  type ContentChannelMessage,
  type ContentMessage,
  type PageCommand,
  type PageMessage,
  type PanelToBackground,
} from './envelopes';
import type { PageRecord } from './records';

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null;
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const optional = (value: unknown, check: (v: unknown) => boolean) => value === undefined || check(value);

const isChannelBindings = (value: unknown) =>
  isObject(value) && isCount(value.global) && isObject(value.events) && Object.values(value.events).every(isCount);

const recordChecks: Record<PageRecord['type'], (r: Fields) => boolean> = {
  socket: (r) => isCount(r.sid) && isString(r.url),
  open: (r) => isCount(r.sid),
  frame: (r) =>
    isCount(r.sid) &&
    (r.dir === 'in' || r.dir === 'out') &&
    (isString(r.text) || isCount(r.binaryBytes)) &&
    optional(r.fullBytes, isCount) &&
    optional(r.replayed, (v) => v === true) &&
    optional(r.held, (v) => v === 'dropped' || v === 'delayed'),
  close: (r) =>
    isCount(r.sid) &&
    typeof r.code === 'number' &&
    isString(r.reason) &&
    typeof r.clean === 'boolean' &&
    optional(r.byPage, (v) => typeof v === 'boolean') &&
    optional(r.injected, (v) => v === true),
  'socket-error': (r) => isCount(r.sid),
  instance: (r) =>
    isCount(r.iid) && isString(r.key) && isString(r.state) && optional(r.cluster, isString) && optional(r.wsHost, isString),
  state: (r) =>
    isCount(r.iid) && isString(r.previous) && isString(r.current) && optional(r.socketId, isString) && optional(r.sid, isCount),
  retry: (r) => isCount(r.iid) && isTime(r.seconds),
  fault: (r) => ['offline', 'online', 'drop', 'delay', 'incoming-normal'].includes(r.what as string) && optional(r.seconds, isCount),
  'command-result': (r) => isCount(r.cid) && typeof r.ok === 'boolean' && optional(r.error, isString),
  bindings: (r) => isCount(r.iid) && isCount(r.global) && isObject(r.channels) && Object.values(r.channels).every(isChannelBindings),
  'auth-request': (r) =>
    isCount(r.aid) &&
    (r.transport === 'xhr' || r.transport === 'fetch') &&
    isString(r.method) &&
    isString(r.url) &&
    isString(r.socketId) &&
    optional(r.channel, isString),
  'auth-response': (r) =>
    isCount(r.aid) &&
    isCount(r.status) &&
    optional(r.contentType, isString) &&
    isString(r.body) &&
    isCount(r.bodyBytes) &&
    optional(r.error, isString),
  'client-error': (r) =>
    isCount(r.iid) && isString(r.errorType) && optional(r.code, isTime) && optional(r.message, isString),
};

/** Full check of one record: the page is untrusted, so the panel checks every field it will read. */
export function isPageRecord(value: unknown): value is PageRecord {
  if (!isObject(value) || !isCount(value.seq) || !isTime(value.t) || !isString(value.type)) return false;
  if (!Object.hasOwn(recordChecks, value.type)) return false;
  return recordChecks[value.type as PageRecord['type']](value);
}

/** Envelope check only (records are checked one by one where they are used). */
/** More records than any page could hold (HOLD_CHARS of the smallest records). */
const MAX_HELD = 10_000_000;

export function isPageMessage(value: unknown): value is PageMessage {
  if (!isObject(value) || value.source !== PAGE_SOURCE || value.v !== PROTOCOL_VERSION) return false;
  if (!isString(value.pageId) || value.pageId.length === 0 || value.pageId.length > 64) return false;
  if (value.kind === 'present') return true;
  if (value.kind === 'held') return isCount(value.count) && value.count <= MAX_HELD;
  return value.kind === 'records' && typeof value.snapshot === 'boolean' && (isString(value.records) || Array.isArray(value.records));
}

const MAX_COMMAND_TEXT = 1024 * 1024;

const MAX_OFFLINE_SECONDS = 600;

export function isPageCommand(value: unknown): value is PageCommand {
  if (!isObject(value) || !isCount(value.cid)) return false;
  switch (value.type) {
    case 'replay':
    case 'send':
      return isCount(value.sid) && isString(value.text) && value.text.length <= MAX_COMMAND_TEXT;
    case 'close':
      return isCount(value.sid) && isCount(value.code) && value.code >= 1000 && value.code <= 4999 && isString(value.reason) && value.reason.length <= 123;
    case 'offline':
      return isCount(value.seconds) && value.seconds >= 1 && value.seconds <= MAX_OFFLINE_SECONDS;
    case 'incoming':
      return (
        (value.mode === 'drop' || value.mode === 'delay') &&
        isCount(value.seconds) &&
        value.seconds >= 1 &&
        value.seconds <= MAX_OFFLINE_SECONDS &&
        isCount(value.delayMs) &&
        value.delayMs <= 60_000
      );
    default:
      return false;
  }
}

const isCommandFor = (value: Fields) => isString(value.pageId) && isPageCommand(value.command);

const isHoldFloods = (value: Fields) => value.kind === 'hold-floods' && typeof value.hold === 'boolean';

export function isContentMessage(value: unknown): value is ContentMessage {
  if (!isObject(value) || value.source !== CONTENT_SOURCE || value.v !== PROTOCOL_VERSION) return false;
  return value.kind === 'attach' || value.kind === 'detach' || isHoldFloods(value) || (value.kind === 'command' && isCommandFor(value));
}

export function isContentChannelMessage(value: unknown): value is ContentChannelMessage {
  return isObject(value) && value.source === CONTENT_SOURCE && value.v === PROTOCOL_VERSION && value.kind === 'channel';
}

export function isBackgroundToContent(value: unknown): value is BackgroundToContent {
  if (!isObject(value) || value.v !== PROTOCOL_VERSION) return false;
  return value.kind === 'attach' || value.kind === 'detach' || isHoldFloods(value) || (value.kind === 'command' && isCommandFor(value));
}

export function isPanelToBackground(value: unknown): value is PanelToBackground {
  if (!isObject(value) || value.v !== PROTOCOL_VERSION) return false;
  return isHoldFloods(value) || (value.kind === 'command' && isCount(value.frameId) && isCommandFor(value));
}

export function isBackgroundToPanel(value: unknown): value is BackgroundToPanel {
  if (!isObject(value) || value.v !== PROTOCOL_VERSION || !isObject(value.origin)) return false;
  if (!isCount(value.origin.frameId) || !isString(value.origin.url)) return false;
  if (value.kind === 'frame-gone') return true;
  return value.kind === 'page' && isPageMessage(value.message);
}
