import { describe, expect, it } from 'vitest';
import { findSensitiveData, userSpecificChannelName } from '../../../../src/core/protocol/sensitive-data';

describe('findSensitiveData', () => {
  it.each([
    [{ email: 'a@b.co' }, 'email'],
    [{ user: { access_token: 'x' } }, 'user.access_token'],
    [{ apiKey: 'k' }, 'apiKey'],
    [{ password: 'hunter2' }, 'password'],
    [{ contact: 'jane.doe@example.com' }, 'contact'],
    [{ session: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abcdefghijk' }, 'session'],
    [{ header: 'Bearer abcdefghijklmnopqrstuvwxyz' }, 'header'],
    [{ key: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' }, 'key'],
    [['x', { phone: '+44 20' }], '1.phone'],
  ])('flags %j at %s', (value, path) => {
    expect(findSensitiveData(value)[0]?.path).toBe(path);
  });

  it.each([
    [{ price: 101.5, symbol: 'PSH' }],
    [{ tokenizer: 'bpe', authorName: 'Jane', tokens_count: 3 }],
    [{ color: '#ff0000', id: '123' }],
    [{ password_set: true }],
    [{ text: 'write to me at the office' }],
    ['hello'],
    [null],
  ])('leaves %j alone', (value) => {
    expect(findSensitiveData(value)).toEqual([]);
  });

  it('stays bounded on deep and cyclic input and never throws', () => {
    let deep: Record<string, unknown> = { email: 'deep@x.io' };
    for (let i = 0; i < 50; i++) deep = { next: deep };
    expect(findSensitiveData(deep)).toEqual([]);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => findSensitiveData(cyclic)).not.toThrow();
    const hostile = Object.defineProperty({}, 'boom', { enumerable: true, get: () => { throw new Error('x'); } });
    expect(findSensitiveData(hostile)).toEqual([]);
  });
});

describe('userSpecificChannelName', () => {
  it('flags names with a user id or an email', () => {
    expect(userSpecificChannelName('user-123')).toMatch(/user or account id/);
    expect(userSpecificChannelName('orders-for-jane@x.com')).toMatch(/email/);
    expect(userSpecificChannelName('account.42.updates')).not.toBeNull();
  });

  it('leaves ordinary names alone', () => {
    for (const name of ['ticker', 'users-online', 'chat', 'orders', 'price-2024']) expect(userSpecificChannelName(name)).toBeNull();
  });
});
