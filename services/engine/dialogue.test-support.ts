/** Test support: a two-person conversation from its lines (speakers a and b alternate, one minute apart, adults). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Category } from '../contracts/taxonomy.js';
import type { ChatMessage } from '../contracts/types.js';
import { createEngine, createState } from './engine.js';
import { resolve } from 'node:path';
import { REPO_ROOT } from './engine-options.js';

export function dialogue(prefix: string, k: number, lines: string[]): ChatMessage[] {
  return lines.map((text, i) => ({
    messageId: `${prefix}-${k}-${i}`, tenantId: null, conversationId: `${prefix}-c${k}`, roomId: null,
    senderId: i % 2 ? `b${k}` : `a${k}`, recipientId: i % 2 ? `a${k}` : `b${k}`,
    text, sentAt: 1_767_600_000_000 + k * 3_600_000 + i * 60_000, senderIp: null, senderDeclaredAge: 30, locale: null,
  }) as ChatMessage);
}

/** [name, lines (speakers a and b alternate), category, expected to act (true) or never to act (false)]. */
export type ActCase = [string, string[], Category, boolean];

/**
 * Runs each case as its own conversation through the shipped rules, policy and context (no model, message or window) and
 * returns what went wrong: a case expected to act whose category never reached an action, or one expected never to act that did.
 * `level` 'hold' counts only the verdicts a review team pays for (hold, block or an escalation) that list the category: a benign
 * conversation left at flag passes (round 21: a benign hold lowered to a flag). `models` 'shipped' runs the shipped message and
 * window models too (cases whose category only the model scores).
 */
export async function actCaseErrors(prefix: string, cases: readonly ActCase[], level: 'flag' | 'hold' = 'flag', models: 'none' | 'shipped' = 'none'): Promise<string[]> {
  const engine = await createEngine(models === 'none' ? { modelDir: 'none', windowModelDir: 'none' } : { modelDir: resolve(REPO_ROOT, 'models/vigie-fasttext-v1'), windowModelDir: resolve(REPO_ROOT, 'models/vigie-window-v1') });
  const wrong: string[] = [];
  try {
    for (const [k, [name, lines, category, acts]] of cases.entries()) {
      const verdicts = await engine.classifyBatch(dialogue(prefix, k, lines), createState());
      const counts = (v: (typeof verdicts)[number]): boolean => (level === 'flag' ? v.action !== 'allow' : v.action === 'hold' || v.action === 'block' || v.escalation !== null);
      const acting = verdicts.filter(counts).flatMap((v) => v.categories.filter((c) => c.category === category));
      const verb = level === 'flag' ? 'act' : 'hold';
      if (acts !== (acting.length > 0)) wrong.push(`${name}: ${category} ${acts ? `did not ${verb}` : `${verb === 'act' ? 'acted' : 'held'} (${acting.map((c) => c.sources.join('+')).join(', ')})`}`);
    }
  } finally {
    await engine.close();
  }
  return wrong;
}

/** Stop 40: one test per suite [name, prefix, cases, level], titled `<stop>: <name>`, each expecting no actCaseErrors. */
export function actSuites(stop: string, suites: readonly [string, string, readonly ActCase[], 'flag' | 'hold'][]): void {
  for (const [name, prefix, cases, level] of suites) {
    test(`${stop}: ${name}`, async () => {
      assert.deepEqual(await actCaseErrors(prefix, cases, level), []);
    });
  }
}
