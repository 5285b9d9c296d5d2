/**
 * Per-record codecs: Avro (Confluent wire format) and JSON, built once from the .avsc files.
 *
 *   const codecs = createCodecs();                       // schemas from the repository's schemas/
 *   const msg = codecs.decodeChatMessage(kafkaValue, 'auto');
 *   const bytes = codecs.Verdict.encodeAvro(verdict);
 *
 * Every decode or encode failure is a RecordError (not retriable) whose message names the record
 * and, when one field is at fault, its path (also in `err.field`).
 */
import type avro from 'avsc';
import { ConfigError, RecordError } from './errors.js';
import { asBuffer, AvroWire, avroValueError, MAGIC_BYTE } from './avro-wire.js';
import { compileFromJson, compileLabelCheck, compileToJson } from './json-convert.js';
import { compileAvroType, defaultSchemasDir, readCurrentSchema, schemaFingerprint } from './schema-files.js';
import { LocalSchemaIdResolver, type SchemaIdResolver } from './schema-id-resolver.js';
import { walkSchema } from './schema-walk.js';
import { NAMESPACE, RECORD_NAMES, type RecordName, type RecordTypes } from './types.js';

export type WireFormat = 'avro' | 'json' | 'auto';

export interface RecordCodec<T> {
  readonly name: RecordName;
  /** Schema Registry subject (RecordNameStrategy): `org.vigie.v1.<name>`. */
  readonly subject: string;
  /** Id written in the header of every Avro record this codec encodes. */
  readonly schemaId: number;
  /** The current (reader) avsc type. */
  readonly type: avro.Type;
  encodeAvro(value: T): Buffer;
  decodeAvro(bytes: Uint8Array): T;
  /** decodeAvro that may ask the resolver's `fetchById` about an id it does not know yet. */
  decodeAvroAsync(bytes: Uint8Array): Promise<T>;
  /** JSON text; timestamps as epoch ms numbers, bytes as base64. */
  encodeJson(value: T): string;
  /** Decodes UTF-8 JSON bytes (invalid UTF-8 is rejected) or a string. */
  decodeJson(input: Uint8Array | string): T;
  /** `auto`: magic byte 0 → Avro; `{` (after optional BOM/whitespace) → JSON; a string is always JSON. */
  decode(input: Uint8Array | string, format: WireFormat): T;
  /** Checks a value against the schema (and the taxonomy); throws RecordError naming the bad field. */
  validate(value: unknown): asserts value is T;
}

export type Codecs = { readonly [K in RecordName]: RecordCodec<RecordTypes[K]> } & {
  /** The worker's input: `codecs.ChatMessage.decode(bytes, format)`. */
  decodeChatMessage(input: Uint8Array | string, format: WireFormat): RecordTypes['ChatMessage'];
};

export interface CodecsOptions {
  /** Folder holding the .avsc files and registry.json. Default: the repository's schemas/ (resolved from this module). */
  schemasDir?: string;
  /** Where schema ids come from. Default: the committed table schemas/registry.json. */
  ids?: SchemaIdResolver;
}

export interface CompiledCodecsOptions {
  schemasDir: string;
  ids: SchemaIdResolver;
  /** Writer types already parsed by the local table, reused instead of parsing again. */
  knownTypes: ReadonlyMap<number, avro.Type>;
}

export function compileCodecsOptions(raw: CodecsOptions = {}): CompiledCodecsOptions {
  if (raw.schemasDir !== undefined && (typeof raw.schemasDir !== 'string' || raw.schemasDir === '')) {
    throw new ConfigError(['schemasDir: expected a folder path']);
  }
  const schemasDir = raw.schemasDir ?? defaultSchemasDir();
  if (raw.ids) return { schemasDir, ids: raw.ids, knownTypes: new Map() };
  const local = LocalSchemaIdResolver.load(schemasDir);
  return { schemasDir, ids: local, knownTypes: local.types };
}

/** Builds every record's codec once (schema parsing, resolvers and converters happen here, not per message). */
export function createCodecs(raw: CodecsOptions = {}): Codecs {
  const opts = compileCodecsOptions(raw);
  const problems: string[] = [];
  const out: Partial<Record<RecordName, RecordCodec<unknown>>> = {};
  for (const name of RECORD_NAMES) {
    try {
      out[name] = createRecordCodec(name, opts);
    } catch (err) {
      if (err instanceof ConfigError) problems.push(...err.problems);
      else throw err;
    }
  }
  if (problems.length) throw new ConfigError(problems);
  const codecs = out as { [K in RecordName]: RecordCodec<RecordTypes[K]> };
  const chat = codecs.ChatMessage;
  return { ...codecs, decodeChatMessage: (input, format) => chat.decode(input, format) };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function createRecordCodec(name: RecordName, opts: CompiledCodecsOptions): RecordCodec<unknown> {
  const file = `${name}.avsc`;
  const schema = readCurrentSchema(opts.schemasDir, name);
  const type = compileAvroType(schema, file);
  const fingerprint = schemaFingerprint(type);
  const subject = `${NAMESPACE}.${name}`;
  if (type.name !== subject) throw new ConfigError([`${file}: defines ${type.name ?? 'an unnamed type'}, expected ${subject}`]);
  const latest = opts.ids.latest(subject);
  if (!latest) throw new ConfigError([`${file}: ${subject} has no schema id (add it to registry.json)`]);
  if (latest.fingerprint !== fingerprint) {
    throw new ConfigError([`${file}: differs from the newest registered ${subject} (id ${latest.id}, version ${latest.version}, `
      + `${latest.fingerprint}); this file has ${fingerprint}: register it as a new version with a new id`]);
  }
  const node = walkSchema(schema, file);
  const fromJson = compileFromJson(node);
  const toJson = compileToJson(node);
  const labels = compileLabelCheck(node);
  const wire = new AvroWire<unknown>({ name, subject, type, fingerprint, writeId: latest.id, ids: opts.ids, knownTypes: opts.knownTypes });

  function validate(value: unknown): void {
    if (!type.isValid(value)) throw avroValueError(name, type, value);
    labels?.(value, name, '');
  }

  function decodeJson(input: Uint8Array | string): unknown {
    let text: string;
    if (typeof input === 'string') {
      text = input;
    } else {
      try {
        text = utf8.decode(input);
      } catch (err) {
        throw new RecordError(`${name}: input is not valid UTF-8 (${(err as Error).message})`, { cause: err });
      }
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      // V8 quotes part of the input in some messages ("Unexpected token 'x', "{…" is not valid JSON"): drop the
      // quote so chat text never reaches error messages, logs or dead-letter headers.
      const reason = (err as Error).message.replace(/, (?:\.\.\.)?".*$/s, '');
      throw new RecordError(`${name}: not valid JSON: ${reason}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new RecordError(`${name}: expected a JSON object, got ${Array.isArray(parsed) ? 'an array' : JSON.stringify(parsed)?.slice(0, 60)}`);
    }
    return fromJson(parsed, name, '');
  }

  function decodeAvro(bytes: Uint8Array): unknown {
    const value = wire.decode(bytes);
    labels?.(value, name, '');
    return value;
  }

  return {
    name,
    subject,
    schemaId: latest.id,
    type,
    encodeAvro: (value) => {
      labels?.(value, name, '');
      return wire.encode(value);
    },
    decodeAvro,
    decodeAvroAsync: async (bytes) => {
      const value = await wire.decodeAsync(bytes);
      labels?.(value, name, '');
      return value;
    },
    encodeJson: (value) => {
      validate(value);
      return JSON.stringify(toJson(value));
    },
    decodeJson,
    decode: (input, format) => {
      if (typeof input === 'string') {
        if (format === 'avro') throw new RecordError(`${name}: Avro input must be bytes, got a string`);
        return decodeJson(input);
      }
      if (format === 'avro') return decodeAvro(input);
      if (format === 'json') return decodeJson(input);
      return detect(name, input) === 'avro' ? decodeAvro(input) : decodeJson(input);
    },
    validate,
  };
}

/** Guesses the format of a record from its first byte. */
export function detect(name: string, input: Uint8Array): 'avro' | 'json' {
  const buf = asBuffer(input);
  if (buf.length === 0) throw new RecordError(`${name}: empty record (0 bytes)`);
  const b = buf[0]!;
  if (b === MAGIC_BYTE) return 'avro';
  // '{', or a UTF-8 BOM / whitespace before it
  if (b === 0x7b || b === 0xef || b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) return 'json';
  throw new RecordError(`${name}: cannot tell the format: first byte 0x${b.toString(16).padStart(2, '0')} is neither 0x00 `
    + "(Avro, Confluent wire format) nor '{' (JSON)");
}
