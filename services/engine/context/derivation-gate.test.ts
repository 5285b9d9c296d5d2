/**
 * Stop 52 (perf52, issue 14): observe's gate before the derivations (derive.ts mayFind) skips them only on messages where
 * the full path finds nothing. A property over corpus conversations, classified by one engine with the gate and again with
 * it off (engine option `derivations`, the 33 called on every message): the same verdicts, byte for byte, and the same
 * checkpoint bytes after each writer's file; and the gate did skip messages.
 *
 * Stop 53 (perf53): the sample is no longer the whole written corpus and eval/dev (41,000+ messages twice, ~400 s of the
 * engine suite at load) but the conversations below: for each of the 33 derivations, the conversation of its first finding
 * in corpus/written (gate off, writers in name order), and for the four that find nothing on any corpus text
 * (consentWaived, victimDisclosure, toldMinorSextortion, controlledWorker) the conversation of the first message past their
 * first gate; plus ud-078 (the paid meeting perf52's check fell on). The test checks that coverage itself, through the
 * derivations wrapped in the injected list: every derivation finds something on the sample with the gate off, or (those
 * four) gets a message past its first gate; a sample that stops covering one fails. Dropping mayFind's prostitution
 * clause, or its signals, fails this test (checked by hand at perf53, on the build).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createCodecs } from '../../contracts/index.js';
import type { ChatMessage } from '../../contracts/types.js';
import { createEngine, createState, encodeState, type Engine } from '../engine.js';
import { DERIVATIONS, type DerivationRun } from './observe.js';
import type { View } from './derive.js';
import { carriesAny } from './cues.js';
import { WAIVE_GATE } from './pursuit.js';
import { WORKER_GATE } from './controlled-worker.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The sample: writer → conversation ids (see the header). */
const SAMPLE: Record<string, readonly string[]> = {
  ua: ['ua-001', 'ua-002', 'ua-005', 'ua-009', 'ua-010', 'ua-012', 'ua-014', 'ua-016', 'ua-022', 'ua-034', 'ua-035', 'ua-037', 'ua-038', 'ua-039', 'ua-053', 'ua-077', 'ua-111'],
  ub: ['ub-020', 'ub-040'],
  ud: ['ud-072', 'ud-078', 'ud-081', 'ud-111'],
  wc: ['wc-024'],
  wg: ['wg-012'],
  wh: ['wh-050'],
  wk: ['wk-062'],
  wz: ['wz-102'],
};

/** The first gates of the four derivations no corpus text makes find anything (their modules' own gate lists). */
const FIRST_GATE: Partial<Record<string, (v: View) => boolean>> = {
  consentWaived: (v) => carriesAny(v.cue, WAIVE_GATE),
  victimDisclosure: (v) => v.cue.has('disclosure'),
  toldMinorSextortion: (v) => v.cue.has('sextortion') || v.cue.has('held_images') || v.cue.has('spread_threat'),
  controlledWorker: (v) => carriesAny(v.cue, WORKER_GATE),
};

function sampleFiles(): ChatMessage[][] {
  const codecs = createCodecs();
  return Object.entries(SAMPLE).map(([w, ids]) => {
    const keep = new Set(ids);
    const msgs = readFileSync(`${ROOT}corpus/written/${w}/messages.jsonl`, 'utf8').split('\n').filter((l) => l.trim())
      .map((l) => codecs.ChatMessage.decodeJson(l)).filter((m) => keep.has(m.conversationId));
    for (const id of ids) assert.ok(msgs.some((m) => m.conversationId === id), `${id} is in corpus/written/${w}`);
    return msgs;
  });
}

/** The 33 wrapped: calls, findings and first-gate passes counted per derivation. */
function counted(gated: boolean): DerivationRun & { calls: number[]; found: number[]; gatePassed: number[] } {
  const calls = DERIVATIONS.map(() => 0); const found = DERIVATIONS.map(() => 0); const gatePassed = DERIVATIONS.map(() => 0);
  const list = DERIVATIONS.map((d, i) => {
    const gate = FIRST_GATE[d.name];
    return (v: View) => {
      calls[i]!++;
      if (gate?.(v)) gatePassed[i]!++;
      const f = d(v);
      if (f.length) found[i]!++;
      return f;
    };
  });
  return { gated, list, calls, found, gatePassed };
}

/** Each file's verdicts (one JSON line a message, batches of 64) and the checkpoint bytes after it, from a fresh state a file. */
async function run(engine: Engine, sets: readonly ChatMessage[][]): Promise<{ verdicts: string[]; states: Uint8Array[] }> {
  const verdicts: string[] = [];
  const states: Uint8Array[] = [];
  for (const messages of sets) {
    const state = createState();
    let text = '';
    for (let k = 0; k < messages.length; k += 64) for (const v of await engine.classifyBatch(messages.slice(k, k + 64), state)) text += JSON.stringify(v) + '\n';
    verdicts.push(text);
    states.push(encodeState(state));
  }
  return { verdicts, states };
}

test('the derivation gate changes no verdict and no checkpoint byte on a sample covering every derivation, and skips messages', async () => {
  const sets = sampleFiles();
  const total = sets.reduce((n, s) => n + s.length, 0);
  const on = counted(true); const off = counted(false);
  const gatedEngine = await createEngine({ derivations: on });
  const fullEngine = await createEngine({ derivations: off });
  try {
    const gated = await run(gatedEngine, sets);
    const full = await run(fullEngine, sets);
    // Coverage: every derivation finds something on the sample with the gate off, or (the four no corpus text makes find
    // anything) gets a message past its first gate.
    const uncovered = DERIVATIONS.map((d, i) => ({ name: d.name, i }))
      .filter(({ name, i }) => (FIRST_GATE[name] ? off.gatePassed[i] === 0 : off.found[i] === 0)).map(({ name }) => name);
    assert.deepEqual(uncovered, [], 'derivations the sample does not cover');
    assert.ok(off.calls.every((c) => c === total), 'the gate off calls every derivation on every message');
    const skipped = total - on.calls[0]!;
    assert.ok(skipped > total / 10, `the gate skipped ${skipped} of ${total} messages`);
    for (let i = 0; i < sets.length; i++) {
      if (gated.verdicts[i] !== full.verdicts[i]) {
        const a = gated.verdicts[i]!.split('\n'); const b = full.verdicts[i]!.split('\n');
        const k = a.findIndex((l, j) => l !== b[j]);
        assert.fail(`file ${i}: verdict ${k} differs with the gate:\n${a[k]}\nwithout it:\n${b[k]}`);
      }
      assert.deepEqual(gated.states[i], full.states[i], `file ${i}: checkpoint bytes`);
    }
  } finally {
    await gatedEngine.close();
    await fullEngine.close();
  }
});
