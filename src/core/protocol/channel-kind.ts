export type ChannelKind =
  | 'public'
  | 'private'
  | 'presence'
  | 'private-encrypted'
  | 'cache'
  | 'private-cache'
  | 'presence-cache'
  | 'server-to-user';

/** The channel's kind follows from its name prefix, as in pusher-js `channels.ts`. */
export function channelKind(name: string): ChannelKind {
  if (name.startsWith('#server-to-user-')) return 'server-to-user';
  if (name.startsWith('private-encrypted-')) return 'private-encrypted';
  if (name.startsWith('private-cache-')) return 'private-cache';
  if (name.startsWith('presence-cache-')) return 'presence-cache';
  if (name.startsWith('private-')) return 'private';
  if (name.startsWith('presence-')) return 'presence';
  if (name.startsWith('cache-')) return 'cache';
  return 'public';
}
