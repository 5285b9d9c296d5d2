/**
 * Stop 43 (det43w): violencePlan counts a place, a time, a set-up or a weapon only from the speaker's side: the speaker, a
 * co-planner (a plan cue of his own), or someone answering the plan after the harm. Conversations written for this test (FR
 * and EN, none from a writer; /work/det43w-probes), each beside its harmful twin: a coach's, a mechanic's or a private
 * investigator's schedule said before a player's or a client's outburst; the threatened addressee's own hours; a warner's
 * place. Read end to end from the real rule files through the context stage.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { derivedMax } from './replay.test-support.js';

const PLAN = 'context:violence-plan';
/** The violence plan's highest score over a conversation written as "sender: text" lines. */
const plan = (lines: string[]): Promise<number> => derivedMax(lines, 'violent_threat', PLAN, false);

test('a schedule said before the harm by someone with no part in it is no anchor of the plan', async () => {
  const coach = ['coach: entraînement mardi 19h au gymnase, match samedi 15h', 'kevin: on va les défoncer ces nazes', 'coach: calme, on joue propre samedi'];
  const teacher = ['prof: sortie au musée jeudi 8h devant le lycée', 'eleve: je vais le tuer Mathis s\'il se met encore à côté de moi'];
  const garage = ['garagiste: votre voiture sera prête mardi 17h au garage', 'client: je vais le tuer mon fils, il a encore rayé la portière'];
  const court = ['lawyer: the hearing is tuesday 9am, courtroom 3', 'client: I\'ll kill him when I see him'];
  for (const c of [coach, teacher, garage, court]) assert.equal(await plan(c), 0, c[0]);
});

test('a co-plotter\'s place or time counts: said after the harm (an answer to the plan) or with a plan of his own', async () => {
  const answer = ['ryan: il m\'a balancé aux flics, je vais le tuer', 'bilal: il finit le taf à 18h au Leclerc, il se gare au fond', 'ryan: grave, demain on l\'attend'];
  assert.ok(await plan(answer) >= 0.7);
  const planner = ['b: il a frappé mon frère ce bâtard, il sort de la salle à 21h parking derrière', 'a: on va le défoncer'];
  assert.ok(await plan(planner) >= 0.7);
});

test('a private investigator\'s log before the client\'s rage is no plan; the client naming the place himself is', async () => {
  const log = ['detective: il sort du bureau à 18h30, se gare au parking rue Pasteur', 'cliente: je vais le tuer ce salaud, il me trompe depuis deux ans'];
  assert.equal(await plan(log), 0);
  const own = ['investigator: he leaves the office at 6:30', 'client: I know his car, I\'ll kill him tonight outside his office, staff exit'];
  assert.ok(await plan(own) >= 0.7);
});

test('the threatened addressee\'s own hours and a warner\'s place are no anchors; the speaker naming them is', async () => {
  const threatened = ['a: je finis à 19h au parking du garage ce soir', 'b: je vais te défoncer toi', 'a: essaie pour voir'];
  assert.equal(await plan(threatened), 0);
  const warner = ['a: faites gaffe, le mec du 3e traîne au parking derrière le gymnase le soir', 'b: je vais le défoncer ce mec'];
  assert.equal(await plan(warner), 0);
  const own = ['a: je sais que tu finis à 19h au parking du garage', 'a: je vais te défoncer toi'];
  assert.ok(await plan(own) >= 0.7);
});
