/**
 * Schema ids of the Confluent wire format. Ids come from a `SchemaIdResolver`; the default is the
 * committed table `schemas/registry.json` (id → subject, version, file, fingerprint). A Confluent
 * Schema Registry client can implement the same interface later: preload the subjects at start-up
 * (lookups are synchronous so the hot decode path never waits) and implement `fetchById` for ids
 * first seen at run time.
 *
 * Subjects follow the RecordNameStrategy: the full record name (`org.vigie.v1.ChatMessage`), because
 * one record type can travel on several topics (e.g. DeadLetter on every `.dlq` topic).
 */
import type avro from 'avsc';
import { ConfigError } from './errors.js';
import { compileAvroType, fullRecordName, readJsonFile, schemaFingerprint, type AvroSchema } from './schema-files.js';

export interface RegisteredSchema {
  readonly id: number;
  /** Full record name, e.g. `org.vigie.v1.ChatMessage`. */
  readonly subject: string;
  readonly version: number;
  readonly schema: AvroSchema;
  /** `sha256:<hex>` of the Parsing Canonical Form. */
  readonly fingerprint: string;
}

export interface SchemaIdResolver {
  /** The newest registered schema of `subject` (the one new records are written with); undefined if none. */
  latest(subject: string): RegisteredSchema | undefined;
  /** The schema registered under `id`; undefined when the id is unknown. Must not block. */
  byId(id: number): RegisteredSchema | undefined;
  /** Optional: look up an id `byId` does not know yet (e.g. ask a Schema Registry), then cache it. */
  fetchById?(id: number): Promise<RegisteredSchema | undefined>;
}

/** One row of schemas/registry.json. */
export interface RegistryEntry {
  subject: string;
  version: number;
  /** Path of the `.avsc` file relative to schemas/. */
  file: string;
  /** `sha256:<hex>` of the schema's Parsing Canonical Form: a registered schema must never change. */
  fingerprint: string;
}

export const REGISTRY_FILE = 'registry.json';

/** The committed id table; every problem in it is reported at once as a ConfigError. */
export class LocalSchemaIdResolver implements SchemaIdResolver {
  readonly #byId = new Map<number, RegisteredSchema>();
  readonly #latest = new Map<string, RegisteredSchema>();
  /** The parsed avsc type of every registered schema, by id (parsed once, shared with the codecs). */
  readonly types = new Map<number, avro.Type>();

  private constructor() {}

  static load(schemasDir: string): LocalSchemaIdResolver {
    const raw = readJsonFile(schemasDir, REGISTRY_FILE);
    const where = `${schemasDir}/${REGISTRY_FILE}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new ConfigError([`${where}: expected an object mapping schema id to {subject, version, file, fingerprint}`]);
    }
    const resolver = new LocalSchemaIdResolver();
    const problems: string[] = [];
    const versions = new Set<string>();
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      const at = `${where} id ${key}`;
      const id = Number(key);
      if (!/^[1-9]\d*$/.test(key) || id > 0x7fffffff) {
        problems.push(`${at}: an id must be a positive 32-bit integer`);
        continue;
      }
      const entry = value as Partial<RegistryEntry> | null;
      if (typeof entry !== 'object' || entry === null || typeof entry.subject !== 'string' || typeof entry.file !== 'string'
        || !Number.isInteger(entry.version) || typeof entry.fingerprint !== 'string') {
        problems.push(`${at}: expected {subject: string, version: integer, file: string, fingerprint: string}`);
        continue;
      }
      const version = entry.version as number;
      if (versions.has(`${entry.subject}@${version}`)) {
        problems.push(`${at}: ${entry.subject} version ${version} is registered twice`);
        continue;
      }
      versions.add(`${entry.subject}@${version}`);
      let schema: AvroSchema;
      let type: avro.Type;
      try {
        schema = readJsonFile(schemasDir, entry.file) as AvroSchema;
        type = compileAvroType(schema, entry.file);
      } catch (err) {
        problems.push(...(err instanceof ConfigError ? err.problems.map((p) => `${at}: ${p}`) : [`${at}: ${String(err)}`]));
        continue;
      }
      const name = fullRecordName(schema);
      if (name !== entry.subject) {
        problems.push(`${at}: ${entry.file} defines ${name ?? 'no named record'}, but the subject is ${entry.subject}`);
        continue;
      }
      const fingerprint = schemaFingerprint(type);
      if (fingerprint !== entry.fingerprint) {
        problems.push(`${at}: ${entry.file} no longer matches its registered fingerprint (registered ${entry.fingerprint}, `
          + `file has ${fingerprint}); a registered schema must not change: register the new shape under a new id and version`);
        continue;
      }
      const registered: RegisteredSchema = { id, subject: entry.subject, version, schema, fingerprint };
      resolver.#byId.set(id, registered);
      resolver.types.set(id, type);
      const prev = resolver.#latest.get(entry.subject);
      if (prev === undefined || prev.version < version) resolver.#latest.set(entry.subject, registered);
    }
    if (problems.length) throw new ConfigError(problems);
    return resolver;
  }

  latest(subject: string): RegisteredSchema | undefined {
    return this.#latest.get(subject);
  }

  byId(id: number): RegisteredSchema | undefined {
    return this.#byId.get(id);
  }

  /** Every registered schema, by ascending id. */
  entries(): RegisteredSchema[] {
    return [...this.#byId.values()].sort((a, b) => a.id - b.id);
  }
}
