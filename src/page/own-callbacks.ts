/** Our own callbacks on the page's pusher-js objects, so counts of the app's handlers can leave them out. */
export const ownCallbacks = new WeakSet<Function>();
