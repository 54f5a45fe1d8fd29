// @ts-check
// Sends events `t<seq>` at a steady rate, by catching up with the clock every few milliseconds.

/**
 * @param {{ trigger(channel: string, event: string, data: unknown): unknown }} server
 * @param {{ rate: number, seconds: number, payload: string, channel?: string, first?: number }} options
 * @returns {Promise<{ sent: number, seconds: number }>}
 */
export function stream(server, { rate, seconds, payload, channel = 'stream', first = 1 }) {
  return new Promise((resolve) => {
    const total = Math.round(rate * seconds);
    const started = performance.now();
    let sent = 0;
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
      for (; sent < due; sent++) server.trigger(channel, `t${first + sent}`, payload);
      if (sent < total) setTimeout(tick, 2);
      else resolve({ sent, seconds: (performance.now() - started) / 1000 });
    };
    tick();
  });
}
