/**
 * Round 21b (rules21b): the twenty-first round's writers ib, ic and id (an adversarial brief: harm spread over messages, told late,
 * in cover words; benign conversations built like harm) read by kind, with the shipped rules and policy, the context and no model
 * (message or window). Hard negatives first: clinical sedation on a ward named by its own words (a delirious patient, midaz, the
 * registrar on call, a capacity assessment); a vet sedating an animal "to treat her"; a victim's own story of a robbery after a fake
 * classified ad; a child dropped home by his coach; a shotgun picked up in a game. Harm told without the usual words: a sleeping remedy fetched for a named woman so that « elle se laisse faire », pills
 * crushed so they melt into the punch and nobody knows the next day how they got home; a man who will not lift his hands again or not
 * use his face again, with a bat and a time; a blade kept in the car with her routine. Texts written for this test; every row fails
 * on rules 2026.12.20-1 (checked by running this file against them).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actCaseErrors, dialogue, type ActCase } from './dialogue.test-support.js';
import { createEngine, createState } from './engine.js';

const CASES: ActCase[] = [
  // Harm told without the usual words
  ['FR: a sleeping remedy so that she lets it happen', ['ramene le sirop de ta tante, celui pour dormir', 'pour quoi faire', 'pour la soeur de Lina samedi, elle boit que du coca, c est la seule facon qu elle se laisse faire'], 'drug_facilitated_assault', true],
  ['FR: crushed so it melts into the punch, nobody knows how they got home', ['la bouteille est prete, ecrase fin, ca fond dans le punch', 'pour les deux filles du camping ?', 'oui, demain elles sauront meme pas comment elles sont rentrees'], 'drug_facilitated_assault', true],
  ['EN: not able to use his face, at the car park at ten', ['he thinks he s meeting her at the reservoir car park thursday 10pm', 'you and the boys go instead, i want him not able to use that pretty face for a while'], 'violent_threat', true],
  ['EN: a blade in the car and her routine', ['she finishes at the chippy at 10 and walks home by the harbour', 'rob what are you on about', 'she ll listen whether she wants to or not, i ve got the old filleting knife in the car'], 'violent_threat', true],
  // Hard negatives built like harm
  ['EN: sedation on the ward, the family worried', ['rough night, the man in bay 2 pulled his line out, delirium', 'did the reg on call write him up', 'low dose midaz, at least he wont remember being so distressed', 'family thought we were drugging him to keep him quiet, capacity assessment tomorrow'], 'drug_facilitated_assault', false],
  ['FR: un véto endort une brebis pour la soigner', ['la brebis boite encore', 'je passe avec la flechette hypodermique, faut la endormir pour la soigner', 'elle se souviendra de rien'], 'drug_facilitated_assault', false],
  // Review S1: "she'll let me know" next to a sleeping remedy is a family's errand
  ['EN: nan s sleeping tablets, she ll let me know (review S1)', ['can you pick up nan s sleeping tablets tomorrow', 'yeah she ll let me know when they re ready'], 'drug_facilitated_assault', false],
  ['EN: melatonin for mum (review S1)', ['grabbed the melatonin for mum, the ones to sleep', 'ok she ll let me know if she needs more'], 'drug_facilitated_assault', false],
  ['EN: dad s sleeping pills before the exam (review S1)', ['dad has sleeping pills in the bathroom', 'ask him, he ll let me have one if i can t sleep before the exam'], 'drug_facilitated_assault', false],
  ['EN: a coach drops the boy home', ['he finishes school at 3.30, he s 14', 'ill pick him up at the school gate and drop him home after training, 10 a session'], 'violent_threat', false],
  ['EN: dropped off at yours after football', ['can you grab leo from football at 5', 'sure, ill drop him off at yours by 6, his mum finishes at 7'], 'violent_threat', false],
  ['FR: a shotgun picked up in the game', ['derniere partie de warzone, je vous envoie au goulag', 'je prends le fusil a pompe, je vous rushe tous, rendez vous a la mairie a 10h'], 'violent_threat', false],
];

test('round 21b: harm told without its words acts; ward and vet sedation, a victim\'s story, a ride home, a game do not', async () => {
  assert.deepEqual(await actCaseErrors('r21b', CASES), []);
});

// A victim's story is framed (held at review level): listed, never held or escalated. On rules 2026.12.20-1 both were held (P1).
const STORIES: ActCase[] = [
  ['FR: a victim tells his robbery after a fake ad', ['je voulais acheter une voiture sur une annonce, rdv au fond de la zone industrielle a 21h', 'oh non', 'y avait pas de voiture, trois gars cagoules, ils m ont pris l argent et le telephone'], 'ambush', false],
  ['EN: a victim tells his robbery after a fake ad', ['went to buy a ps5 off marketplace, meet at the back of the industrial estate at 10pm', 'and?', 'no ps5, three lads in balaclavas, they took my wallet and my phone'], 'ambush', false],
];

test('round 21b: a victim\'s own robbery story is at most flagged, never held', async () => {
  const engine = await createEngine({ modelDir: 'none', windowModelDir: 'none' });
  try {
    const wrong: string[] = [];
    for (const [k, [name, lines]] of STORIES.entries()) {
      const verdicts = await engine.classifyBatch(dialogue('r21bs', k, lines), createState());
      if (verdicts.some((v) => v.action === 'hold' || v.action === 'block' || v.escalation)) wrong.push(name);
    }
    assert.deepEqual(wrong, []);
  } finally {
    await engine.close();
  }
});

// Review S2, S3, S5: harm the branch's first rules lowered from hold to flag (« on mange » read as a vet's frame, the Delirium Café
// as a ward, "drop him at the car park" as a ride): held or blocked in its category, not only flagged.
const HELD: ActCase[] = [
  ['FR: dinner at mine then drops in her glass (review S2)', ['samedi elle mange chez moi', 'et alors', 'j ai les gouttes, dans son verre, demain elle se souviendra de rien'], 'drug_facilitated_assault', true],
  ['FR: G at the Delirium Café (review S3)', ['on l emmene au delirium cafe vendredi', 'et apres', 'quelques gouttes de G, elle dira pas non, elle se souviendra de rien'], 'drug_facilitated_assault', true],
  ['EN: drop him at the car park, bring the blades (review S5)', ['he thinks he s meeting a girl at the retail park 10pm', 'we drop him at the car park before he knows what s happening, bring the blades'], 'violent_threat', true],
];

test('round 21b review: dinner, a bar named Delirium, a drop at the car park do not lower harm below hold', async () => {
  const engine = await createEngine({ modelDir: 'none', windowModelDir: 'none' });
  try {
    const wrong: string[] = [];
    for (const [k, [name, lines, category]] of HELD.entries()) {
      const verdicts = await engine.classifyBatch(dialogue('r21bh', k, lines), createState());
      if (!verdicts.some((v) => (v.action === 'hold' || v.action === 'block') && v.categories.some((c) => c.category === category))) wrong.push(name);
    }
    assert.deepEqual(wrong, []);
  } finally {
    await engine.close();
  }
});

// Stop 36 (review of rules21b, harm-c023): a drink named as the one to dose lifts the ward's or the vet's frame, as something put into
// it does (rules/r21b.rules r22b_cue.drink_target, frames.ts, derive.ts). Held, not only flagged; on rules 2026.12.22-1 without it the
// ward words kept the first three at flag and the fourth (no verb, « dans son verre ») at allow.
const DRINK_NAMED: ActCase[] = [
  ['EN: icu, midaz, in her drink on friday (review harm-c023)', ['i work on icu, i can get haloperidol and midaz', 'and?', 'put some in her drink on friday, she won t fight it'], 'drug_facilitated_assault', true],
  ['EN: the drink and her state said apart', ['i work on icu, i can get midaz', 'ok and', 'put some in her drink on friday', 'she won t fight it'], 'drug_facilitated_assault', true],
  ['FR: réa, midazolam, dans son verre samedi', ['je bosse en rea, j ai acces au midazolam', 'et alors', 'j en mets dans son verre samedi, elle se laissera faire'], 'drug_facilitated_assault', true],
  ['FR: a vet\'s ketamine, « dans son verre » without a verb', ['je suis veto, j ai de la ketamine', 'dans son verre vendredi, elle dira pas non'], 'drug_facilitated_assault', true],
  ['FR: the drink named, her state said next (the frame stays lifted)', ['je suis veto, j ai de la ketamine', 'dans son verre vendredi', 'elle dira pas non'], 'drug_facilitated_assault', true],
  // The care reason said with the drink: a patient, a child, a grandmother or a dog who cannot swallow or refuses the tablet.
  ['EN: a nurse gives his sleeping tablet in his juice, he can t swallow pills', ['the patient in bay 2 is on zopiclone at night', 'he can t swallow tablets, crush it and give it in his juice, he won t fight it then'], 'drug_facilitated_assault', false],
  ['EN: a vet\'s calming pill hidden in the dog\'s food', ['the vet gave us sedative tablets for rex before the fireworks', 'hide one in his food, the vet said an hour before, he won t fight it then'], 'drug_facilitated_assault', false],
  ['FR: le somnifère de mamie écrasé dans sa compote', ['mamie arrive pas a avaler son somnifere', 'ecrase le cachet dans sa compote, le medecin a dit que c etait bon, elle se laissera faire'], 'drug_facilitated_assault', false],
  ['FR: l\'haldol du patient dans son jus, il refuse les comprimés', ['je suis de nuit en rea, le monsieur du box 5 delire', 'il refuse ses comprimes, on lui donne son haldol dans son jus, il se laissera faire'], 'drug_facilitated_assault', false],
];

test('round 21b review (harm-c023): a drink named as the one to dose is no ward talk; a patient\'s, a grandmother\'s or a dog\'s medicine in food is', async () => {
  assert.deepEqual(await actCaseErrors('r22b', DRINK_NAMED, 'hold'), []);
});
