import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import type { ChatMessage } from '../contracts/types.js';
import { createEngine, createState } from './engine.js';
import { REPO_ROOT } from './engine-options.js';
import { normalise } from './normalise.js';
import { loadRuleSet } from './rules/index.js';

const RULES_DIR = resolve(REPO_ROOT, 'rules');
const MB = 1 << 20;
const repeat = (unit: string): string => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);

/** 1 MB hostile messages through the whole engine path (normalise → rules → context → policy), real rule set, no model (neither the message model nor the window model: the models' own answer to such input is pinned below). */
const CASES: { name: string; text: string; categories: string[]; signals: string[]; notCategories: string[] }[] = [
  { name: 'threat then near-misses', text: 'je vais te tuer ' + repeat('je vais te '), categories: ['violent_threat'], signals: [], notCategories: [] },
  { name: 'threats in game context', text: repeat('je vais te tuer 1v1 '), categories: [], signals: [], notCategories: ['violent_threat'] },
  { name: 'drug offer then emoji flood', text: 'vends ' + repeat('🍃❄️💊'), categories: ['drug_trafficking'], signals: [], notCategories: ['violent_threat'] },
  { name: 'spaced digits', text: repeat('0 6 1 2 '), categories: [], signals: ['off_platform_contact'], notCategories: ['violent_threat'] },
  { name: 'one long word', text: repeat('x'), categories: [], signals: [], notCategories: ['violent_threat', 'drug_trafficking'] },
  { name: '"je ai" repeated', text: repeat('je ai '), categories: [], signals: [], notCategories: ['violent_threat', 'drug_trafficking', 'prostitution'] },
];

test('engine path, 1 MB hostile messages: truncated for scoring, recorded, and the right labels', async () => {
  const engine = await createEngine({ rulesDir: RULES_DIR, modelDir: 'none', windowModelDir: 'none' });
  const msgs: ChatMessage[] = CASES.map((c, i) => ({
    messageId: `h${i}`, tenantId: null, conversationId: `hc${i}`, roomId: null, senderId: `s${i}`, recipientId: `r${i}`,
    text: c.text, sentAt: 1_700_000_000_000 + i * 1000, senderIp: null, senderDeclaredAge: null, locale: null,
  }));
  const verdicts = await engine.classifyBatch(msgs, createState());
  assert.equal(verdicts.length, CASES.length);
  CASES.forEach((c, i) => {
    const v = verdicts[i]!;
    const cats = v.categories.map((x) => x.category as string);
    const sigs = v.signals.map((x) => x.signal as string);
    assert.equal(v.textTruncated, true, `${c.name}: textTruncated`);
    assert.ok(v.reasons.some((r) => r.includes('truncated')), `${c.name}: reason records the truncation`);
    for (const l of c.categories) assert.ok(cats.includes(l), `${c.name}: expected category ${l}, got ${cats.join(',')}`);
    for (const l of c.signals) assert.ok(sigs.includes(l), `${c.name}: expected signal ${l}, got ${sigs.join(',')}`);
    for (const l of c.notCategories) assert.ok(!cats.includes(l), `${c.name}: unexpected category ${l}`);
  });
  await engine.close();
});

test('engine path with the shipped models, 1 MB hostile messages: what the models alone raise stays at flag, never escalated', async () => {
  const engine = await createEngine({ rulesDir: RULES_DIR });
  const msgs: ChatMessage[] = CASES.map((c, i) => ({
    messageId: `m${i}`, tenantId: null, conversationId: `mc${i}`, roomId: null, senderId: `s${i}`, recipientId: `r${i}`,
    text: c.text, sentAt: 1_700_000_000_000 + i * 1000, senderIp: null, senderDeclaredAge: null, locale: null,
  }));
  const verdicts = await engine.classifyBatch(msgs, createState());
  for (const name of ['one long word', '"je ai" repeated', 'spaced digits']) {
    const v = verdicts[CASES.findIndex((c) => c.name === name)]!;
    assert.equal(v.textTruncated, true, `${name}: textTruncated`);
    assert.ok(v.action === 'allow' || v.action === 'flag', `${name}: action ${v.action}`);
    assert.equal(v.escalation, null, `${name}: escalation ${JSON.stringify(v.escalation)}`);
    assert.equal(v.enforcement, null, `${name}: enforcement ${JSON.stringify(v.enforcement)}`);
  }
  await engine.close();
});

test('normalise + match on a whole 1 MB message: hits at both ends, spans inside the token range', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  const text = 'je vais te tuer ' + repeat('je vais te ') + ' envoie une photo de toi';
  const norm = normalise(text);
  const hits = rs.match(norm);
  const labels = new Set(hits.map((h) => h.label as string));
  assert.ok(labels.has('violent_threat'), `got ${[...labels].join(',')}`);
  assert.ok(labels.has('image_request'), `got ${[...labels].join(',')}`);
  const threat = hits.find((h) => h.label === 'violent_threat')!;
  assert.ok(threat.span[0] === 0 && threat.span[1] <= 4, `threat span ${threat.span.join('-')}`);
  const img = hits.find((h) => h.label === 'image_request')!;
  assert.ok(img.span[1] >= norm.tokens.length - 4 && img.span[1] < norm.tokens.length, `image span ${img.span.join('-')} of ${norm.tokens.length}`);
  // the same message twice gives the same hits (matcher scratch and caches are reset between messages)
  assert.deepEqual(rs.match(norm), hits);
});
