import { describe, expect, it } from 'vitest';
import { decodeData, parseFrame } from '../../../../src/core/protocol/frame';
import { frames } from '../../../fixtures/frames';

describe('parseFrame', () => {
  it('reads event, channel and the double-encoded data of a server event', () => {
    const frame = parseFrame(frames.appEvent);
    expect(frame).toMatchObject({ ok: true, event: 'new-price', channel: 'APPL', encoding: 'string', rawData: '{"price":101.5}' });
    expect(frame.ok && frame.dataBytes).toBe('{"price":101.5}'.length);
  });

  it('keeps object data as sent and measures its JSON', () => {
    const frame = parseFrame(frames.subscribePublic);
    expect(frame).toMatchObject({ ok: true, event: 'pusher:subscribe', encoding: 'object' });
    expect(frame.ok && frame.channel).toBeUndefined();
    expect(frame.ok && frame.dataBytes).toBe(JSON.stringify({ auth: '', channel: 'my-channel' }).length);
  });

  it('reads user_id of presence client events', () => {
    expect(parseFrame(frames.clientEvent)).toMatchObject({ ok: true, userId: '2', channel: 'presence-room' });
  });

  it('counts data size in UTF-8 bytes, not characters', () => {
    const frame = parseFrame(frames.unicode);
    const data = '{"text":"héllo 👋"}';
    expect(data.length).toBe(19);
    expect(frame.ok && frame.dataBytes).toBe(new TextEncoder().encode(data).length);
    expect(frame.ok && frame.dataBytes).toBe(22);
  });

  it('reports a frame without data as such', () => {
    expect(parseFrame('{"event":"pusher:cache_miss","channel":"cache-x"}')).toMatchObject({ ok: true, encoding: 'none', dataBytes: 0 });
  });

  it.each([
    ['not json', 'Not JSON'],
    ['', 'Not JSON'],
    ['[1,2]', 'Expected a JSON object, got an array'],
    ['"text"', 'Expected a JSON object, got a string'],
    ['null', 'Expected a JSON object, got null'],
    ['{"data":"x"}', 'The "event" field is missing, not a string'],
    ['{"event":42}', 'The "event" field is a number, not a string'],
  ])('rejects %j with a reason', (text, reason) => {
    const frame = parseFrame(text);
    expect(frame.ok).toBe(false);
    expect(!frame.ok && frame.error).toContain(reason);
  });
});

describe('decodeData', () => {
  it('decodes a double-encoded string once, as pusher-js does', () => {
    expect(decodeData('{"a":[1,2]}')).toEqual({ kind: 'json-string', value: { a: [1, 2] } });
    expect(decodeData('"{\\"inner\\":1}"')).toEqual({ kind: 'json-string', value: '{"inner":1}' });
  });

  it('keeps a string that is not JSON as text', () => {
    expect(decodeData('hello there')).toEqual({ kind: 'text', value: 'hello there' });
  });

  it('passes objects through and reports missing data', () => {
    expect(decodeData({ code: 4001 })).toEqual({ kind: 'json', value: { code: 4001 } });
    expect(decodeData(undefined)).toEqual({ kind: 'none' });
  });
});
