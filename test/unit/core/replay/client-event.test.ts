import { describe, expect, it } from 'vitest';
import { checkClientEvent } from '../../../../src/core/replay/client-event';
import { reduceSession } from '../../../../src/core/session/reduce';
import { emptySession } from '../../../../src/core/session/state';
import { frames } from '../../../fixtures/frames';
import { batch, numbered, pusherUrl } from '../../../fixtures/records';

const T0 = 1_700_000_000_000;
const subscribed = (name: string) => [
  { type: 'frame' as const, sid: 1, dir: 'out' as const, text: JSON.stringify({ event: 'pusher:subscribe', data: { auth: 'k:s', channel: name } }) },
  { type: 'frame' as const, sid: 1, dir: 'in' as const, text: JSON.stringify({ event: 'pusher_internal:subscription_succeeded', channel: name, data: '{}' }) },
];
const state = reduceSession(
  emptySession(),
  batch(numbered([{ type: 'socket', sid: 1, url: pusherUrl }, { type: 'frame', sid: 1, dir: 'in', text: frames.established }, ...subscribed('private-chat'), ...subscribed('lobby'), ...subscribed('private-encrypted-x')], 1, T0)),
);
const connection = state.connections.get('page-1:1')!;
const channels = [...state.channels.values()];
const check = (patch: Partial<{ event: string; channel: string; data: string }>, conn = connection) =>
  checkClientEvent({ event: 'client-typing', channel: 'private-chat', data: '{"typing":true}', ...patch }, conn, channels, T0 + 10_000, 10_240);

describe('client event rules', () => {
  it('builds the frame pusher-js would send (data as an object) when every rule holds', () => {
    expect(check({})).toMatchObject({ ok: true, text: '{"event":"client-typing","data":{"typing":true},"channel":"private-chat"}' });
  });

  it.each([
    [{ event: 'typing' }, /start with "client-"/],
    [{ event: 'client-' }, /start with "client-"/],
    [{ channel: 'lobby' }, /only allowed on private- and presence- channels; "lobby" is public/],
    [{ channel: 'private-encrypted-x' }, /Encrypted channels/],
    [{ channel: 'private-other' }, /not subscribed to "private-other"/],
    [{ data: '{oops' }, /not valid JSON/],
    [{ data: JSON.stringify({ pad: 'x'.repeat(10_240) }) }, /over the 10240-byte limit/],
  ])('refuses %j and says why', (patch, reason) => {
    const result = check(patch);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.join(' ')).toMatch(reason);
  });

  it('refuses an eleventh event within one second, not a tenth', () => {
    const busy = (count: number) => ({ ...connection, recentClientEvents: Array.from({ length: count }, (_, i) => T0 + 9_500 + i) });
    expect(check({}, busy(9)).ok).toBe(true);
    const refused = check({}, busy(10));
    expect(!refused.ok && refused.errors[0]).toMatch(/10 client events were sent in the last second/);
  });
});
