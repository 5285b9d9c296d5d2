/**
 * Encoding of one input partition's state (the engine's EngineState + the next input offset)
 * for the compacted changelog topic. Pure.
 *
 * Key `<input topic>/<partition>`; value = the snapshot compressed with gzip (level 1, the default: what releases before
 * round 39 wrote and read) or zstd (level 1, round 39, `VIGIE_STATE_COMPRESSION=zstd`), told apart on restore by
 * their magic bytes, so either is always read: version 2 = "VGP" 0x02, varint length
 * and ASCII of `nextOffset`, then the engine's own state bytes (its binary encoding); version 1 (older
 * checkpoints, still restored) = JSON with the state as a JSON value. When the compressed state is larger than
 * `chunkBytes`, the value is split over keys `<key>#0 … #n-1` and the main key holds an empty value
 * with headers `vigie.state.chunks = n` and `vigie.state.sha256`; chunk keys beyond n that an earlier,
 * larger checkpoint used are deleted with tombstones in the same transaction. Every record of one
 * checkpoint goes to the same changelog partition, so compaction keeps a consistent set.
 */
import { createHash } from 'node:crypto';
import { constants, gunzipSync, gzipSync, zstdCompressSync, zstdDecompressSync } from 'node:zlib';
import { VigieError } from '../contracts/errors.js';

export interface PartitionSnapshot {
  /** 2: `engine` is the engine's encoded state (bytes); 1: `engine` is a JSON value. */
  v: 1 | 2;
  /** Offset of the first input message NOT reflected in this state. */
  nextOffset: string;
  /** The engine's EngineState: its encoding (v 2), or the state itself, JSON-serialisable (v 1). Bounded by the engine's context bounds. */
  engine: unknown;
}

const SNAPSHOT_MAGIC = [0x56, 0x47, 0x50, 0x02] as const; // "VGP", version 2

/** The snapshot of a partition: the encoded state when the engine encodes its state, else the state as JSON. */
export function snapshotOf<S>(factory: { encodeState?(state: S): Uint8Array }, nextOffset: string, state: S): PartitionSnapshot {
  return factory.encodeState ? { v: 2, nextOffset, engine: factory.encodeState(state) } : { v: 1, nextOffset, engine: state };
}

function frameV2(snap: PartitionSnapshot): Buffer {
  const offset = Buffer.from(snap.nextOffset, 'latin1');
  if (offset.length > 127) throw new StateCorruptError('snapshot', `next offset ${snap.nextOffset} is too long`);
  return Buffer.concat([Buffer.from(SNAPSHOT_MAGIC), Buffer.from([offset.length]), offset, snap.engine as Uint8Array]);
}

function unframe(key: string, raw: Buffer): PartitionSnapshot {
  if (raw.length >= 5 && SNAPSHOT_MAGIC.every((b, i) => raw[i] === b)) {
    const len = raw[4]!;
    const nextOffset = raw.toString('latin1', 5, 5 + len);
    if (len > 127 || raw.length < 5 + len || !/^\d+$/.test(nextOffset)) throw new StateCorruptError(key, 'bad version 2 snapshot header');
    return { v: 2, nextOffset, engine: raw.subarray(5 + len) };
  }
  const snap = JSON.parse(raw.toString('utf8')) as PartitionSnapshot;
  if (snap.v !== 1) throw new StateCorruptError(key, `unknown snapshot version ${String(snap.v)}`);
  return snap;
}

export interface StateRecord {
  key: string;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface EncodedSnapshot {
  records: StateRecord[];
  chunks: number;
  /** Size of the snapshot before compression (JSON or binary), bytes. */
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

/**
 * How checkpoints are compressed. zstd level 1 (round 39): ~4 × less CPU than gzip level 1 on the main thread (docs/benchmarks.md "Round 39"), where
 * the whole state of a partition is compressed at every checkpoint, and a smaller value. gzip: what a release before
 * round 39 can restore (a roll-back).
 */
export type StateCompression = 'zstd' | 'gzip';
export const STATE_COMPRESSIONS: readonly StateCompression[] = ['zstd', 'gzip'];

const GZIP_MAGIC = [0x1f, 0x8b] as const;
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd] as const;

function compress(raw: Buffer, how: StateCompression): Buffer {
  return how === 'zstd' ? zstdCompressSync(raw, { params: { [constants.ZSTD_c_compressionLevel]: 1 } }) : gzipSync(raw, { level: 1 });
}

/** Decompresses a stored value by its magic bytes (zstd or gzip, whichever wrote it). */
function decompress(stored: Buffer): Buffer {
  if (ZSTD_MAGIC.every((b, i) => stored[i] === b)) return zstdDecompressSync(stored);
  if (GZIP_MAGIC.every((b, i) => stored[i] === b)) return gunzipSync(stored);
  throw new Error('neither zstd nor gzip');
}

export function encodeSnapshot(key: string, snap: PartitionSnapshot, chunkBytes: number, previousChunks: number, compression: StateCompression = 'gzip'): EncodedSnapshot {
  const json = snap.v === 2 ? frameV2(snap) : Buffer.from(JSON.stringify(snap), 'utf8');
  const gz = compress(json, compression);
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
  let raw: Buffer;
  try {
    raw = decompress(gz);
  } catch (err) {
    throw new StateCorruptError(key, `cannot read: ${(err as Error).message}`);
  }
  let snap: PartitionSnapshot;
  try {
    snap = unframe(key, raw);
  } catch (err) {
    if (err instanceof StateCorruptError) throw err;
    throw new StateCorruptError(key, `cannot read: ${(err as Error).message}`);
  }
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
