// @ts-check
// CPU time of processes from /proc (Linux), and which of them belong to one Chromium and in what role.
import { readFileSync, readdirSync } from 'node:fs';

export const TICK = 100; // USER_HZ on Linux

/** Every process: pid → { ppid, cmd, cpu ms }. */
export function processes() {
  const all = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
      all.set(Number(name), { ppid: Number(fields[1]), cmd, cpu: ((Number(fields[11]) + Number(fields[12])) * 1000) / TICK });
    } catch {
      // gone meanwhile
    }
  }
  return all;
}

/** Each process of the Chromium started with `userDataDir`, with its role. */
export function chromiumTree(all, userDataDir) {
  const root = [...all].find(([, p]) => p.cmd.includes(userDataDir) && !p.cmd.includes('--type='))?.[0];
  const inTree = (pid) => {
    for (let p = pid, n = 0; p > 1 && n < 10; p = all.get(p)?.ppid ?? 0, n++) if (p === root) return true;
    return false;
  };
  const tree = new Map();
  for (const [pid, p] of all) {
    if (!inTree(pid)) continue;
    const role = pid === root ? 'browser' : p.cmd.includes('--extension-process') ? 'extension (worker + panel)' : p.cmd.includes('--type=renderer') ? 'renderer' : (p.cmd.match(/--utility-sub-type=([\w.]+)/)?.[1] ?? p.cmd.match(/--type=(\w+)/)?.[1] ?? 'other');
    tree.set(pid, role);
  }
  return tree;
}

/** CPU ms of each thread of `pid` by thread name (compositor, raster workers, main…). */
export function threads(pid) {
  const byName = new Map();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/\d+$/, '');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        byName.set(name, (byName.get(name) ?? 0) + ((Number(fields[11]) + Number(fields[12])) * 1000) / TICK);
      } catch {
        // thread ended
      }
    }
  } catch {
    // process ended
  }
  return byName;
}
