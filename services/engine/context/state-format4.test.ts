/**
 * Round 21 (codec21): state codec format 4, the format written as a setting, and checkpoints of the previous release
 * (test/fixtures/state-format3: written by main's build before this round, see its README) restored, transcoded and
 * continued with the same verdicts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { FORMAT_2, FORMAT_3, STATE_FORMAT, DEFAULT_STATE_FORMAT } from './state-codec.js';
import { createState, encodeState, entryOf, keyedRecord, restoreState, serialiseState, compileContextBounds, type ConversationState, type EngineState } from './state.js';
import { encodedOf } from './state-lazy.js';
import { queuePush } from './recency-queue.js';
import { observe } from './observe.js';
import { CATEGORIES, type Category } from '../../contracts/taxonomy.js';
import { createCodecs } from '../../contracts/index.js';
import { createEngine } from '../engine.js';
import { compileConfig } from '../../common/config.js';
import { serveEngineThread } from '../../classifier-worker/engine-thread-serve.js';
import type { ThreadReply } from '../../classifier-worker/engine-pool.js';

const FIXTURE = fileURLToPath(new URL('../../../../test/fixtures/state-format3/', import.meta.url));
const DEV = fileURLToPath(new URL('../../../../eval/dev/messages.jsonl', import.meta.url));
const ASSERT_AT = Object.fromEntries(CATEGORIES.map((c) => [c, 0.7])) as Record<Category, number>;
const BASE = 1_767_225_600_000;

/** A state of the entries given (conversation keys → values), touch numbers in order. */
function stateOf(entries: Record<string, object>, senders: Record<string, object> = {}): EngineState {
  const s = createState();
  s.now = BASE;
  for (const [rec, q, list] of [[s.convs, s.cq, entries], [s.senders, s.sq, senders]] as const) {
    for (const [k, v] of Object.entries(list)) {
      (rec as Record<string, unknown>)[k] = { ...v, t: ++s.seq };
      queuePush(q, k, s.seq);
    }
  }
  s.nc = Object.keys(entries).length;
  s.ns = Object.keys(senders).length;
  return s;
}

/**
 * The state's data as JSON (entries decoded), conversations and senders by key (a restore lists them in recency order),
 * and the live items of its recency queues.
 */
function data(s: EngineState | string): string {
  const x = (typeof s === 'string' ? JSON.parse(s) : JSON.parse(serialiseState(s))) as Record<string, unknown> & { convs: Record<string, { t: number }>; senders: Record<string, { t: number }>; cq: [string, number][]; sq: [string, number][] };
  const sorted = <T>(rec: Record<string, T>) => Object.fromEntries(Object.keys(rec).sort().map((k) => [k, rec[k]]));
  const live = (q: [string, number][], rec: Record<string, { t: number }>) => q.filter(([k, t]) => rec[k]?.t === t);
  return JSON.stringify({ ...x, convs: sorted(x.convs), senders: sorted(x.senders), cq: live(x.cq, x.convs), sq: live(x.sq, x.senders) });
}

/** The edge cases: more than 16 shapes, 159/160/161 and many repeated times, long and unicode ids, the empty state, a real engine state. */
function edgeStates(): [string, EngineState][] {
  const shapes: Record<string, unknown>[] = [];
  for (let i = 0; i < 40; i++) shapes.push(Object.fromEntries(Array.from({ length: 1 + (i % 5) }, (_, j) => [`k${i}_${j}`, j % 2 ? i : `v${j}`])));
  const out: [string, EngineState][] = [
    ['empty', createState()],
    ['40 shapes, each twice, nested', stateOf({ 'c:shapes': { lastAt: BASE, list: [...shapes, ...shapes], nested: { a: shapes[17], b: [shapes[30], { x: shapes[3] }] } } })],
  ];
  for (const n of [159, 160, 161, 176, 177, 300]) {
    const times = Array.from({ length: n }, (_, i) => BASE - i * 61_001);
    out.push([`${n} distinct times, each twice`, stateOf({
      'c:t': { lastAt: BASE, marks: times.map((at, i) => ({ s: 1, at, n: i })), again: times.slice().reverse(), edge: [-0, 63, 64, 0.5, 1e-9, 2 ** 53 - 1, -(2 ** 40), NaN, Infinity] },
    })]);
  }
  const long = 'x'.repeat(10_000);
  const people = keyedRecord<unknown>();
  people['p:zoé😀'] = { lastAt: BASE, msgs: 3 };
  people[`p:${long}`] = { lastAt: BASE - 1, msgs: 70 };
  people['p:lone \ud83d'] = { lastAt: BASE - 2, msgs: 0 };
  out.push(['long and unicode ids', stateOf({
    [`c:${long}`]: { lastAt: BASE, people, recent: [{ messageId: `m:${long}`, text: 'accents éà — 😀 \udc00', sentAt: BASE }] },
    'c:日本語の会話': { lastAt: BASE - 5, people: keyedRecord(), recent: [] },
  }, { [`s:${long}😀`]: { lastAt: BASE, declaredAge: 13 }, 's:ü': { lastAt: BASE - 9, declaredAge: null } })]);
  const real = createState();
  const b = compileContextBounds();
  for (let i = 0; i < 60; i++) {
    observe(real, {
      messageId: `m${i}`, conversationId: `c${i % 7}`, roomId: null, senderId: `u${i % 5}`, recipientId: `u${(i + 1) % 5}`, text: ['tu as quel age ?', "j'ai 13 ans", 'envoie une photo', 'tu es seule ?'][i % 4]!,
      sentAt: BASE + i * 60_000, senderDeclaredAge: i % 3 ? null : 14, categories: {}, signals: {},
    }, ASSERT_AT, b);
  }
  out.push(['engine state', real]);
  return out;
}

test('codec21: format 4 round-trips every edge case exactly, smaller than format 3; transcoding 3 → 4 → 3 on the bytes gives the direct encodings byte for byte', () => {
  for (const [name, s] of edgeStates()) {
    const b3 = encodeState(s, FORMAT_3);
    const b4 = encodeState(s, STATE_FORMAT);
    assert.equal(b3[3], 3, name);
    assert.equal(b4[3], 4, name);
    const r4 = restoreState(b4);
    assert.equal(data(r4), data(s), name);
    if (name !== 'empty') assert.ok(b4.length < b3.length, `${name}: ${b4.length} < ${b3.length}`);
    // Restored in one format, written in the other without reading any entry: the same bytes as the direct encoding.
    const t4 = encodeState(restoreState(b3), STATE_FORMAT);
    assert.deepEqual(t4, b4, `${name}: 3 → 4`);
    assert.deepEqual(encodeState(restoreState(t4), FORMAT_3), b3, `${name}: 4 → 3`);
    assert.deepEqual(encodeState(restoreState(encodeState(s, FORMAT_2)), STATE_FORMAT), b4, `${name}: 2 → 4`);
    // -0 and NaN survive the transcoding (JSON would not show them).
    const edge = (entryOf(restoreState(t4).convs, 'c:t') as unknown as { edge: number[] } | undefined)?.edge;
    if (edge) { assert.ok(Object.is(edge[0], -0), name); assert.ok(Number.isNaN(edge[7]), name); }
  }
});

test('codec21: a state restored from format 3 and written in format 4 keeps its entries encoded (nothing decoded into the state), transcoded once', () => {
  const r = restoreState(readFileSync(FIXTURE + 'checkpoint.bin'));
  const entries = () => [...Object.values(r.convs), ...Object.values(r.senders)];
  assert.ok(entries().length > 20);
  const b4 = encodeState(r, STATE_FORMAT);
  assert.deepEqual(entries().filter((e) => !encodedOf(e)).length, 0, 'entries decoded by the transcoding');
  // Transcoded once: each entry now lies in the format-4 bytes just written (the restored bytes are no longer held),
  // so the next checkpoint copies them; it is the same state.
  assert.deepEqual(entries().filter((e) => encodedOf(e)?.src.bytes !== b4 || encodedOf(e)?.src.format !== 4).length, 0, 'entries still in the restored bytes');
  assert.deepEqual(encodeState(r, STATE_FORMAT), b4);
  assert.equal(data(r), data(readFileSync(FIXTURE + 'state.json', 'utf8')));
  // And back (a rollback after a format-4 checkpoint): the same holds.
  const r4 = restoreState(encodeState(r, STATE_FORMAT));
  encodeState(r4, FORMAT_3);
  assert.equal([...Object.values(r4.convs), ...Object.values(r4.senders)].filter((e) => !encodedOf(e)).length, 0);
});

test('codec21: the checkpoint written by the previous release (format 3, main before round 21) restores to its state, goes through format 4 and back to the same bytes', () => {
  const bytes = new Uint8Array(readFileSync(FIXTURE + 'checkpoint.bin'));
  assert.equal(bytes[3], 3);
  const json = data(readFileSync(FIXTURE + 'state.json', 'utf8'));
  const r = restoreState(bytes);
  assert.equal(data(r), json);
  // Copied as it is when written in format 3 (the default).
  assert.deepEqual(encodeState(restoreState(bytes)), bytes);
  const b4 = encodeState(restoreState(bytes), STATE_FORMAT);
  assert.ok(b4.length < bytes.length, `${b4.length} < ${bytes.length}`);
  assert.equal(data(restoreState(b4)), json);
  assert.deepEqual(encodeState(restoreState(b4), FORMAT_3), bytes);
});

test('codec21: after the previous release\'s checkpoint, restored as is or through format 4, the engine gives the verdicts that release gave', async () => {
  const codecs = createCodecs();
  const messages = readFileSync(DEV, 'utf8').split('\n').filter((l) => l.trim()).map((l) => codecs.ChatMessage.decodeJson(l));
  const made = JSON.parse(readFileSync(FIXTURE + 'versions.json', 'utf8')) as { model: string; rules: string; policy: string; head: number; batch: number };
  const engine = await createEngine({});
  try {
    const tail = async (state: EngineState): Promise<string> => {
      let text = '';
      for (let k = made.head; k < messages.length; k += made.batch) for (const v of await engine.classifyBatch(messages.slice(k, k + made.batch), state)) text += JSON.stringify(v) + '\n';
      return text;
    };
    const v = engine.versions;
    let expected: string;
    if (v.model === made.model && v.rules === made.rules && v.policy === made.policy) {
      expected = readFileSync(FIXTURE + 'tail-verdicts.jsonl', 'utf8');
    } else {
      // Rules, policy or model changed since the fixture was made: the reference is this engine without a checkpoint.
      const s = createState();
      for (let k = 0; k < made.head; k += made.batch) await engine.classifyBatch(messages.slice(k, Math.min(k + made.batch, made.head)), s);
      expected = await tail(s);
    }
    assert.equal(expected.split('\n').length, messages.length - made.head + 1);
    const bytes = new Uint8Array(readFileSync(FIXTURE + 'checkpoint.bin'));
    assert.equal(await tail(restoreState(bytes)), expected, 'restored from format 3');
    assert.equal(await tail(restoreState(encodeState(restoreState(bytes), STATE_FORMAT))), expected, 'format 3 → format 4');
  } finally {
    await engine.close();
  }
});

test('codec21: VIGIE_STATE_FORMAT is 3 or 4, 3 by default; an engine thread writes its checkpoints in the format it is given', async () => {
  assert.equal(DEFAULT_STATE_FORMAT, 3);
  assert.equal(compileConfig({ env: {} }).worker.stateFormat, 3);
  assert.equal(compileConfig({ env: { VIGIE_STATE_FORMAT: '4' } }).worker.stateFormat, 4);
  for (const bad of ['2', '5', 'four', '3.5']) assert.throws(() => compileConfig({ env: { VIGIE_STATE_FORMAT: bad } }), /VIGIE_STATE_FORMAT/);
  assert.throws(() => encodeState(createState(), 5), /format 5 cannot be written/);
  for (const [options, format] of [[{}, 3], [{ stateFormat: 4 }, 4], [{ stateFormat: 3 }, 3]] as const) {
    const { port1, port2 } = new MessageChannel();
    serveEngineThread(port2, options, async () => ({ versions: { model: 'stub', rules: 'stub', policy: 'stub' }, classifyBatch: async () => [], close: async () => undefined }));
    const replies: ThreadReply[] = [];
    const got = new Promise<void>((resolve) => port1.on('message', (m: ThreadReply) => { if ('id' in m) { replies.push(m); if (replies.length === 2) resolve(); } }));
    port1.postMessage({ id: 1, op: 'open', partition: 0, restored: encodeState(stateOf({ 'c:a': { lastAt: BASE } }), FORMAT_3) });
    port1.postMessage({ id: 2, op: 'snapshot', partition: 0 });
    await got;
    port1.close();
    const snap = replies[1]!;
    assert.ok(snap.ok);
    const bytes = (snap as { value: Uint8Array }).value;
    assert.equal(bytes[3], format, JSON.stringify(options));
    assert.equal(entryOf(restoreState(bytes).convs, 'c:a')?.lastAt, BASE);
  }
});

// Type use only (keeps ConversationState imported for the casts above when the file changes).
export type { ConversationState };
