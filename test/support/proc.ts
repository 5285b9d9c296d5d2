import { readdirSync, readFileSync } from 'node:fs';

/**
 * Direct children of a process, from the parent PID in each /proc/<pid>/stat. Not /proc/<pid>/task/<pid>/children:
 * that file exists only on kernels built with CONFIG_PROC_CHILDREN, and lists only the children of that one thread.
 */
export function childPids(pid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    let stat: string;
    try { stat = readFileSync(`/proc/${d}/stat`, 'utf8'); } catch { continue; /* gone */ }
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === pid) out.push(Number(d));
  }
  return out.sort((a, b) => a - b);
}
