/**
 * The input's read-ahead: records fetched and not yet taken by the processing loop, bounded in records and in
 * bytes (key + value + headers). `push` says when the bound is reached (the caller pauses its stream) and
 * `resumable` when the buffer fell under half of both bounds (the caller resumes). A fetch response already on
 * its way is still pushed when the bound is reached, so the buffer can exceed a bound by one fetch response
 * (at most `maxBytesPerPartition` × owned partitions).
 */
export interface ReadAheadBounds {
  /** Most records buffered before fetching pauses. */
  maxRecords: number;
  /** Most bytes (keys, values and headers) buffered before fetching pauses. */
  maxBytes: number;
}

export class ReadAhead<T> {
  #queue: T[] = [];
  #head = 0;
  #bytes = 0;
  /** Size of each buffered record, in step with #queue from #head (so `take` subtracts what `push` added). */
  #sizes: number[] = [];

  constructor(readonly bounds: ReadAheadBounds, private readonly sizeOf: (record: T) => number) {}

  /** Buffers one record; true when a bound is now reached (pause fetching). */
  push(record: T): boolean {
    const size = this.sizeOf(record);
    this.#queue.push(record);
    this.#sizes.push(size);
    this.#bytes += size;
    return this.full;
  }

  /** Up to `max` records, oldest first. */
  take(max: number): T[] {
    const end = Math.min(this.#queue.length, this.#head + max);
    const out = this.#queue.slice(this.#head, end);
    for (let i = this.#head; i < end; i++) this.#bytes -= this.#sizes[i]!;
    this.#head = end;
    if (this.#head > 4096 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#sizes = this.#sizes.slice(this.#head);
      this.#head = 0;
    }
    return out;
  }

  /** Drops every buffered record. */
  clear(): void {
    this.#queue = [];
    this.#sizes = [];
    this.#head = 0;
    this.#bytes = 0;
  }

  get records(): number { return this.#queue.length - this.#head; }
  get bytes(): number { return this.#bytes; }
  get full(): boolean { return this.records >= this.bounds.maxRecords || this.#bytes >= this.bounds.maxBytes; }
  /** Under half of both bounds: a paused stream may resume. */
  get resumable(): boolean { return this.records < this.bounds.maxRecords / 2 && this.#bytes < this.bounds.maxBytes / 2; }
}

/** Bytes of a fetched record as buffered: key, value and every header's key and value. */
export function recordBytes(m: { key?: Buffer | null; value?: Buffer | null; headers?: Map<Buffer, Buffer> | null }): number {
  let n = (m.key?.length ?? 0) + (m.value?.length ?? 0);
  if (m.headers) for (const [k, v] of m.headers) n += (k?.length ?? 0) + (v?.length ?? 0);
  return n;
}
