import { describe, expect, it } from 'vitest';
import {
  CONTENT_SOURCE,
  PAGE_SOURCE,
  PROTOCOL_VERSION,
  panelPortName,
  tabIdFromPanelPort,
} from '../../../../src/core/messages/envelopes';
import {
  isBackgroundToContent,
  isBackgroundToPanel,
  isContentChannelMessage,
  isContentMessage,
  isPageMessage,
  isPageRecord,
  isPanelToBackground,
} from '../../../../src/core/messages/guards';

const page = { source: PAGE_SOURCE, v: PROTOCOL_VERSION, pageId: 'p1' };

describe('message guards', () => {
  it('accepts the page messages the hook sends', () => {
    expect(isPageMessage({ ...page, kind: 'present' })).toBe(true);
    expect(isPageMessage({ ...page, kind: 'records', snapshot: false, records: [] })).toBe(true);
    expect(isPageMessage({ ...page, kind: 'held', count: 12_000 })).toBe(true);
    expect(isPageMessage({ ...page, kind: 'held', count: 0 })).toBe(true);
  });

  it.each([
    ['another source', { ...page, source: CONTENT_SOURCE, kind: 'present' }],
    ['another version', { ...page, v: PROTOCOL_VERSION + 1, kind: 'present' }],
    ['no page id', { ...page, pageId: '', kind: 'present' }],
    ['a huge page id', { ...page, pageId: 'x'.repeat(65), kind: 'present' }],
    ['records not an array', { ...page, kind: 'records', snapshot: false, records: {} }],
    ['an unknown kind', { ...page, kind: 'command' }],
    ['a held count that is not a count', { ...page, kind: 'held', count: -1 }],
    ['a fractional held count', { ...page, kind: 'held', count: 1.5 }],
    ['an absurd held count', { ...page, kind: 'held', count: 1e12 }],
    ['no held count', { ...page, kind: 'held' }],
    ['null', null],
    ['a string', 'pusher-devtools:page'],
  ])('rejects a page message with %s', (_, message) => {
    expect(isPageMessage(message)).toBe(false);
  });

  it('checks every field of a record', () => {
    expect(isPageRecord({ seq: 1, t: 5, type: 'frame', sid: 1, dir: 'in', text: 'x' })).toBe(true);
    expect(isPageRecord({ seq: 1, t: 5, type: 'frame', sid: 1, dir: 'in', binaryBytes: 4 })).toBe(true);
    expect(isPageRecord({ seq: 1, t: 5, type: 'frame', sid: 1, dir: 'in' })).toBe(false);
    expect(isPageRecord({ seq: 1, t: 5, type: 'frame', sid: 1, dir: 'in', text: 'x', fullBytes: -1 })).toBe(false);
    expect(isPageRecord({ seq: 0.5, t: 5, type: 'open', sid: 1 })).toBe(false);
    expect(isPageRecord({ seq: 1, t: Number.NaN, type: 'open', sid: 1 })).toBe(false);
    expect(isPageRecord({ seq: 1, t: 5, type: 'constructor', sid: 1 })).toBe(false);
    expect(isPageRecord({ seq: 1, t: 5, type: '__proto__', sid: 1 })).toBe(false);
    expect(isPageRecord({ seq: 1, t: 5, type: 'close', sid: 1, code: 4001, reason: '', clean: 'yes' })).toBe(false);
    expect(isPageRecord({ seq: 1, t: 5, type: 'state', iid: 1, previous: 'a', current: 'b', sid: 2 })).toBe(true);
    expect(isPageRecord({ seq: 1, t: 5, type: 'instance', iid: 1, key: 'k', state: 's', cluster: 3 })).toBe(false);
  });

  it('guards the content and background messages', () => {
    expect(isContentMessage({ source: CONTENT_SOURCE, v: PROTOCOL_VERSION, kind: 'attach' })).toBe(true);
    expect(isContentMessage({ source: PAGE_SOURCE, v: PROTOCOL_VERSION, kind: 'attach' })).toBe(false);
    expect(isContentChannelMessage({ source: CONTENT_SOURCE, v: PROTOCOL_VERSION, kind: 'channel' })).toBe(true);
    expect(isContentChannelMessage({ source: PAGE_SOURCE, v: PROTOCOL_VERSION, kind: 'channel' })).toBe(false);
    expect(isContentChannelMessage({ source: CONTENT_SOURCE, v: PROTOCOL_VERSION, kind: 'attach' })).toBe(false);
    expect(isBackgroundToContent({ v: PROTOCOL_VERSION, kind: 'detach' })).toBe(true);
    expect(isBackgroundToContent({ v: PROTOCOL_VERSION, kind: 'replay' })).toBe(false);
    expect(isBackgroundToContent({ v: PROTOCOL_VERSION, kind: 'hold-floods', hold: false })).toBe(true);
    expect(isBackgroundToContent({ v: PROTOCOL_VERSION, kind: 'hold-floods', hold: 'no' })).toBe(false);
    expect(isContentMessage({ source: CONTENT_SOURCE, v: PROTOCOL_VERSION, kind: 'hold-floods', hold: true })).toBe(true);
    expect(isContentMessage({ source: CONTENT_SOURCE, v: PROTOCOL_VERSION, kind: 'hold-floods' })).toBe(false);
    expect(isPanelToBackground({ v: PROTOCOL_VERSION, kind: 'hold-floods', hold: true })).toBe(true);
    expect(isPanelToBackground({ v: PROTOCOL_VERSION, kind: 'hold-floods', hold: 0 })).toBe(false);
    expect(isPanelToBackground({ v: PROTOCOL_VERSION, kind: 'command', frameId: 0, pageId: 'p', command: { cid: 1, type: 'replay', sid: 1, text: '{}' } })).toBe(true);
    const origin = { frameId: 0, url: 'http://x/' };
    expect(isBackgroundToPanel({ v: PROTOCOL_VERSION, kind: 'page', origin, message: { ...page, kind: 'present' } })).toBe(true);
    expect(isBackgroundToPanel({ v: PROTOCOL_VERSION, kind: 'page', origin: { frameId: -1, url: '' }, message: { ...page, kind: 'present' } })).toBe(false);
  });

  it('accepts only well-formed commands', async () => {
    const { isPageCommand } = await import('../../../../src/core/messages/guards');
    expect(isPageCommand({ cid: 1, type: 'replay', sid: 1, text: '{}' })).toBe(true);
    expect(isPageCommand({ cid: 1, type: 'close', sid: 1, code: 4100, reason: 'Over capacity' })).toBe(true);
    expect(isPageCommand({ cid: 1, type: 'close', sid: 1, code: 999, reason: '' })).toBe(false);
    expect(isPageCommand({ cid: 1, type: 'offline', seconds: 0 })).toBe(false);
    expect(isPageCommand({ cid: 1, type: 'offline', seconds: 601 })).toBe(false);
    expect(isPageCommand({ cid: 1, type: 'incoming', mode: 'delay', seconds: 5, delayMs: 2000 })).toBe(true);
    expect(isPageCommand({ cid: 1, type: 'incoming', mode: 'scramble', seconds: 5, delayMs: 0 })).toBe(false);
    expect(isPageCommand({ cid: 1, type: 'eval', code: 'alert(1)' })).toBe(false);
    expect(isPageCommand({ cid: 1, type: 'replay', sid: 1, text: 'x'.repeat(1024 * 1024 + 1) })).toBe(false);
  });

  it('names panel ports by tab and reads them back', () => {
    expect(tabIdFromPanelPort(panelPortName(42))).toBe(42);
    expect(tabIdFromPanelPort('pusher-devtools:panel:abc')).toBeNull();
    expect(tabIdFromPanelPort('pusher-devtools:panel:-1')).toBeNull();
    expect(tabIdFromPanelPort('other')).toBeNull();
  });
});
