import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import WebSocket from 'ws';

export interface CdpTarget {
  id: string;
  type: string;
  url: string;
  webSocketDebuggerUrl: string;
}

/** Playwright does not list DevTools windows; their targets are reachable over raw CDP on the debugging port. */
export async function debuggingPort(userDataDir: string): Promise<number> {
  const text = await readFile(join(userDataDir, 'DevToolsActivePort'), 'utf8');
  return Number(text.split('\n')[0]);
}

export async function listTargets(port: number): Promise<CdpTarget[]> {
  const response = await fetch(`http://127.0.0.1:${port}/json/list`);
  return (await response.json()) as CdpTarget[];
}

const EVALUATE_TIMEOUT_MS = 3_000;

/** Evaluates an expression in a target and returns its value (promises awaited). */
export async function evaluateIn(target: CdpTarget, expression: string): Promise<unknown> {
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  try {
    socket.send(JSON.stringify({ id: 1, method: 'Runtime.evaluate', params: { expression, awaitPromise: true, returnByValue: true } }));
    const reply = await new Promise<{ result?: { result?: { value?: unknown }; exceptionDetails?: unknown } }>((resolve, reject) => {
      socket.on('message', (data) => {
        const message = JSON.parse(String(data));
        if (message.id === 1) resolve(message);
      });
      socket.once('close', () => reject(new Error('CDP socket closed')));
      // A DevTools call that never settles must not stall the caller's retry loop.
      setTimeout(() => reject(new Error(`CDP evaluation timed out: ${expression.slice(0, 60)}`)), EVALUATE_TIMEOUT_MS);
    });
    if (reply.result?.exceptionDetails) throw new Error(`Evaluation failed: ${JSON.stringify(reply.result.exceptionDetails)}`);
    return reply.result?.result?.value;
  } finally {
    socket.close();
  }
}

/** Retries `attempt` until it returns a value other than undefined/false, or the time is up. */
export async function until<T>(attempt: () => Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await attempt();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100)); // polling interval, not a wait for an outcome
  }
  throw new Error(`Timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}
