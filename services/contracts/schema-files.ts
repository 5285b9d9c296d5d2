/**
 * Reads the `.avsc` files and the schema id table (`schemas/registry.json`) from the repository's
 * schemas/ folder at run time. Parsing happens once, at start-up; codecs reuse the compiled types.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import avro from 'avsc';
import { ConfigError } from './errors.js';

/** Raw Avro schema JSON as written in an `.avsc` file. */
export type AvroSchema = avro.Schema;

/**
 * The schemas/ folder of the repository. This module compiles to dist/services/contracts/, so the
 * folder is three levels up from it.
 */
export function defaultSchemasDir(): string {
  return fileURLToPath(new URL('../../../schemas', import.meta.url));
}


/** Compiles a raw schema to an avsc type. `where` names the file for error messages. */
export function compileAvroType(schema: AvroSchema, where: string): avro.Type {
  try {
    // Fresh options per call: avsc keeps its registry of named types in the options object.
    // Every Vigie union is `null | X`, so unions stay unwrapped (plain values, no {string: ...} wrappers).
    return avro.Type.forSchema(schema, { wrapUnions: false, omitRecordMethods: true, registry: {} });
  } catch (err) {
    throw new ConfigError([`${where}: not a valid Avro schema: ${(err as Error).message}`]);
  }
}

/** `sha256:<hex>` of the schema's Parsing Canonical Form (docs and custom attributes do not count). */
export function schemaFingerprint(type: avro.Type): string {
  return `sha256:${type.fingerprint('sha256').toString('hex')}`;
}

/** Reads and parses one JSON file under `dir`; `file` must stay inside `dir`. */
export function readJsonFile(dir: string, file: string): unknown {
  const path = resolve(dir, file);
  if (isAbsolute(file) || normalize(file).startsWith('..')) {
    throw new ConfigError([`${file}: schema paths must be relative to ${dir} and stay inside it`]);
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError([`${path}: cannot read: ${(err as Error).message}`]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ConfigError([`${path}: not valid JSON: ${(err as Error).message}`]);
  }
}

/** The current (reader) schema of a record: `schemas/<name>.avsc`. */
export function readCurrentSchema(schemasDir: string, recordName: string): AvroSchema {
  return readJsonFile(schemasDir, `${recordName}.avsc`) as AvroSchema;
}

/** Full Avro name (`org.vigie.v1.ChatMessage`) of a record schema, or undefined if it is not a named record. */
export function fullRecordName(schema: AvroSchema): string | undefined {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return undefined;
  const s = schema as { type?: unknown; name?: unknown; namespace?: unknown };
  if (s.type !== 'record' || typeof s.name !== 'string') return undefined;
  if (s.name.includes('.')) return s.name;
  return typeof s.namespace === 'string' && s.namespace ? `${s.namespace}.${s.name}` : s.name;
}
