/**
 * Test support: replays a written conversation ("sender: text" lines) through the real rule files and the context
 * stage, one message a minute, and hands each message's context output to `each`. A room (group chat) by default;
 * `direct` makes it a two-person chat where each line is addressed to the other speaker ("a" ↔ "b").
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CATEGORIES, type Category } from '../../contracts/taxonomy.js';
import { normalise } from '../normalise.js';
import { messageEvidence } from '../engine.js';
import { loadRuleSet } from '../rules/index.js';
import { cuesOf } from './cues.js';
import { fold } from './fold.js';
import { observe } from './observe.js';
import { compileContextBounds, createState } from './state.js';

const RULES_DIR = fileURLToPath(new URL('../../../../rules', import.meta.url));
const ASSERT_AT = Object.fromEntries(CATEGORIES.map((c) => [c, 0.5])) as Record<Category, number>;
const BOUNDS = compileContextBounds();

export type ContextOut = ReturnType<typeof observe>;

export async function replay(lines: readonly string[], each: (out: ContextOut) => void, direct = false): Promise<void> {
  const rules = await loadRuleSet(RULES_DIR);
  const state = createState();
  lines.forEach((line, i) => {
    const [from, ...rest] = line.split(': ');
    const text = rest.join(': ');
    const ev = messageEvidence(rules.match(normalise(text)), null, undefined);
    each(observe(state, {
      messageId: `rp-m${i}`, conversationId: 'rp', roomId: direct ? null : 'room', senderId: from!, recipientId: direct ? (from === 'a' ? 'b' : 'a') : null, text,
      sentAt: 1_700_000_000_000 + i * 60_000, senderDeclaredAge: null, signals: ev.signals, categories: ev.categories,
      ...(ev.ruleCues ? { ruleCues: ev.ruleCues } : {}),
    }, ASSERT_AT, BOUNDS));
  });
}

/** The highest score of `cat` from a context derivation (`source` prefix) over a two-person conversation ("a: …" / "b: …"). */
export async function derived(lines: string[], cat: Category, source = 'context:'): Promise<number> {
  let best = 0;
  await replay(lines, (out) => {
    const c = out.categories[cat];
    if (c && c.sources.some((s) => s.startsWith(source))) best = Math.max(best, c.score);
  }, true);
  return best;
}

/** The context cues of one text: the text's own and those the real rule files find. */
export async function cues(text: string): Promise<Set<string>> {
  const rules = await loadRuleSet(RULES_DIR);
  return cuesOf(fold(text), messageEvidence(rules.match(normalise(text)), null, undefined).ruleCues ?? []);
}

/** One test per conversation: each of `found` derives `cat` at ≥ 0.6, each of `quiet` derives nothing of it. */
export function derivationTests(title: string, cat: Category, found: readonly [string, string[]][], quiet: readonly [string, string[]][]): void {
  for (const [name, lines] of found) {
    test(`${title}: ${name}`, async () => {
      assert.ok((await derived(lines, cat)) >= 0.6, name);
    });
  }
  for (const [name, lines] of quiet) {
    test(`${title}: not on ${name}`, async () => {
      assert.equal(await derived(lines, cat), 0, name);
    });
  }
}
