/**
 * Round 17's read-through (review of 2dd6ff9..): four things the batch reviews had not probed, end to end through the real rule
 * files and the context stage (no model). A show named in the messages BEFORE a plan framed the plan as a plot (the fiction frame
 * had a window of 2); « être gentille avec ton frère » and a pullover that suits a friend were sexual remarks (three of them held);
 * car-audio "subs" and glasses prescriptions were resold medicine. Conversations written for this test, each beside the real thing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import type { ChatMessage } from '../contracts/types.js';
import { compileEngineOptions, engineFromParts, createState, loadPolicy, type Engine, type EngineVerdict } from './engine.js';
import { REPO_ROOT } from './engine-options.js';
import { loadRuleSet } from './rules/index.js';

let engine: Engine | null = null;
async function run(name: string, lines: [string, string][]): Promise<EngineVerdict[]> {
  engine ??= engineFromParts({
    rules: await loadRuleSet(resolve(REPO_ROOT, 'rules')),
    policy: await loadPolicy(resolve(REPO_ROOT, 'policies/default.json')),
    model: null,
    options: compileEngineOptions({ modelDir: 'none' }),
  });
  const people = [...new Set(lines.map(([s]) => s))];
  const msgs: ChatMessage[] = lines.map(([from, text], i) => ({
    messageId: `${name}-${i}`, tenantId: null, conversationId: name, roomId: null, senderId: from,
    recipientId: people.find((p) => p !== from) ?? null, text, sentAt: 1_730_000_000_000 + i * 60_000,
    senderIp: null, senderDeclaredAge: null, locale: null,
  }));
  return engine.classifyBatch(msgs, createState());
}
const hard = (vs: EngineVerdict[]): boolean => vs.some((v) => v.action === 'hold' || v.action === 'block' || v.escalation !== null);
const lists = (vs: EngineVerdict[], c: string): boolean => vs.some((v) => v.action !== 'allow' && v.categories.some((x) => x.category === c));

test('a show named in the messages before a plan does not frame the plan as a plot', async () => {
  const spike = await run('r17-spike', [['b', 'did u watch the finale last night'], ['a', 'yeah crazy'], ['a', 'tonight ill slip a pill in her drink, she wont remember a thing']]);
  assert.ok(hard(spike), 'the drugging plan is held');
  const jump = await run('r17-jump', [['b', 'did u see the new ep'], ['a', 'yeah'], ['a', 'me and the boys gonna jump him after school tomorrow and smash his face in']]);
  assert.ok(hard(jump), 'the group attack is held');
  const fr = await run('r17-fr', [['b', 'tu regardes quel anime en ce moment ?'], ['a', 'one piece'], ['a', 'ce soir je mets un truc dans son verre, elle dormira']]);
  assert.ok(hard(fr), 'the French drugging plan is held');
});

test('a mother telling her daughter to be nice to her brother, and a pullover that suits a friend, are no sexual remarks', async () => {
  const mum = await run('r17-mum', [['mom', 'tu dois être gentille avec ton frère'], ['kid', 'ok maman'], ['mom', 'il faut être gentille avec ton frère'], ['kid', 'oui'], ['mom', 'sois sage et être gentille avec ton cousin']]);
  assert.ok(!hard(mum) && !lists(mum, 'sexual_harassment'), 'the mother is not held');
  const pull = await run('r17-pull', [['a', 'le pull il te va tellement bien'], ['b', 'merci !'], ['a', 'franchement le vert il te va super bien'], ['b', 'ahah'], ['a', 'et la veste elle te va si bien aussi']]);
  assert.ok(!hard(pull), 'compliments between friends are not held');
  const picky = await run('r17-picky', [['p', 'fais pas la difficile, mange tes haricots'], ['k', 'beurk'], ['p', 'fais pas la difficile je te dis'], ['k', 'bon ok'], ['p', 'fais pas ta timide, dis bonjour à la dame']]);
  assert.ok(!hard(picky), 'a parent at dinner is not held');
  // the boss form stays a remark of that kind
  const boss = await run('r17-boss', [['m', 'tu sais, pour avoir tes samedis faut être gentille avec ton chef'], ['e', 'pardon ?'], ['m', 'mets la jupe de la dernière fois demain'], ['e', 'non'], ['m', 'tu peux me remercier autrement 😉']]);
  assert.ok(lists(boss, 'sexual_harassment'), 'the manager is still flagged');
});

test('car-audio subs and glasses prescriptions are no resold medicine; a named medicine sold on still is', async () => {
  for (const [name, text] of [['r17-subs', 'selling my subs and amp, 150 for both, collection only'], ['r17-glasses', 'je revends mes ordonnances de lunettes']] as const) {
    assert.ok(!lists(await run(name, [['a', text]]), 'drug_trafficking'), text);
  }
  assert.ok(lists(await run('r17-lyrica', [['a', 'je revends mon lyrica, mp']]), 'drug_trafficking'));
});
