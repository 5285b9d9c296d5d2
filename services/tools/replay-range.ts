/**
 * Range bounds for replay: `--from`/`--to` as an ISO-8601 time, epoch ms (`ms:1700000000000`),
 * `earliest`/`latest`, one offset for every partition (`1200`), or offsets per partition
 * (`0:1200,1:1180`). Parsing is pure; resolving against a topic asks the broker (admin).
 */
import type { Admin } from '@platformatic/kafka';
import { partitionOffsets } from '../kafka/admin.js';
import { parseIsoMillis } from '../contracts/index.js';

export type RangeSpec =
  | { kind: 'time'; ms: number }
  | { kind: 'earliest' }
  | { kind: 'latest' }
  | { kind: 'offset'; offset: bigint }
  | { kind: 'offsets'; offsets: Map<number, bigint> };

export function parseRangeSpec(s: string, name: string): RangeSpec {
  const t = s.trim();
  if (t === 'earliest' || t === 'latest') return { kind: t };
  if (/^\d+$/.test(t)) return { kind: 'offset', offset: BigInt(t) };
  if (/^ms:\d+$/.test(t)) return { kind: 'time', ms: Number(t.slice(3)) };
  if (/^\d+:\d+(,\d+:\d+)*$/.test(t)) {
    return { kind: 'offsets', offsets: new Map(t.split(',').map((p) => { const [a, b] = p.split(':'); return [Number(a), BigInt(b!)]; })) };
  }
  const ms = parseIsoMillis(t);
  if (ms === undefined) throw new Error(`${name}: "${s}" is not an ISO-8601 time, ms:<epoch ms>, earliest, latest, an offset or partition:offset list`);
  return { kind: 'time', ms };
}

/** `90s`, `10m`, `2h`, `1d`, `0`, or plain milliseconds. */
export function parseDuration(s: string, name: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(s.trim());
  if (!m) throw new Error(`${name}: "${s}" is not a duration (e.g. 0, 90s, 10m, 2h, 1d)`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] ?? 'ms']!;
  return Math.round(Number(m[1]) * unit);
}

export interface PartitionBounds { low: bigint; high: bigint }

/** Log start and high watermark of every partition. */
export async function partitionBounds(admin: Admin, topic: string): Promise<Map<number, PartitionBounds>> {
  const [low, high] = await Promise.all([partitionOffsets(admin, topic, 'earliest'), partitionOffsets(admin, topic, 'latest')]);
  return new Map([...high].map(([p, h]) => [p, { low: low.get(p) ?? 0n, high: h }]));
}

/** First offset whose timestamp is >= ms on each partition; the high watermark when no record is that recent. */
async function offsetsForTime(admin: Admin, topic: string, ms: number, bounds: Map<number, PartitionBounds>): Promise<Map<number, bigint>> {
  const res = await admin.listOffsets({ topics: [{ name: topic, partitions: [...bounds.keys()].map((partitionIndex) => ({ partitionIndex, timestamp: BigInt(ms) })) }] });
  const out = new Map<number, bigint>();
  for (const t of res) for (const p of t.partitions) out.set(p.partitionIndex, p.offset < 0n ? bounds.get(p.partitionIndex)!.high : p.offset);
  return out;
}

/** Offsets of `spec` on every partition, clamped to [low, high]. */
export async function resolveSpec(admin: Admin, topic: string, spec: RangeSpec, bounds: Map<number, PartitionBounds>): Promise<Map<number, bigint>> {
  const clamp = (p: number, o: bigint): bigint => {
    const b = bounds.get(p)!;
    return o < b.low ? b.low : o > b.high ? b.high : o;
  };
  const out = new Map<number, bigint>();
  if (spec.kind === 'time') {
    for (const [p, o] of await offsetsForTime(admin, topic, spec.ms, bounds)) out.set(p, clamp(p, o));
    return out;
  }
  for (const [p, b] of bounds) {
    if (spec.kind === 'earliest') out.set(p, b.low);
    else if (spec.kind === 'latest') out.set(p, b.high);
    else if (spec.kind === 'offset') out.set(p, clamp(p, spec.offset));
    else {
      const o = spec.offsets.get(p);
      out.set(p, o === undefined ? b.high : clamp(p, o)); // a partition not named is not read
    }
  }
  if (spec.kind === 'offsets') for (const p of spec.offsets.keys()) if (!bounds.has(p)) throw new Error(`${topic} has no partition ${p}`);
  return out;
}
