import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { inspect } from 'node:util';
import type { MessagePort } from 'node:worker_threads';
import type { ChatMessage } from '../contracts/types.js';
import type { EngineVerdicts } from './engine-holder.js';
import type { ThreadReply } from './engine-pool.js';
import { serveEngineThread, type ThreadEngine } from './engine-thread-serve.js';
import { decodeVerdicts, encodeVerdicts, jsonExact } from './verdict-wire.js';

const verdict = (score: number, extra: Record<string, unknown> = {}): EngineVerdicts[number] => ({
  messageId: 'm1', tenantId: null, conversationId: 'c1', roomId: null, senderId: 's1', recipientId: 'r1', sentAt: 1_700_000_000_000,
  action: 'allow', categories: [{ category: 'child_grooming', score, sources: ['rule:x', 'model:m@1'] }], signals: [], escalation: null, enforcement: null,
  reasons: ['é ü 🙂 "quoted"\n'], modelVersion: 'm', rulesVersion: 'r', policyVersion: 'p', textTruncated: false, textRepaired: false, decidedAt: null,
  context: [{ messageId: 'm0', senderId: 's2', sentAt: 1, text: 'tu as quel âge ?' }], participantAges: [{ userId: 's1', declaredAge: 13, statedAge: null }], ...extra,
} as EngineVerdicts[number]);

test('jsonExact: true only for values JSON gives back equal', () => {
  const cases: [unknown, boolean][] = [
    [[verdict(0.5)], true], [{ a: undefined, b: 1 }, true], [Object.create(null), true], ['x', true], [null, true],
    [-0, false], [NaN, false], [Infinity, false], [[1, undefined], false], [[1, , 2], false], [{ a: -0 }, false], [{ a: [{ b: NaN }] }, false],
    [1n, false], [new Date(0), false], [new Map(), false], [new Uint8Array(1), false], [{ toJSON: () => 1 }, false], [() => 1, false], [undefined, false],
    [[verdict(-0)], false], [[verdict(0.25, { decidedAt: Number.NaN })], false],
  ];
  for (const [v, want] of cases) assert.equal(jsonExact(v), want, inspect(v));
});

test('verdicts round-trip through their wire bytes, non-ASCII text included; a -0 score is refused', () => {
  // A lone surrogate (text that was not valid UTF-16) comes back as it was: JSON.stringify escapes it.
  const vs = [verdict(0.5), verdict(1 / 3), verdict(0, { reasons: ['a\ud800b', '\udfff'] })];
  const bytes = encodeVerdicts(vs)!;
  assert.ok(bytes instanceof Uint8Array);
  assert.equal(bytes.byteOffset, 0);
  assert.equal(bytes.byteLength, bytes.buffer.byteLength, 'a buffer of its own, to transfer');
  assert.deepEqual(decodeVerdicts(bytes), vs);
  assert.equal(encodeVerdicts([verdict(0.5), verdict(-0)]), null);
});

/** A port that records what the thread posts. */
function fakePort(): { port: MessagePort; posted: { msg: unknown; transfer: unknown[] }[]; send: (req: unknown) => void } {
  const ee = new EventEmitter();
  const posted: { msg: unknown; transfer: unknown[] }[] = [];
  const port = { on: ee.on.bind(ee), postMessage: (msg: unknown, transfer: unknown[] = []) => { posted.push({ msg, transfer }); } } as unknown as MessagePort;
  return { port, posted, send: (req) => ee.emit('message', req) };
}

test('an engine thread answers a classify with its verdicts as one transferred buffer, or as objects when JSON would change them', async () => {
  const scores = [[0.5, 0.75], [0.5, -0]];
  let call = 0;
  const engine: ThreadEngine = {
    versions: { model: 'm', rules: 'r', policy: 'p' },
    classifyBatch: async (ms: ChatMessage[]) => {
      const s = scores[call++]!;
      return ms.map((_, i) => verdict(s[i]!));
    },
    close: async () => undefined,
  };
  const { port, posted, send } = fakePort();
  serveEngineThread(port, {} as never, async () => engine);
  const msg = { messageId: 'm1' } as ChatMessage;
  send({ id: 1, op: 'open', partition: 0, restored: null });
  send({ id: 2, op: 'classify', partition: 0, messages: [msg, msg] });
  send({ id: 3, op: 'classify', partition: 0, messages: [msg, msg] });
  for (let i = 0; i < 50 && posted.length < 4; i++) await new Promise((r) => setTimeout(r, 10));
  type Posted = { msg: ThreadReply & { ok: true }; transfer: unknown[] };
  const wired = posted[2] as Posted, plain = posted[3] as Posted;
  assert.equal(wired.msg.wire, true);
  assert.equal(wired.transfer.length, 1);
  assert.equal(wired.transfer[0], (wired.msg.value as Uint8Array).buffer);
  assert.deepEqual(decodeVerdicts(wired.msg.value as Uint8Array), [verdict(0.5), verdict(0.75)]);
  assert.equal(plain.msg.wire, undefined);
  assert.deepEqual(plain.transfer, []);
  assert.ok(Object.is((plain.msg.value as EngineVerdicts)[1]!.categories[0]!.score, -0), 'sent as objects: -0 kept');
});
