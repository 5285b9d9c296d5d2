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

test('moving house: "on la démonte" said of a wardrobe is held at most at review level', async () => {
  const moving = [
    'a: dimanche je déménage, qui peut venir aider ?',
    'b: moi je viens avec la camionnette',
    'a: top, rdv 8h en bas de chez moi',
    'b: l\'armoire on la démonte ou elle passe entière ?',
    'a: on la démonte, les vis sont dans le tiroir',
  ];
  assert.ok(await derivedMax(moving, 'violent_threat', 'context:violence-plan', false) <= 0.6);
  const beating = [
    'a: le fils du voisin a rayé ma voiture',
    'b: on le démonte ce soir derrière l\'entrepôt',
  ];
  assert.ok(await derivedMax(beating, 'violent_threat', 'context:violence-plan', false) >= 0.7);
});

test('a friend awaited at a social occasion is no target waited for', async () => {
  for (const t of ['dis lui qu\'on l\'attend mardi pour la belote, sans rancune', 'on l\'attend pour manger vers midi', 'on l\'attend avec impatience']) {
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
