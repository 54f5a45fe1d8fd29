import type { AuthRequestRecord, AuthResponseRecord } from '../messages/records';
import { classifyAuth } from '../protocol/auth-outcome';
import type { Draft } from './draft';
import { updateChannel } from './frame-effects';
import { clientKeyOf } from './state';

export const authKeyOf = (pageId: string, aid: number) => `${pageId}/${aid}`;

export function applyAuthRequest(draft: Draft, record: AuthRequestRecord, pageId: string): void {
  const key = authKeyOf(pageId, record.aid);
  draft.setAuth({
    key,
    pageId,
    aid: record.aid,
    t: record.t,
    transport: record.transport,
    method: record.method,
    url: record.url,
    socketId: record.socketId,
    ...(record.channel !== undefined && { channel: record.channel }),
  });
}

/** Stores the answer and, when it cannot work, fails the channel it was for with the cause in plain words. */
export function applyAuthResponse(draft: Draft, record: AuthResponseRecord, pageId: string): void {
  const key = authKeyOf(pageId, record.aid);
  const attempt = draft.auths.get(key);
  if (!attempt) return;
  const response = {
    t: record.t,
    status: record.status,
    body: record.body,
    bodyBytes: record.bodyBytes,
    ...(record.contentType !== undefined && { contentType: record.contentType }),
    ...(record.error !== undefined && { error: record.error }),
  };
  draft.auths.set(key, { ...attempt, response });
  if (attempt.channel === undefined) return;
  const outcome = classifyAuth({ ...attempt, ...response });
  if (outcome.ok || outcome.cause === 'pending') return;
  // pusher-js authorizes before it sends pusher:subscribe, so the channel may not be known yet.
  const connection = [...draft.connections.values()].find((c) => c.pageId === pageId && c.socketId === attempt.socketId);
  const client = clientKeyOf(pageId, connection?.pusher?.key ?? '');
  updateChannel(
    draft,
    client,
    attempt.channel,
    (c) => ({ ...c, status: 'failed', reason: outcome.summary, reasonAuthKey: key, changedAt: record.t }),
    connection?.key ?? '',
    attempt.t,
  );
}
