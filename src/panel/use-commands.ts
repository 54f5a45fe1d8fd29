import { useRef } from 'preact/hooks';
import { PROTOCOL_VERSION, type PageCommand } from '../core/messages/envelopes';
import type { Connection } from '../core/session/state';
import type { TabConnection } from './connection';

type CommandBody = PageCommand extends infer C ? (C extends PageCommand ? Omit<C, 'cid'> : never) : never;

/** Sends commands to the page a connection lives in; returns the command id, or null when it could not be sent. */
export function useCommands(send: TabConnection['send']) {
  const nextCid = useRef(1);
  return (connection: Connection, body: CommandBody): number | null => {
    const cid = nextCid.current++;
    const command = { ...body, cid } as PageCommand;
    const sent = send({ v: PROTOCOL_VERSION, kind: 'command', frameId: connection.origin.frameId, pageId: connection.pageId, command });
    return sent ? cid : null;
  };
}
