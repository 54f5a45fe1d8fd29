import { guarded } from './natives';
import type { Outbox } from './outbox';
import type { SocketRegistry } from './websocket-tap';

/** Carries out what the user asked from the panel, and answers with a record saying whether it was done. */
export function runCommands(outbox: Outbox, sockets: SocketRegistry): void {
  outbox.onCommand((command) => {
    // The app's own handlers run inside replay; if one throws, the page sees its error as it would from the server.
    const result = guarded(() => sockets.replay(command.sid, command.text));
    const error = result === undefined ? 'The page could not deliver the frame.' : result;
    outbox.record({ type: 'command-result', cid: command.cid, ok: error === null, ...(error !== null && { error }) });
  });
}
