import { describe, expect, it } from 'vitest';
import { readAuthFields, readAuthParams } from '../../../../src/core/protocol/auth-params';

describe('readAuthParams', () => {
  it("reads pusher-js's form-encoded channel auth body", () => {
    expect(readAuthParams('socket_id=123.456&channel_name=private-foo&extra=1')).toEqual({ socketId: '123.456', channel: 'private-foo' });
    expect(readAuthParams('socket_id=1.2&channel_name=presence-room%40x')).toEqual({ socketId: '1.2', channel: 'presence-room@x' });
  });

  it('reads a JSON body as Laravel Echo sends it', () => {
    expect(readAuthParams('{"socket_id":"9.8","channel_name":"private-orders.1"}')).toEqual({ socketId: '9.8', channel: 'private-orders.1' });
  });

  it('reads user authentication (no channel)', () => {
    expect(readAuthParams('socket_id=5.6')).toEqual({ socketId: '5.6' });
  });

  it.each([
    ['an unrelated form', 'name=x&email=y'],
    ['a socket id of another form', 'socket_id=abc&channel_name=private-x'],
    ['a numeric socket id in JSON', '{"socket_id":1.2}'],
    ['broken JSON', '{"socket_id":"1.2"'],
    ['an empty body', ''],
    ['a huge body', `socket_id=1.2&x=${'a'.repeat(70_000)}`],
  ])('ignores %s', (_, body) => {
    expect(readAuthParams(body)).toBeNull();
  });

  it('reads form fields handed over as entries', () => {
    expect(readAuthFields(new URLSearchParams('socket_id=1.2&channel_name=private-a'))).toEqual({ socketId: '1.2', channel: 'private-a' });
    expect(readAuthFields([['socket_id', 'x']])).toBeNull();
  });
});
