// ISO-8601 parsing and the JSON converters on small hand-made schemas.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ConfigError, RecordError } from './errors.js';
import { compileFromJson, compileToJson, parseIsoMillis } from './json-convert.js';
import { walkSchema } from './schema-walk.js';

describe('parseIsoMillis', () => {
  const cases: [string, number | undefined][] = [
    ['2025-11-28T21:14:07.312Z', Date.UTC(2025, 10, 28, 21, 14, 7, 312)],
    ['2025-11-28T21:14:07Z', Date.UTC(2025, 10, 28, 21, 14, 7)],
    ['2025-11-28T21:14Z', Date.UTC(2025, 10, 28, 21, 14)],
    ['2025-11-28 21:14:07z', Date.UTC(2025, 10, 28, 21, 14, 7)],
    ['2025-11-28T21:14:07,5Z', Date.UTC(2025, 10, 28, 21, 14, 7, 500)],
    ['2025-11-28T21:14:07.1Z', Date.UTC(2025, 10, 28, 21, 14, 7, 100)],
    ['2025-11-28T21:14:07.123456789Z', Date.UTC(2025, 10, 28, 21, 14, 7, 123)],
    ['2025-11-28T22:14:07+01:00', Date.UTC(2025, 10, 28, 21, 14, 7)],
    ['2025-11-28T20:44:07-00:30', Date.UTC(2025, 10, 28, 21, 14, 7)],
    ['2025-11-29T02:44:07+0530', Date.UTC(2025, 10, 28, 21, 14, 7)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['1969-12-31T23:59:59.999Z', -1],
    ['2023-02-29T00:00:00Z', undefined], // not a leap year
    ['2025-04-31T00:00:00Z', undefined],
    ['2025-13-01T00:00:00Z', undefined],
    ['2025-11-28T24:00:00Z', undefined],
    ['2025-11-28T21:60:00Z', undefined],
    ['2025-11-28T21:14:07', undefined], // no time zone
    ['2025-11-28', undefined],
    ['2025-11-28T21:14:07+25:00', undefined],
    ['28/11/2025 21:14', undefined],
    ['1764364447312', undefined],
    ['yesterday', undefined],
    ['', undefined],
  ];
  for (const [input, want] of cases) {
    it(`${JSON.stringify(input)} → ${want ?? 'rejected'}`, () => assert.equal(parseIsoMillis(input), want));
  }
});

describe('converters on a hand-made schema', () => {
  const node = walkSchema({
    type: 'record', name: 'T', namespace: 'org.vigie.test', fields: [
      { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
      { name: 'count', type: 'long' },
      { name: 'tags', type: { type: 'map', values: 'int' }, default: {} },
      { name: 'labels', type: { type: 'array', items: 'string' }, 'vigie.label': 'signal', default: [] },
      { name: 'blob', type: ['null', 'bytes'], default: null },
      { name: 'either', type: ['null', 'int', 'string'], default: null },
      { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['a', 'b'] }, default: 'a' },
      { name: 'again', type: ['null', 'Kind'], default: null },
    ],
  } as never, 'test');
  const from = compileFromJson(node);
  const to = compileToJson(node);
  const decode = (v: unknown): Record<string, unknown> => from(v, 'T', '') as Record<string, unknown>;

  it('fills defaults, and containers from defaults are not shared between records', () => {
    const a = decode({ at: 1, count: 2 });
    const b = decode({ at: 1, count: 2 });
    assert.deepStrictEqual(a, { at: 1, count: 2, tags: {}, labels: [], blob: null, either: null, kind: 'a', again: null });
    (a['labels'] as string[]).push('x');
    assert.deepStrictEqual(b['labels'], []);
  });

  it('general unions try each branch; named type references resolve', () => {
    assert.equal(decode({ at: 1, count: 2, either: 7 })['either'], 7);
    assert.equal(decode({ at: 1, count: 2, either: 'seven' })['either'], 'seven');
    assert.equal(decode({ at: 1, count: 2, again: 'b' })['again'], 'b');
    assert.throws(() => decode({ at: 1, count: 2, either: true }), /^RecordError: T\.either: expected a 32-bit integer or a string or null, got true$/);
  });

  it('map values and labelled arrays report their path', () => {
    assert.throws(() => decode({ at: 1, count: 2, tags: { ok: 1, bad: 'x' } }), (e: unknown) => e instanceof RecordError && e.field === 'T.tags.bad');
    assert.throws(() => decode({ at: 1, count: 2, labels: ['age_inquiry', 'nope'] }), (e: unknown) => e instanceof RecordError && e.field === 'T.labels[1]');
  });

  it('long beyond what avsc can encode is rejected', () => {
    assert.throws(() => decode({ at: 1, count: 2 ** 53 }), /T\.count: expected an integer \(long/);
  });

  it('toJson writes base64 bytes and defaults for absent fields', () => {
    const v = decode({ at: '1970-01-01T00:00:01Z', count: 2, blob: 'AAEC' });
    assert.deepStrictEqual(v['blob'], Buffer.from([0, 1, 2]));
    assert.deepStrictEqual(to(v), { at: 1000, count: 2, tags: {}, labels: [], blob: 'AAEC', either: null, kind: 'a', again: null });
    assert.deepStrictEqual(to({ at: 1, count: 2 }), { at: 1, count: 2, tags: {}, labels: [], blob: null, either: null, kind: 'a', again: null });
  });

  it('unsupported schema types are a ConfigError at start-up, not a per-message surprise', () => {
    assert.throws(() => walkSchema({ type: 'record', name: 'F', fields: [{ name: 'f', type: { type: 'fixed', name: 'X', size: 4 } }] } as never, 'F.avsc'),
      (e: unknown) => e instanceof ConfigError && /F\.avsc: unsupported schema type "fixed"/.test(e.message));
  });
});
