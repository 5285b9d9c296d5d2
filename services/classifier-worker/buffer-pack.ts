/**
 * Moving a batch between the main thread and an engine thread (engine-pool.ts) cheaply: the many
 * small buffers of a batch (input values, encoded output records) travel as ONE packed ArrayBuffer
 * that is transferred, not copied, plus their end offsets. (Structured clone of a Node Buffer would
 * copy the whole slab or fetch response it is a view of, once per distinct backing store.) Pure.
 */
import type { BatchResult, BatchStats, InputRecord, OutMessage } from './process-batch.js';

export interface Packed {
  bytes: ArrayBuffer;
  /** End of buffer i in `bytes`; -1: null. */
  ends: Int32Array;
}

export function pack(buffers: readonly (Uint8Array | null)[]): Packed {
  let total = 0;
  for (const b of buffers) total += b?.byteLength ?? 0;
  const bytes = new ArrayBuffer(total);
  const view = new Uint8Array(bytes);
  const ends = new Int32Array(buffers.length);
  let at = 0;
  buffers.forEach((b, i) => {
    if (b === null) { ends[i] = -1; return; }
    view.set(b, at);
    at += b.byteLength;
    ends[i] = at;
  });
  return { bytes, ends };
}

export function unpack(p: Packed): (Buffer | null)[] {
  const out: (Buffer | null)[] = [];
  let at = 0;
  for (const end of p.ends) {
    if (end < 0) { out.push(null); continue; }
    out.push(Buffer.from(p.bytes, at, end - at));
    at = end;
  }
  return out;
}

export interface WireRecords {
  keys: Packed;
  values: Packed;
  offsets: string[];
}

export function packRecords(records: readonly InputRecord[]): { wire: WireRecords; transfer: ArrayBuffer[] } {
  const wire = { keys: pack(records.map((r) => r.key)), values: pack(records.map((r) => r.value)), offsets: records.map((r) => r.offset) };
  return { wire, transfer: [wire.keys.bytes, wire.values.bytes] };
}

export function unpackRecords(w: WireRecords): InputRecord[] {
  const keys = unpack(w.keys), values = unpack(w.values);
  return w.offsets.map((offset, i) => ({ key: keys[i]!, value: values[i]!, offset }));
}

export interface WireResult {
  /** Output topics with their record counts, in the order of `out`. */
  topics: [string, number][];
  /** String keys (null where the key is bytes, see `byteKeys`). */
  keys: (string | null)[];
  byteKeys: Packed;
  values: Packed;
  headers: Record<string, string>[];
  stats: BatchStats;
}

export function packResult(res: BatchResult): { wire: WireResult; transfer: ArrayBuffer[] } {
  const all: OutMessage[] = [];
  const topics: [string, number][] = [];
  for (const [topic, ms] of res.out) { topics.push([topic, ms.length]); for (const m of ms) all.push(m); }
  const wire: WireResult = {
    topics,
    keys: all.map((m) => (typeof m.key === 'string' ? m.key : null)),
    byteKeys: pack(all.map((m) => (typeof m.key === 'string' ? null : m.key))),
    values: pack(all.map((m) => m.value)),
    headers: all.map((m) => m.headers),
    stats: res.stats,
  };
  return { wire, transfer: [wire.byteKeys.bytes, wire.values.bytes] };
}

export function unpackResult(w: WireResult): BatchResult {
  const byteKeys = unpack(w.byteKeys), values = unpack(w.values);
  const out = new Map<string, OutMessage[]>();
  let i = 0;
  for (const [topic, n] of w.topics) {
    const ms: OutMessage[] = [];
    for (let k = 0; k < n; k++, i++) ms.push({ key: w.keys[i] ?? byteKeys[i] ?? null, value: values[i]!, headers: w.headers[i]! });
    out.set(topic, ms);
  }
  return { out, stats: w.stats };
}
