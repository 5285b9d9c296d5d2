import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatMessage, Verdict } from '../contracts/types.js';
import { defaultSchemasDir, readCurrentSchema } from '../contracts/schema-files.js';
import { buildOutputs, sha256Hex } from './outputs.js';

const msg: ChatMessage = {
  messageId: 'm9', tenantId: 't', conversationId: 'c1', roomId: null, senderId: 'adult', recipientId: 'kid',
  text: 'tu as quel âge ? on se voit ce soir, ne dis rien à tes parents', sentAt: 1000, senderIp: '10.0.0.1', senderDeclaredAge: null, locale: 'fr',
};
const verdict = (v: Partial<Verdict>): Verdict => ({
  messageId: 'm9', tenantId: 't', conversationId: 'c1', roomId: null, senderId: 'adult', recipientId: 'kid', sentAt: 1000,
  action: 'allow', categories: [], signals: [], escalation: null, enforcement: null, reasons: [],
  modelVersion: 'm@1', rulesVersion: 'r1', policyVersion: 'p1', textTruncated: false, textRepaired: false, decidedAt: null, ...v,
});
const ctx = [{ messageId: 'm7', senderId: 'adult', sentAt: 900, text: 'tu es en quelle classe ?' }];
const ages = [{ userId: 'adult', declaredAge: null, statedAge: null }, { userId: 'kid', declaredAge: 13, statedAge: 12 }];
const run = (v: Partial<Verdict>, extra: { fullText?: string; max?: number; message?: ChatMessage } = {}) => buildOutputs({
  engineVerdict: verdict(v), message: extra.message ?? msg, fullText: extra.fullText ?? msg.text, textTruncated: false, textRepaired: false, context: ctx,
  participantAges: ages, source: { topic: 'in', partition: 2, offset: '41' }, decidedAt: 5000, limits: { maxStoredTextBytes: extra.max ?? 1000 },
});

describe('buildOutputs', () => {
  const cases: { name: string; v: Partial<Verdict>; actions: string[]; escalated: boolean; text: boolean }[] = [
    { name: 'allow: verdict + audit without text', v: {}, actions: [], escalated: false, text: false },
    { name: 'flag', v: { action: 'flag', categories: [{ category: 'sexual_harassment', score: 0.7, sources: [] }] }, actions: ['flag_message'], escalated: false, text: true },
    { name: 'hold', v: { action: 'hold', categories: [{ category: 'drug_trafficking', score: 0.8, sources: [] }] }, actions: ['hold_message'], escalated: false, text: true },
    { name: 'block + suspend + escalation', v: {
      action: 'block', categories: [{ category: 'ambush', score: 0.4, sources: [] }, { category: 'child_grooming', score: 0.95, sources: [] }],
      escalation: { priority: 'P0', reason: 'grooming' }, enforcement: { action: 'suspend', targetUserId: 'adult', durationMs: null, reason: 'grooming' },
    }, actions: ['block_message', 'suspend'], escalated: true, text: true },
    {
      name: 'allow but escalated keeps text',
      v: { categories: [{ category: 'child_grooming', score: 0.5, sources: [] }], escalation: { priority: 'P2', reason: 'watch' } },
      actions: [],
      escalated: true,
      text: true
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const o = run(c.v);
      assert.equal(o.verdict.decidedAt, 5000);
      assert.deepEqual(o.actions.map((a) => a.action), c.actions);
      assert.equal(o.escalation !== null, c.escalated);
      assert.equal(o.audit.text !== null, c.text);
      assert.deepEqual(o.audit.context, c.text ? ctx : []);
      assert.equal(o.audit.textSha256, sha256Hex(msg.text));
      assert.equal(o.audit.sourceOffset, 41);
      assert.equal(o.audit.recordId, 'm9');
      assert.deepEqual(o.audit.participantAges, c.text ? ages : [], 'ages of the participants only with the kept text');
    });
  }

  it('the audit record carries the verdict\'s reasons, each category\'s sources and the sender\'s declared age (AuditRecord v3)', () => {
    const sources = ['rule:fr.grooming.secret', 'model:vigie-fasttext-v1@1.3.0', 'context:grooming'];
    const signals = [{ signal: 'age_inquiry' as const, score: 0.8, sources: ['rule:fr.age-question'] }];
    const o = run({ action: 'flag', categories: [{ category: 'child_grooming', score: 0.9, sources }], signals, reasons: ['kid: stated age 12', 'grooming'] },
      { message: { ...msg, senderDeclaredAge: 41 } });
    assert.deepEqual(o.audit.categories, [{ category: 'child_grooming', score: 0.9, sources }]);
    assert.deepEqual(o.audit.reasons, ['kid: stated age 12', 'grooming']);
    assert.deepEqual(o.audit.signals, signals);
    assert.equal(o.audit.senderDeclaredAge, 41);
    assert.equal(run({}).audit.senderDeclaredAge, null);
  });
  it('escalation names the top category and the evidence ids, oldest first', () => {
    const o = run(cases[3]!.v);
    assert.equal(o.escalation?.category, 'child_grooming');
    assert.deepEqual(o.escalation?.evidenceMessageIds, ['m7', 'm9']);
    assert.equal(o.escalation?.escalationId, 'm9:escalation');
  });
  it('stored text is cut to the byte limit, the hash covers the full text', () => {
    const full = 'é'.repeat(1000);
    const o = run({ action: 'flag', categories: [{ category: 'violent_threat', score: 0.9, sources: [] }] }, { fullText: full, max: 101 });
    assert.equal(o.audit.text, 'é'.repeat(50));
    assert.equal(o.auditTextCutFrom, 2000);
    assert.equal(o.audit.textSha256, sha256Hex(full));
  });
});

describe('buildOutputs, round 41 (no verdict copies, shared empty lists)', () => {
  // The fields of the Avro schema the verdicts are written with (schemas/Verdict.avsc), in its order: a field added to the
  // schema and not copied by buildOutputs fails here (and, once in the Verdict type, fails tsc: outputs.ts `satisfies`).
  const FIELDS = (readCurrentSchema(defaultSchemasDir(), 'Verdict') as { fields: { name: string }[] }).fields.map((f) => f.name);
  it('the verdict holds the Verdict fields in the engine\'s order, not the engine record\'s context or ages', () => {
    const engineVerdict = { ...verdict({ action: 'flag', categories: [{ category: 'sexual_harassment', score: 0.7, sources: ['rule:r'] }] }), context: ctx, participantAges: ages };
    const o = buildOutputs({ engineVerdict, message: msg, fullText: msg.text, textTruncated: true, textRepaired: false, context: ctx, participantAges: ages,
      source: { topic: 'in', partition: 2, offset: '41' }, decidedAt: 5000, limits: { maxStoredTextBytes: 1000 } });
    assert.deepEqual(Object.keys(o.verdict), FIELDS);
    assert.equal(o.verdict.decidedAt, 5000);
    assert.equal(o.verdict.textTruncated, true);
    assert.deepEqual(o.audit.categories, [{ category: 'sexual_harassment', score: 0.7, sources: ['rule:r'] }]);
    assert.deepEqual(o.audit.context, ctx);
  });
  it('the verdict carries every field of schemas/Verdict.avsc, each with the engine\'s value (the worker\'s own: decidedAt, the flags or-ed)', () => {
    const engineVerdict = verdict({
      tenantId: 'tenant-7', roomId: 'room-3', recipientId: null, sentAt: 1234, action: 'block', categories: [{ category: 'ambush', score: 0.9, sources: ['rule:a'] }],
      signals: [{ signal: 'age_inquiry', score: 0.6, sources: ['rule:b'] }], escalation: { priority: 'P1', reason: 'esc' },
      enforcement: { action: 'mute', targetUserId: 'adult', durationMs: 60_000, reason: 'enf' }, reasons: ['why'], modelVersion: 'mv@9', rulesVersion: 'rv9',
      policyVersion: 'pv9', textTruncated: true, textRepaired: true, decidedAt: 77,
    });
    const o = buildOutputs({ engineVerdict, message: msg, fullText: msg.text, textTruncated: false, textRepaired: false, context: ctx, participantAges: ages,
      source: { topic: 'in', partition: 2, offset: '41' }, decidedAt: 5000, limits: { maxStoredTextBytes: 1000 } });
    const out = o.verdict as unknown as Record<string, unknown>, engine = engineVerdict as unknown as Record<string, unknown>;
    for (const f of FIELDS) {
      assert.ok(Object.hasOwn(out, f), `verdict field ${f} written`);
      assert.deepEqual(out[f], f === 'decidedAt' ? 5000 : engine[f], f);
    }
    assert.deepEqual(Object.keys(out).sort(), [...FIELDS].sort(), 'nothing outside the schema');
  });
  it('an allowed message after an acting one: no action, context or ages of the earlier one', () => {
    const acting = run({ action: 'block', categories: [{ category: 'ambush', score: 0.9, sources: [] }], escalation: { priority: 'P1', reason: 'r' },
      enforcement: { action: 'suspend', targetUserId: 'adult', durationMs: null, reason: 'r' } });
    assert.equal(acting.actions.length, 2);
    const allowed = run({});
    assert.deepEqual([allowed.actions, allowed.audit.context, allowed.audit.participantAges, allowed.escalation], [[], [], [], null]);
    assert.notEqual(allowed.actions, acting.actions);
    assert.deepEqual(run({}).actions, []);
  });
});
