import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pickThreshold, thresholdGrid, type SweepPoint, type TuneTarget } from './tune.js';
import { bumpVersion, tunedManifest } from './manifest-version.js';
import { operatingPoint } from './operating-point.js';
import type { LabelledSet } from './labelled-set.js';
import { barChart, binCounts, lineChart } from './svg-charts.js';
import type { ModelManifest } from '../engine/model/manifest.js';

const pt = (threshold: number, precision: number | null, recall: number | null, fp: number, fa: number | null = null): SweepPoint =>
  ({ threshold, precision, recall, falseAlarmRate: fa, truePositives: 0, falsePositives: fp });

describe('pickThreshold', () => {
  const points = [pt(0.1, 0.5, 1, 4, 0.2), pt(0.3, 0.8, 1, 1, 0.05), pt(0.5, 0.95, 0.8, 0, 0), pt(0.6, 0.95, 0.8, 0, 0), pt(0.9, null, 0, 0, 0)];
  const cases: { name: string; target: TuneTarget; current: number; want: number | null }[] = [
    { name: 'precision target: best recall that meets it', target: { kind: 'precision', value: 0.9 }, current: 0.3, want: 0.5 },
    { name: 'ties go to the threshold nearest the current one', target: { kind: 'precision', value: 0.9 }, current: 0.7, want: 0.6 },
    { name: 'loose target: highest recall, fewest false positives', target: { kind: 'precision', value: 0.5 }, current: 0.1, want: 0.3 },
    { name: 'false-alarm target', target: { kind: 'falseAlarmRate', value: 0.1 }, current: 0.5, want: 0.3 },
    { name: 'unreachable target: none (a point with no recall never counts)', target: { kind: 'precision', value: 0.99 }, current: 0.5, want: null },
  ];
  for (const c of cases) it(c.name, () => assert.equal(pickThreshold(points, c.target, c.current)?.threshold ?? null, c.want));
});

describe('threshold grid and manifest versions', () => {
  it('grid is rounded and inclusive', () => assert.deepEqual(thresholdGrid({ gridMin: 0.1, gridMax: 0.3, gridStep: 0.05 }), [0.1, 0.15, 0.2, 0.25, 0.3]));
  for (const [from, to] of [['1.2.0', '1.2.1'], ['2.0.9', '2.0.10'], ['beta', 'beta-tuned.1'], ['beta-tuned.3', 'beta-tuned.4']]) {
    it(`bumps ${from} to ${to}`, () => assert.equal(bumpVersion(from!), to));
  }
  it('tuned manifest keeps the old thresholds for the record and overrides only the given ones', () => {
    const old = { version: '1.0.0', thresholds: { child_grooming: 0.5, age_inquiry: 0.4 } } as unknown as ModelManifest;
    const m = tunedManifest(old, { child_grooming: 0.7 }, { target: 'x' }) as ModelManifest & { tuning: { previousVersion: string } };
    assert.deepEqual(m.thresholds, { child_grooming: 0.7, age_inquiry: 0.4 });
    assert.equal(m.version, '1.0.1');
    assert.equal(m.tuning.previousVersion, '1.0.0');
  });
});

describe('operatingPoint', () => {
  const set: LabelledSet = {
    kind: 'conversation', messages: [],
    labels: new Map([
      ['a', { conversationId: 'a', categories: ['ambush'], evidentIndex: { ambush: 1 } }],
      ['b', { conversationId: 'b', categories: [], evidentIndex: {} }],
      ['c', { conversationId: 'c', categories: ['ambush'], evidentIndex: { ambush: 0 } }],
    ]),
    position: new Map([['a0', 0], ['a1', 1], ['a2', 2], ['b0', 0], ['c0', 0]]),
  };
  const v = (
    messageId: string,
    conversationId: string,
    action: string,
    cats: string[],
    escalation: unknown = null
  ) => ({ messageId, conversationId, action, escalation, categories: cats.map((category) => ({ category })) });
  it('counts detections, false alarms and delays with the scorer definition', () => {
    const op = operatingPoint(set, [v('a0', 'a', 'allow', ['ambush']), v('a2', 'a', 'flag', ['ambush']), v('b0', 'b', 'hold', ['ambush']), v('c0', 'c', 'allow', ['ambush'])]);
    const f = op.perCategory.ambush;
    assert.deepEqual([f.positives, f.negatives, f.truePositives, f.falsePositives, f.delays], [2, 1, 1, 1, [1]]);
    assert.equal(f.precision, 0.5);
    assert.equal(f.recall, 0.5);
    assert.equal(op.benignHardFalseAlarmRate, 1);
  });
  it('an escalation with action allow still counts', () => {
    assert.equal(operatingPoint(set, [v('c0', 'c', 'allow', ['ambush'], { priority: 'P1' })]).perCategory.ambush.truePositives, 1);
  });
});

describe('svg charts', () => {
  it('line chart has one point per datum and escapes labels', () => {
    const svg = lineChart({ title: 'a<b', xLabel: 'x', yLabel: 'y', series: [{ name: 's', points: [[0, 0], [0.5, 1], [1, 0.5]] }] });
    assert.equal((svg.match(/class="pt"/g) ?? []).length, 3);
    assert.ok(svg.includes('a&lt;b') && !svg.includes('a<b'));
  });
  it('bar chart has one bar per group and series', () => {
    const svg = barChart({ title: 't', xLabel: 'x', yLabel: 'y', groups: ['g1', 'g2'], series: [{ name: 'a', values: [1, 2] }, { name: 'b', values: [3, 0] }] });
    assert.equal((svg.match(/class="bar"/g) ?? []).length, 4);
  });
  it('bins include both ends', () => assert.deepEqual(binCounts([0, 0.05, 0.5, 1], 4), [2, 0, 1, 1]));
});
