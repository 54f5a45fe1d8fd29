import type { Connection, Mark, SessionState } from './state';
import { clientKeyOf } from './state';

export interface Segment {
  from: number;
  /** Null while it lasts. */
  to: number | null;
  state: string;
}

export interface Lane {
  key: string;
  label: string;
  /** 'pusher-js' when the instance reported its states; 'inferred' when read off the sockets alone. */
  source: 'pusher-js' | 'inferred';
  segments: Segment[];
  marks: Mark[];
  connections: string[];
  /** Seconds of silence after which pusher-js pings, as the server announced in its handshake. */
  activityTimeout?: number;
  /** Older marks and states not kept (draft.ts MARK_LIMIT): the lane starts later than the connection did. */
  dropped: number;
}

export interface Outage {
  from: number;
  to: number | null;
  /** The close or error that started it, when one was seen. */
  cause?: Mark;
  /** Connection attempts made before it ended. */
  attempts: number;
}

/** pusher-js gives up waiting after 10 s and says `unavailable`; sockets alone show it only by that silence. */
const UNAVAILABLE_AFTER_MS = 10_000;

export function selectTimeline(state: SessionState): Lane[] {
  const connections = [...state.connections.values()].filter((c) => c.confirmed || c.framesIn === 0);
  const lanes: Lane[] = [];
  const covered = new Set<string>();
  for (const instance of state.instances.values()) {
    const client = clientKeyOf(instance.pageId, instance.appKey);
    covered.add(client);
    const own = connections.filter((c) => clientKeyOf(c.pageId, c.pusher?.key ?? '') === client);
    lanes.push({
      key: instance.key,
      label: `pusher-js ${instance.appKey}${instance.origin.frameId !== 0 ? ' (iframe)' : ''}`,
      source: 'pusher-js',
      segments: instance.states.map((s, i) => ({ from: s.t, to: instance.states[i + 1]?.t ?? null, state: s.state })),
      marks: sortMarks([...instance.marks, ...own.flatMap((c) => c.marks)]),
      connections: own.map((c) => c.key),
      ...activityOf(own),
      dropped: (instance.statesDropped ?? 0) + (instance.marksDropped ?? 0) + droppedMarks(own),
    });
  }
  const byClient = new Map<string, Connection[]>();
  for (const c of connections) {
    const client = clientKeyOf(c.pageId, c.pusher?.key ?? '');
    if (covered.has(client)) continue;
    const own = byClient.get(client);
    if (own) own.push(c);
    else byClient.set(client, [c]);
  }
  for (const [client, own] of byClient) lanes.push(inferLane(client, own));
  return lanes.map(newestOnly);
}

/** Marks and state segments a lane holds at most: a page reconnecting all day makes tens of thousands of each. */
export const LANE_LIMIT = 2_000;

/** The lane's newest LANE_LIMIT marks and segments; the others counted in `dropped` (the band starts later). */
function newestOnly(lane: Lane): Lane {
  const marksOver = Math.max(0, lane.marks.length - LANE_LIMIT);
  const segmentsOver = Math.max(0, lane.segments.length - LANE_LIMIT);
  if (marksOver === 0 && segmentsOver === 0) return lane;
  return { ...lane, marks: lane.marks.slice(marksOver), segments: lane.segments.slice(segmentsOver), dropped: lane.dropped + marksOver + segmentsOver };
}

/** States read off a client's sockets, one after another, the way pusher-js would have walked them. */
function inferLane(client: string, connections: Connection[]): Lane {
  const sorted = [...connections].sort((a, b) => a.createdAt - b.createdAt);
  const points: Array<{ t: number; state: string }> = [];
  for (const c of sorted) {
    points.push({ t: c.createdAt, state: 'connecting' });
    const established = c.marks.find((m) => m.kind === 'established');
    if (established) points.push({ t: established.t, state: 'connected' });
    if (c.closedAt !== undefined) points.push({ t: c.closedAt, state: c.close?.byPage || refuses(c.close?.code) ? 'disconnected' : 'connecting' });
  }
  const segments: Segment[] = [];
  for (const point of points.sort((a, b) => a.t - b.t)) {
    const last = segments.at(-1);
    if (last?.state === point.state) continue;
    if (last) last.to = point.t;
    segments.push({ from: point.t, to: null, state: point.state });
  }
  const first = sorted[0];
  return {
    key: client,
    label: `${first?.pusher?.key ?? 'unknown key'} on ${first?.pusher?.host ?? 'a socket'}${first && first.origin.frameId !== 0 ? ' (iframe)' : ''}`,
    source: 'inferred',
    segments: splitUnavailable(segments),
    marks: sortMarks(sorted.flatMap((c) => c.marks)),
    connections: sorted.map((c) => c.key),
    ...activityOf(sorted),
    dropped: droppedMarks(sorted),
  };
}

const droppedMarks = (connections: Connection[]) => connections.reduce((n, c) => n + (c.marksDropped ?? 0), 0);

/** pusher-js's close actions: 4001–4099 and ≥ 4300 end in `disconnected` (protocol §3.2). */
function refuses(code: number | undefined): boolean {
  return code !== undefined && ((code >= 4001 && code <= 4099) || code >= 4300);
}

function splitUnavailable(segments: Segment[]): Segment[] {
  return segments.flatMap((s) => {
    const long = s.state === 'connecting' && (s.to === null || s.to - s.from > UNAVAILABLE_AFTER_MS);
    if (!long) return [s];
    const at = s.from + UNAVAILABLE_AFTER_MS;
    if (s.to === null) return [{ ...s, to: at }, { from: at, to: null, state: 'unavailable' }];
    return [{ ...s, to: at }, { from: at, to: s.to, state: 'unavailable' }];
  });
}

/** Each time the client was down after having been connected: when, why, for how long, how many attempts. */
export function selectOutages(lane: Lane, now: number): Outage[] {
  const outages: Outage[] = [];
  let current: Outage | null = null;
  let connectedSince: number | null = null;
  for (const segment of lane.segments) {
    if (segment.state === 'connected') {
      if (current) current.to = segment.from;
      current = null;
      connectedSince = segment.from;
    } else if (connectedSince !== null && !current) {
      const since = connectedSince;
      const cause = [...lane.marks].reverse().find((m) => (m.kind === 'close' || m.kind === 'error') && m.t >= since && m.t <= segment.from + 1_000);
      // pusher-js still says "connected" while it waits to retry; the drop really began at the close.
      const from = cause?.kind === 'close' ? Math.min(cause.t, segment.from) : segment.from;
      current = { from, to: null, attempts: 0, ...(cause && { cause }) };
      outages.push(current);
    }
  }
  for (const outage of outages) {
    const end = outage.to ?? now;
    outage.attempts = lane.source === 'pusher-js'
      ? lane.segments.filter((s) => s.state === 'connecting' && s.from >= outage.from && s.from < end).length
      : lane.marks.filter((m) => m.kind === 'close' && m.t > outage.from && m.t < end).length + 1;
  }
  return outages;
}

function activityOf(connections: Connection[]): { activityTimeout?: number } {
  const latest = connections.findLast((c) => c.activityTimeout !== undefined);
  return latest?.activityTimeout !== undefined ? { activityTimeout: latest.activityTimeout } : {};
}

function sortMarks(marks: Mark[]): Mark[] {
  return marks.sort((a, b) => a.t - b.t);
}
