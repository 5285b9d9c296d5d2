// The hand-written TS types must match the .avsc files: same record keys, same enum symbols.
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import avro from 'avsc';
import { compileAvroType, defaultSchemasDir, readCurrentSchema } from './schema-files.js';
import { ENUM_SYMBOLS, NAMESPACE, RECORD_KEYS, RECORD_NAMES } from './types.js';

interface SchemaObject {
  type?: unknown;
  name?: string;
  namespace?: string;
  doc?: string;
  fields?: { name: string; doc?: string; type: unknown }[];
  symbols?: string[];
  items?: unknown;
}

/** Every named record and enum in a raw schema, by short name. */
function namedTypes(schema: unknown, out = new Map<string, SchemaObject>()): Map<string, SchemaObject> {
  if (Array.isArray(schema)) schema.forEach((s) => namedTypes(s, out));
  else if (schema && typeof schema === 'object') {
    const s = schema as SchemaObject;
    if ((s.type === 'record' || s.type === 'enum') && s.name) out.set(s.name, s);
    for (const f of s.fields ?? []) namedTypes(f.type, out);
    if (s.items) namedTypes(s.items, out);
    if (typeof s.type === 'object') namedTypes(s.type, out);
  }
  return out;
}

const dir = defaultSchemasDir();
const schemas = RECORD_NAMES.map((name) => ({ name, schema: readCurrentSchema(dir, name) as SchemaObject }));

describe('TS record types follow the .avsc files', () => {
  it('every top-level record has a schema file and every schema file is a known record', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.avsc')).map((f) => f.replace(/\.avsc$/, '')).sort();
    assert.deepEqual(files, [...RECORD_NAMES].sort());
  });

  const seenRecords = new Set<string>();
  const seenEnums = new Set<string>();
  for (const { name, schema } of schemas) {
    it(`${name}: namespace ${NAMESPACE}, parses, record and field docs present`, () => {
      assert.equal(schema.namespace, NAMESPACE);
      assert.equal(schema.name, name);
      assert.ok(compileAvroType(schema as avro.Schema, name));
      for (const [typeName, t] of namedTypes(schema)) {
        assert.ok(t.doc && t.doc.length > 10, `${name}: type ${typeName} has no doc`);
        for (const f of t.fields ?? []) assert.ok(f.doc && f.doc.length > 5, `${name}: field ${typeName}.${f.name} has no doc`);
      }
    });
    for (const [typeName, t] of namedTypes(schema)) {
      if (t.type === 'record') {
        seenRecords.add(typeName);
        it(`${name}: record ${typeName} fields = TS keys`, () => {
          const keys = RECORD_KEYS[typeName];
          assert.ok(keys, `types.ts RECORD_KEYS has no entry for ${typeName}`);
          assert.deepEqual([...keys].sort(), (t.fields ?? []).map((f) => f.name).sort());
        });
      } else {
        seenEnums.add(typeName);
        it(`${name}: enum ${typeName} symbols = TS union`, () => {
          const symbols = ENUM_SYMBOLS[typeName];
          assert.ok(symbols, `types.ts ENUM_SYMBOLS has no entry for ${typeName}`);
          assert.deepEqual([...symbols], t.symbols);
        });
      }
    }
  }

  it('types.ts describes no record or enum that the schemas lack', () => {
    assert.deepEqual(Object.keys(RECORD_KEYS).filter((k) => !seenRecords.has(k)), []);
    assert.deepEqual(Object.keys(ENUM_SYMBOLS).filter((k) => !seenEnums.has(k)), []);
  });
});
