import { describe, expect, it } from 'vitest';
import { MENU_LIMIT, MENU_REFRESH_MS, menuNames, menusDue } from '../../../../src/core/session/filter-menus';

const counts = (entries: Array<[string, number]>) => new Map(entries);

describe('menuNames', () => {
  it('offers every name, sorted, when they fit', () => {
    expect(menuNames(counts([['b', 1], ['a', 5], ['c', 2]]), '', 3)).toEqual({ names: ['a', 'b', 'c'], more: 0 });
  });

  it('keeps the most frequent names past the limit, sorted, and counts the rest', () => {
    const many = counts([['rare-1', 1], ['hot', 90], ['rare-2', 1], ['warm', 10], ['rare-3', 1], ['mild', 5]]);
    expect(menuNames(many, '', 3)).toEqual({ names: ['hot', 'mild', 'warm'], more: 3 });
  });

  it('breaks ties at the cut by name, so the menu does not change while counts are equal', () => {
    const tied = counts(Array.from({ length: 1000 }, (_, i) => [`t${1000 - i}`, 1] as [string, number]));
    const menu = menuNames(tied, '', 4);
    expect(menu.names).toEqual(['t1', 't10', 't100', 't1000']);
    expect(menu.more).toBe(996);
  });

  it('always offers the current choice, so the menu can show it', () => {
    const many = counts([['hot', 9], ['warm', 8], ['chosen', 1], ['other', 1]]);
    expect(menuNames(many, 'chosen', 2)).toEqual({ names: ['chosen', 'hot', 'warm'], more: 1 });
    expect(menuNames(many, 'gone', 2)).toEqual({ names: ['hot', 'warm'], more: 2 });
  });

  it('takes the names of 100,000 distinct events without sorting them all', () => {
    const huge = counts(Array.from({ length: 100_000 }, (_, i) => [`e${i}`, i % 7 === 0 ? 2 : 1] as [string, number]));
    const menu = menuNames(huge, '', 200);
    expect(menu.names).toHaveLength(200);
    expect(menu.more).toBe(99_800);
    expect(menu.names.every((name) => huge.get(name) === 2)).toBe(true);
  });

  it('takes exactly the names a full sort would, ties at the cut included', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    for (let round = 0; round < 20; round++) {
      const names = counts(Array.from({ length: 3_000 }, () => [`n${Math.floor(random() * 1e6).toString(36)}`, 1 + Math.floor(random() * 3)] as [string, number]));
      const limit = 50 + round * 10;
      // The reference: by count, most frequent first, ties by name; the first `limit`, sorted.
      const reference = [...names].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit).map(([n]) => n).sort();
      expect(menuNames(names, '', limit).names).toEqual(reference);
    }
  });
});

describe('menusDue', () => {
  it('rebuilds menus that fit at every commit, so a new channel shows at once', () => {
    expect(menusDue([MENU_LIMIT, 3], 0, false)).toBe(true);
  });

  it('rebuilds a long menu at most once per refresh while the log grows', () => {
    expect(menusDue([MENU_LIMIT + 1, 3], MENU_REFRESH_MS - 1, false)).toBe(false);
    expect(menusDue([3, 50_000], MENU_REFRESH_MS - 1, false)).toBe(false);
    expect(menusDue([MENU_LIMIT + 1, 3], MENU_REFRESH_MS, false)).toBe(true);
  });

  it('rebuilds at once when the user picks another name, so the menu can show it', () => {
    expect(menusDue([50_000, 50_000], 0, true)).toBe(true);
  });
});
