/**
 * Summarises a V8 `.cpuprofile` (as written by `node --cpu-prof`): self time per function, largest
 * first, so a reader can see where the worker spends its CPU without opening DevTools.
 *
 *   node dist/services/bench/cpuprofile-summary.js <file.cpuprofile> [top=25]
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface SelfTime {
  fn: string;
  where: string;
  selfMs: number;
  share: number;
}

/** Self time per function (same name and location merged), sorted largest first. */
export function selfTimes(p: CpuProfile): { totalMs: number; rows: SelfTime[] } {
  const byId = new Map<number, ProfileNode>();
  for (const n of p.nodes) byId.set(n.id, n);
  const selfUs = new Map<number, number>();
  if (p.samples && p.timeDeltas && p.samples.length === p.timeDeltas.length) {
    // A sample's time is the delta to the next sample; the last sample gets none.
    for (let i = 0; i < p.samples.length; i++) {
      const dt = p.timeDeltas[i + 1] ?? 0;
      selfUs.set(p.samples[i]!, (selfUs.get(p.samples[i]!) ?? 0) + Math.max(0, dt));
    }
  } else {
    const total = p.endTime - p.startTime;
    const hits = p.nodes.reduce((a, n) => a + (n.hitCount ?? 0), 0) || 1;
    for (const n of p.nodes) selfUs.set(n.id, ((n.hitCount ?? 0) / hits) * total);
  }
  const merged = new Map<string, SelfTime>();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const f = byId.get(id)?.callFrame;
    if (!f) continue;
    totalUs += us;
    const fn = f.functionName || '(anonymous)';
    const where = f.url ? `${shortUrl(f.url)}:${f.lineNumber + 1}` : '';
    const key = `${fn}\u0000${where}`;
    const row = merged.get(key) ?? { fn, where, selfMs: 0, share: 0 };
    row.selfMs += us / 1000;
    merged.set(key, row);
  }
  const rows = [...merged.values()].sort((a, b) => b.selfMs - a.selfMs);
  for (const r of rows) r.share = totalUs > 0 ? r.selfMs / (totalUs / 1000) : 0;
  return { totalMs: totalUs / 1000, rows };
}

/** Keeps the part of a URL a reader recognises: the package or the repository path. */
export function shortUrl(url: string): string {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return url.slice(nm + 'node_modules/'.length);
  const dist = url.indexOf('/dist/');
  if (dist >= 0) return url.slice(dist + 1);
  return url.startsWith('node:') ? url : basename(url);
}

/** Self time per script (file without line), largest first: shows which package or module costs most. */
export function byScript(rows: readonly SelfTime[]): { script: string; selfMs: number; share: number }[] {
  const m = new Map<string, { script: string; selfMs: number; share: number }>();
  for (const r of rows) {
    const script = r.where ? r.where.replace(/:\d+$/, '') : `(${r.fn.replace(/^\(|\)$/g, '')})`;
    const e = m.get(script) ?? { script, selfMs: 0, share: 0 };
    e.selfMs += r.selfMs;
    e.share += r.share;
    m.set(script, e);
  }
  return [...m.values()].sort((a, b) => b.selfMs - a.selfMs);
}

export function formatSelfTimes(s: { totalMs: number; rows: SelfTime[] }, top: number): string {
  const lines = [`total sampled ${(s.totalMs / 1000).toFixed(2)} s`, 'self ms     share  function  (location)'];
  for (const r of s.rows.slice(0, top)) {
    lines.push(`${r.selfMs.toFixed(0).padStart(8)}  ${(100 * r.share).toFixed(1).padStart(6)} %  ${r.fn}${r.where ? `  (${r.where})` : ''}`);
  }
  lines.push('', 'self ms     share  script');
  for (const r of byScript(s.rows).slice(0, top)) lines.push(`${r.selfMs.toFixed(0).padStart(8)}  ${(100 * r.share).toFixed(1).padStart(6)} %  ${r.script}`);
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node dist/services/bench/cpuprofile-summary.js <file.cpuprofile> [top=25]\n');
    process.exit(2);
  }
  const top = Number(process.argv[3] ?? 25);
  process.stdout.write(`${formatSelfTimes(selfTimes(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile), top)}\n`);
}
