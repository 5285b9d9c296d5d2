import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeChange, packDecision, sameDecision, topScoreOf, actionOf, categoriesOf, type DecisionLike } from '../contracts/verdict-decision.js';
import { DecisionIndex, hash52 } from './decision-index.js';
import { parseDuration, parseRangeSpec } from './replay-range.js';
import { RecentMessages, ReplayAggregates } from './replay-aggregates.js';
import { compileReplayOptions } from './replay.js';
import { ExampleCollector, latestPerCase } from './feedback-export.js';

const d = (action: string, cats: [string, number][] = [], priority: string | null = null, enf: string | null = null): DecisionLike =>
  ({ action, categories: cats.map(([category, score]) => ({ category, score })), escalation: priority ? { priority } : null, enforcement: enf ? { action: enf } : null });

describe('packed decisions', () => {
  const cases: { name: string; a: DecisionLike; b: DecisionLike; same: boolean; change: string[] }[] = [
    { name: 'identical', a: d('flag', [['ambush', 0.7]]), b: d('flag', [['ambush', 0.7]]), same: true, change: [] },
    { name: 'score alone does not count', a: d('flag', [['ambush', 0.7]]), b: d('flag', [['ambush', 0.95]]), same: true, change: [] },
    { name: 'action', a: d('flag', [['ambush', 0.7]]), b: d('block', [['ambush', 0.7]]), same: false, change: ['action flag→block'] },
    { name: 'escalation', a: d('hold', [], 'P1'), b: d('hold', [], 'P0'), same: false, change: ['escalation P1→P0'] },
    { name: 'enforcement', a: d('block'), b: d('block', [], null, 'mute'), same: false, change: ['enforcement none→mute'] },
    { name: 'categories', a: d('flag', [['ambush', 0.6]]), b: d('flag', [['violent_threat', 0.6]]), same: false, change: ['categories +violent_threat -ambush'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(sameDecision(packDecision(c.a), packDecision(c.b)), c.same);
      assert.deepEqual(describeChange(packDecision(c.a), packDecision(c.b)), c.change);
    });
  }
  it('round-trips action, categories and the score bin', () => {
    const p = packDecision(d('hold', [['child_grooming', 0.8], ['prostitution', 0.51]]));
    assert.equal(actionOf(p), 'hold');
    assert.deepEqual(categoriesOf(p), ['child_grooming', 'prostitution']);
    assert.equal(topScoreOf(p), 25 / 32);
  });
});

describe('DecisionIndex', () => {
  it('stores, replaces and grows without losing entries', () => {
    const ix = new DecisionIndex(4);
    for (let i = 0; i < 50_000; i++) ix.set(`m-${i}`, i % 1000);
    ix.set('m-7', 999);
    assert.equal(ix.size, 50_000);
    assert.equal(ix.get('m-7'), 999);
    assert.equal(ix.get('m-49999'), 49999 % 1000);
    assert.equal(ix.get('absent'), undefined);
    assert.ok(ix.bytes / ix.size < 40, `${ix.bytes / ix.size} bytes per entry`);
  });
  it('hash is 52-bit, non-zero and spreads', () => {
    const hs = new Set(Array.from({ length: 100_000 }, (_, i) => hash52(`conv-${i % 97}-msg-${i}`)));
    assert.equal(hs.size, 100_000);
    for (const h of [...hs].slice(0, 100)) assert.ok(h > 0 && h < 2 ** 53 && Number.isInteger(h));
  });
});

describe('range and duration parsing', () => {
  const ok: [string, unknown][] = [
    ['earliest', { kind: 'earliest' }], ['latest', { kind: 'latest' }], ['1200', { kind: 'offset', offset: 1200n }],
    ['ms:1700000000000', { kind: 'time', ms: 1_700_000_000_000 }], ['2026-01-05T08:00:00Z', { kind: 'time', ms: Date.UTC(2026, 0, 5, 8) }],
    ['0:10,2:30', { kind: 'offsets', offsets: new Map([[0, 10n], [2, 30n]]) }],
  ];
  for (const [s, want] of ok) it(`parses ${s}`, () => assert.deepEqual(parseRangeSpec(s, '--from'), want));
  for (const s of ['yesterday', '0:', '-5', '2026-13-01']) it(`rejects ${s}`, () => assert.throws(() => parseRangeSpec(s, '--from'), /--from/));
  for (const [s, ms] of [['0', 0], ['90s', 90_000], ['10m', 600_000], ['2h', 7_200_000], ['1d', 86_400_000], ['250', 250]] as const) {
    it(`duration ${s}`, () => assert.equal(parseDuration(s, '--warmup'), ms));
  }
  it('rejects a bad duration', () => assert.throws(() => parseDuration('ten minutes', '--warmup'), /--warmup/));
});

describe('replay options', () => {
  const base = { from: { kind: 'earliest' } as const, to: { kind: 'latest' } as const, productionTopics: ['chat.messages', 'chat.verdicts', 'moderation.actions'] };
  it('refuses a production topic as sandbox', () => assert.throws(() => compileReplayOptions({ ...base, sandboxTopic: 'moderation.actions' }), /production topics/));
  it('refuses the input topic as sandbox', () => assert.throws(() => compileReplayOptions({ ...base, topic: 'x.in', sandboxTopic: 'x.in' }), /production topics/));
  it('accepts a topic of its own', () => assert.equal(compileReplayOptions({ ...base, sandboxTopic: 'sandbox.replay-42' }).sandboxTopic, 'sandbox.replay-42'));
  it('warm-up needs a time --from', () => assert.throws(() => compileReplayOptions({ ...base, warmupMs: 60_000 }), /warm-up/));
});

describe('replay aggregates', () => {
  it('counts, caps kept changes and keeps a bounded timeline', () => {
    const agg = new ReplayAggregates(2, 8);
    const allow = packDecision(d('allow')), flag = packDecision(d('flag', [['ambush', 0.6]]));
    for (let i = 0; i < 100; i++) {
      const changed = agg.add(allow, i % 10 === 0 ? flag : allow, i * 3_600_000);
      if (changed) agg.keep({} as never);
    }
    assert.equal(agg.compared, 100);
    assert.equal(agg.changedTotal, 10);
    assert.equal(agg.changed.length, 2);
    assert.deepEqual([agg.actions.before.allow, agg.actions.after.flag, agg.categories.after.ambush], [100, 10, 10]);
    const tl = agg.timeline();
    assert.ok(tl.length <= 8);
    assert.equal(tl.reduce((s, b) => s + b.actions.after.flag!, 0), 10);
    assert.equal(agg.transitions.get('allow→flag'), 10);
  });
  it('recent messages: earlier messages only, bounded per conversation and in conversations', () => {
    const r = new RecentMessages(2, 2);
    const line = (id: string) => ({ messageId: id, senderId: 's', sentAt: 0, text: id });
    r.push('c1', line('a')); r.push('c1', line('b')); r.push('c1', line('c'));
    assert.deepEqual(r.push('c1', line('d')).map((x) => x.messageId), ['b', 'c']);
    r.push('c2', line('x')); r.push('c3', line('y')); // c1 evicted
    assert.deepEqual(r.push('c1', line('e')), []);
  });
});

describe('feedback export', () => {
  it('latest decision per case wins', () => {
    const base = { conversationId: 'c', categories: [], evidenceMessageIds: [] };
    const { latest, superseded } = latestPerCase([
      { ...base, caseId: 'a', decision: 'confirmed', resolvedAt: 1 },
      { ...base, caseId: 'a', decision: 'dismissed', resolvedAt: 2 },
      { ...base, caseId: 'b', decision: 'dismissed', resolvedAt: 1 }
    ]);
    assert.equal(superseded, 1);
    assert.deepEqual(latest.map((x) => [x.caseId, x.decision]), [['a', 'dismissed'], ['b', 'dismissed']]);
  });
  it('union of positive labels, conflicts counted, missing texts counted', () => {
    const c = new ExampleCollector();
    c.addDecisions([
      { caseId: '1', conversationId: 'c', decision: 'confirmed', categories: ['ambush'], evidenceMessageIds: ['m1', 'm2', 'gone'], resolvedAt: 1 },
      { caseId: '2', conversationId: 'c', decision: 'confirmed', categories: ['violent_threat', 'not_a_category'], evidenceMessageIds: ['m1'], resolvedAt: 1 },
      { caseId: '3', conversationId: 'd', decision: 'dismissed', categories: [], evidenceMessageIds: ['m2', 'm3'], resolvedAt: 1 },
    ], new Map([['m1', 'one'], ['m2', 'two'], ['m3', 'three']]));
    const ex = c.examples();
    assert.deepEqual(ex.map((e) => [e.text, e.labels]), [['one', ['ambush', 'violent_threat']], ['two', ['ambush']], ['three', []]]);
    assert.equal(c.stats.conflicts, 1);
    assert.equal(c.stats.evidence.withoutText, 1);
  });
});
