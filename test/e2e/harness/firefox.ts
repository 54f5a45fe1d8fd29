// Drives Debian's Firefox ESR over WebDriver BiDi (Playwright needs a patched Firefox; the stock one speaks BiDi).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';

export const FIREFOX = '/usr/bin/firefox-esr';
export const firefoxInstalled = () => existsSync(FIREFOX);

interface BidiResponse {
  id?: number;
  type: 'success' | 'error' | 'event';
  result?: unknown;
  error?: string;
  message?: string;
  method?: string;
  params?: unknown;
}

export interface Firefox {
  /** The moz-extension:// origin of the installed add-on, fixed through the profile so tests can open its pages. */
  extensionOrigin: string;
  send<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>): Promise<T>;
  /** Evaluates an expression in a browsing context and returns its JSON value. */
  evaluate<T>(context: string, expression: string): Promise<T>;
  close(): Promise<void>;
}

function waitForEndpoint(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Firefox did not open WebDriver BiDi within ${timeoutMs} ms:\n${seen}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(seen);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stderr?.on('data', onData);
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`Firefox exited (${code}) before BiDi was ready:\n${seen}`)));
  });
}

/** Starts headless Firefox ESR with a fresh profile and installs the unpacked add-on at `extensionDir` (temporary). */
export async function launchFirefox(extensionDir: string, addonId: string): Promise<Firefox> {
  const profile = await mkdtemp(join(tmpdir(), 'pusher-devtools-ff-'));
  const uuid = randomUUID();
  await writeFile(
    join(profile, 'user.js'),
    [`user_pref("extensions.webextensions.uuids", ${JSON.stringify(JSON.stringify({ [addonId]: uuid }))});`, 'user_pref("devtools.toolbox.host", "window");'].join('\n'),
  );
  const child = spawn(FIREFOX, ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port', '0', 'about:blank'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MOZ_HEADLESS: '1' },
  });
  const endpoint = await waitForEndpoint(child, 60_000);
  const socket = new WebSocket(`${endpoint}/session`);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as BidiResponse;
    if (message.id === undefined) return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.type === 'error') waiter?.reject(new Error(`${message.error}: ${message.message}`));
    else waiter?.resolve(message.result);
  });
  const send = <T>(method: string, params: Record<string, unknown> = {}) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });

  await send('session.new', { capabilities: {} });
  await send('webExtension.install', { extensionData: { type: 'path', path: extensionDir } });

  return {
    extensionOrigin: `moz-extension://${uuid}`,
    send,
    async evaluate<T>(context: string, expression: string) {
      const result = await send<{ type: string; result?: { value?: unknown }; exceptionDetails?: { text?: string } }>('script.evaluate', {
        expression: `JSON.stringify(${expression})`,
        target: { context },
        awaitPromise: true,
      });
      if (result.type === 'exception') throw new Error(`evaluate failed: ${result.exceptionDetails?.text}`);
      const text = result.result?.value;
      return (typeof text === 'string' ? JSON.parse(text) : undefined) as T;
    },
    async close() {
      await send('session.end').catch(() => undefined);
      socket.close();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
      await rm(profile, { recursive: true, force: true });
    },
  };
}
