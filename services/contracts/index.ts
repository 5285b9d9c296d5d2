/** Topic contracts: record types, schema ids and codecs. Import from here. */
export * from './types.js';
export { createCodecs, compileCodecsOptions, detect, type Codecs, type CodecsOptions, type RecordCodec, type WireFormat } from './codecs.js';
export { LocalSchemaIdResolver, REGISTRY_FILE, type RegisteredSchema, type SchemaIdResolver } from './schema-id-resolver.js';
export { defaultSchemasDir, schemaFingerprint } from './schema-files.js';
export { HEADER_SIZE, MAGIC_BYTE } from './avro-wire.js';
export { parseIsoMillis } from './json-convert.js';
