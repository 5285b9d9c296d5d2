/**
 * Stop 43 (det43v): violencePlan asks who does the harm to whom. Conversations written for this test (FR and EN, none from a
 * writer), each beside the real thing: a rifle the threatened boy says he left in the car is no means against him (harm_you);
 * a fox "je vais le buter" at dawn with the rifle is no plan against a person (animal); a third person's harm (« ils vont te
 * planter », « il va le tuer ») told or warned of is no plan of the speaker's (other_actor). Read end to end from the real
 * rule files through the context stage.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { derivedMax, textCues as cues } from './replay.test-support.js';

const PLAN = 'context:violence-plan';
/** The violence plan's highest score over a conversation written as "sender: text" lines. */
const plan = (lines: string[]): Promise<number> => derivedMax(lines, 'violent_threat', PLAN, false);

test('a harm aimed at the addressee reads a weapon only from the speaker\'s side', async () => {
  assert.ok((await cues('ta mère a raison de te tuer')).has('harm_you'));
  const kin = [
    'a: ma mère va me tuer j\'ai laissé la carabine de mon père dans la voiture',
    'b: ta mère a raison de te tuer, une carabine ça se range au coffre',
  ];
  assert.equal(await plan(kin), 0);
  const real = ['b: j\'ai un couteau moi aussi', 'a: je vais te planter ce soir devant chez toi avec mon couteau'];
  assert.ok(await plan(real) >= 0.7);
});

test('a harm aimed at an animal named with it is no plan; aimed at the addressee it is', async () => {
  const fox = [
    'a: le renard a encore tué deux poules cette nuit près du poulailler',
    'b: mets un piège',
    'a: je vais le buter ce renard, demain soir je l\'attends avec le fusil',
  ];
  assert.equal(await plan(fox), 0);
  assert.ok(await plan(['a: je vais te buter comme un lapin, ce soir devant chez toi avec le fusil']) >= 0.7);
});

test('a third person\'s harm, warned of or told, is no plan of the speaker\'s; with his own group or grievance it is', async () => {
  assert.ok((await cues('ils vont te planter pour un portable')).has('other_actor'));
  assert.ok(!(await cues('on va te planter')).has('other_actor'));
  const warning = ['a: ils traînent devant le lycée avec des couteaux', 'b: ouais ils vont te planter pour un portable, fais gaffe'];
  assert.equal(await plan(warning), 0);
  const neighbour = ['a: mon voisin a un fusil dans son garage', 'a: il va le tuer ce chat un jour, il le déteste'];
  assert.equal(await plan(neighbour), 0);
  const own = ['a: they\'re gonna kill him tonight at his place, and I\'m bringing the bats, we\'re 5 deep'];
  assert.ok(await plan(own) >= 0.7);
  const ours = ['a: il a frappé mon frère', 'a: il va le payer, on le défonce demain devant chez lui avec les battes'];
  assert.ok(await plan(ours) >= 0.7);
});

test('a time said five messages before the harm, in other talk, is no time of it; said with it, it is', async () => {
  const site = ['a: lundi 8h on attaque la démolition du 2e au 5e', 'b: le diagnostic amiante est fait ?', 'a: oui tout est ok, masques quand même',
    'c: les bennes arrivent ?', 'a: déjà sur place', 'b: il faut plus de marteaux piqueurs', 'c: je le défonce ce bâtiment en deux semaines chef'];
  assert.equal(await plan(site), 0);
  const real = ['a: il a balancé mon frère', 'b: il passe au city stade', 'a: on le défonce samedi à 18h'];
  assert.ok(await plan(real) >= 0.6);
});

test('review: the speaker\'s own people set out before the pronoun are no third person; a vocative friend before a warning is', async () => {
  assert.ok(!(await cues('mes frères ils vont te planter demain devant ton bahut')).has('other_actor'));
  assert.ok(!(await cues('my boys they gonna stab you tomorrow at the bus stop')).has('other_actor'));
  assert.ok((await cues('fais gaffe mon frère ils vont te planter ce soir')).has('other_actor'));
  const brothers = ['a: t\'as insulté ma daronne', 'b: c\'était pour rire', 'a: mes frères ils vont te planter demain devant ton bahut'];
  assert.ok(await plan(brothers) >= 0.7);
  const cousin = ['a: mon cousin il va te défoncer demain à la gare du midi', 'a: il a un couteau'];
  assert.ok(await plan(cousin) >= 0.7);
});

test('review: an animal in a simile is how the man is treated, not the target', async () => {
  const simile = ['a: lui il a touché ma petite soeur', 'b: t\'es sûr', 'a: ouais', 'a: on va le saigner comme un lapin ce soir derrière le gymnase'];
  assert.ok(await plan(simile) >= 0.7);
  assert.ok((await cues('je vais le buter ce renard')).has('animal'));
});

test('review: a third person who harms the speaker is his grievance, not another actor of the threat', async () => {
  assert.ok(!(await cues('s\'il me frappe encore je le tue demain devant le lycée')).has('other_actor'));
  assert.ok(await plan(['a: s\'il me frappe encore je le tue demain devant le lycée']) >= 0.7);
  assert.ok(await plan(['a: il m\'a frappé devant tout le monde', 'a: il m\'a frappé, demain je le plante à la sortie']) >= 0.7);
});
