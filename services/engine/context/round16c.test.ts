/**
 * Round 16 (fifteenth writers' round), benign look-alikes read end to end from the real rule files through the context stage:
 * moving house and furniture taken apart (« l'armoire on la démonte », "the wardrobe, we take it apart"); a friend welcomed
 * back at a social occasion (« on l'attend jeudi pour le loto », « on t'attend pour manger »); weapons deactivated with their
 * certificate at a collectors' fair ("deactivated, proof house cert"). Conversations written for this test (FR and EN, none
 * from a writer), each beside the real thing with the same words: a beating planned behind a warehouse, a wait outside a bar
 * with bats, a deactivated rifle "easy to put back in working order" sold with no papers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { derivedMax, textCues as cues } from './replay.test-support.js';

test('harm verbs aimed at furniture or appliances are no harm; aimed at a man they are', async () => {
  for (const t of ['et la machine à laver on la démonte ?', 'le lave linge on le démonte ou on le laisse ?', 'l\'étagère on la démonte, les vis sont dans le sac']) {
    assert.ok(!(await cues(t)).has('harm'), t);
  }
  for (const t of ['ce bâtard on le démonte samedi', 'on la démonte à la sortie du bahut']) assert.ok((await cues(t)).has('harm'), t);
});

test('moving house: "on la démonte" said of a wardrobe named as its object (the wardrobe named in that message) is held at most at review level', async () => {
  const moving = [
    'a: dimanche je déménage, qui peut venir aider ?',
    'b: moi je viens avec la camionnette',
    'a: top, rdv 8h en bas de chez moi',
    'b: l\'armoire on la démonte ou elle passe entière ?',
    'a: oui l\'armoire on la démonte, les vis sont dans le tiroir',
  ];
  assert.ok(await derivedMax(moving, 'violent_threat', 'context:violence-plan', false) <= 0.6);
  const beating = [
    'a: le fils du voisin a rayé ma voiture',
    'b: on le démonte ce soir derrière l\'entrepôt',
  ];
  assert.ok(await derivedMax(beating, 'violent_threat', 'context:violence-plan', false) >= 0.7);
});

test('a friend awaited at a social occasion is no target waited for', async () => {
  for (const t of ['dis lui qu\'on l\'attend mardi pour la belote, sans rancune', 'on l\'attend pour manger vers midi']) {
    assert.ok(!(await cues(t)).has('harm'), t);
  }
  assert.ok((await cues('on l\'attend à la sortie du taf vendredi')).has('harm'));
  const welcome = [
    'a: Josiane est bien rentrée ? elle avait trop bu au thé dansant',
    'b: oui on l\'a raccompagnée, elle dormait dans la voiture',
    'a: dis lui que personne ne lui en veut et qu\'on l\'attend jeudi pour le loto 🍊',
  ];
  assert.equal(await derivedMax(welcome, 'violent_threat', 'context:', false), 0);
  assert.equal(await derivedMax(welcome, 'ambush', 'rule:', false), 0);
});

test('deactivated weapons with their certificate are the collectors\' trade; reactivation or no papers is a deal', async () => {
  assert.ok(!(await cues('je ne vends rien sans papier, tout est en règle')).has('illegal'));
  assert.ok((await cues('900 sans papier')).has('illegal'));
  const fairs: string[][] = [
    ['a: bourse militaria dimanche, j\'aurai deux fusils Lebel neutralisés avec certificat, 350 la pièce', 'b: je passe à ton stand', 'a: stand près de l\'entrée dimanche 9h'],
    ['a: got a deactivated Lee Enfield, EU spec with the proof house cert, £450', 'b: collect at the militaria fair sunday?', 'a: yeah stall 12 by the door'],
  ];
  for (const f of fairs) assert.equal(await derivedMax(f, 'weapons_trafficking', 'context:weapons-deal'), 0, f[0]);
  const sales: string[][] = [
    ['a: kalash neutralisée avec certificat, mais on la remet en état de tir facile, 1200 cash', 'b: ok dimanche au parking'],
    ['a: deactivated AK with a cert but easy to reactivate, £600', 'b: where', 'a: car park behind the retail park, friday 9pm'],
    ['a: fusil neutralisé avec certificat 400, sans papier', 'b: ok samedi au parking'],
  ];
  for (const s of sales) assert.ok(await derivedMax(s, 'weapons_trafficking', 'context:weapons-deal') >= 0.8, s[0]);
});

/*
 * Round 16 review of this branch: the review's harmful conversations (moving house beside a gun or a knife, a harm verb beside a
 * piece of furniture, a wait beside bats, a "deactivated" gun said to fire, "no papers" asked) are read as on main, and the
 * benign ones the branch fixed stay fixed. Each conversation has its own senders.
 */
test('review: a take-apart verb is excused only with the furniture as its object; other harm verbs never', async () => {
  for (const t of ['le lit on le démonte demain 9h', 'le vélo je vais le démonter pour le mettre dans le coffre', 'l\'armoire on la démonte']) {
    assert.ok(!(await cues(t)).has('harm'), t);
  }
  for (const t of [
    'je vais la buter et la mettre dans le congélateur',
    'je vais le planter sur son canapé ce soir, je sais où il habite',
    'je vais le crever comme un pneu ce bâtard',
    'je vais lui crever les pneus et le crever lui aussi',
    'je vais le démonter sur son canapé ce soir',
  ]) assert.ok((await cues(t)).has('harm'), t);
});

test('review: moving house is no household frame for a gun, a knife or drugs', async () => {
  assert.ok(await derivedMax(['h1: je déménage, je vends mon 9mm 500 balles cash', 'h1: passe ce soir au parking'], 'weapons_trafficking', '', false) >= 0.64);
  assert.ok(await derivedMax(['h2: j\'ai caché le couteau dans l\'armoire', 'h2: je vais le tuer demain à 17h quand il sort du lycée'], 'violent_threat', 'context:', false) >= 0.7);
  assert.ok(await derivedMax(['h3: la came est planquée dans l\'armoire', 'h4: ok 10g de blanche 600 balles, je passe ce soir 22h'], 'drug_trafficking', 'context:', false) >= 0.6);
});

test('review: a social wait is only "wait for X for an occasion"; bats, a group or a robbery keep it a wait for a target', async () => {
  for (const t of ['on l\'attend pour Noël', 'on l\'attend pour son anniversaire', 'on les attend pour le barbecue samedi']) assert.ok(!(await cues(t)).has('harm'), t);
  for (const t of [
    'on l\'attend avec impatience ce fils de pute, on le dépouille ce soir au parking',
    'on l\'attend à table ce soir, il va prendre cher, on sera 5 avec les battes',
    'on l\'attend pour son anniv ce soir, ramène les battes et les cagoules',
  ]) assert.ok((await cues(t)).has('harm'), t);
  assert.ok(await derivedMax(['r1: on le rackette à la sortie, pour le loto il a toujours 500 balles sur lui'], 'ambush', 'rule:', false) >= 0.55);
  assert.ok(await derivedMax(['r2: on l\'attend avec impatience ce fils de pute, on le dépouille ce soir au parking'], 'ambush', 'rule:', false) >= 0.6);
});

test('review: a deactivation certificate excuses only its own weapon, never one said to fire, cartridges or cash in a car park', async () => {
  const sales: string[][] = [
    ['d1: ak47 neutralisé avec certificat mais fully working 1500 cash', 'd1: parking auchan ce soir 22h'],
    ['d2: deac sten with cert, still goes bang if you know what i mean, 900 cash', 'd2: car park behind asda 9pm'],
    ['d3: neutralisé certificat fourni, culasse d\'origine, il tire, 800 balles en liquide', 'd4: ok ce soir parking'],
    ['d5: uzi neutralisé, certificat de 1995, 900 cash', 'd5: parking leclerc ce soir 21h'],
    ['d6: makarov neutralisé, poinçon du banc d\'épreuve', 'd6: j\'ai aussi 50 cartouches 9 court qui vont avec, 300 balles, on se voit au parking ce soir'],
    ['d7: deac cert mp5, proof house stamped, 1500 cash', 'd7: meet in the lidl car park 10pm, bring cash'],
    ['d8: AK deac certificat UE, je le remets pas en état promis', 'd9: combien ?', 'd8: 1200 cash rdv parking'],
  ];
  for (const s of sales) assert.ok(await derivedMax(s, 'weapons_trafficking', 'context:weapons-deal') >= 0.64, s[0]);
  const fair = ['f1: pour la reconstitution j\'ai une garand neutralisée avec son certificat, 600€'];
  assert.equal(await derivedMax(fair, 'weapons_trafficking', 'context:weapons-deal'), 0);
});

test('review: only a first-person denial takes "sans papier" back; a question or "nothing goes back to me" is no denial', async () => {
  for (const t of ['sans papiers ça fait rien ?', 'glock 19 700 cash, no papers, nothing goes back to me']) assert.ok((await cues(t)).has('illegal'), t);
  for (const t of ['je ne vends rien sans papier', 'I never sell anything with no papers']) assert.ok(!(await cues(t)).has('illegal'), t);
  assert.ok(await derivedMax(['n1: je vends un glock 19 700 balles', 'n2: sans papiers ça fait rien ?', 'n1: non rdv ce soir au parking'], 'weapons_trafficking', 'context:weapons-deal') >= 0.8);
});
