import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseFrame } from '../../../../src/core/protocol/frame';
import { eventAsCurl, eventAsJson, eventAsNodeTrigger, shellQuote } from '../../../../src/core/replay/snippets';
import type { LogEntry } from '../../../../src/core/session/state';

const entry = (text: string): LogEntry => ({ id: 0, t: 0, dir: 'in', connectionKey: 'p:1', text, bytes: text.length, truncated: false, replayed: false, frame: parseFrame(text) });
const price = entry('{"event":"price","channel":"ticker","data":"{\\"symbol\\":\\"O\'Neil\\",\\"price\\":1}"}');

describe('copy as', () => {
  it('JSON: the event with its data decoded', () => {
    expect(JSON.parse(eventAsJson(price)!)).toEqual({ event: 'price', channel: 'ticker', data: { symbol: "O'Neil", price: 1 } });
  });

  it('pusher.trigger: a Node SDK call with the decoded data and placeholder credentials', () => {
    const snippet = eventAsNodeTrigger(price)!;
    expect(snippet).toContain("appId: 'APP_ID'");
    expect(snippet).toContain('await pusher.trigger("ticker", "price", {');
    expect(snippet).toContain('"symbol": "O\'Neil"');
  });

  it('curl: the HTTP API body with data string-encoded, quoted safely for the shell', () => {
    const snippet = eventAsCurl(price)!;
    expect(snippet).toContain('https://api-APP_CLUSTER.pusher.com/apps/APP_ID/events?auth_key=APP_KEY');
    const quoted = snippet.split('-d ')[1]!;
    // What the shell hands curl is exactly the JSON body.
    const body = execFileSync('sh', ['-c', `printf %s ${quoted}`], { encoding: 'utf8' });
    expect(JSON.parse(body)).toEqual({ name: 'price', channel: 'ticker', data: '{"symbol":"O\'Neil","price":1}' });
  });

  it('quotes hostile text for the shell', () => {
    const hostile = `'; rm -rf / #$(x)\``;
    expect(execFileSync('sh', ['-c', `printf %s ${shellQuote(hostile)}`], { encoding: 'utf8' })).toBe(hostile);
  });

  it('has nothing to offer for a malformed frame', () => {
    expect(eventAsJson(entry('nope'))).toBeNull();
    expect(eventAsCurl(entry('nope'))).toBeNull();
  });
});
