import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ChatMessage } from '../contracts/types.js';
import { createEngine, createState, encodeState, restoreState, type Engine, type EngineVerdict } from './engine.js';
import { REPO_ROOT } from './engine-options.js';

const RULES = `id=t.img label=image_request lang=fr,en weight=0.8 | (envoie|send) *2 (photo|selfie|pic)
id=t.snap label=off_platform_contact lang=fr,en weight=0.8 | (ajoute|add) *2 snapchat
id=t.secret label=secrecy_request lang=fr,en weight=0.8 | (dis|tell) *2 (personne|anyone)
id=t.drug label=drug_trafficking lang=fr,en weight=0.8 | (beuh|weed) *4 <num>
`;

function rulesDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-engine-test-'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: 'engine-test-1', files: ['t.rules'] }));
  writeFileSync(join(dir, 't.rules'), RULES);
  return dir;
}

const TEXTS = [
  'salut ça va', 'tu as quel age ?', '13', 'envoie une photo stp', 'dis le a personne', 'ajoute moi sur snapchat',
  'weed 10 le gramme', 'gg wp', 'on se voit demain ?', "j'ai 15 ans", 'i am 34', 'send a pic', 'lol',
];

/** Interleaved conversations, deterministic. */
function messages(n: number): ChatMessage[] {
  const out: ChatMessage[] = [];
  let seed = 7;
  const rnd = (k: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % k; };
  for (let i = 0; i < n; i++) {
    const c = rnd(6);
    const a = `u${c}a`, b = `u${c}b`;
    const fromA = rnd(2) === 0;
    out.push({
      messageId: `m${i}`, tenantId: null, conversationId: `conv${c}`, roomId: null, senderId: fromA ? a : b, recipientId: fromA ? b : a,
      text: TEXTS[rnd(TEXTS.length)]!, sentAt: 1_700_000_000_000 + i * 30_000, senderIp: null, senderDeclaredAge: fromA ? 30 : null, locale: null,
    });
  }
  return out;
}

async function inBatches(engine: Engine, msgs: ChatMessage[], size: number, roundTrip: boolean): Promise<EngineVerdict[]> {
  let state = createState();
  const out: EngineVerdict[] = [];
  for (let i = 0; i < msgs.length; i += size) {
    if (roundTrip) state = restoreState(encodeState(state));
    out.push(...(await engine.classifyBatch(msgs.slice(i, i + size), state)));
  }
  return out;
}

const MODEL_DIR = resolve(REPO_ROOT, 'models/vigie-fasttext-v1');
const modelChoices = existsSync(join(MODEL_DIR, 'manifest.json')) ? ['none', MODEL_DIR] : ['none'];

for (const modelDir of modelChoices) {
  test(`engine (model ${modelDir === 'none' ? 'none' : 'on'}): same verdicts in one batch, many batches, and with state restored between batches`, async () => {
    const engine = await createEngine({ rulesDir: rulesDir(), modelDir });
    const msgs = messages(240);
    const whole = await inBatches(engine, msgs, msgs.length, false);
    assert.equal(whole.length, msgs.length);
    assert.deepEqual(whole.map((v) => v.messageId), msgs.map((m) => m.messageId));
    assert.ok(whole.some((v) => v.action !== 'allow'), 'the fixture must produce some actions, or this test proves nothing');
    for (const [size, rt] of [[1, false], [7, true], [64, true], [1, true]] as const) {
      const other = await inBatches(engine, msgs, size, rt);
      assert.deepEqual(other, whole, `batch ${size}, roundTrip ${rt}`);
    }
    await engine.close();
  });
}

const WINDOW_DIR = resolve(REPO_ROOT, 'models/vigie-window-v1');

// Default (gate 0, round 12): the window model runs on every message; gate 0.3: only where evidence shows (the gate reads the state).
for (const windowGateFloor of [0.3, undefined]) {
  test(`engine (message + window model, gate ${windowGateFloor ?? 'default'}): same verdicts in one batch, many batches, and with state restored`, async () => {
    const engine = await createEngine({ rulesDir: rulesDir(), modelDir: MODEL_DIR, windowModelDir: WINDOW_DIR, windowGateFloor });
    assert.match(engine.versions.model, /^vigie-fasttext-v1@[^+]+\+vigie-window-v1@/);
    const msgs = messages(240);
    const whole = await inBatches(engine, msgs, msgs.length, false);
    const runs = engine.counters.windowRuns;
    assert.ok(runs > 0 && (windowGateFloor === undefined ? runs === msgs.length : runs < msgs.length), `window runs ${runs}`);
    assert.ok(whole.some((v) => v.categories.some((c) => c.sources.some((src) => src.startsWith('model:vigie-window-v1@')))), 'the window model must contribute');
    for (const [size, rt] of [[1, false], [7, true], [64, true], [1, true]] as const) {
      const other = await inBatches(engine, msgs, size, rt);
      assert.deepEqual(other, whole, `batch ${size}, roundTrip ${rt}`);
    }
    await engine.close();
  });
}

test('engine: a model in the wrong slot, or a window longer than the context keeps, is refused with the reason', async () => {
  await assert.rejects(createEngine({ rulesDir: rulesDir(), modelDir: WINDOW_DIR }), /conversation-window model: pass it as the window model/);
  await assert.rejects(createEngine({ rulesDir: rulesDir(), modelDir: 'none', windowModelDir: MODEL_DIR }), /single-message model/);
  await assert.rejects(createEngine({ rulesDir: rulesDir(), modelDir: 'none', windowModelDir: WINDOW_DIR, bounds: { recentMessages: 2 } }),
    /reads \d+ messages but the context keeps 2 earlier ones/);
  await assert.rejects(createEngine({ rulesDir: rulesDir(), windowGateFloor: 2 }), /windowGateFloor must be a number in \[0, 1\]/);
});

test('engine: verdict shape, versions, sources, context window when acting', async () => {
  const engine = await createEngine({ rulesDir: rulesDir(), modelDir: 'none', windowModelDir: 'none' });
  assert.deepEqual(engine.versions, { model: 'none', rules: 'engine-test-1', policy: engine.versions.policy });
  const base = { tenantId: 't1', conversationId: 'c', roomId: null, senderIp: null, locale: 'fr' };
  const msgs: ChatMessage[] = [
    { ...base, messageId: 'a', senderId: 'x', recipientId: 'y', text: 'tu as quel age', sentAt: 1, senderDeclaredAge: 35 },
    { ...base, messageId: 'b', senderId: 'y', recipientId: 'x', text: '12', sentAt: 2, senderDeclaredAge: null },
    { ...base, messageId: 'c', senderId: 'x', recipientId: 'y', text: 'envoie une photo et dis le a personne', sentAt: 3, senderDeclaredAge: 35 },
  ];
  const v = await engine.classifyBatch(msgs, createState());
  assert.deepEqual(v.map((x) => x.action), ['allow', 'allow', 'hold']);
  const last = v[2]!;
  assert.equal(last.tenantId, 't1');
  assert.equal(last.escalation?.priority, 'P0');
  assert.deepEqual(last.categories.map((c) => c.category), ['child_grooming']);
  assert.ok(last.categories[0]!.sources.some((s) => s.startsWith('context:')));
  assert.deepEqual(last.signals.map((s) => s.signal).sort(), ['image_request', 'secrecy_request']);
  assert.ok(last.signals.every((s) => s.sources.every((src) => /^(rule|model|context):/.test(src))));
  assert.deepEqual(last.context?.map((m) => m.messageId), ['a', 'b']);
  assert.equal(v[0]!.context, undefined);
  assert.equal(last.decidedAt, null);
  assert.equal(last.textTruncated, false);
  assert.ok(last.reasons.length >= 2);
});

test('engine: oversized text is truncated for scoring and says so', async () => {
  const engine = await createEngine({ rulesDir: rulesDir(), modelDir: 'none', windowModelDir: 'none', rulesMaxChars: 100, modelMaxChars: 50 });
  const text = 'blabla '.repeat(40) + 'weed 10';
  const [v] = await engine.classifyBatch(
    [{
      messageId: 'big',
      tenantId: null,
      conversationId: 'c',
      roomId: null,
      senderId: 's',
      recipientId: 'r',
      text,
      sentAt: 1,
      senderIp: null,
      senderDeclaredAge: null,
      locale: null
    }],
    createState()
  );
  assert.equal(v!.textTruncated, true);
  assert.deepEqual(v!.categories, [], 'the rule match beyond the limit is not seen');
  const [w] = await engine.classifyBatch(
    [{
      messageId: 'small',
      tenantId: null,
      conversationId: 'c',
      roomId: null,
      senderId: 's',
      recipientId: 'r',
      text: 'weed 10',
      sentAt: 2,
      senderIp: null,
      senderDeclaredAge: null,
      locale: null
    }],
    createState()
  );
  assert.equal(w!.textTruncated, false);
  assert.deepEqual(w!.categories.map((c) => c.category), ['drug_trafficking']);
});

test('engine: bad options are reported together', async () => {
  await assert.rejects(createEngine({ rulesDir: rulesDir(), modelMaxChars: 0, bounds: { maxSenders: 0 } }), /modelMaxChars[\s\S]*maxSenders/);
});
