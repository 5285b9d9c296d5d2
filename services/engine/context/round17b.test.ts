/**
 * Round 17 (branch rules17b): a beating promised by what the target will no longer do or how he will leave (« il rejouera
 * plus jamais », « tu marcheras plus jamais droit », « il repartira pas sur ses jambes », "he won't be teaching anyone
 * anything after", "he'll no ref again", "him nah walk out a deh", "yuh son come home inna bag"), everyday objects brought
 * to hurt ("bring the hurl", "the bar from the van", « et la barre »), and "round" said as a preposition ("sniffing round",
 * "wait round di back") that is no game round. Conversations written for this test (FR and EN, none from a writer), each
 * beside benign look-alikes with the same words: news of an injury, a doctor's word, a retiring teacher, a suspended
 * referee, a broken mower, a hurling match, a boxing round.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { derivedMax, textCues as cues } from './replay.test-support.js';

test('what the target will no longer do, said as intent, is harm; said as news of an injury or of a thing, it is not', async () => {
  const harm = [
    'on sera 4 à l\'attendre, il rejouera plus jamais de sa vie',
    'la prochaine fois tu marcheras plus jamais droit',
    'qu\'il revienne chez moi le 14, il repartira pas sur ses jambes',
    'on lui explique avec les poings, il sortira sur un brancard',
    'samedi on l\'attend dans le bois, y rentre en civière',
    'il va plus jamais rejouer ce batard',
    'bring the hurl. he won\'t be teaching anyone anything after',
    'we go saturday at 7, he\'ll no ref again',
    'when him come we a wait round di back. him nah walk out a deh',
    'Friday, full 40k, or yuh son come home inna bag',
    'tonight when he sleep. he will remember my money in the hospital',
  ];
  for (const t of harm) assert.ok((await cues(t)).has('harm'), t);
  const benign = [
    'terrible nouvelle, après sa rupture des ligaments croisés les médecins disent qu\'il rejouera plus jamais',
    'après l\'accident de moto il est sorti sur un brancard, il va mieux maintenant',
    'cette tondeuse elle marchera plus jamais, faut la jeter',
    'j\'ai couru 30 km hier, je marcherai plus jamais droit de ma vie ptdr',
    'that teacher is retiring, he won\'t be teaching anyone anything after june',
    'after that match he\'ll never ref again, the federation suspended him for the whole season',
    'my phone fell in the lake, it will never work again',
    'mon grand-père est sorti de l\'hôpital sur ses jambes, on est soulagés',
  ];
  for (const t of benign) assert.ok(!(await cues(t)).has('harm'), t);
});

test('an everyday object brought to hurt is a weapon; the same words at a match, a bar or in a recipe are not', async () => {
  for (const t of ['want me to bring the hurl', 'bring the bar from the van', 'on lui explique avec les poings et la barre', 'i\'ll be waiting with my bolo']) {
    assert.ok((await cues(t)).has('weapon'), t);
  }
  for (const t of ['meet you at the bar at 8', 'une barre de céréales et on y va', 'la barre de traction est montée', 'tiens bien la barre du bateau']) {
    assert.ok(!(await cues(t)).has('weapon'), t);
  }
});

test('"round" as a preposition is no game round; a boxing or game round still is', async () => {
  for (const t of ['the french lad who\'s been sniffing round Niamh', 'we a wait round di back', 'come round later for tea']) {
    assert.ok(!(await cues(t)).has('gaming'), t);
  }
  for (const t of ['samedi je te mets KO au 2e round', 'gg next round', 'round 3 tonight on the server']) {
    assert.ok((await cues(t)).has('gaming'), t);
  }
});

/** [name, the threat told by its outcome, a benign look-alike with the same words] */
const CONVERSATIONS: [string, string[], string[]][] = [
  ['a teacher\'s route, a hurl brought and "he won\'t be teaching anyone anything after"; a hurling training', [
    'a: the french lad who\'s been sniffing round Niamh. found him on that language app',
    'b: the one who teaches at the school on Camden St?',
    'a: yeah. leaves at 6 every tuesday, walks to the luas. black jacket, headphones',
    'b: want me to bring the hurl',
    'a: bring the hurl. he won\'t be teaching anyone anything after',
  ], [
    'a: training moved to tuesday at 6, the pitch behind the school',
    'b: want me to bring the hurl or do they have spares',
    'a: bring the hurl and your helmet. coach says Dara won\'t be playing for a while after that injury',
  ]],
  ['the shopkeeper\'s son\'s walk named and "come home inna bag"; a son home from the shop with a bag', [
    'a: Mr Chin, di weekly contribution late',
    'b: business slow, mi can give half',
    'a: yuh bwoy walk from Kingston College by himself every evening',
    'a: Friday. full 40k. or yuh son come home inna bag',
  ], [
    'a: Mr Chin, di delivery late',
    'b: business slow, mi send it Friday',
    'a: ok. mi son come home with a bag of rice from yuh shop yesterday, tell him thanks',
  ]],
];

for (const [name, threat, benign] of CONVERSATIONS) {
  test(`violent plan told by its outcome: ${name}`, async () => {
    assert.ok(await derivedMax(threat, 'violent_threat', 'context:', false) >= 0.6, 'threat');
    assert.equal(await derivedMax(benign, 'violent_threat', 'context:', false), 0, 'benign');
  });
}

/** [name, a plan against a man located in real life in match talk, game or combat-sport talk with the same words] */
const IN_MATCH_TALK: [string, string[], string[]][] = [
  ['the striker\'s training hours, bats and "il rejouera plus jamais"; a FIFA rematch', [
    'a: bien joué hier, le match était chaud',
    'b: votre 9 il a fait expulser mon frère, ça va pas rester comme ça',
    'a: c\'est le foot frère',
    'b: il s\'entraîne mardi 19h au stade, il rentre à pied par la passerelle',
    'b: on sera 4 à l\'attendre avec les battes, il rejouera plus jamais de sa vie',
  ], [
    'a: bien joué hier sur fifa, la game était chaude',
    'b: ton 9 il a fait expulser mon défenseur, ça va pas rester comme ça',
    'a: c\'est le jeu frère',
    'b: revanche mardi 19h en ligne, on sera 4 en club pro',
    'b: je prends le sniper, il rejouera plus jamais de sa vie mdr',
  ]],
  ['the referee\'s pub and hours, the bar from the van, "he\'ll no ref again"; a boxing weigh-in', [
    'a: that ref the day, disgrace',
    'b: he drinks in the Clachan after every game',
    'b: we go saturday at 7, two inside two at the back door. bring the bar from the van',
    'a: he\'ll no ref again',
  ], [
    'a: weigh-in friday 6pm at the boxing club on Carter Road',
    'b: sparring after, bring the gloves and the pads',
    'a: saturday night fight, he won\'t walk again after round 3 lol',
  ]],
];

for (const [name, plan, talk] of IN_MATCH_TALK) {
  test(`match talk does not hide a plan against a located man: ${name}`, async () => {
    assert.ok(await derivedMax(plan, 'violent_threat', 'context:violence-plan', false) >= 0.6, 'plan');
    assert.equal(await derivedMax(talk, 'violent_threat', 'context:violence-plan', false), 0, 'game or sport talk');
  });
}

test('the take at a rigged handover is robbery; a shop\'s takings, a board game or a welcome party are not', async () => {
  for (const t of ['toi et mame vous descendez par l\'escalier et vous lui prenez tout', 'I come round, we take the cash box and his truck keys', 'we collect phone, ATM card, pin']) {
    assert.ok((await cues(t)).has('robbery'), t);
  }
  for (const t of ['after closing we take the cash box to the safe', 'the manager said we take the cash box to the bank on friday', 'they collect phone numbers at the door for the raffle']) {
    assert.ok(!(await cues(t)).has('robbery'), t);
  }
  for (const t of ['5 of us wait by the recycling bins till he comes out', 'six of us wait behind the garages, we take his phones and wallet']) assert.ok((await cues(t)).has('outnumber'), t);
  for (const t of ['three of us wait by the door to greet the guests', '5 of us wait at the bus stop every morning', '3 of us wait in the car outside the cinema at 9',
    '3 of us wait in the garden for the bbq', '4 of us hide behind the sofa for the surprise, he gets home at 7', '5 of us wait by the bins for the taxi at 2am']) assert.ok(!(await cues(t)).has('outnumber'), t);
});

test('a crypto buyer given a lobby and "vous lui prenez tout" is an ambush; a seller met in a lobby is not', async () => {
  const setUp = [
    'a: le toubab veut acheter 5000 usdt en cash',
    'b: il croit qu\'on est un desk sérieux lol',
    'b: donne lui rdv dans le hall du 12, celui avec l\'interphone cassé',
    'a: il arrive avec le sac, on lui dit que le transfert bug, toi et mame vous descendez par l\'escalier et vous lui prenez tout',
  ];
  assert.ok(await derivedMax(setUp, 'ambush', 'context:lure-to-meeting', false) >= 0.6);
  const sale = [
    'a: le client veut acheter le canapé, 300 en cash',
    'b: donne lui rdv dans le hall du 12 samedi 10h',
    'a: il arrive avec le camion, toi et mame vous descendez le canapé par l\'escalier',
  ];
  assert.equal(await derivedMax(sale, 'ambush', 'context:', false), 0);
});

test('« lui faire la misère », « on lui fera la peau » said of a man are harm; a boss, a teacher, a defence or a game are not', async () => {
  for (const t of ['lui on va lui faire la misère à la sortie du lycée vendredi', 'ce bâtard on lui fera la peau, il sort du taf à 18h', 'demain après les cours on lui fait la misère derrière le gymnase']) {
    assert.ok((await cues(t)).has('harm'), t);
  }
  for (const t of ['ce prof il nous fait la misère avec ses contrôles', 'la défense adverse va leur faire la misère samedi au match', 'mon boss me fait la misère depuis lundi', 'sur fifa je vais lui faire la misère demain soir mdr', 'derby dimanche, on va leur faire la misère au stade, ils rejoueront plus jamais en ligue 1 mdr']) {
    assert.ok(!(await cues(t)).has('harm'), t);
  }
  assert.ok(await derivedMax(['a: ce bâtard on lui fera la peau, il sort du taf à 18h'], 'violent_threat', 'context:', false) >= 0.6);
  assert.equal(await derivedMax(['a: sur fifa je vais lui faire la misère demain soir mdr'], 'violent_threat', 'context:', false), 0);
});

// Review of rules17b: the harm told by its outcome needs a person (he, him, il, your son), never a thing (a boiler, a nail, a wheel,
// a printer), a job "done in" some time, one's own legs, a drunk friend, a horse, a parent's bedtime rule or a match ; the weapon
// words need the means (the bar from the van, an iron bar), not bar stools, a boat's helm, the gym's bar or a lift into town.
test('review rules17b: harm by outcome said of a thing, a job, a match or oneself is no harm; said of a man it still is', async () => {
  for (const t of ['grass gets done in tonight, 11pm outside his flat', 'he won\'t walk out of there', 'pay by friday or she comes home in a bag',
    'paie vendredi ou il rentre en fauteuil', 'demain on l\'attend avec la barre, il repartira pas sur ses jambes']) {
    assert.ok((await cues(t)).has('harm'), t);
  }
  for (const t of ['the old boiler won\'t come out of there without the crowbar', 'that nail is not coming out of it, grab the crowbar',
    'that wheel won\'t come out of there without it', 'the splinter won\'t come out of it, I\'ll go to the pharmacy at 5',
    'the wine stain is not coming out of that shirt', 'the demolition gets done in a day, bring the crowbar, saturday 8am',
    'the kitchen gets done in 2 weeks, builders start monday 8am', 'I always get done in by the heat, tomorrow at noon we hike',
    'you won\'t be playing anything after 9pm its a school night', 'she wont walk straight again poor girl, we visit her sat at 10',
    'the new printer is coming home in a box on friday, can u help me carry it at 6', 'nan is coming home in a wheelchair on monday at 11',
    'he\'ll remember this in the hospital, best birthday ever, saturday 2pm his party', 'they won\'t play again this season, we go watch the final saturday 3pm',
    'il rentre a quatre pattes a chaque soiree, samedi 23h on remet ca',
    'j\'ai les genoux en miettes apres le trail de dimanche', 'pareil les jambes en miettes, lundi 19h on va a la piscine pour recup',
    'je sortirai de cette boite les pieds devant', 'il sort les pieds devant de sa maison, il veut pas aller en ehpad, samedi 14h on en parle',
    'apres ca tu marcheras plus droit pendant 3 jours mdr', 'on va leur mettre une raclee, il rejouera plus jamais contre nous mdr, ramene les battes pour le barbecue apres',
    'demain 10h au tennis je vais lui faire la misere', 'ce soir 20h au ping pong je vais lui faire la misere a Julien']) {
    assert.ok(!(await cues(t)).has('harm'), t);
  }
});

test('review rules17b: bar stools, a helm, the gym bar and a lift into town are no weapon', async () => {
  for (const t of ['bring the bar from the van', 'bring the iron bar', 'I\'ve got the tyre iron in the boot', 'on va le frapper avec la barre']) {
    assert.ok((await cues(t)).has('weapon'), t);
  }
  for (const t of ['can you bring the bar stools to the hall, 6pm', 'and the iron bar stools from the garage', 'tu prends la barre a 10h samedi, moi je regle les voiles',
    'prends la barre, je regle les voiles', 'demain 18h leg day, ramene la barre', 'any chance of a hurl into town at 8? my car\'s dead', 'bring the tyre iron, the spare wheel is flat']) {
    assert.ok(!(await cues(t)).has('weapon'), t);
  }
});

/** The review's benign conversations that the branch raised (flag or hold): none rises to a violence plan now. */
const REVIEW_BENIGN: string[][] = [
  ['a: Starlight won\'t race again, vet says the tendon is gone', 'a: she wont walk straight again poor girl, we visit her sat at 10'],
  ['a: you won\'t be playing anything after 9pm its a school night', 'b: ugh fine mum'],
  ['a: mdr hier soir il est rentre a quatre pattes', 'a: il rentre a quatre pattes a chaque soiree, samedi 23h on remet ca'],
  ['a: j\'ai les genoux en miettes apres le trail de dimanche', 'b: pareil les jambes en miettes, lundi 19h on va a la piscine pour recup'],
  ['a: the kitchen gets done in 2 weeks, builders start monday 8am', 'a: tell them to bring the crowbar for the old tiles'],
  ['a: come round later, he lives on Elm st now, 8pm', 'b: i\'ll bring the crowbar for the pallet, 3 of us wait in the garden'],
  ['a: demain 10h au tennis je vais lui faire la misere', 'b: il a un revers pourri, vas y'],
  ['a: 4 of us hide behind the sofa for the surprise, he gets home at 7', 'a: he won\'t walk out of there without crying lol'],
  ['a: je sortirai de cette boite les pieds devant', 'a: il sort les pieds devant de sa maison, il veut pas aller en ehpad, samedi 14h on en parle'],
  ['a: foot a 5 jeudi 20h au urban soccer, il joue chez lui juste a cote', 'a: on va leur mettre une raclee, il rejouera plus jamais contre nous mdr, ramene les battes pour le barbecue apres'],
  ['a: I always get done in by the heat, tomorrow at noon we hike', 'b: bring water'],
  ['a: 3 of us wait in the car outside the cinema at 9', 'b: ok, I\'ll bring the crowbar back to yours after, thanks for lending it'],
  ['a: demain 18h leg day, ramene la barre', 'a: apres ca tu marcheras plus droit pendant 3 jours mdr'],
  ['a: ce soir 20h au ping pong je vais lui faire la misere a Julien', 'a: il va pleurer mdr'],
  ['a: the new printer is coming home in a box on friday, can u help me carry it at 6', 'b: sure'],
  ['a: the old boiler won\'t come out of there without the crowbar', 'b: I\'ll come saturday 10am and help'],
  ['a: that nail is not coming out of it, grab the crowbar', 'b: ok, tomorrow morning at 9 then'],
  ['a: the demolition gets done in a day, bring the crowbar, saturday 8am', 'b: ok boss'],
  ['a: the splinter won\'t come out of it, I\'ll go to the pharmacy at 5', 'b: use tweezers'],
  ['a: nan is coming home in a wheelchair on monday at 11', 'b: i\'ll be there with the ramp'],
  ['a: he\'ll remember this in the hospital, best birthday ever, saturday 2pm his party', 'b: haha yes he\'s there for his knee op tho'],
  ['a: they won\'t play again this season, we go watch the final saturday 3pm', 'b: bring the hurley for the kids'],
];

test('review rules17b: the benign look-alikes the branch raised stay below a violence plan', async () => {
  for (const conv of REVIEW_BENIGN) assert.equal(await derivedMax(conv, 'violent_threat', 'context:', false), 0, conv.join(' / '));
  // a wheel changed with a tyre iron by a parked car: no higher than main's flag, never a hold
  assert.ok(await derivedMax(['a: bring the tyre iron, his car is parked outside his house, I\'ll be there at 7', 'a: that wheel won\'t come out of there without it'], 'violent_threat', 'context:', false) < 0.7);
});
