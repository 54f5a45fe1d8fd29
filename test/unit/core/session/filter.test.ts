import { describe, expect, it } from 'vitest';
import { compileFilter, emptyFilter, NO_CHANNEL, type LogFilter } from '../../../../src/core/session/filter';
import { reduceSession } from '../../../../src/core/session/reduce';
import { selectNames } from '../../../../src/core/session/filter-menus';
import { extendVisibleIds, selectVisibleIds } from '../../../../src/core/session/selectors';
import { emptySession } from '../../../../src/core/session/state';
import { frames } from '../../../fixtures/frames';
import { batch, numbered } from '../../../fixtures/records';

const state = reduceSession(
  emptySession(),
  batch(numbered([
    { type: 'frame', sid: 1, dir: 'in', text: frames.established }, // 0
    { type: 'frame', sid: 1, dir: 'out', text: frames.subscribePublic }, // 1
    { type: 'frame', sid: 1, dir: 'in', text: frames.subscribed }, // 2
    { type: 'frame', sid: 1, dir: 'in', text: frames.appEvent }, // 3
    { type: 'frame', sid: 1, dir: 'in', text: frames.clientEvent }, // 4
    { type: 'frame', sid: 1, dir: 'in', text: 'not json at all' }, // 5
  ])),
);

const visible = (patch: Partial<LogFilter>) => selectVisibleIds(state, compileFilter({ ...emptyFilter, ...patch }));

describe('log filter', () => {
  it('shows everything when empty', () => {
    expect(visible({})).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('matches words case-insensitively against the frame text, all words required', () => {
    expect(visible({ text: 'PRICE' })).toEqual([3]);
    expect(visible({ text: 'pusher subscri' })).toEqual([1, 2]);
  });

  it('excludes with -word and keeps "quoted phrases" whole', () => {
    expect(visible({ text: '-pusher' })).toEqual([3, 4, 5]);
    expect(visible({ text: '"json at"' })).toEqual([5]);
  });

  it('supports /regex/ and reports a broken one without dropping the rest', () => {
    expect(visible({ text: '/^\\{"event":"client-/' })).toEqual([4]);
    const broken = compileFilter({ ...emptyFilter, text: '/(/ price' });
    expect(broken.problem).toMatch(/Invalid regular expression/);
    expect(selectVisibleIds(state, broken)).toEqual([3]);
  });

  it('filters by event: and channel: fields', () => {
    expect(visible({ text: 'event:client' })).toEqual([4]);
    expect(visible({ text: 'channel:appl' })).toEqual([3]);
    expect(visible({ text: 'channel:my-' })).toEqual([1, 2]);
    expect(visible({ text: 'dir:out' })).toEqual([1]);
  });

  it('filters by direction, exact channel and exact event from the menus', () => {
    expect(visible({ direction: 'out' })).toEqual([1]);
    expect(visible({ channel: 'my-channel' })).toEqual([1, 2]);
    expect(visible({ channel: NO_CHANNEL })).toEqual([0, 5]);
    expect(visible({ event: 'pusher:connection_established' })).toEqual([0]);
    expect(visible({ direction: 'in', text: 'pusher' })).toEqual([0, 2]);
  });

  it('lists the channel and event names for the menus', () => {
    expect(selectNames(state)).toEqual({
      channels: ['APPL', 'my-channel', 'presence-room'],
      events: ['client-typing', 'new-price', 'pusher:connection_established', 'pusher:subscribe', 'pusher_internal:subscription_succeeded'],
    });
  });

  it('extends the visible ids with new entries only, and recomputes when the filter changes', () => {
    const filter = compileFilter({ ...emptyFilter, direction: 'in' });
    const first = extendVisibleIds(null, state, filter);
    const grown = reduceSession(state, batch(numbered([{ type: 'frame', sid: 1, dir: 'in', text: frames.ping }], 7)));
    const second = extendVisibleIds(first, grown, filter);
    expect(second.ids).toEqual([0, 2, 3, 4, 5, 6]);
    const other = compileFilter({ ...emptyFilter, direction: 'out' });
    expect(extendVisibleIds(second, grown, other).ids).toEqual([1]);
    const cleared = reduceSession(grown, { kind: 'clear' });
    expect(extendVisibleIds(second, cleared, filter).ids).toEqual([]);
  });
});
