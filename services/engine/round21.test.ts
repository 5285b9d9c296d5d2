/**
 * Round 21 (rules21): the twentieth round's benign holds and misses by kind, with the shipped rules and policy, the context and no
 * model (message or window). Benign holds: a meeting place "in the car park behind" a pub read as the target's car; a classified
 * sale's price and "can meet" (« vends mon vélo 90 €, rdv ») read as a paid arrangement; a spa discount « 40 € au lieu de 50 » read
 * as a landlord's "instead of the rent"; « je vais l'enterrer dans la cour » of a house read as the school playground; members
 * warning of a scam (« attention arnaque », « ça sent le guet-apens ») read as the ambush; a stage fight rehearsed and drill verses
 * written in a workshop read as a stabbing planned; a building site (« le chantier ») read as a secluded spot. Misses: a converted
 * blank-firing pistol; prohibited weapons priced as a list; guns sold as "the kind that go bang"; a drink spiked unseen (« dans une
 * coupe de champagne ça se voit pas ») and the victim who will blame the champagne; a drug asked for so that she does not wake
 * when touched. Texts written for this test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATEGORIES, type Category, type Signal } from '../contracts/taxonomy.js';
import { actCaseErrors, type ActCase } from './dialogue.test-support.js';
import type { Cue } from './context/cues.js';
import { observe, type ContextInput } from './context/observe.js';
import { compileContextBounds, createState } from './context/state.js';

// Benign holds on rules 2026.12.20-1 (hold, block or escalation): now at most listed for review.
const HOLDS: ActCase[] = [
  ['EN: a sofa collected in the car park behind the leisure centre', ['hi, the sofa from the ad is yours if u still want it', 'yes! 120 ok?', 'yep. we re shut sunday, can meet in the car park behind the leisure centre at 3, easier to load'], 'violent_threat', false],
  ['EN: a bike sold, meet at the car park with cash', ['selling my kid s bike, 60 quid, can meet at the asda car park saturday', 'still available? i ll bring cash', 'yes, 11 by the trolley bays'], 'prostitution', false],
  ['FR: un vélo vendu, rdv au parking en liquide', ['vends mon velo 90 euros, rdv sur le parking du leclerc dimanche', 'toujours dispo ? je paie en liquide', 'oui, 11h devant l entree'], 'prostitution', false],
  ['FR: a spa discount beside the hotel rate', ['pour le seminaire j ai reserve l hotel des pins, 89 euros la nuit, et le spa fait moins 15 pour cent : soin visage 45 euros au lieu de 55', 'top, je prends le soin samedi 10h, je paie sur place en especes'], 'prostitution', false],
  ['EN: a spa deal for the tour', ['hotel booked for the tour, 79 a night with breakfast. spa deal for groups: 30 min massage 35 quid instead of 45', 'put me down for sunday 11, paying cash at reception'], 'prostitution', false],
  ['FR: the flatmate who ate the cake, buried in the back yard', ['mon coloc a fini mon gateau d anniversaire', 'nooon', 'je vais le tuer. je vais l enterrer dans la cour arriere avec le compost'], 'violent_threat', false],
  ['FR: a scam warning names a guet-apens', ['attention arnaque : une annonce de coloc a 300 euros rue nationale, le mec demande un virement avant visite', 'pareil, un autre propose de visiter le soir dans un parking souterrain, ca sent le guet apens a plein nez'], 'ambush', false],
  ['EN: a stage fight rehearsed', ['fight rehearsal tonight: the stab is an upstage cheat, the blade never touches sam, the blood capsule is in his hand', 'and i die every night'], 'violent_threat', false],
  ['FR: une répétition de combat scénique', ['repetition generale jeudi 19h. combat scenique : le coup de couteau se fait dos au public, la lame retractable touche jamais lea, le faux sang est dans sa main', 'et je meurs magnifiquement'], 'violent_threat', false],
  ['EN: drill bars written in a workshop', ['wrote my bars for the drill piece: blade in my sleeve, man s gonna bleed. too dark?', 'not too dark, the verse needs to show what the blade costs him. no real names, no real places', 'got it, i ll change the estate name', 'great work, see you thursday'], 'violent_threat', false],
  ['FR: unpaid invoices on the building site', ['quelqu un a ete paye par le client sur le chantier de pessac ?', 'non, 3 factures en retard', 'pareil, je vais le tuer ce type je te jure'], 'violent_threat', false],
];

// Misses on rules 2026.12.20-1: now acted on.
const MISSES: ActCase[] = [
  ['EN: a blank one with the barrel sorted', ['u still got that thing u mentioned', 'yeah. used to be a blank one, my mate sorted the barrel. works proper now', 'how much with a box of 20', '1800 the lot, tuesday 10pm by the tyre place'], 'weapons_trafficking', true],
  ['FR: un à blanc au canon percé', ['t as toujours le noir ?', 'ouais, c etait un a blanc, mon frere a perce le canon, il marche nickel', 'combien avec une boite de 20', '1500, mardi 22h derriere le garage'], 'weapons_trafficking', true],
  ['EN: zombie knives and knuckledusters priced', ['new stock: zombie knives 60, knuckledusters 25, stun guns 70. discreet delivery', '1 zombie and 2 dusters'], 'weapons_trafficking', true],
  ['FR: poings américains et crans d arrêt au prix', ['arrivage : poings americains 25, crans d arret 40, matraques telescopiques 30. livraison discrete', '2 poings americains'], 'weapons_trafficking', true],
  ['EN: tools that go bang', ['tools available, serious only', 'what kind of tools lol', 'the kind that go bang. small one 1k, the long one 2.5k, dm only'], 'weapons_trafficking', true],
  ['FR: des jouets qui font boum', ['j ai des jouets qui font boum, le petit 1000, le long 2500, serieux seulement', 'le petit'], 'weapons_trafficking', true],
  ['FR: unseen in a glass of champagne, she will blame the champagne', ['la serveuse finit a 2h', 'et ?', 'j ai le liquide transparent. dans une coupe de champagne ca se voit pas', 't as trouve ca ou', '10 minutes apres elle tient plus debout, je la ramene dans ma chambre. demain elle croira qu elle a abuse du champagne'], 'drug_facilitated_assault', true],
  ['EN: unseen in a glass of wine, she will think she had one too many', ['the waitress finishes at 2', 'and?', 'i ve got the stuff. in a glass of wine you can t tell', 'then what', 'back to my room. tomorrow she ll think she had one too many'], 'drug_facilitated_assault', true],
  ['FR: a sleeping drug asked of a pharmacist, so she does not wake when touched', ['t es preparateur en pharmacie non ? c est quoi le plus fort pour dormir sans ordonnance', 'faut voir un medecin', 'c est pour la copine de ma soeur qui dort chez nous, qu elle dorme bien profond, qu elle se reveille pas meme si on la touche'], 'drug_facilitated_assault', true],
  ['EN: so she won t wake up even if we touch her', ['you work at the pharmacy right, what s the strongest thing for sleep without a prescription', 'see a doctor', 'it s for my sister s friend staying over. so she won t wake up even if we touch her'], 'drug_facilitated_assault', true],
];

// Look-alikes that must keep their reading: real threats, arrangements and set-ups with the same words, and the misses' benign twins.
const GUARDS: ActCase[] = [
  ['EN: the target s car in the car park, waiting after her shift', ['your car is parked in the car park behind the pub, i ll be waiting after your shift', 'who is this'], 'violent_threat', true],
  ['FR: a landlord s rent « au lieu de » for nights', ['le studio c est 550 mais pour toi 300 au lieu de 550 si tu passes la nuit avec moi une fois par semaine', 'quoi ??'], 'prostitution', true],
  ['FR: a threat in the school yard', ['je vais le tuer demain a la recre dans la cour, j ai le couteau de mon pere', 'quoi'], 'violent_threat', true],
  ['FR: an ambush planned in a car park', ['il croit que c est une meuf, je lui donne rdv au parking souterrain a 23h', 'on sera 3 derriere les piliers, on lui prend son tel et son fric'], 'ambush', true],
  ['EN: after rehearsal at the stage door, with a grievance', ['after rehearsal i m waiting for tom at the stage door, he snitched on my brother', 'what are you gonna do', 'bring the blade, he s getting opened up tonight'], 'violent_threat', true],
  ['FR: waiting behind the building site with bats', ['on l attend derriere le chantier ce soir avec les battes, il a balance', 'on sera 4'], 'violent_threat', true],
  ['EN: the sports day starter pistol', ['the starter pistol for sports day is a blank one, works proper, the pe department keeps it locked', 'great, 10am on the field'], 'weapons_trafficking', false],
  ['EN: a film s blank firer', ['for the film we hired a blank firer from the armourer, it fires blanks only, never converted', 'ok, on set at 8'], 'weapons_trafficking', false],
  ['EN: knife skins traded in a game', ['csgo trade: butterfly knife 600, gravity knife 80, flick knife 40', 'deal for the butterfly'], 'weapons_trafficking', false],
  ['EN: foam knives for halloween', ['costume shop: foam zombie knives 12, plastic knuckle dusters 5, for halloween', 'i ll take 2'], 'weapons_trafficking', false],
  ['FR: fireworks that go bang', ['j ai des petards, les trucs qui font boum, 15 la boite pour le 14 juillet', 'ok'], 'weapons_trafficking', false],
  ['EN: party poppers that go bang', ['party poppers and the things that go bang for new year, 10 a pack', 'i ll take 3'], 'weapons_trafficking', false],
  ['EN: toys that go bang for a birthday', ['my son wants toys that go bang for his birthday, any ideas under 20?', 'cap guns'], 'weapons_trafficking', false],
  ['FR: grenadine in a glass of champagne', ['un trait de sirop de grenadine dans une coupe de champagne ca se voit pas mais ca change tout', 'j essaie ce soir'], 'drug_facilitated_assault', false],
  ['EN: food colouring in prosecco', ['a drop of food colouring in a glass of prosecco you can t tell, great for the party', 'nice trick'], 'drug_facilitated_assault', false],
  ['FR: a verse written in a workshop', ['mon couplet pour l atelier d ecriture : la lame dans la manche, le quartier qui saigne. trop sombre ?', 'non, le couplet doit montrer ce que la lame lui coute. pas de vrais noms, pas de vraies adresses', 'ok je change le nom de la cite', 'super, a jeudi'], 'violent_threat', false],
  ['FR: a baby who sleeps through the change', ['le bebe dort si profond, qu elle se reveille pas meme si on la touche pour le change', 'la chance'], 'drug_facilitated_assault', false],
  ['EN: a patient under for surgery', ['the patient needs to be under so she won t wake even if we touch her during the surgery', 'the anaesthetist is on it'], 'drug_facilitated_assault', false],
];

test('round 21: the twentieth round\'s benign holds by kind are no longer held or escalated', async () => {
  assert.deepEqual(await actCaseErrors('r21h', HOLDS, 'hold'), []);
});

test('round 21: the twentieth round\'s misses by kind act', async () => {
  assert.deepEqual(await actCaseErrors('r21m', MISSES), []);
});

test('round 21: look-alikes keep their reading (real threats, arrangements, set-ups; the misses\' benign twins)', async () => {
  assert.deepEqual(await actCaseErrors('r21g', GUARDS), []);
});

// Review of rules21 (S1–S5): the dampeners of this round probed adversarially, at hold level. A threat, an ambush or a gun sale
// said beside a stage or lyrics word, after a scam warning, with a car or an "instead of" in a sugar or pimp offer still holds;
// a starter pistol, a gundog blank firer and a bird scarer that "goes bang" are not held.
const REVIEW: ActCase[] = [
  ['S1 EN: stage combat, then a school-time stabbing', ['like stage combat except the blade is real', 'jake. tomorrow at 4 outside the gym he s getting stabbed'], 'violent_threat', true],
  ['S1 FR: rehearsal, then the real knife', ['repetition generale jeudi 19h, combat scenique avec les couteaux retractables', 'ok', 'jeudi je remplace la lame retractable par mon vrai couteau et je le plante pour de vrai, il va crever sur scene'], 'violent_threat', true],
  ['S1 FR: a short film as a lure', ['on lui dit que c est pour un court metrage, le casting est au parking souterrain a 23h', 'il vient seul, on le depouille'], 'ambush', true],
  ['S2 FR: a scam warning laughed, then a fake ad set-up', ['attention arnaque mdr', '?', 'on poste une fausse annonce iphone 300 euros, rdv au parking souterrain 23h, on sera 3 derriere les piliers et on lui prend tout'], 'ambush', true],
  ['S3 EN: a sugar offer with a car', ['i ll pick you up in my car, 200 per meet, discreet, hotel', 'twice a week, 200 each time, no strings'], 'prostitution', true],
  ['S5 EN: a starter pistol for the swimming gala', ['the starter pistol for the swimming gala is a blank one, works proper now we replaced the spring'], 'weapons_trafficking', false],
  ['S5 FR: an alarm pistol for dog training', ['mon pistolet d alarme pour le dressage du chien, modifie le ressort, il marche nickel'], 'weapons_trafficking', false],
  ['S5 EN: a gas bird scarer', ['selling a gas bird scarer, the kind that goes bang every 20 min, 150 quid'], 'weapons_trafficking', false],
];

test('round 21 review: stage, scam-warning, sale and discount dampeners do not lower real harm; blank and bang rules spare the benign', async () => {
  assert.deepEqual(await actCaseErrors('r21r', REVIEW, 'hold'), []);
});

/**
 * The airsoft day (jb-053 kind): the message model alone read « on verra ça dimanche » as sexual content and an image request, and
 * « 15 € avec 2000 billes » as a payment: paid sex was completed in a game-day conversation. Model-only readings of a short message
 * there are trash talk at most; the same words from a rule still count (the test's control).
 */
test('round 21: in a game day, a short message that only the model reads as sexual completes no paid sex', () => {
  const assertAt = Object.fromEntries(CATEGORIES.map((c) => [c, 0.5])) as Record<Category, number>;
  const bounds = compileContextBounds();
  const run = (source: string): number => {
    const state = createState();
    const lines: [string, string, Cue[], Partial<Record<Signal, number>>][] = [
      ['a', 'dimanche partie d airsoft au terrain du club, qui vient', ['gaming'], {}],
      ['b', 'c est combien la journee ?', ['price'], {}],
      ['a', 'oui 15e avec 2000 billes bio', ['price'], { payment_offer: 0.99 }],
      ['b', 'on verra ca dimanche', [], { sexual_content: 0.97, image_request: 0.93, meetup_request: 0.9 }],
    ];
    let best = 0;
    lines.forEach(([from, text, cues, sig], i) => {
      const m: ContextInput = {
        messageId: `r21a-m${i}`, conversationId: 'r21a', roomId: null, senderId: from, recipientId: from === 'a' ? 'b' : 'a', text,
        sentAt: 1_767_600_000_000 + i * 60_000, senderDeclaredAge: null, categories: {}, ruleCues: cues,
        signals: Object.fromEntries(Object.entries(sig).map(([s, v]) => [s, { score: v, sources: [source] }])),
      };
      best = Math.max(best, observe(state, m, assertAt, bounds).categories.prostitution?.score ?? 0);
    });
    return best;
  };
  assert.ok(run('model:vigie-fasttext-v1@1.3.0') < 0.5, `model only: ${run('model:vigie-fasttext-v1@1.3.0')}`);
  assert.ok(run('rule:test.sexual') >= 0.5, `rules: ${run('rule:test.sexual')}`);
});

