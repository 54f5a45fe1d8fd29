import { describe, expect, it } from 'vitest';
import { reduceSession } from '../../../../src/core/session/reduce';
import { emptySession } from '../../../../src/core/session/state';
import { frames } from '../../../fixtures/frames';
import { batch, numbered, pusherUrl } from '../../../fixtures/records';

const connected = [
  { type: 'socket' as const, sid: 1, url: pusherUrl },
  { type: 'frame' as const, sid: 1, dir: 'in' as const, text: frames.established },
];
const request = { type: 'auth-request' as const, aid: 1, transport: 'xhr' as const, method: 'POST', url: 'http://127.0.0.1/pusher/auth', socketId: '445294.25458239', channel: 'private-orders' };
const fold = (drafts: Parameters<typeof numbered>[0]) => reduceSession(emptySession(), batch(numbered(drafts)));

describe('auth attempts', () => {
  it('pair a request with its response', () => {
    const body = '{"auth":"demo-key:' + 'a'.repeat(64) + '"}';
    const state = fold([...connected, request, { type: 'auth-response', aid: 1, status: 200, body, bodyBytes: body.length, contentType: 'application/json' }]);
    expect(state.auths.get('page-1/1')).toMatchObject({ channel: 'private-orders', response: { status: 200, body } });
    expect(state.channels.size).toBe(0);
  });

  it('fail the channel when the endpoint answers 403, before any subscribe frame', () => {
    const state = fold([...connected, request, { type: 'auth-response', aid: 1, status: 403, body: 'Forbidden', bodyBytes: 9 }]);
    const channel = state.channels.get('page-1|demo-key|private-orders');
    expect(channel).toMatchObject({ status: 'failed', reasonAuthKey: 'page-1/1' });
    expect(channel?.reason).toContain('403');
  });

  it('fail the channel when the endpoint answers 200 with an HTML page', () => {
    const html = '<!doctype html><title>Login</title>';
    const state = fold([...connected, request, { type: 'auth-response', aid: 1, status: 200, body: html, bodyBytes: html.length, contentType: 'text/html' }]);
    expect(state.channels.get('page-1|demo-key|private-orders')?.status).toBe('failed');
  });

  it('note a signature the server rejected after a 200 answer', () => {
    const body = '{"auth":"demo-key:' + 'b'.repeat(64) + '"}';
    const state = fold([
      ...connected,
      request,
      { type: 'auth-response', aid: 1, status: 200, body, bodyBytes: body.length },
      { type: 'frame', sid: 1, dir: 'out', text: `{"event":"pusher:subscribe","data":{"auth":"demo-key:${'b'.repeat(64)}","channel":"private-orders"}}` },
      { type: 'frame', sid: 1, dir: 'in', text: '{"event":"pusher:error","data":{"code":null,"message":"Invalid signature: Expected HMAC SHA256 hex digest of 445294.25458239:private-orders, but got x"}}' },
    ]);
    expect(state.auths.get('page-1/1')?.serverRejection?.message).toContain('Invalid signature');
    expect(state.channels.get('page-1|demo-key|private-orders')).toMatchObject({ status: 'failed', reasonEntryId: 2 });
  });

  it('ignore a response without a request', () => {
    const state = fold([{ type: 'auth-response', aid: 7, status: 403, body: '', bodyBytes: 0 }]);
    expect(state.auths.size).toBe(0);
  });

  it('keep the newest answered requests of a page that authorizes on every reconnect, and count the rest', async () => {
    const { AUTH_LIMIT } = await import('../../../../src/core/session/draft');
    const body = '{"auth":"demo-key:' + 'c'.repeat(64) + '"}';
    const drafts: Parameters<typeof numbered>[0] = [...connected, { ...request, aid: 1 }]; // never answered: stays
    for (let aid = 2; aid <= 2_000; aid++) drafts.push({ ...request, aid }, { type: 'auth-response', aid, status: 200, body, bodyBytes: body.length });
    const state = fold(drafts);
    expect(state.auths.size).toBeGreaterThanOrEqual(AUTH_LIMIT);
    expect(state.auths.size).toBeLessThanOrEqual(AUTH_LIMIT * 1.1 + 1);
    expect(state.auths.size + state.authsDropped).toBe(2_000);
    expect(state.auths.get('page-1/1')?.response).toBeUndefined();
    expect(state.auths.has('page-1/2000')).toBe(true);
    expect(state.auths.has('page-1/2')).toBe(false);
  });
});
