import { classifyAuth } from '../protocol/auth-outcome';
import { explainCloseCode, explainPusherError } from '../protocol/close-codes';
import { formatBytes } from '../protocol/bytes';
import { userSpecificChannelName } from '../protocol/sensitive-data';
import type { SizeLimits } from '../protocol/size-limits';
import type { SessionState } from './state';
import { selectOutages, selectTimeline } from './timeline';

export type Severity = 'error' | 'warning' | 'hint';

/** Where the evidence is: log entries, a channel's events, an auth attempt, or a view. */
export interface Evidence {
  entryIds?: number[];
  channel?: string;
  authKey?: string;
  view?: 'timeline' | 'channels' | 'presence' | 'auth';
}

export interface Problem {
  id: string;
  severity: Severity;
  title: string;
  detail: string;
  fix: string;
  evidence: Evidence;
}

/** Pusher's documented client-event rate limit, per connection. */
export const CLIENT_EVENT_RATE_LIMIT = 10;
const RECONNECTS_FOR_LOOP = 3;
const STUCK_UNAVAILABLE_MS = 30_000;

const RANK: Record<Severity, number> = { error: 0, warning: 1, hint: 2 };

/** Everything wrong or risky the recorded facts show, each with its evidence and how to fix it. */
export function selectProblems(state: SessionState, limits: SizeLimits, now = Date.now()): Problem[] {
  const problems = [...authProblems(state), ...channelProblems(state, limits), ...handlerProblems(state), ...connectionProblems(state, now)];
  return problems.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}

/** One problem per channel and cause: pusher-js authorizes again on every reconnect, so failures repeat. */
function authProblems(state: SessionState): Problem[] {
  const byCause = new Map<string, { problem: Problem; count: number }>();
  const add = (key: string, problem: Problem) => {
    const seen = byCause.get(key);
    byCause.set(key, { problem: seen ? { ...problem, id: seen.problem.id } : problem, count: (seen?.count ?? 0) + 1 });
  };
  for (const attempt of [...state.auths.values()].sort((a, b) => a.t - b.t)) {
    const target = attempt.channel ?? 'user sign-in';
    if (attempt.serverRejection) {
      add(`${target}|rejected`, {
        id: `auth-rejected:${attempt.key}`,
        severity: 'error',
        title: `Auth signature for ${target} rejected by the server`,
        detail: attempt.serverRejection.message,
        fix: 'The endpoint signs with a different app secret than the server expects, or signs another socket_id or channel name. Check the key/secret pair your auth endpoint uses.',
        evidence: { authKey: attempt.key, ...(attempt.serverRejection.entryId !== undefined && { entryIds: [attempt.serverRejection.entryId] }) },
      });
      continue;
    }
    if (!attempt.response) continue;
    const outcome = classifyAuth({ ...attempt, ...attempt.response });
    if (outcome.ok) continue;
    add(`${target}|${outcome.cause}`, {
      id: `auth:${attempt.key}`,
      severity: 'error',
      title: `Auth failed for ${target}`,
      detail: outcome.summary,
      fix: outcome.fix ?? 'Check the auth endpoint.',
      evidence: { authKey: attempt.key, view: 'auth' },
    });
  }
  return [...byCause.values()].map(({ problem, count }) =>
    count > 1 ? { ...problem, title: `${problem.title} (${count} attempts)` } : problem,
  );
}

function channelProblems(state: SessionState, limits: SizeLimits): Problem[] {
  const problems: Problem[] = [];
  for (const c of state.channels.values()) {
    if (c.largestData > limits.limit) {
      problems.push({
        id: `size:${c.key}`,
        severity: 'error',
        title: `Event over Pusher's ${limits.limit}-byte limit on ${c.name}`,
        detail: `The largest event data on this channel is ${c.largestData} bytes (${formatBytes(c.largestData)}). Pusher rejects events whose data is over the limit (HTTP 413).`,
        fix: 'Send an id and let clients fetch the rest over HTTP, or split the payload.',
        evidence: { channel: c.name },
      });
    } else if (c.largestData >= limits.limit * limits.nearRatio) {
      problems.push({
        id: `size-near:${c.key}`,
        severity: 'warning',
        title: `Event close to the ${limits.limit}-byte limit on ${c.name}`,
        detail: `The largest event data on this channel is ${c.largestData} bytes, ${Math.round((c.largestData / limits.limit) * 100)}% of the limit.`,
        fix: 'Payloads grow; keep events small by sending ids and fetching details.',
        evidence: { channel: c.name },
      });
    }
    if (c.kind === 'public' && c.eventsOut > 0) {
      problems.push({
        id: `client-public:${c.key}`,
        severity: 'error',
        title: `Client events sent on public channel ${c.name}`,
        detail: `${c.eventsOut} client event(s) were sent on a public channel; Pusher only accepts client events on private and presence channels.`,
        fix: 'Use a private- or presence- channel for client events (and enable client events in the app settings).',
        evidence: { channel: c.name },
      });
    }
    if (c.kind === 'public' && c.sensitive) {
      problems.push({
        id: `sensitive:${c.key}`,
        severity: 'hint',
        title: `Sensitive-looking data on public channel ${c.name}`,
        detail: `Event ${c.sensitive.event} carries ${c.sensitive.path}: ${c.sensitive.reason}. Anyone with the app key can subscribe to a public channel.`,
        fix: 'Send user-specific or sensitive data on private- or presence- channels.',
        evidence: { channel: c.name, ...(c.sensitive.entryId !== undefined && { entryIds: [c.sensitive.entryId] }) },
      });
    } else if (c.kind === 'public') {
      const reason = userSpecificChannelName(c.name);
      if (reason) {
        problems.push({
          id: `user-channel:${c.key}`,
          severity: 'hint',
          title: `Public channel ${c.name} looks user-specific`,
          detail: reason,
          fix: 'Make user-specific channels private- (or presence-), so only authorized users can subscribe.',
          evidence: { channel: c.name },
        });
      }
    }
  }
  return problems;
}

function connectionProblems(state: SessionState, now: number): Problem[] {
  const problems: Problem[] = [];
  const keysByPage = new Map<string, Set<string>>();
  for (const c of state.connections.values()) {
    const code = c.close?.code;
    // Faults injected from the panel are deliberate, not problems of the app.
    if (code !== undefined && !c.close?.injected && ((code >= 4000 && code <= 4099) || code >= 4300)) {
      const why = explainCloseCode(code, c.close?.reason);
      problems.push({ id: `refused:${c.key}`, severity: 'error', title: `Connection refused: ${code} ${why.title}`, detail: `${why.meaning} ${why.next}`, fix: why.meaning, evidence: { view: 'timeline' } });
    }
    for (const mark of c.marks) {
      if (mark.kind !== 'error' || typeof mark.code !== 'number' || mark.code < 4000 || mark.code > 4099 || code === mark.code) continue;
      const why = explainPusherError(mark.code, mark.message);
      problems.push({ id: `refused-error:${c.key}:${mark.t}`, severity: 'error', title: `Server error ${mark.code}: ${why.title}`, detail: `${why.meaning} ${why.next}`, fix: why.meaning, evidence: mark.entryId !== undefined ? { entryIds: [mark.entryId] } : { view: 'timeline' } });
    }
    if (c.clientEventsPeak > CLIENT_EVENT_RATE_LIMIT) {
      problems.push({
        id: `client-rate:${c.key}`,
        severity: 'warning',
        title: `Client events over ${CLIENT_EVENT_RATE_LIMIT} per second`,
        detail: `Up to ${c.clientEventsPeak} client events were sent within one second on one connection; Pusher rejects the excess.`,
        fix: 'Throttle or debounce client events (e.g. typing indicators) to well under 10 per second.',
        evidence: { view: 'timeline' },
      });
    }
    if (c.phase !== 'closed' && c.pusher) {
      const keys = keysByPage.get(c.pageId) ?? new Set<string>();
      if (keys.has(c.pusher.key)) {
        problems.push({ id: `duplicate:${c.pageId}:${c.pusher.key}`, severity: 'warning', title: `Several open connections with app key ${c.pusher.key} in one page`, detail: 'Each new Pusher() opens its own connection, counted against your plan, and events arrive once per connection.', fix: 'Create one Pusher client per page and share it.', evidence: { view: 'timeline' } });
      }
      keys.add(c.pusher.key);
      keysByPage.set(c.pageId, keys);
    }
  }
  for (const lane of selectTimeline(state)) {
    const outages = selectOutages(lane, now);
    if (outages.length >= RECONNECTS_FOR_LOOP) {
      problems.push({ id: `loop:${lane.key}`, severity: 'warning', title: `Reconnect loop: ${lane.label}`, detail: `The connection dropped ${outages.length} times.`, fix: 'Look at the close codes on the Timeline: the server or a proxy keeps closing the connection.', evidence: { view: 'timeline' } });
    }
    const last = lane.segments.at(-1);
    if (last?.state === 'unavailable' && now - last.from >= STUCK_UNAVAILABLE_MS) {
      problems.push({ id: `unavailable:${lane.key}`, severity: 'warning', title: `Stuck in unavailable: ${lane.label}`, detail: `No connection for ${Math.round((now - last.from) / 1000)} s; pusher-js keeps retrying in the background.`, fix: 'Check the network, the host and port (wsHost/wsPort, cluster), and that a firewall or proxy lets WebSockets through.', evidence: { view: 'timeline' } });
    }
  }
  return dedupe(problems);
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => (seen.has(p.id) ? false : (seen.add(p.id), true)));
}

/** Events that reached a channel with no handler bound, where the instance tells us its handlers. */
export function handlerProblems(state: SessionState): Problem[] {
  const problems: Problem[] = [];
  for (const instance of state.instances.values()) {
    const bindings = instance.bindings;
    if (!bindings || bindings.global > 0) continue;
    const client = `${instance.pageId}|${instance.appKey}`;
    for (const channel of state.channels.values()) {
      if (channel.clientKey !== client) continue;
      // Own keys only: names such as "constructor" or "toString" must not find Object.prototype's.
      const bound = Object.hasOwn(bindings.channels, channel.name) ? bindings.channels[channel.name] : undefined;
      if (!bound || bound.global > 0) continue;
      for (const [event, count] of Object.entries(channel.eventNames)) {
        if (event.startsWith('pusher:') || (Object.hasOwn(bound.events, event) && (bound.events[event] ?? 0) > 0)) continue;
        problems.push(unhandled(channel.name, event, count, Object.keys(bound.events)));
      }
    }
  }
  return problems;
}

function unhandled(channel: string, event: string, count: number, boundNames: string[]): Problem {
  const base = { id: `unhandled:${channel}:${event}`, evidence: { channel } };
  // Laravel Echo prefixes listen('X') with its namespace (App\Events\X) unless the name starts with a dot.
  const namespaced = boundNames.find((name) => name.endsWith(`\\${event}`));
  if (namespaced) {
    return {
      ...base,
      severity: 'error',
      title: `"${event}" on ${channel} has no handler: Echo listens for "${namespaced}"`,
      detail: `${count} event(s) named "${event}" arrived, but the handler is bound to the namespaced name "${namespaced}".`,
      fix: `Listen with a leading dot, .listen('.${event}', …), or broadcast under the full class name.`,
    };
  }
  const shortened = boundNames.find((name) => event.endsWith(`\\${name}`));
  if (shortened) {
    return {
      ...base,
      severity: 'error',
      title: `"${event}" on ${channel} has no handler: the handler is bound to "${shortened}"`,
      detail: `${count} event(s) named "${event}" arrived, but the handler listens for "${shortened}" (a leading dot in Echo skips the namespace).`,
      fix: `Drop the leading dot, .listen('${shortened}', …), or set broadcastAs() on the server to "${shortened}".`,
    };
  }
  return {
    ...base,
    severity: 'warning',
    title: `"${event}" on ${channel} arrived with no handler bound`,
    detail: `${count} event(s) arrived that nothing in the page listens for${boundNames.length ? ` (bound: ${boundNames.slice(0, 5).join(', ')})` : ''}.`,
    fix: 'Check the event name (case, namespace, prefix) on both sides, or stop sending it.',
  };
}
