/**
 * Avro binary in the Confluent wire format: magic byte 0, 4-byte big-endian schema id, Avro body.
 * Decoding looks the id up, and reads the body with the WRITER schema resolved to the current
 * READER schema (avsc `createResolver`); resolvers are built once per writer id and cached.
 */
import type avro from 'avsc';
import { RecordError } from './errors.js';
import { compileAvroType } from './schema-files.js';
import type { RegisteredSchema, SchemaIdResolver } from './schema-id-resolver.js';

export const MAGIC_BYTE = 0;
export const HEADER_SIZE = 5;

/** How to read bodies written under one schema id. */
interface WriterPlan {
  /** Undefined when the writer schema is the reader schema (no resolution needed). */
  resolver: avro.Resolver | undefined;
  /** Set when the current schema cannot read this writer's records: each such record fails with it. */
  error?: RecordError;
}

export interface AvroWireOptions {
  /** Short record name, used as the first segment of error paths (`ChatMessage.sentAt`). */
  name: string;
  subject: string;
  /** Current (reader) type; also the type new records are written with. */
  type: avro.Type;
  /** Fingerprint of `type`, to skip resolution when a writer schema is identical. */
  fingerprint: string;
  /** Id new records are written under. */
  writeId: number;
  ids: SchemaIdResolver;
  /** Already parsed writer types by id (the local table parses them once); others are parsed on first sight. */
  knownTypes?: ReadonlyMap<number, avro.Type>;
}

export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export class AvroWire<T> {
  readonly #o: AvroWireOptions;
  readonly #plans = new Map<number, WriterPlan>();
  readonly #header: Buffer;
  #scratch = Buffer.allocUnsafe(4096);

  constructor(o: AvroWireOptions) {
    this.#o = o;
    this.#header = Buffer.alloc(HEADER_SIZE);
    this.#header.writeUInt8(MAGIC_BYTE, 0);
    this.#header.writeUInt32BE(o.writeId, 1);
    this.#plans.set(o.writeId, { resolver: undefined });
    for (const [id, type] of o.knownTypes ?? []) {
      const reg = o.ids.byId(id);
      if (reg && reg.subject === o.subject && !this.#plans.has(id)) this.#plans.set(id, this.#plan(reg, type));
    }
  }

  /** Encodes an already validated value. Throws RecordError naming the bad field otherwise. */
  encode(value: T): Buffer {
    this.#header.copy(this.#scratch, 0);
    let end: number;
    try {
      end = this.#o.type.encode(value, this.#scratch, HEADER_SIZE);
      if (end < 0) {
        this.#scratch = Buffer.allocUnsafe(Math.max(this.#scratch.length * 2, this.#scratch.length - end));
        this.#header.copy(this.#scratch, 0);
        end = this.#o.type.encode(value, this.#scratch, HEADER_SIZE);
      }
    } catch {
      // avsc's own message embeds the offending value (possibly chat text): rebuild one that names paths only.
      throw avroValueError(this.#o.name, this.#o.type, value);
    }
    const out = Buffer.allocUnsafe(end);
    this.#scratch.copy(out, 0, 0, end);
    return out;
  }

  decode(bytes: Uint8Array): T {
    const buf = asBuffer(bytes);
    const id = this.#readHeader(buf);
    const plan = this.#plans.get(id) ?? this.#planFor(id, this.#o.ids.byId(id));
    return this.#body(buf, id, plan);
  }

  /** Like decode, but asks the resolver's `fetchById` (e.g. a Schema Registry) about ids it does not know yet. */
  async decodeAsync(bytes: Uint8Array): Promise<T> {
    const buf = asBuffer(bytes);
    const id = this.#readHeader(buf);
    let plan = this.#plans.get(id);
    if (!plan) {
      const reg = this.#o.ids.byId(id) ?? (await this.#o.ids.fetchById?.(id));
      plan = this.#planFor(id, reg);
    }
    return this.#body(buf, id, plan);
  }

  #readHeader(buf: Buffer): number {
    const name = this.#o.name;
    if (buf.length === 0) throw new RecordError(`${name}: empty record (0 bytes)`);
    if (buf[0] !== MAGIC_BYTE) {
      const hint = buf[0] === 0x7b ? ' (it looks like JSON: decode it with format json or auto)' : '';
      throw new RecordError(`${name}: unknown magic byte 0x${buf[0]!.toString(16).padStart(2, '0')}, expected 0x00 `
        + `(Confluent wire format: magic byte 0, 4-byte schema id, Avro body)${hint}`);
    }
    if (buf.length < HEADER_SIZE) {
      throw new RecordError(`${name}: truncated record: ${buf.length} bytes, shorter than the 5-byte Confluent header `
        + '(magic byte + 4-byte schema id)');
    }
    return buf.readUInt32BE(1);
  }

  #planFor(id: number, reg: RegisteredSchema | undefined): WriterPlan {
    const name = this.#o.name;
    if (!reg) throw new RecordError(`${name}: unknown schema id ${id} (not in the schema id table)`);
    if (reg.subject !== this.#o.subject) {
      throw new RecordError(`${name}: schema id ${id} is ${reg.subject} version ${reg.version}, not ${this.#o.subject}`);
    }
    let type: avro.Type;
    try {
      type = compileAvroType(reg.schema, `schema id ${id}`);
    } catch (err) {
      throw new RecordError(`${name}: schema id ${id} is not a valid Avro schema`, { cause: err });
    }
    const plan = this.#plan(reg, type);
    this.#plans.set(id, plan);
    return plan;
  }

  #plan(reg: RegisteredSchema, writer: avro.Type): WriterPlan {
    if (reg.fingerprint === this.#o.fingerprint) return { resolver: undefined };
    try {
      return { resolver: this.#o.type.createResolver(writer) };
    } catch (err) {
      // Only records of this id are unreadable (they go to the dead-letter topic); evolution.test.ts
      // checks that every committed version stays readable.
      const error = new RecordError(`${this.#o.name}: records written with schema id ${reg.id} (${reg.subject} version ${reg.version}) `
        + `cannot be read with the current schema: ${(err as Error).message}`, { cause: err });
      return { resolver: undefined, error };
    }
  }

  #body(buf: Buffer, id: number, plan: WriterPlan): T {
    const name = this.#o.name;
    if (plan.error) throw plan.error;
    let res: { value: unknown; offset: number };
    try {
      res = this.#o.type.decode(buf, HEADER_SIZE, plan.resolver);
    } catch (err) {
      throw new RecordError(`${name}: invalid Avro body for schema id ${id}: ${(err as Error).message}`, { cause: err });
    }
    if (res.offset < 0) {
      throw new RecordError(`${name}: truncated record: ${buf.length} bytes end inside the Avro body of schema id ${id}`);
    }
    if (res.offset !== buf.length) {
      throw new RecordError(`${name}: ${buf.length - res.offset} unexpected bytes after the Avro body of schema id ${id} `
        + '(corrupted record or wrong schema id)');
    }
    return res.value as T;
  }
}

/** Turns an avsc encode failure into a RecordError naming every bad field path (values shortened, never whole records). */
export function avroValueError(name: string, type: avro.Type, value: unknown): RecordError {
  const problems: { field: string; message: string }[] = [];
  type.isValid(value, {
    errorHook: (path: string[], val: unknown, t: avro.Type) => {
      const field = name + path.map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`)).join('');
      problems.push({ field, message: val === undefined ? 'missing' : `expected ${avroTypeWords(t)}, got ${describe(val)}` });
    },
  });
  const first = problems[0];
  if (!first) return new RecordError(`${name}: cannot encode: the value does not match the schema`);
  return new RecordError(problems.map((p) => `${p.field}: ${p.message}`).join('; '), { field: first.field });
}

function avroTypeWords(t: avro.Type): string {
  const any = t as avro.Type & { symbols?: string[]; types?: avro.Type[] };
  if (any.symbols) return `one of ${any.symbols.join('|')}`;
  if (any.types) return any.types.map(avroTypeWords).join(' or ');
  return t.typeName;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return Buffer.isBuffer(v) ? 'bytes' : 'an object';
  const s = typeof v === 'string' ? JSON.stringify(v) : String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
