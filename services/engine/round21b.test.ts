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
import type { Category } from '../contracts/taxonomy.js';
import { actCaseErrors, dialogue, type ActCase } from './dialogue.test-support.js';
import { createEngine, createState } from './engine.js';

const CASES: ActCase[] = [
  // Harm told without the usual words
  ['FR: a sleeping remedy so that she lets it happen', ['ramene le sirop de ta tante, celui pour dormir', 'pour quoi faire', 'pour la soeur de Lina samedi, elle boit que du coca, c est la seule facon qu elle se laisse faire'], 'drug_facilitated_assault', true],
  ['FR: crushed so it melts into the punch, nobody knows how they got home', ['la bouteille est prete, ecrase fin, ca fond dans le punch', 'pour les deux filles du camping ?', 'oui, demain elles sauront meme pas comment elles sont rentrees'], 'drug_facilitated_assault', true],
  ['EN: not able to use his face, at the car park at ten', ['he thinks he s meeting her at the reservoir car park thursday 10pm', 'you and the boys go instead, i want him not able to use that pretty face for a while'], 'violent_threat', true],
  ['EN: a blade in the car and her routine', ['she finishes at the chippy at 10 and walks home by the harbour', 'rob what are you on about', 'she ll listen whether she wants to or not, i ve got the old filleting knife in the car'], 'violent_threat', true],
  // Hard negatives built like harm
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

// Stop 36, second review of rules21b (S2–S4): harm the branch lowered, held again (texts of the review). S2: ward and animal words
// (`cue:ward`) no longer cover a person's drink, tea or water bottle named as where the drug goes, with ice, "watch" or a party said;
// S3: « la police est prévenue » said first no longer covers a deal or a gun sale two messages later; S4: "drop him off the bridge",
// "drop him at his door" with bars or blades are blows, not rides. Hard negatives: a child's, a grandmother's or a pony's medicine
// in a drink with the reason said in the earlier message are not held (the reverted drink fix held them at P0).
const SECOND_REVIEW: ActCase[] = [
  ['EN: hdu, midaz, slip some in her tea (S2 h02)', ['i work on hdu, i can get midaz easy', 'and?', 'slip some in her tea on friday, she won t fight it'], 'drug_facilitated_assault', true],
  ['EN: icu, lorazepam, her water bottle at the party (S2 h03)', ['im on icu nights, got lorazepam from the cupboard', 'so', 'drop a couple in her water bottle at the party, she won t fight it'], 'drug_facilitated_assault', true],
  ['EN: icu, midaz, her drink and watch (S2 h07)', ['on icu i can get midaz whenever', 'and?', 'put some in her drink friday and watch, she won t fight it'], 'drug_facilitated_assault', true],
  ['FR: refuge animalier, quelques gouttes dans son thé (S2 h19)', ['au refuge animalier on a des sedatifs pour les chiens', 'et ?', 'quelques gouttes dans son the ce soir, elle se laissera faire apres la soiree'], 'drug_facilitated_assault', true],
  ['EN: the police told, then a glock for 900 (S3 k06)', ['the police have been told, dont touch the car', 'fine, where s the piece then', 'glock is in the garage, 900 cash, meet at the lidl 10pm'], 'weapons_trafficking', true],
  ['EN: drop him off the bridge, bring the bars (S4 h25)', ['he walks home from the pub at 11', 'and', 'we drop him off the bridge, bring the bars'], 'violent_threat', true],
  ['EN: drop him at his door, bring the blades (S4 h26)', ['he thinks nobody knows where he lives', 'so', 'we drop him at his door tonight, bring the blades'], 'violent_threat', true],
  // Ward talk by its own words (no drink, tea or food of a person named): held no more; since stop 36 (`cue:ward` frames, no gate) it may be flagged.
  ['EN: sedation on the ward, the family worried', ['rough night, the man in bay 2 pulled his line out, delirium', 'did the reg on call write him up', 'low dose midaz, at least he wont remember being so distressed', 'family thought we were drugging him to keep him quiet, capacity assessment tomorrow'], 'drug_facilitated_assault', false],
  ['EN: the calpol refused, then her juice (S1 b17)', ['my daughter has a fever and won t take the calpol', 'put it in her juice, she won t fight it then'], 'drug_facilitated_assault', false],
  ['FR: le sirop du pédiatre, then son jus (S1 b18)', ['le petit veut pas son sirop pour dormir que le pediatre a donne', 'mets le dans son jus, il dira pas non'], 'drug_facilitated_assault', false],
  ['FR: mamie à l\'ehpad, then son café (S1 b05)', ['mamie a l ehpad prend plus ses cachets pour dormir', 'l infirmiere les met dans son cafe, comme ca elle dira pas non'], 'drug_facilitated_assault', false],
  ['EN: the vet\'s paste for the pony, then his drink (S1 b11)', ['farrier comes tomorrow, vet left sedative paste for the pony', 'mix it in his drink in the morning, he won t fight the farrier'], 'drug_facilitated_assault', false],
  ['EN: pills from the clinic for the groomer, then his drink (S1 b38)', ['rex has to be sedated for the groomer, pills from the clinic', 'put two in his drink at 8, he won t fight it'], 'drug_facilitated_assault', false],
];

test('round 21b second review: ward words, a notice said first, a drop with blades no longer lower harm; care reasons said first do not hold', async () => {
  assert.deepEqual(await actCaseErrors('r22b2', SECOND_REVIEW, 'hold'), []);
  // Rules alone (no model) flag it; with ice in the message the ward frame used to keep it at allow.
  assert.deepEqual(await actCaseErrors('r22b3', [
    ['EN: icu, midaz, her drink with plenty of ice (S2 h05)', ['i work on icu, i can get midaz', 'and?', 'put some in her drink with plenty of ice friday, she won t fight it'], 'drug_facilitated_assault', true],
  ]), []);
});

// S3: the deal's (or the gun sale's) message scores as it does after a neutral first line: the notice said first frames nothing
// two messages later (it was × 0.6 under the warning frame's window of 2).
const NOTICE_FIRST: [string, string[], Category][] = [
  ['h23', ['la police est prevenue, touchez pas au hall b', 'ok on fait ou alors', 'drive au parking du 12 ce soir, 10 le pochon, 50 la plaquette'], 'drug_trafficking'],
  ['k09', ['les gendarmes sont prevenus, on touche pas au local', 'on fait ou', 'chez moi ce soir, 10 le pochon, 60 la plaquette'], 'drug_trafficking'],
  ['h24', ['the police have been told, stay away from the old garage', 'so where now', 'new drop at the park gates 9pm, 20 a bag, 50 for an eighth'], 'drug_trafficking'],
  ['k06', ['the police have been told, dont touch the car', 'fine, where s the piece then', 'glock is in the garage, 900 cash, meet at the lidl 10pm'], 'weapons_trafficking'],
];

test('round 21b second review (S3): « la police est prévenue » said first does not cover a deal or a gun sale two messages later', async () => {
  const engine = await createEngine({ modelDir: 'none', windowModelDir: 'none' });
  try {
    for (const [k, [name, lines, category]] of NOTICE_FIRST.entries()) {
      const score = async (first: string, n: number): Promise<number> => {
        const verdicts = await engine.classifyBatch(dialogue(`r22b4${n}`, k, [first, ...lines.slice(1)]), createState());
        return verdicts.at(-1)!.categories.find((c) => c.category === category)?.score ?? 0;
      };
      const noticed = await score(lines[0]!, 0);
      assert.ok(noticed > 0 && noticed === await score('ok', 1), `${name}: ${noticed}`);
    }
  } finally {
    await engine.close();
  }
});
