import { describe, expect, it } from 'vitest';
import { formatBytes, utf8Bytes } from '../../../../src/core/protocol/bytes';
import { channelKind } from '../../../../src/core/protocol/channel-kind';
import { parsePusherUrl } from '../../../../src/core/protocol/url';

describe('utf8Bytes', () => {
  it.each(['', 'abc', 'é', '€', '👋', 'a👋b€é', '\ud800', 'x\udc00y', '{"k":"日本語"}'])('matches TextEncoder for %j', (text) => {
    expect(utf8Bytes(text)).toBe(new TextEncoder().encode(text).length);
  });

  it('formats sizes for humans', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(10_240)).toBe('10.0 kB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});

describe('parsePusherUrl', () => {
  it('recognises the URL pusher-js builds', () => {
    expect(parsePusherUrl('wss://ws-mt1.pusher.com:443/app/abc123?protocol=7&client=js&version=8.6.0&flash=false')).toEqual({
      key: 'abc123',
      protocol: 7,
      client: 'js',
      version: '8.6.0',
      host: 'ws-mt1.pusher.com',
      tls: true,
    });
  });

  it('accepts a path prefix and self-hosted hosts', () => {
    expect(parsePusherUrl('ws://127.0.0.1:6001/ws/app/key?protocol=7')).toMatchObject({ key: 'key', host: '127.0.0.1:6001', tls: false });
  });

  it.each([
    'wss://example.com/socket',
    'wss://example.com/app/key',
    'wss://example.com/app/key?protocol=x',
    'wss://example.com/app/?protocol=7',
    'wss://example.com/app/key/extra?protocol=7',
    'https://example.com/app/key?protocol=7',
    'not a url',
  ])('rejects %s', (url) => {
    expect(parsePusherUrl(url)).toBeNull();
  });
});

describe('channelKind', () => {
  it.each([
    ['my-channel', 'public'],
    ['private-orders.1', 'private'],
    ['presence-room', 'presence'],
    ['private-encrypted-x', 'private-encrypted'],
    ['cache-location', 'cache'],
    ['private-cache-x', 'private-cache'],
    ['presence-cache-x', 'presence-cache'],
    ['#server-to-user-12', 'server-to-user'],
    ['privatechannel', 'public'],
  ])('%s is %s', (name, kind) => {
    expect(channelKind(name)).toBe(kind);
  });
});
