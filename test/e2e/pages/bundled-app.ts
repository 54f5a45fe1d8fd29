// An app that bundles pusher-js (npm import) instead of loading it from a script tag.
import Pusher from 'pusher-js';

const options = {
  wsHost: location.hostname,
  wsPort: Number(location.port),
  forceTLS: false,
  enabledTransports: ['ws' as const],
  cluster: 'mt1',
};
const received: unknown[] = [];
Object.assign(window, { received });
new Pusher('demo-key', options).subscribe('bundled-channel').bind('price', (data: unknown) => received.push(data));
