// MAIN world, document_start, every frame: installs before the page's first script runs.
import { tapAuthRequests } from './auth-tap';
import { runCommands } from './commands';
import { shareOriginals, type Originals } from './disguise';
import { guarded, natives } from './natives';
import { createOutbox } from './outbox';
import { watchPusherInstances } from './pusher-instances';
import { tapWebSockets } from './websocket-tap';

// A private event between this extension's hooks in the windows of one page. A hook answers it with its registry of
// disguised wrappers: nothing is left on `window` for the page to find (a marker property would show in
// `Object.getOwnPropertySymbols(window)`).
const HELLO = 'pusher-devtools:hook';
const dispatch = EventTarget.prototype.dispatchEvent;
const detailOf = Object.getOwnPropertyDescriptor(CustomEvent.prototype, 'detail')?.get as (this: CustomEvent) => { originals?: Originals };

/** The registry of the hook already installed in `target` (a window), if there is one and we may reach it. */
function hookIn(target: Window): Originals | undefined {
  return guarded(() => {
    const detail: { originals?: Originals } = {};
    natives.apply(dispatch, target, [new CustomEvent(HELLO, { detail })]);
    return detail.originals;
  });
}

guarded(() => {
  // The extension reloading re-injects us, and a document that replaces the initial about:blank one keeps its
  // window: one tap per window.
  if (hookIn(window)) return;
  // A same-origin parent's page can hold this window's functions (an iframe's WebSocket) and ask its own
  // Function.prototype.toString about them, and the other way round: the hooks of both share one registry.
  const originals = shareOriginals(window.parent === window ? undefined : hookIn(window.parent));
  natives.addEventListener(HELLO, (event: Event) => guarded(() => (natives.apply(detailOf, event, []).originals = originals)));
  const outbox = createOutbox();
  const sockets = tapWebSockets(outbox);
  watchPusherInstances(outbox, sockets);
  tapAuthRequests(outbox);
  runCommands(outbox, sockets);
});
