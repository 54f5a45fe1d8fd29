import { describe, expect, it } from 'vitest';
import { closeAction, explainCloseCode, explainPusherError } from '../../../../src/core/protocol/close-codes';

describe('close codes, as pusher-js 8 acts on them', () => {
  it.each([
    [1000, 'none', 'info'],
    [1001, 'none', 'info'],
    [1002, 'backoff', 'warning'],
    [1004, 'backoff', 'warning'],
    [1006, 'none', 'warning'],
    [1009, 'none', 'warning'],
    [4000, 'tls-only', 'warning'],
    [4001, 'refused', 'error'],
    [4009, 'refused', 'error'],
    [4099, 'refused', 'error'],
    [4100, 'backoff', 'warning'],
    [4199, 'backoff', 'warning'],
    [4200, 'retry-now', 'warning'],
    [4201, 'retry-now', 'warning'],
    [4299, 'retry-now', 'warning'],
    [4301, 'refused', 'error'],
    [4999, 'refused', 'error'],
  ])('%i → %s, %s', (code, action, severity) => {
    expect(closeAction(code)).toBe(action);
    expect(explainCloseCode(code)).toMatchObject({ code, action, severity });
  });

  it('names the documented codes and says what pusher-js does next', () => {
    expect(explainCloseCode(4001)).toMatchObject({ title: 'App key does not exist' });
    expect(explainCloseCode(4001).next).toMatch(/won't reconnect.*disconnected/);
    expect(explainCloseCode(4100)).toMatchObject({ title: 'Over capacity' });
    expect(explainCloseCode(4100).next).toMatch(/after 1 s/);
    expect(explainCloseCode(4201).next).toMatch(/at once/);
    expect(explainCloseCode(1006).meaning).toMatch(/proxy/);
  });

  it('gives unknown codes a text naming their range', () => {
    expect(explainCloseCode(4050).title).toBe('Refused (4050)');
    expect(explainCloseCode(4150).title).toBe('Server busy (4150)');
    expect(explainCloseCode(3000).title).toBe('WebSocket close 3000');
  });

  it("quotes the server's reason as plain data", () => {
    expect(explainCloseCode(4100, '<b>busy</b>').meaning).toContain('Server said: "<b>busy</b>".');
  });
});

describe('pusher:error frames', () => {
  it('explains a code-less signature rejection', () => {
    const e = explainPusherError(null, 'Invalid signature: Expected HMAC SHA256 hex digest of 1.2:private-x, but got y');
    expect(e).toMatchObject({ code: null, title: 'Auth signature rejected', severity: 'error' });
    expect(e.next).toMatch(/stays open/);
  });

  it('explains a duplicate subscription and an unknown message', () => {
    expect(explainPusherError(null, 'Existing subscription to channel a').title).toBe('Subscribed twice');
    expect(explainPusherError(null, 'Something').title).toBe('Server error');
  });

  it('uses the close-code names for coded errors', () => {
    expect(explainPusherError(4301, 'Rate limit')).toMatchObject({ title: 'Client event rejected', action: 'refused' });
  });
});
