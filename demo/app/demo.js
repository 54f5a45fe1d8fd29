// @ts-check
// The demo page: real pusher-js (loaded from /vendor/pusher.min.js) against the local Pusher-protocol server.
// Everything from the network is rendered with textContent.

/** @typedef {import('pusher-js').default} PusherClient */
/** @typedef {import('pusher-js').PresenceChannel} PresenceChannel */
/** @typedef {{ id: string, info: { name?: string } }} Member */

const NAMES = ['Ada', 'Grace', 'Linus', 'Margaret', 'Alan', 'Barbara', 'Ken', 'Radia', 'Edsger', 'Frances', 'Dennis', 'Katherine'];

/** @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * @param {string} tag
 * @param {string} [className]
 * @param {string} [text]
 */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** @param {unknown} time */
const clock = (time) => new Date(typeof time === 'string' || typeof time === 'number' ? time : Date.now()).toLocaleTimeString();

/** @param {string} name */
function readCookie(name) {
  const entry = document.cookie.split('; ').find((part) => part.startsWith(`${name}=`));
  return entry ? decodeURIComponent(entry.slice(name.length + 1)) : '';
}

/** @param {string[]} except */
const pickName = (except) => {
  const choices = NAMES.filter((name) => !except.includes(name));
  return choices[Math.floor(Math.random() * choices.length)] ?? `Guest ${Math.floor(Math.random() * 9000) + 1000}`;
};

// Who am I: a second-user window says so in ?as=…; otherwise the demo_user cookie, which the auth endpoint reads.
const asUser = new URLSearchParams(location.search).get('as')?.slice(0, 64) ?? '';
let me = asUser || readCookie('demo_user');
if (!me) {
  me = pickName([]);
  document.cookie = `demo_user=${encodeURIComponent(me)}; path=/; max-age=31536000; SameSite=Lax`;
}
$('me').textContent = me;
document.title = `${me} · Pusher DevTools demo`;

const PusherClass = /** @type {typeof import('pusher-js').default} */ (/** @type {any} */ (window).Pusher);
const key = document.querySelector('meta[name="pusher-key"]')?.getAttribute('content') || 'demo-key';
/** @type {PusherClient} */
const pusher = new PusherClass(key, {
  wsHost: location.hostname,
  wsPort: Number(location.port) || 80,
  forceTLS: false,
  enabledTransports: ['ws'],
  cluster: 'mt1',
  channelAuthorization: { endpoint: '/pusher/auth', transport: 'ajax', params: asUser ? { user_name: asUser } : {} },
});

// Connection state.
pusher.connection.bind('state_change', (/** @type {{ current: string }} */ { current }) => {
  const pill = $('state');
  pill.textContent = current;
  pill.dataset.state = current;
  $('socket-id').textContent = pusher.connection.socket_id || '–';
  if (current === 'connected') $('connection-error').hidden = true;
});
pusher.connection.bind('error', (/** @type {any} */ error) => {
  const data = error?.data ?? error?.error?.data;
  const box = $('connection-error');
  box.textContent = `Connection error: ${data ? `${data.code ?? ''} ${data.message ?? ''}` : error?.type ?? 'unknown'}`;
  box.hidden = false;
});

/**
 * Shows a channel's subscription state in its card.
 * @param {import('pusher-js').Channel} channel
 * @param {string} statusId
 */
function trackSubscription(channel, statusId) {
  const status = $(statusId);
  channel.bind('pusher:subscription_succeeded', () => {
    status.textContent = 'subscribed';
    status.className = 'status ok';
  });
  channel.bind('pusher:subscription_error', (/** @type {any} */ error) => {
    status.textContent = `subscription failed${error?.status ? ` (${error.status})` : ''}`;
    status.className = 'status bad';
  });
}

// Chat on a presence channel.
const chat = /** @type {PresenceChannel} */ (pusher.subscribe('presence-chat'));
trackSubscription(chat, 'chat-status');
/** @type {Map<string, ReturnType<typeof setTimeout>>} */
const typists = new Map();
const nameOf = (/** @type {string} */ id) => /** @type {Member | null} */ (chat.members.get(id))?.info?.name ?? id;

function renderMembers() {
  /** @type {Member[]} */
  const members = [];
  chat.members.each((/** @type {Member} */ member) => members.push(member));
  $('members').replaceChildren(
    ...members.map((m) => el('li', '', `${m.info?.name ?? m.id}${m.id === chat.members.myID ? ' (you)' : ''}`)),
  );
  $('member-count').textContent = String(chat.members.count);
}

/**
 * @param {string} text
 * @param {{ author?: string, time?: unknown }} [from]
 */
function addLine(text, from) {
  const list = $('messages');
  const item = el('li', from ? '' : 'system');
  if (from) item.append(el('span', 'time', clock(from.time)), el('span', 'author', from.author ?? '?'));
  item.append(document.createTextNode(text));
  list.append(item);
  while (list.children.length > 200) list.firstElementChild?.remove();
  list.scrollTop = list.scrollHeight;
}

function renderTyping() {
  const names = [...typists.keys()].map(nameOf);
  $('typing').textContent = names.length === 0 ? '' : `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} typing…`;
}

chat.bind('pusher:subscription_succeeded', renderMembers);
chat.bind('pusher:member_added', (/** @type {Member} */ member) => {
  renderMembers();
  addLine(`${member.info?.name ?? member.id} joined`);
});
chat.bind('pusher:member_removed', (/** @type {Member} */ member) => {
  renderMembers();
  addLine(`${member.info?.name ?? member.id} left`);
});
chat.bind('message', (/** @type {any} */ data) => addLine(String(data?.text ?? ''), { author: String(data?.name ?? '?'), time: data?.time }));
chat.bind('client-typing', (/** @type {unknown} */ _data, /** @type {{ user_id?: string }} */ meta) => {
  const id = meta?.user_id;
  if (!id) return;
  clearTimeout(typists.get(id));
  typists.set(id, setTimeout(() => (typists.delete(id), renderTyping()), 3000));
  renderTyping();
});

let lastTyping = 0;
$('chat-input').addEventListener('input', () => {
  if (!chat.subscribed || Date.now() - lastTyping < 2000) return;
  lastTyping = Date.now();
  chat.trigger('client-typing', { typing: true });
});

$('chat-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = /** @type {HTMLInputElement} */ ($('chat-input'));
  const text = input.value.trim();
  if (!text) return;
  const message = { name: me, text, time: new Date().toISOString() };
  // Published by the server; our own socket is left out, so the message is shown here once it was accepted.
  const response = await fetch('/trigger', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ channel: 'presence-chat', event: 'message', data: message, socket_id: pusher.connection.socket_id }),
  }).catch(() => null);
  if (!response?.ok) return addLine(`Could not send (${response ? response.status : 'network error'})`);
  input.value = '';
  addLine(text, { author: me, time: message.time });
});

$('second-user').addEventListener('click', () => {
  const other = pickName([me]);
  const url = `${location.pathname}?as=${encodeURIComponent(other)}`;
  if (!window.open(url, '_blank', 'popup,width=980,height=720')) location.assign(url);
});

// Public ticker.
const ticker = pusher.subscribe('ticker');
trackSubscription(ticker, 'ticker-status');
/** @type {Map<string, HTMLTableRowElement>} */
const rows = new Map();
ticker.bind('price', (/** @type {any} */ quote) => {
  const symbol = String(quote?.symbol ?? '?');
  let row = rows.get(symbol);
  if (!row) {
    row = /** @type {HTMLTableRowElement} */ (el('tr'));
    row.append(el('td', '', symbol), el('td'), el('td'), el('td'));
    rows.set(symbol, row);
    $('quotes').replaceChildren(...[...rows.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, r]) => r));
  }
  const [, price, change, time] = row.children;
  const delta = Number(quote?.change ?? 0);
  if (price) price.textContent = Number(quote?.price ?? 0).toFixed(2);
  if (change) {
    change.textContent = `${delta >= 0 ? '+' : ''}${delta.toFixed(2)}`;
    change.className = delta >= 0 ? 'up' : 'down';
  }
  if (time) time.textContent = clock(quote?.time);
  const book = quote?.orderBook;
  if (book?.bids?.[0] && book?.asks?.[0]) {
    $('order-book').textContent = `Order book for ${symbol} at ${clock(quote.time)}: best bid ${book.bids[0].price}, best ask ${book.asks[0].price} (${book.bids.length + book.asks.length} levels).`;
  }
});

// Private notifications.
const notifications = pusher.subscribe('private-notifications');
trackSubscription(notifications, 'notifications-status');
notifications.bind('notification', (/** @type {any} */ note) => {
  const level = ['info', 'success', 'warning'].includes(note?.level) ? note.level : 'info';
  const item = el('li');
  item.append(el('span', `level ${level}`, level), el('span', '', String(note?.text ?? '')), el('span', 'muted', clock(note?.time)));
  const list = $('notifications');
  list.prepend(item);
  while (list.children.length > 8) list.lastElementChild?.remove();
});

export {};
