/**
 * Test support: replays a written conversation ("sender: text" lines) through the real rule files and the context
 * stage, one message a minute, and hands each message's context output to `each`. A room (group chat) by default;
 * `direct` makes it a two-person chat where each line is addressed to the other speaker ("a" ↔ "b").
 */
import { fileURLToPath } from 'node:url';
import { CATEGORIES, type Category } from '../../contracts/taxonomy.js';
import { normalise } from '../normalise.js';
import { messageEvidence } from '../engine.js';
import { loadRuleSet } from '../rules/index.js';
import { observe } from './observe.js';
import { compileContextBounds, createState } from './state.js';
import { cuesOf } from './cues.js';
import { fold } from './fold.js';

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

/** The highest score of `cat` from a context derivation (`source` prefix) over a replayed conversation (two-person by default). */
export async function derivedMax(lines: readonly string[], cat: Category, source = 'context:', direct = true): Promise<number> {
  let best = 0;
  await replay(lines, (out) => {
    const c = out.categories[cat];
    if (c && c.sources.some((s) => s.startsWith(source))) best = Math.max(best, c.score);
  }, direct);
  return best;
}

/** The context cues of one text: the regex cues and those the real rule files set. */
export async function textCues(text: string): Promise<ReadonlySet<string>> {
  const rules = await loadRuleSet(RULES_DIR);
  return cuesOf(fold(text), messageEvidence(rules.match(normalise(text)), null, undefined).ruleCues ?? []);
}
