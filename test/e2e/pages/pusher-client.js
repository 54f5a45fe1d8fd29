// Shared by the test pages: a real pusher-js client pointed at the local Pusher-protocol server that served the page.
window.pusherOptions = {
  wsHost: location.hostname,
  wsPort: Number(location.port),
  forceTLS: false,
  enabledTransports: ['ws'],
  cluster: 'mt1',
  channelAuthorization: { endpoint: '/pusher/auth', transport: 'ajax' },
};
window.received = [];
