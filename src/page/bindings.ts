import type { BindingsRecord } from '../core/messages/records';
import { ownCallbacks } from './own-callbacks';

/** pusher-js dispatcher internals (protocol §5): `callbacks._callbacks` keyed "_" + event, and `global_callbacks`. */
interface DispatcherLike {
  callbacks?: { _callbacks?: Record<string, Array<{ fn?: unknown }>> };
  global_callbacks?: unknown[];
}

const MAX_CHANNELS = 200;
const MAX_EVENTS = 100;

/** Counts the app's handlers on an instance and its channels, leaving ours out. Never throws on odd shapes. */
export function readBindings(instance: {
  global_emitter?: DispatcherLike;
  channels?: { channels?: Record<string, DispatcherLike> };
}): Omit<BindingsRecord, 'type' | 'iid' | 'seq' | 't'> {
  const channels: BindingsRecord['channels'] = {};
  const all = instance.channels?.channels ?? {};
  for (const name of Object.keys(all).slice(0, MAX_CHANNELS)) {
    const channel = all[name];
    if (channel) channels[name] = { global: countGlobal(channel), events: countEvents(channel) };
  }
  const emitter = instance.global_emitter ?? {};
  return { global: countGlobal(emitter) + Object.values(countEvents(emitter)).reduce((a, b) => a + b, 0), channels };
}

function countEvents(dispatcher: DispatcherLike): Record<string, number> {
  const events: Record<string, number> = {};
  const callbacks = dispatcher.callbacks?._callbacks ?? {};
  for (const key of Object.keys(callbacks).slice(0, MAX_EVENTS)) {
    const list = callbacks[key];
    if (!Array.isArray(list)) continue;
    const count = list.filter((entry) => !ownCallbacks.has(entry?.fn as Function)).length;
    if (count > 0) events[key.slice(1)] = count;
  }
  return events;
}

function countGlobal(dispatcher: DispatcherLike): number {
  const list = dispatcher.global_callbacks;
  return Array.isArray(list) ? list.filter((fn) => !ownCallbacks.has(fn as Function)).length : 0;
}
