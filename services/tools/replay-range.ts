/**
 * Range bounds for replay: `--from`/`--to` as an ISO-8601 time, epoch ms (`ms:1700000000000`),
 * `earliest`/`latest`, one offset for every partition (`1200`), or offsets per partition
 * (`0:1200,1:1180`). Parsing is pure; resolving against a topic asks the broker (admin).
 */
import type { Admin } from 'kafkajs';
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

export async function partitionBounds(admin: Admin, topic: string): Promise<Map<number, PartitionBounds>> {
  const r = await admin.fetchTopicOffsets(topic);
  return new Map(r.map((p) => [p.partition, { low: BigInt(p.low), high: BigInt(p.high) }]));
}

/** Offsets of `spec` on every partition, clamped to [low, high]. */
export async function resolveSpec(admin: Admin, topic: string, spec: RangeSpec, bounds: Map<number, PartitionBounds>): Promise<Map<number, bigint>> {
  const clamp = (p: number, o: bigint): bigint => {
    const b = bounds.get(p)!;
    return o < b.low ? b.low : o > b.high ? b.high : o;
  };
  const out = new Map<number, bigint>();
  if (spec.kind === 'time') {
    for (const r of await admin.fetchTopicOffsetsByTimestamp(topic, spec.ms)) out.set(r.partition, clamp(r.partition, BigInt(r.offset)));
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
