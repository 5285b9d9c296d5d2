import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BENIGN, evaluate, NOTHING, percentileRank, type EvalInput, type EvalLabel, type EvalMessage, type EvalVerdict, type EvalResult,
} from './eval-metrics.js';
import { bootstrapIntervals, mulberry32, quantile } from './bootstrap.js';
import { evalSummary, evalText, writeEvalReport } from './eval-report.js';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A conversation in one line: its label and one verdict per message, written "action[:cat,cat][!P0]"
 * ("-" = no verdict). E.g. conv('a', ['ambush'], { ambush: 1 }, ['allow', 'allow', 'flag:ambush']).
 */
interface Conv { id: string; categories: string[]; evident: Record<string, number>; verdicts: string[] }
const conv = (id: string, categories: string[], evident: Record<string, number>, verdicts: string[]): Conv => ({ id, categories, evident, verdicts });

function input(convs: Conv[], unlabelled: Conv[] = []): EvalInput {
  const messages: EvalMessage[] = [];
  const verdicts = new Map<string, EvalVerdict>();
  const labels = new Map<string, EvalLabel>();
  for (const c of [...convs, ...unlabelled]) {
    c.verdicts.forEach((spec, i) => {
      const messageId = `${c.id}-${i}`;
      messages.push({ messageId, conversationId: c.id, senderId: `s-${c.id}`, text: `text ${messageId} <b>` });
      if (spec === '-') return;
      const m = /^(\w+)(?::([\w,]+))?(?:!(P\d))?$/.exec(spec);
      if (!m) throw new Error(`bad spec ${spec}`);
      verdicts.set(messageId, { action: m[1]!, escalation: m[3] ? { priority: m[3] } : null,
        categories: (m[2] ? m[2].split(',') : []).map((category) => ({ category, score: 0.9 })), reasons: [`reason ${messageId}`] });
    });
  }
  for (const c of convs) labels.set(c.id, { categories: c.categories, evidentIndex: c.evident });
  return { messages, labels, verdicts };
}

const B = { resamples: 200, seed: 7, level: 0.95 };
const cat = (r: EvalResult, c: string) => r.perCategory.find((x) => x.category === c)!;

describe('evaluate: the scorer definitions', () => {
  const cases: { name: string; convs: Conv[]; check: (r: EvalResult) => void }[] = [
    {
      name: 'a miss: listed only by an allow verdict, or by nothing',
      convs: [conv('a', ['ambush'], {}, ['allow:ambush', 'allow']), conv('b', ['ambush'], {}, ['flag:ambush'])],
      check: (r) => {
        assert.deepEqual([cat(r, 'ambush').positives, cat(r, 'ambush').detected, cat(r, 'ambush').recall.value], [2, 1, 0.5]);
        assert.deepEqual(r.misses.map((m) => [m.conversationId, m.missed, m.raised]), [['a', ['ambush'], []]]);
        assert.equal(r.misses[0]!.messages[0]!.verdict!.action, 'allow');
      },
    },
    {
      name: 'a detection with a delay: first raising message minus the evident one; an escalation with allow raises',
      convs: [conv('a', ['ambush'], { ambush: 1 }, ['allow', 'allow', 'allow', 'allow:ambush!P1', 'block:ambush']),
        conv('b', ['ambush'], { ambush: 2 }, ['flag:ambush', 'allow', 'allow']), conv('c', ['ambush'], {}, ['allow', 'hold:ambush'])],
      check: (r) => {
        assert.deepEqual(cat(r, 'ambush').delays, [2, -2, 1]);
        assert.equal(cat(r, 'ambush').medianDelay, 1);
        assert.equal(cat(r, 'ambush').p90Delay, 2);
        assert.equal(cat(r, 'ambush').lateOver2, 0);
        assert.deepEqual(r.misses, []);
      },
    },
    {
      name: 'benign: hard (hold, block or any escalation), soft (flags only), clean; P0 counted',
      convs: [conv('h1', [], {}, ['hold:ambush']), conv('h2', [], {}, ['allow!P0', 'allow:ambush!P0']), conv('s', [], {}, ['flag:prostitution', 'allow']),
        conv('ok', [], {}, ['allow', 'allow:ambush']), conv('p', ['ambush'], {}, ['hold:ambush!P0'])],
      check: (r) => {
        assert.deepEqual([r.benign, r.benignHard.count, r.benignSoft.count], [4, 2, 1]);
        assert.equal(r.benignHard.rate.value, 0.5);
        assert.equal(r.benignSoft.rate.value, 0.25);
        assert.deepEqual(r.benignP0, { escalations: 2, conversations: 1 });
        assert.deepEqual(r.falseAlarms.map((a) => [a.conversationId, a.severity, a.categories]),
          [['h1', 'hard', ['ambush']], ['h2', 'hard', ['ambush']], ['s', 'soft', ['prostitution']]]);
      },
    },
    {
      name: 'precision counts raised in benign and in other positives; F1 = 2TP/(positives + raised)',
      convs: [conv('a', ['ambush'], {}, ['flag:ambush']), conv('b', ['ambush'], {}, ['allow']), conv('c', [], {}, ['flag:ambush']),
        conv('d', ['drug_trafficking'], {}, ['hold:ambush,drug_trafficking'])],
      check: (r) => {
        const a = cat(r, 'ambush');
        assert.deepEqual([a.positives, a.raised, a.detected, a.spurious], [2, 3, 1, 1]);
        assert.equal(a.precision.value, 1 / 3);
        assert.equal(a.recall.value, 0.5);
        assert.equal(a.f1.value, 0.4);
        assert.deepEqual(r.falseAlarms.map((x) => [x.conversationId, x.severity]), [['c', 'soft'], ['d', 'hard']]);
        assert.equal(cat(r, 'drug_trafficking').precision.value, 1);
      },
    },
    {
      name: 'confusion: labelled X raised Y off the diagonal, a co-label is no confusion, nothing raised has its column',
      convs: [conv('a', ['ambush'], {}, ['flag:drug_trafficking']), conv('b', ['ambush', 'drug_trafficking'], {}, ['flag:ambush,drug_trafficking']),
        conv('c', ['ambush'], {}, ['allow']), conv('d', [], {}, ['flag:ambush'])],
      check: (r) => {
        const { rows, columns, counts } = r.confusion;
        assert.deepEqual(rows, ['ambush', 'drug_trafficking', BENIGN]);
        assert.deepEqual(columns, ['ambush', 'drug_trafficking', NOTHING]);
        assert.deepEqual(counts, [[1, 1, 1], [0, 1, 0], [1, 0, 0]]);
      },
    },
    {
      name: 'micro and macro recall; unlabelled conversations and missing verdicts',
      convs: [conv('a', ['ambush'], {}, ['flag:ambush']), conv('b', ['ambush'], {}, ['-']), conv('c', ['ambush'], {}, ['flag:ambush']),
        conv('d', ['drug_trafficking'], {}, ['allow', '-'])],
      check: (r) => {
        assert.equal(r.microRecall.value, 0.5);
        assert.equal(r.macroRecall.value, (2 / 3 + 0) / 2);
        assert.equal(r.missingVerdicts, 2);
        assert.equal(r.conversations, 4);
        assert.equal(r.messages, 5);
        assert.equal(r.anyCategoryRecall, 0.5);
      },
    },
  ];
  for (const c of cases) it(c.name, () => c.check(evaluate(input(c.convs, [conv('u', [], {}, ['hold:ambush!P0'])]), B)));

  it('messages of one conversation keep their positions when conversations interleave', () => {
    const i = input([conv('a', ['ambush'], { ambush: 0 }, ['allow', 'allow', 'flag:ambush']), conv('b', [], {}, ['allow', 'allow'])]);
    const order = ['a-0', 'b-0', 'a-1', 'b-1', 'a-2'];
    const r = evaluate({ ...i, messages: order.map((id) => i.messages.find((m) => m.messageId === id)!) }, B);
    assert.deepEqual(cat(r, 'ambush').delays, [2]);
  });

  it('percentileRank is nearest rank', () => {
    assert.equal(percentileRank([5, 1, 3, 2, 4, 6, 7, 8, 9, 10], 0.9), 9);
    assert.equal(percentileRank([3], 0.9), 3);
    assert.equal(percentileRank([], 0.9), null);
  });
});

describe('bootstrap intervals', () => {
  const many: Conv[] = Array.from({ length: 60 }, (_, i) => conv(`c${i}`, i % 3 === 0 ? [] : ['ambush'],
    {}, [i % 5 === 0 ? 'allow' : i % 7 === 0 ? 'hold:ambush' : 'flag:ambush']));

  it('are deterministic for a seed, and move with it', () => {
    const a = evaluate(input(many), B), b = evaluate(input(many), B), c = evaluate(input(many), { ...B, seed: 8 });
    assert.deepEqual(a.perCategory, b.perCategory);
    assert.deepEqual(a.benignHard, b.benignHard);
    assert.notDeepEqual(a.perCategory[0]!.recall.ci, c.perCategory[0]!.recall.ci);
  });

  it('contain the point estimate, lie in [0, 1] and are not degenerate on mixed data', () => {
    const r = evaluate(input(many), { ...B, resamples: 1000 });
    const all = [...r.perCategory.flatMap((x) => [x.precision, x.recall, x.f1]), r.microRecall, r.macroRecall, r.benignHard.rate, r.benignSoft.rate];
    for (const e of all) {
      assert.ok(e.value !== null && e.ci, 'defined');
      assert.ok(e.ci[0] <= e.value && e.value <= e.ci[1], `${e.value} in ${e.ci.join('–')}`);
      assert.ok(e.ci[0] >= 0 && e.ci[1] <= 1);
    }
    const recall = cat(r, 'ambush').recall;
    assert.ok(recall.ci![1] - recall.ci![0] > 0.05, 'a 40-positive recall is uncertain');
  });

  it('leave undefined statistics without interval', () => {
    const r = evaluate(input([conv('a', ['ambush'], {}, ['allow'])]), B);
    assert.deepEqual(cat(r, 'ambush').precision, { value: null, ci: null });
    assert.deepEqual(r.benignHard.rate, { value: null, ci: null });
  });

  it('draw from a reproducible generator; quantiles interpolate', () => {
    const g1 = mulberry32(42), g2 = mulberry32(42);
    const xs = Array.from({ length: 5 }, () => g1());
    assert.deepEqual(xs, Array.from({ length: 5 }, () => g2()));
    assert.ok(xs.every((x) => x >= 0 && x < 1) && new Set(xs).size === 5);
    assert.equal(quantile([0, 10], 0.25), 2.5);
    assert.equal(quantile([1, 2, 3, 4, 5], 0.5), 3);
  });

  it('the mean of a constant has a zero-width interval; resample weights sum to n', () => {
    const sums: number[] = [];
    const [ci] = bootstrapIntervals(10, (w) => { sums.push(w.reduce((s, x) => s + x, 0)); return [1]; }, B);
    assert.deepEqual(ci, [1, 1]);
    assert.equal(sums.length, B.resamples);
    assert.ok(sums.every((s) => s === 10));
  });
});

describe('eval report', () => {
  const r = evaluate(input([conv('a', ['ambush'], {}, ['allow']), conv('b', [], {}, ['hold:ambush!P0'])]), B);
  const meta = { messagesFile: 'm.jsonl', labelsFile: 'l.jsonl', verdictsFile: null, versions: { model: 'x' }, warnings: ['w <1>'], generatedAt: 'now' };
  it('HTML is self-contained and escapes chat text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-eval-report-'));
    writeEvalReport(dir, r, meta);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    assert.ok(!/<script|https?:\/\/(?!www\.w3\.org)/.test(html));
    assert.ok(html.includes('text a-0 &lt;b&gt;') && !html.includes('text a-0 <b>'));
    assert.ok(html.includes('w &lt;1&gt;'));
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { benignP0: unknown; misses: { conversationId: string }[] };
    assert.deepEqual(summary.benignP0, { escalations: 1, conversations: 1 });
    assert.deepEqual(summary.misses.map((m) => m.conversationId), ['a']);
  });
  it('writes one SVG per chart; far-off delays share the end bins of the delay chart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-eval-report-'));
    const far = evaluate(input([conv('a', ['ambush'], { ambush: 14 }, ['flag:ambush', ...Array<string>(14).fill('allow')]),
      conv('b', ['ambush'], {}, ['allow', 'flag:ambush'])]), B);
    const files = writeEvalReport(dir, far, meta).map((f) => f.slice(dir.length + 1));
    assert.deepEqual(files, ['charts/recall.svg', 'charts/precision.svg', 'charts/delays.svg', 'report.html', 'summary.json']);
    const svg = readFileSync(join(dir, 'charts/delays.svg'), 'utf8');
    const bars = [...svg.matchAll(/<title>detections · ([^:]+): (\d+)<\/title>/g)].filter((m) => m[2] !== '0').map((m) => [m[1], m[2]]);
    assert.deepEqual(bars, [['≤-10', '1'], ['1', '1']]);
  });
  it('text and JSON name the misses and false alarms', () => {
    assert.match(evalText(r, meta), /misses: a:ambush\n/);
    assert.match(evalText(r, meta), /false alarms: b\(hard: ambush\)/);
    assert.deepEqual((evalSummary(r, meta).benignHard as { count: number }).count, 1);
  });
});
