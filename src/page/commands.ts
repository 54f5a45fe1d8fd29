import type { PageCommand } from '../core/messages/envelopes';
import { guarded, natives } from './natives';
import type { Outbox } from './outbox';
import type { SocketRegistry } from './websocket-tap';

/**
 * Carries out what the user asked from the panel, and answers with a record saying whether it was done.
 * Faults are never left armed: when the panel goes away, the page comes back online.
 */
export function runCommands(outbox: Outbox, sockets: SocketRegistry): void {
  let onlineTimer: ReturnType<typeof setTimeout> | undefined;
  let incomingTimer: ReturnType<typeof setTimeout> | undefined;

  function incomingNormal() {
    if (incomingTimer === undefined) return;
    clearTimeout(incomingTimer);
    incomingTimer = undefined;
    sockets.releaseIncoming();
    outbox.record({ type: 'fault', what: 'incoming-normal' });
  }

  function backOnline() {
    if (onlineTimer === undefined) return;
    clearTimeout(onlineTimer);
    onlineTimer = undefined;
    sockets.goOnline();
    outbox.record({ type: 'fault', what: 'online' });
  }

  function run(command: PageCommand): string | null {
    switch (command.type) {
      case 'replay':
        return sockets.replay(command.sid, command.text);
      case 'send':
        return sockets.send(command.sid, command.text);
      case 'close':
        return sockets.closeAs(command.sid, command.code, command.reason);
      case 'offline':
        backOnline();
        outbox.record({ type: 'fault', what: 'offline', seconds: command.seconds });
        sockets.goOffline(command.seconds * 1000);
        onlineTimer = natives.setTimeout(backOnline, command.seconds * 1000);
        return null;
      case 'incoming':
        incomingNormal();
        outbox.record({ type: 'fault', what: command.mode, seconds: command.seconds });
        sockets.holdIncoming(command.mode, command.seconds * 1000, command.delayMs);
        incomingTimer = natives.setTimeout(incomingNormal, command.seconds * 1000);
        return null;
    }
  }

  outbox.onCommand((command) => {
    const result = guarded(() => run(command));
    const error = result === undefined ? 'The page could not carry out the command.' : result;
    outbox.record({ type: 'command-result', cid: command.cid, ok: error === null, ...(error !== null && { error }) });
  });
  outbox.onDetach(() => {
    backOnline();
    incomingNormal();
  });
}
