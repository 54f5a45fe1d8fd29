// MAIN world, document_start, every frame: installs before the page's first script runs.
import { tapAuthRequests } from './auth-tap';
import { runCommands } from './commands';
import { guarded } from './natives';
import { createOutbox } from './outbox';
import { watchPusherInstances } from './pusher-instances';
import { tapWebSockets } from './websocket-tap';

const INSTALLED = Symbol.for('pusher-devtools.hook');

guarded(() => {
  const marker = window as unknown as Record<symbol, boolean>;
  // The extension reloading re-injects us; one tap per window.
  if (marker[INSTALLED]) return;
  Object.defineProperty(window, INSTALLED, { value: true });
  const outbox = createOutbox();
  const sockets = tapWebSockets(outbox);
  watchPusherInstances(outbox, sockets);
  tapAuthRequests(outbox);
  runCommands(outbox, sockets);
});
