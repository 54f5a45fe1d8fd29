import { describe, expect, it } from 'vitest';
import { buildFrame, draftFromEntry } from '../../../../src/core/replay/edit';
import { parseFrame } from '../../../../src/core/protocol/frame';
import type { LogEntry } from '../../../../src/core/session/state';

const entry = (text: string): LogEntry => ({ id: 0, t: 0, dir: 'in', connectionKey: 'p:1', text, bytes: text.length, truncated: false, replayed: false, frame: parseFrame(text) });

describe('replay drafts', () => {
  it('show double-encoded data decoded, and encode it again the way servers do', () => {
    const original = '{"event":"price","channel":"ticker","data":"{\\"price\\":1}"}';
    const draft = draftFromEntry(entry(original));
    expect(draft).toEqual({ event: 'price', channel: 'ticker', data: '{\n  "price": 1\n}', dataIsText: false });
    expect(buildFrame(draft!)).toEqual({ ok: true, text: original });
  });

  it('keep plain-string data as text', () => {
    const draft = draftFromEntry(entry('{"event":"note","channel":"c","data":"hello"}'));
    expect(draft).toMatchObject({ data: 'hello', dataIsText: true });
    expect(buildFrame(draft!)).toEqual({ ok: true, text: '{"event":"note","channel":"c","data":"hello"}' });
  });

  it('build an edited frame, and leave out an empty channel or data', () => {
    expect(buildFrame({ event: ' update ', channel: '', data: '{"a": [1, 2]}', dataIsText: false })).toEqual({ ok: true, text: '{"event":"update","data":"{\\"a\\":[1,2]}"}' });
    expect(buildFrame({ event: 'ping', channel: 'c', data: '  ', dataIsText: false })).toEqual({ ok: true, text: '{"event":"ping","channel":"c"}' });
  });

  it('explain what is wrong with a draft', () => {
    expect(buildFrame({ event: '', channel: 'c', data: '{}', dataIsText: false })).toEqual({ ok: false, error: 'The event needs a name.' });
    const broken = buildFrame({ event: 'e', channel: 'c', data: '{oops', dataIsText: false });
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.error).toMatch(/not valid JSON.*send as text/);
  });

  it('have no draft for malformed or binary frames', () => {
    expect(draftFromEntry(entry('not json'))).toBeNull();
    expect(draftFromEntry({ ...entry('x'), frame: null, text: null })).toBeNull();
  });
});
