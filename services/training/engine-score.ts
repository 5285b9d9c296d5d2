/**
 * Runs the whole engine over labelled conversations and scores it with the dev-set scorer's definitions:
 * a category is detected in a conversation labelled with it when some verdict lists it and acts (action
 * other than allow) or escalates; a benign conversation with a hold, block or escalation is a hard false
 * alarm, with only flags a soft one.
 */
import { createCodecs } from '../contracts/index.js';
import type { ChatMessage } from '../contracts/types.js';
import { createEngine, createState, type EngineOptions } from '../engine/engine.js';
import { CATEGORIES, type Category } from '../contracts/taxonomy.js';
import type { LabelledConversation } from './window-corpus.js';

export type EngineScore = Record<string, number | null>;

export async function scoreEngine(convs: readonly LabelledConversation[], opts: EngineOptions, batch = 256): Promise<EngineScore> {
  const codecs = createCodecs();
  const engine = await createEngine(opts);
  const state = createState();
  const messages: ChatMessage[] = convs.flatMap((c) => (c.raw ?? []).map((l) => codecs.ChatMessage.decodeJson(l)));
  const raised = new Map<string, { soft: boolean; hard: boolean; cats: Set<Category> }>();
  try {
    for (let i = 0; i < messages.length; i += batch) {
      for (const v of await engine.classifyBatch(messages.slice(i, i + batch), state)) {
        const r = raised.get(v.conversationId) ?? { soft: false, hard: false, cats: new Set<Category>() };
        raised.set(v.conversationId, r);
        const acts = v.action !== 'allow' || v.escalation !== null;
        if (!acts) continue;
        r.soft = true;
        if (v.action === 'hold' || v.action === 'block' || v.escalation !== null) r.hard = true;
        for (const c of v.categories) r.cats.add(c.category);
      }
    }
  } finally { await engine.close(); }
  const pos: Partial<Record<Category, number>> = {}, det: Partial<Record<Category, number>> = {};
  let benign = 0, hard = 0, soft = 0;
  for (const c of convs) {
    const r = raised.get(c.id);
    if (c.categories.length === 0) { benign++; if (r?.hard) hard++; else if (r?.soft) soft++; continue; }
    for (const cat of c.categories) { pos[cat] = (pos[cat] ?? 0) + 1; if (r?.cats.has(cat)) det[cat] = (det[cat] ?? 0) + 1; }
  }
  const out: EngineScore = {};
  let p = 0, d = 0;
  for (const cat of CATEGORIES) {
    out[cat] = pos[cat] ? +((det[cat] ?? 0) / pos[cat]!).toFixed(3) : null;
    p += pos[cat] ?? 0; d += det[cat] ?? 0;
  }
  out.micro = p ? +(d / p).toFixed(3) : null;
  out.benignHard = benign ? +(hard / benign).toFixed(3) : null;
  out.benignSoft = benign ? +(soft / benign).toFixed(3) : null;
  return out;
}
