/**
 * Encoding of one input partition's state (the engine's EngineState + the next input offset)
 * for the compacted changelog topic. Pure.
 *
 * Key `<input topic>/<partition>`; value = gzip(JSON). When the compressed state is larger than
 * `chunkBytes`, the value is split over keys `<key>#0 … #n-1` and the main key holds an empty value
 * with headers `vigie.state.chunks = n` and `vigie.state.sha256`; chunk keys beyond n that an earlier,
 * larger checkpoint used are deleted with tombstones in the same transaction. Every record of one
 * checkpoint goes to the same changelog partition, so compaction keeps a consistent set.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { VigieError } from '../contracts/errors.js';

export interface PartitionSnapshot {
  v: 1;
  /** Offset of the first input message NOT reflected in this state. */
  nextOffset: string;
  /** The engine's EngineState (opaque, JSON-serialisable; bounded by the engine's context bounds). */
  engine: unknown;
}

export interface StateRecord {
  key: string;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface EncodedSnapshot {
  records: StateRecord[];
  chunks: number;
  /** Size of the JSON before compression, bytes. */
  jsonBytes: number;
  /** Size written to the changelog, bytes. */
  storedBytes: number;
}

export class StateCorruptError extends VigieError {
  constructor(key: string, why: string) {
    super(`state ${key}: ${why}`, { retriable: false });
  }
}

export const stateKey = (topic: string, partition: number): string => `${topic}/${partition}`;
export const chunkKey = (key: string, i: number): string => `${key}#${i}`;

export function encodeSnapshot(key: string, snap: PartitionSnapshot, chunkBytes: number, previousChunks: number): EncodedSnapshot {
  const json = Buffer.from(JSON.stringify(snap), 'utf8');
  const gz = gzipSync(json, { level: 1 });
  const records: StateRecord[] = [];
  let chunks = 0;
  if (gz.length <= chunkBytes) {
    records.push({ key, value: gz, headers: { 'vigie.state.chunks': '0' } });
  } else {
    chunks = Math.ceil(gz.length / chunkBytes);
    for (let i = 0; i < chunks; i++) records.push({ key: chunkKey(key, i), value: gz.subarray(i * chunkBytes, (i + 1) * chunkBytes), headers: {} });
    records.push({ key, value: Buffer.alloc(0), headers: { 'vigie.state.chunks': String(chunks), 'vigie.state.sha256': createHash('sha256').update(gz).digest('hex') } });
  }
  for (let i = chunks; i < previousChunks; i++) records.push({ key: chunkKey(key, i), value: null, headers: {} });
  return { records, chunks, jsonBytes: json.length, storedBytes: gz.length };
}

export interface StoredValue {
  value: Buffer;
  headers: Record<string, string>;
}

/** Rebuilds a snapshot from the latest values per key. Null when the key was never written. */
export function decodeSnapshot(key: string, get: (k: string) => StoredValue | undefined): { snap: PartitionSnapshot; chunks: number; storedBytes: number } | null {
  const main = get(key);
  if (!main) return null;
  const chunks = Number(main.headers['vigie.state.chunks'] ?? '0');
  let gz: Buffer;
  if (chunks === 0) {
    gz = main.value;
  } else {
    const parts: Buffer[] = [];
    for (let i = 0; i < chunks; i++) {
      const c = get(chunkKey(key, i));
      if (!c) throw new StateCorruptError(key, `chunk ${i} of ${chunks} is missing`);
      parts.push(c.value);
    }
    gz = Buffer.concat(parts);
    const sha = createHash('sha256').update(gz).digest('hex');
    if (sha !== main.headers['vigie.state.sha256']) throw new StateCorruptError(key, 'chunks do not match the recorded sha256');
  }
  let snap: PartitionSnapshot;
  try {
    snap = JSON.parse(gunzipSync(gz).toString('utf8')) as PartitionSnapshot;
  } catch (err) {
    throw new StateCorruptError(key, `cannot read: ${(err as Error).message}`);
  }
  if (snap.v !== 1) throw new StateCorruptError(key, `unknown snapshot version ${String(snap.v)}`);
  return { snap, chunks, storedBytes: gz.length };
}

/** Changelog partition of a key: FNV-1a, so every record of one checkpoint lands in one partition. */
export function changelogPartition(key: string, partitions: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % partitions;
}
