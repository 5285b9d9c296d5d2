/**
 * Round 19 (rules19): the eighteenth round's misses by kind, with the shipped rules and policy, the context and no model
 * (message or window). Threats: a stabbing promised "in front of your mum" after a "lol" (read as a game word), a payment ultimatum
 * with a broken body part ("where's my money" is no trifle). Drugs: goods handed "on tick" and resold, "a point" and "a
 * half" priced together, weed sold as "not from the legal shop", pills by the piece "no prescription needed" in exam season.
 * Harassment: "describe your body", "what do you sleep in". Paid sex: rent waived for nights in his room; the quota said
 * "each girl does N clients"; her papers kept. Hard negatives share the words: a ski fall, a late fee, a game round, a sofa
 * on credit, a loyalty card, a pharmacy, honey from a farm, a costume order, a camping trip, a babysitter's rent deal, a
 * salon's bookings, a passport kept safe for a trip. Texts written for this test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actCaseErrors, dialogue, type ActCase } from './dialogue.test-support.js';
import { createEngine, createState } from './engine.js';
import { fileURLToPath } from 'node:url';
import { foldText, normalise } from './normalise.js';
import { loadRuleSet } from './rules/index.js';
import { cuesOf } from './context/cues.js';

const CASES: ActCase[] = [
  ['EN: stab threat after a laugh', ['ur such a clown', 'lol ok night', 'i know ur street from ur photo', 'weird', 'gonna find u and stab u in front of ur mum'], 'violent_threat', true],
  ['EN: ultimatum, legs broken', ['wheres my money', 'next week i swear', 'friday or i break both ur legs'], 'violent_threat', true],
  ['FR: ultimatum, knees broken', ['tu me dois 300', 'je sais', 'dimanche dernier delai sinon je te pete les genoux'], 'violent_threat', true],
  ['EN: goods on tick resold', ['u had 2 oz of my stuff on tick, thats 600. u sold it i know', 'next week'], 'drug_trafficking', true],
  ['FR: goods advanced and resold', ['je t ai avance 50g de ma came, ca fait 400, tu l as vendue', 'la semaine pro'], 'drug_trafficking', true],
  ['EN: a point and a half', ['40 a point or 200 for half a g, text him first he only sells to people he knows', 'sweet'], 'drug_trafficking', true],
  ['FR: la pointe et le demi', ['la pointe a 50, le demi a 250, il vend qu aux gens qu il connait', 'ok 2'], 'drug_trafficking', true],
  ['FR: not from the legal shop', ['j ai du bon pot pas de la sqdc, plus fort', 'combien', '8 le gramme, passe a ma chambre apres 21h cash'], 'drug_trafficking', true],
  ['EN: pills by the piece, no prescription, exam season', ['exam season, anyone need focus helpers?', 'what kind', 'the orange ones 20mg, 8 each or 10 for 70, no prescription needed'], 'drug_trafficking', true],
  ['EN: describe your body', ['u look good in a bikini i bet', 'ok moving on', 'what size are u? describe ur body for me'], 'sexual_harassment', true],
  ['FR: décris-moi ton corps', ['tu fais quelle taille ?', 'pourquoi', 'decris moi ton corps'], 'sexual_harassment', true],
  ['FR: ce que tu portes au lit', ['tu dors avec quoi ? decris moi ce que tu portes au lit', 'non stop'], 'sexual_harassment', true],
  ['FR: rent waived for nights in his room', ['le loyer je peux le baisser a zero si on s arrange, deux soirees par semaine dans ma chambre, vous voyez ce que je veux dire', 'non'], 'prostitution', true],
  ['EN: rent waived for nights in his room', ['rent is free if we come to an arrangement, a couple of nights a week in my room, you know what i mean', 'no thanks'], 'prostitution', true],
  // Hard negatives
  ['ski fall', ['friday or i break both my legs trying that ski slope lol', 'haha be careful'], 'violent_threat', false],
  ['late fee', ['pay by friday or the late fee kicks in, that is the landlord rule', 'ok thanks'], 'violent_threat', false],
  ['sofa on credit', ['i bought it on tick from the furniture shop, 2 payments of 600', 'ok'], 'drug_trafficking', false],
  ['loyalty card', ['the barber cuts are 50 a point on the loyalty card, 250 for a half year pass', 'haha'], 'drug_trafficking', false],
  ['pharmacy advice', ['the pharmacist said ibuprofen 200mg is fine, no prescription needed, 3 euros a box', 'thanks'], 'drug_trafficking', false],
  ['farm honey', ['not from the dispensary but my uncle s farm, the honey is 8 a jar, 25 for four', 'deal'], 'drug_trafficking', false],
  ['costume order', ['describe your body type for the costume order: size and height please', 'size M'], 'sexual_harassment', false],
  ['camping', ['what do u sleep in when camping, a bag or a hammock?', 'a bag'], 'sexual_harassment', false],
  ['babysitter rent deal', ['rent is free for a couple of nights a week if you babysit, we can come to an arrangement', 'sure'], 'prostitution', false],
  ['garden rent deal', ['le loyer je peux le baisser si on s arrange, tu t occupes du jardin deux soirees par semaine', 'ok'], 'prostitution', false],
  // rules19 review: each act as on main (the victim's story, the no-prescription copy, the "in front of your mum" anchor)
  ['review: drugged, "i put it in her drink myself"', ['she was drugged last night at my party, i put it in her drink myself', 'dont tell anyone'], 'drug_facilitated_assault', true],
  ['review: droguée, « c est moi qui ai mis »', ['elle a ete droguee hier soir, c est moi qui ai mis le truc dans son verre, elle se souvient de rien', 'ok'], 'drug_facilitated_assault', true],
  ['review: « la prochaine fois ce sera toi »', ['ta soeur a ete agressee hier, la prochaine fois ce sera toi si tu parles', 'je sais ou tu habites'], 'violent_threat', true],
  ['review: « c était nous », « je sais où tu bosses »', ['ton cousin s est fait depouiller samedi dernier, c etait nous', 'toi ce sera pire, je sais ou tu bosses'], 'violent_threat', true],
  ['review: runner robbed, then the ultimatum', ['your runner got robbed last week, thats on you, you owe me 2 oz of my stuff on tick', 'friday or i break both ur legs'], 'violent_threat', true],
  ['review: oxy, no prescription, better than the pharmacy ones', ['oxy 30s, 20 each, no prescription needed, better than the pharmacy ones', 'how many'], 'drug_trafficking', true],
  ['review: « je te plante devant ta mère »', ['tu me dois 200, sinon je te plante devant ta mere', 'ok'], 'violent_threat', true],
  // rules19 review: benign texts the branch had raised
  ['review: caffeine tabs in exam season', ['exam season again, caffeine tabs 2 each at the shop, no prescription needed obviously', 'lol'], 'drug_trafficking', false],
  ['review: reading glasses at the market', ['reading glasses at the market, 10 each, no prescription needed', 'nice'], 'drug_trafficking', false],
  ['review: antihistamines at tesco', ['antihistamines at tesco, 2 for 5 quid, no prescription needed', 'ta'], 'drug_trafficking', false],
  ['review: advance for groceries', ['je t ai avance les courses et l essence, ca fait 43 en tout', 'merci'], 'drug_trafficking', false],
  ['review: electrician quote', ['the electrician quoted 60 a point for the sockets, or 250 for a half day', 'ok'], 'drug_trafficking', false],
  ['review: chiropractor', ['breathe out fully or i cant crack your back properly', 'ok'], 'violent_threat', false],
  ['review: dance teacher', ['tends les genoux sinon je te casse les jambes 😂 allez on reprend', 'oui madame'], 'violent_threat', false],
  ['review: journal prompt', ['describe your body in three kind words, that is this week s journal prompt', 'ok'], 'sexual_harassment', false],
  ['review: jeans', ['describe your body shape so i can recommend jeans', 'pear'], 'sexual_harassment', false],
  ['review: sublet', ['rent is 600 but we can work something out, you d be sleeping in my room while i m abroad', 'great'], 'prostitution', false],
  ['review: guesthouse', ['le loyer de la chambre d hote, on peut s arranger pour trois nuits', 'merci'], 'prostitution', false],
];

test('round 19: the eighteenth round\'s kinds act; their look-alikes with the same words do not', async () => {
  assert.deepEqual(await actCaseErrors('r19', CASES), []);
});

/** A victim's story told as a warning or a report: no hold, no P0 (the eighteenth round's two benign holds, reworded). */
const HOLD_FREE: [string, string[]][] = [
  ['FR: a friend drugged at the bar last week, told as a warning', ['ATTENTION tout le monde : la semaine passee une fille de la cueillette a ete droguee au bar, GHB dans son verre, elle se rappelle de rien', 'horrible', 'donc on laisse jamais son verre']],
  ['EN: a cousin robbed like that last month', ['watch out, fake buyers set meets in the underground car park for trainers', 'for real? my cousin got robbed like that last month, 3 guys out of nowhere', 'meet in the centre in daylight, never alone']],
  ['FR: un cousin dépouillé comme ça', ['attention, des faux acheteurs donnent rdv au parking souterrain pour les baskets', 'serieux ? mon cousin s est fait depouiller comme ca le mois dernier, 3 mecs sortis de nulle part', 'rdv en journee dans le centre, jamais seul']],
];

test('round 19: a victim\'s story told as a warning reaches no hold and no P0; revenge planned after it still acts', async () => {
  const engine = await createEngine({ modelDir: 'none', windowModelDir: 'none' });
  const wrong: string[] = [];
  for (const [k, [name, lines]] of HOLD_FREE.entries()) {
    const verdicts = await engine.classifyBatch(dialogue('r19w', k, lines), createState());
    for (const v of verdicts) {
      if (v.action !== 'allow' && v.action !== 'flag') wrong.push(`${name}: ${v.action} (${v.categories.map((c) => `${c.category}:${c.sources.join('+')}`).join(', ')})`);
      if (v.escalation?.priority === 'P0') wrong.push(`${name}: P0`);
    }
  }
  // rules19 review: "dad is going to kill you in front of your mum" and a karaoke duel are figures of speech: no hold
  for (const [k, lines] of [['dad is going to kill you in front of your mum when he sees the car scratch', 'dont tell him'], ['je vais te tuer devant ta mere au karaoke ce soir, prepare toi a perdre', 'mdr'], ['dispensary bud is better than street weed honestly, 10 a gram and lab tested', 'nice']].entries()) {
    for (const v of await engine.classifyBatch(dialogue('r19k', k, lines), createState())) if (v.action !== 'allow' && v.action !== 'flag') wrong.push(`${lines[0]}: ${v.action}`);
  }
  const revenge = await engine.classifyBatch(dialogue('r19v', 0, ['mon frere s est fait depouiller hier soir au parking, ce soir on va le chercher avec les barres', 'je ramene la batte']), createState());
  if (!revenge.some((v) => v.action !== 'allow' && v.categories.some((c) => c.category === 'violent_threat'))) wrong.push('revenge after a report: no threat');
  await engine.close();
  assert.deepEqual(wrong, []);
});

test('round 19: the quota said "each girl does N clients" and her papers kept are read as cues; a salon and a school trip are not', async () => {
  const rs = await loadRuleSet(fileURLToPath(new URL('../../../rules', import.meta.url)));
  const cues = (t: string): Set<string> => cuesOf(foldText(t), rs.match(normalise(t)).filter((h) => h.kind === 'cue').map((h) => h.label.slice(4) as never));
  const wrong: string[] = [];
  const expect = (t: string, cue: string, has: boolean): void => { if (cues(t).has(cue) !== has) wrong.push(`${t}: ${cue} ${has ? 'missing' : 'present'}`); };
  expect('each girl does 10 clients a night minimum, i take half', 'clients_count', true);
  expect('chaque fille fait 8 clients par soir', 'clients_count', true);
  expect('each girl does 10 clients a day at the salon, nails and brows', 'clients_count', false);
  expect('j ai garde ses papiers, elle bouge pas tant qu elle a pas rembourse le voyage', 'debt', true);
  expect('i kept her passport, she works till she pays off the flight', 'debt', true);
  expect('j ai garde ses papiers dans le coffre pour le voyage scolaire', 'debt', false);
  expect('exam season, anyone need focus helpers?', 'reporting', false);
  // rules19 review: the victim's story is read only beside a warning word, never with a confession, a plan, an address or "you're next"
  expect('watch out, my friend got drugged at the bar on rue x last week, GHB in her drink', 'victim_report', true);
  expect('for real? my cousin got robbed like that last month, 3 guys out of nowhere', 'victim_report', true);
  for (const t of ['careful, she was drugged last night at my party, i put it in her drink myself', 'my boy got stabbed last week, i know where the guy lives, hes dead',
    'attention ta soeur a ete agressee hier, la prochaine fois ce sera toi si tu parles', 'fyi ton cousin s est fait depouiller samedi dernier, c etait nous',
    'heads up your runner got robbed last week, thats on you', 'careful a girl got spiked like that at the club last week, easy. lets do the same saturday',
    'attention tu te souviens de ton pote qui s est fait planter la semaine derniere ? tu vas finir pareil', 'my cousin got robbed like that last month']) expect(t, 'victim_report', false);
  expect('season 3 of the show was great', 'reporting', true);
  assert.deepEqual(wrong, []);
});
