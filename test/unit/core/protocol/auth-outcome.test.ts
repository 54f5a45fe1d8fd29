import { describe, expect, it } from 'vitest';
import { classifyAuth, type AuthExchange } from '../../../../src/core/protocol/auth-outcome';

const sig = `demo-key:${'a'.repeat(64)}`;
const base: AuthExchange = { url: 'http://app.test/pusher/auth', method: 'POST', channel: 'private-a' };
const answer = (patch: Partial<AuthExchange>) => classifyAuth({ ...base, status: 200, contentType: 'application/json', ...patch });

describe('classifyAuth', () => {
  it('accepts a signed private answer', () => {
    expect(answer({ body: JSON.stringify({ auth: sig }) })).toMatchObject({ ok: true, cause: 'ok', json: { auth: sig } });
  });

  it('is pending without a status', () => {
    expect(classifyAuth(base)).toMatchObject({ ok: false, cause: 'pending' });
  });

  it.each([
    [{ status: 0, error: 'Network error' }, 'network', /status 0/],
    [{ status: 403, body: 'Forbidden' }, 'refused', /HTTP 403 from POST http:\/\/app.test\/pusher\/auth/],
    [{ status: 401, body: '' }, 'refused', /401/],
    [{ status: 500, body: 'oops' }, 'http-error', /HTTP 500/],
    [{ body: '<!doctype html><title>Login</title>' }, 'html', /HTML page/],
    [{ body: 'x', contentType: 'text/html; charset=utf-8' }, 'html', /login redirect/],
    [{ body: '{"auth":' }, 'invalid-json', /invalid JSON/],
    [{ body: '{"token":"x"}' }, 'no-auth-field', /no "auth"/],
    [{ body: '{"auth":"demo-key:abc"}' }, 'bad-auth-format', /64 hex/],
  ])('names %j as %s', (patch, cause, summary) => {
    const outcome = answer(patch);
    expect(outcome.ok).toBe(false);
    expect(outcome.cause).toBe(cause);
    expect(outcome.summary).toMatch(summary);
    expect(outcome.fix).toBeTruthy();
  });

  it('needs channel_data for presence, and shared_secret for encrypted channels', () => {
    expect(answer({ channel: 'presence-room', body: JSON.stringify({ auth: sig }) }).cause).toBe('presence-without-channel-data');
    expect(answer({ channel: 'presence-room', body: JSON.stringify({ auth: sig, channel_data: '{"user_id":"1"}' }) }).ok).toBe(true);
    expect(answer({ channel: 'private-encrypted-x', body: JSON.stringify({ auth: sig }) }).cause).toBe('encrypted-without-shared-secret');
    expect(answer({ channel: 'private-encrypted-x', body: JSON.stringify({ auth: sig, shared_secret: 'c2VjcmV0' }) }).ok).toBe(true);
  });

  it('needs user_data for user authentication', () => {
    const user = { url: 'http://app.test/pusher/user-auth', method: 'POST', status: 200 };
    expect(classifyAuth({ ...user, body: JSON.stringify({ auth: sig }) })).toMatchObject({ ok: false, cause: 'no-auth-field' });
    expect(classifyAuth({ ...user, body: JSON.stringify({ auth: sig, user_data: '{"id":"1"}' }) }).ok).toBe(true);
  });
});
