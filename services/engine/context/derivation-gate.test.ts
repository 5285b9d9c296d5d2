/**
 * Stop 52 (perf52, issue 14): observe's gate before the derivations (derive.ts mayFind) skips them only on messages where
 * the full path finds nothing. A property over the corpus texts: every message of the written corpus and of the dev set,
 * classified by one engine with the gate and again with it off (the 33 derivations called on every message), gives the
 * same verdict, byte for byte, and the same checkpoint bytes after each writer's file; and the gate did skip messages
 * (so the comparison covers it). A gate that skipped a message the full path flags (a derivation's finding adds evidence,
 * a reason line and marks) changes a verdict or the state: dropping mayFind's prostitution clause, or its signals, fails
 * this test (checked by hand at perf52).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createCodecs } from '../../contracts/index.js';
import type { ChatMessage } from '../../contracts/types.js';
import { createEngine, createState, encodeState, type Engine } from '../engine.js';
import { DERIVATION_GATE } from './observe.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The readable hand-written sets, one list of messages a file: every corpus/written writer, then eval/dev. */
function corpusFiles(): ChatMessage[][] {
  const codecs = createCodecs();
  const files: string[] = [];
  const dir = `${ROOT}corpus/written`;
  for (const w of readdirSync(dir).sort()) if (existsSync(`${dir}/${w}/messages.jsonl`)) files.push(`${dir}/${w}/messages.jsonl`);
  files.push(`${ROOT}eval/dev/messages.jsonl`);
  return files.map((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()).map((l) => codecs.ChatMessage.decodeJson(l)));
}

/** Each file's verdicts (one JSON line a message, batches of 64) and the checkpoint bytes after it, from a fresh state a file. */
async function run(engine: Engine, sets: readonly ChatMessage[][], gate: boolean): Promise<{ verdicts: string[]; states: Uint8Array[] }> {
  const verdicts: string[] = [];
  const states: Uint8Array[] = [];
  DERIVATION_GATE.on = gate;
  try {
    for (const messages of sets) {
      const state = createState();
      let text = '';
      for (let k = 0; k < messages.length; k += 64) for (const v of await engine.classifyBatch(messages.slice(k, k + 64), state)) text += JSON.stringify(v) + '\n';
      verdicts.push(text);
      states.push(encodeState(state));
    }
  } finally {
    DERIVATION_GATE.on = true;
  }
  return { verdicts, states };
}

test('the derivation gate changes no verdict and no checkpoint byte on the corpus texts, and skips messages', async () => {
  const sets = corpusFiles();
  const total = sets.reduce((n, s) => n + s.length, 0);
  assert.ok(total > 30_000, `the corpus texts were read (${total} messages)`);
  const engine = await createEngine({});
  try {
    const before = DERIVATION_GATE.skipped;
    const gated = await run(engine, sets, true);
    const skipped = DERIVATION_GATE.skipped - before;
    const full = await run(engine, sets, false);
    assert.equal(DERIVATION_GATE.skipped - before, skipped, 'the gate off skips nothing');
    // The gate is exercised: a large share of the hand-written messages carries nothing any derivation reads first.
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
    await engine.close();
  }
});
