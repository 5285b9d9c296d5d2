// Schema evolution (old writer → current reader), the schema id table's guarantees, and a pluggable
// SchemaIdResolver.
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError, RecordError } from './errors.js';
import { createCodecs } from './codecs.js';
import { SAMPLES } from '../../test/support/contract-samples.js';
import { compileAvroType, defaultSchemasDir, readJsonFile, schemaFingerprint, type AvroSchema } from './schema-files.js';
import { LocalSchemaIdResolver, type RegisteredSchema, type SchemaIdResolver } from './schema-id-resolver.js';

const codecs = createCodecs();
const dir = defaultSchemasDir();
const v1Type = compileAvroType(readJsonFile(dir, 'history/ChatMessage.v1.avsc') as AvroSchema, 'v1');

function framed(id: number, body: Buffer): Buffer {
  const h = Buffer.alloc(5);
  h.writeUInt32BE(id, 1);
  return Buffer.concat([h, body]);
}

const v1Messages = SAMPLES.ChatMessage.map(({ tenantId: _t, locale: _l, ...v1 }) => v1);

describe('ChatMessage v1 (schema id 1) → current reader', () => {
  const table = LocalSchemaIdResolver.load(dir);
  it('the id table registers v1 under id 1 and the current file as the newest version', () => {
    assert.equal(table.byId(1)?.version, 1);
    assert.equal(table.latest('org.vigie.v1.ChatMessage')?.id, codecs.ChatMessage.schemaId);
    assert.ok(codecs.ChatMessage.schemaId !== 1);
  });

  v1Messages.forEach((old, i) => {
    it(`#${i}: Avro written with v1 decodes with tenantId and locale null`, () => {
      const bytes = framed(1, v1Type.toBuffer(old));
      const decoded = codecs.decodeChatMessage(bytes, 'auto');
      assert.deepStrictEqual({ ...decoded }, { ...old, tenantId: null, locale: null });
      // the same message re-encoded by the current codec carries the current id
      assert.equal(codecs.ChatMessage.encodeAvro(decoded).readUInt32BE(1), codecs.ChatMessage.schemaId);
    });
    it(`#${i}: JSON in the v1 shape (no tenantId, no locale) decodes`, () => {
      const decoded = codecs.decodeChatMessage(Buffer.from(JSON.stringify(old)), 'auto');
      assert.deepStrictEqual({ ...decoded }, { ...old, tenantId: null, locale: null });
    });
  });

  it('a v1 body framed with the current id is caught (bytes left over or cut short)', () => {
    const bytes = framed(codecs.ChatMessage.schemaId, v1Type.toBuffer(v1Messages[0]));
    assert.throws(() => codecs.decodeChatMessage(bytes, 'avro'), RecordError);
  });
});

describe('AuditRecord v1 (id 6) and v2 (id 12) → current reader (v3: sources, reasons, ages)', () => {
  const table = LocalSchemaIdResolver.load(dir);
  /** What an older writer had: no per-category sources, no reasons, no ages (and for v1 no textRepaired). */
  const older = (version: number) => SAMPLES.AuditRecord.map(({ signals: _g, reasons: _r, senderDeclaredAge: _a, participantAges: _p, textRepaired, ...rest }) => ({
    ...rest, ...(version >= 2 ? { textRepaired } : {}), categories: rest.categories.map(({ sources: _s, ...c }) => c),
  }));
  for (const [id, version] of [[6, 1], [12, 2]] as const) {
    it(`id ${id} is AuditRecord version ${version}; the current file is version 3 with its own id`, () => {
      assert.equal(table.byId(id)?.subject, 'org.vigie.v1.AuditRecord');
      assert.equal(table.byId(id)?.version, version);
      assert.equal(table.latest('org.vigie.v1.AuditRecord')?.version, 3);
      assert.equal(codecs.AuditRecord.schemaId, table.latest('org.vigie.v1.AuditRecord')?.id);
    });
    older(version).forEach((old, i) => {
      it(`#${i}: Avro written with id ${id} reads with empty sources and reasons, null and empty ages`, () => {
        const writer = compileAvroType(table.byId(id)!.schema, `id ${id}`);
        const decoded = codecs.AuditRecord.decodeAvro(framed(id, writer.toBuffer(old)));
        const want = SAMPLES.AuditRecord[i]!;
        assert.deepStrictEqual(JSON.parse(JSON.stringify(decoded)), JSON.parse(JSON.stringify({
          ...want, signals: [], reasons: [], senderDeclaredAge: null, participantAges: [], textRepaired: version >= 2 ? want.textRepaired : false,
          categories: want.categories.map((c) => ({ ...c, sources: [] })),
        })));
      });
      it(`#${i}: JSON in the version ${version} shape decodes with the same defaults`, () => {
        const decoded = codecs.AuditRecord.decodeJson(Buffer.from(JSON.stringify(old)));
        assert.deepStrictEqual(decoded.reasons, []);
        assert.deepStrictEqual(decoded.signals, []);
        assert.equal(decoded.senderDeclaredAge, null);
        assert.deepStrictEqual(decoded.participantAges, []);
        assert.deepStrictEqual(decoded.categories.map((c) => c.sources), old.categories.map(() => []));
      });
    });
  }
});

describe('every registered version stays readable by the current schema', () => {
  for (const reg of LocalSchemaIdResolver.load(dir).entries()) {
    const name = reg.subject.replace('org.vigie.v1.', '') as keyof typeof SAMPLES;
    it(`id ${reg.id}: ${reg.subject} version ${reg.version}`, () => {
      assert.ok(codecs[name].type.createResolver(compileAvroType(reg.schema, `id ${reg.id}`)));
    });
  }
});

describe('the schema id table protects registered schemas', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'vigie-schemas-'));
  after(() => rmSync(tmp, { recursive: true, force: true }));
  let n = 0;
  function copy(): string {
    const d = join(tmp, String(n++));
    cpSync(dir, d, { recursive: true });
    return d;
  }
  const registry = (d: string): Record<string, Record<string, unknown>> =>
    JSON.parse(readFileSync(join(d, 'registry.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  const addField = (schema: AvroSchema, field: object): AvroSchema => {
    const s = structuredClone(schema) as { fields: object[] };
    s.fields.push(field);
    return s as AvroSchema;
  };

  it('editing a registered file without a new id fails at start-up, naming the file', () => {
    const d = copy();
    const hist = readJsonFile(d, 'history/ChatMessage.v1.avsc') as AvroSchema;
    writeFileSync(join(d, 'history/ChatMessage.v1.avsc'), JSON.stringify(addField(hist, { name: 'x', type: 'int', default: 0, doc: 'x' })));
    assert.throws(() => createCodecs({ schemasDir: d }), (err: unknown) =>
      err instanceof ConfigError && /history\/ChatMessage\.v1\.avsc no longer matches its registered fingerprint/.test(err.message));
  });

  it('changing the current schema without registering it fails, naming the file', () => {
    const d = copy();
    const cur = readJsonFile(d, 'Verdict.avsc') as AvroSchema;
    writeFileSync(join(d, 'Verdict.avsc'), JSON.stringify(addField(cur, { name: 'x', type: 'int', default: 0, doc: 'x' })));
    assert.throws(() => createCodecs({ schemasDir: d }), /Verdict\.avsc: no longer matches|Verdict\.avsc/);
  });

  it('docs are not part of the fingerprint: rewording a doc needs no new id', () => {
    const d = copy();
    const cur = readJsonFile(d, 'Feedback.avsc') as { doc: string };
    cur.doc = 'Reworded documentation.';
    writeFileSync(join(d, 'Feedback.avsc'), JSON.stringify(cur));
    assert.equal(createCodecs({ schemasDir: d }).Feedback.schemaId, codecs.Feedback.schemaId);
  });

  it('a registered v3 that adds a required field without default cannot read v2 data: clear RecordError', () => {
    const d = copy();
    const v2 = readJsonFile(d, 'ChatMessage.avsc') as AvroSchema;
    const v3 = addField(v2, { name: 'channel', type: 'string', doc: 'required, no default' });
    writeFileSync(join(d, 'history/ChatMessage.v2.avsc'), JSON.stringify(v2));
    writeFileSync(join(d, 'ChatMessage.avsc'), JSON.stringify(v3));
    const reg = registry(d);
    reg['2']!['file'] = 'history/ChatMessage.v2.avsc';
    reg['100'] = { subject: 'org.vigie.v1.ChatMessage', version: 3, file: 'ChatMessage.avsc', fingerprint: schemaFingerprint(compileAvroType(v3, 'v3')) };
    writeFileSync(join(d, 'registry.json'), JSON.stringify(reg));
    const c3 = createCodecs({ schemasDir: d });
    assert.equal(c3.ChatMessage.schemaId, 100);
    const v2bytes = codecs.ChatMessage.encodeAvro(SAMPLES.ChatMessage[0]!);
    assert.throws(() => c3.decodeChatMessage(v2bytes, 'avro'),
      /^RecordError: ChatMessage: records written with schema id 2 \(org\.vigie\.v1\.ChatMessage version 2\) cannot be read with the current schema/);
  });

  const brokenTables: { title: string; edit: (reg: Record<string, Record<string, unknown>>) => void; message: RegExp }[] = [
    { title: 'duplicate version', edit: (r) => { r['50'] = { ...r['3']! }; }, message: /org\.vigie\.v1\.Verdict version 1 is registered twice/ },
    { title: 'file missing', edit: (r) => { r['3']!['file'] = 'Nope.avsc'; }, message: /id 3: .*Nope\.avsc: cannot read/ },
    { title: 'subject does not match the file', edit: (r) => { r['5']!['subject'] = 'org.vigie.v1.Other'; },
      message: /id 5: Escalation\.avsc defines org\.vigie\.v1\.Escalation, but the subject is org\.vigie\.v1\.Other/ },
    { title: 'bad id', edit: (r) => { r['0'] = { ...r['3']! }; }, message: /id 0: an id must be a positive 32-bit integer/ },
    { title: 'path escaping the folder', edit: (r) => { r['3']!['file'] = '../package.json'; }, message: /must be relative .* and stay inside it/ },
  ];
  for (const c of brokenTables) {
    it(`broken id table: ${c.title}`, () => {
      const d = copy();
      const reg = registry(d);
      c.edit(reg);
      writeFileSync(join(d, 'registry.json'), JSON.stringify(reg));
      assert.throws(() => createCodecs({ schemasDir: d }), (err: unknown) => err instanceof ConfigError && c.message.test(err.message));
    });
  }
});

describe('a pluggable SchemaIdResolver (as a Schema Registry client would be)', () => {
  const local = LocalSchemaIdResolver.load(dir);
  /** Knows only the newest schemas up front; fetches older ids on demand, like a registry client. */
  class LazyResolver implements SchemaIdResolver {
    fetched: number[] = [];
    readonly #known = new Map<number, RegisteredSchema>();
    latest(subject: string): RegisteredSchema | undefined {
      const r = local.latest(subject);
      if (r) this.#known.set(r.id, r);
      return r;
    }
    byId(id: number): RegisteredSchema | undefined {
      return this.#known.get(id);
    }
    async fetchById(id: number): Promise<RegisteredSchema | undefined> {
      this.fetched.push(id);
      const r = local.byId(id);
      if (r) this.#known.set(id, r);
      return r;
    }
  }

  it('sync decode of an unfetched id fails; decodeAvroAsync fetches it once, then sync decode works', async () => {
    const ids = new LazyResolver();
    const c = createCodecs({ ids });
    const old = framed(1, v1Type.toBuffer(v1Messages[1]));
    assert.throws(() => c.ChatMessage.decodeAvro(old), /unknown schema id 1/);
    assert.equal((await c.ChatMessage.decodeAvroAsync(old)).messageId, v1Messages[1]!.messageId);
    assert.equal(c.ChatMessage.decodeAvro(old).locale, null);
    await c.ChatMessage.decodeAvroAsync(old);
    assert.deepEqual(ids.fetched, [1]);
  });
});
