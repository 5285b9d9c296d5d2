/**
 * Stop 38 (detC38): false alarms and P0 discipline, with the shipped rules and policy, the context and no model. Care for a drunk
 * friend, an account told afterwards with someone stepping in, a carer's question about covert medication, drinks bought, a
 * bare "bring him", a parent's garage and "she'll kill me" stay below hold and never reach P0; sextortion of a child escalates
 * P0; a drugging with no purpose said in care talk (an elder's own medicine) escalates P1, a plan reaches P0 once its purpose is
 * said, also later than the spike. Texts written for this test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actCaseErrors, dialogue, type ActCase } from './dialogue.test-support.js';
import { createEngine, createState } from './engine.js';
import { resolve } from 'node:path';
import { REPO_ROOT } from './engine-options.js';
import { normalise } from './normalise.js';
import { loadRuleSet } from './rules/index.js';
import { cuesOf, type Cue } from './context/cues.js';
import { fold } from './context/fold.js';

/** The best priority escalated over the conversation ('-' when none), per case. */
async function priorities(prefix: string, cases: readonly (readonly [string, string[]])[]): Promise<Record<string, string>> {
  const engine = await createEngine({ modelDir: 'none', windowModelDir: 'none' });
  const out: Record<string, string> = {};
  try {
    for (const [k, [name, lines]] of cases.entries()) {
      const verdicts = await engine.classifyBatch(dialogue(prefix, k, lines), createState());
      const ps = verdicts.map((v) => v.escalation?.priority).filter((p): p is NonNullable<typeof p> => !!p).sort();
      out[name] = ps[0] ?? '-';
    }
  } finally {
    await engine.close();
  }
  return out;
}

const BENIGN: ActCase[] = [
  ['FR: a drunk friend in the recovery position, someone asks if her drink was spiked', ['Lucie est ko dans les toilettes elle a trop bu de vodka', 'elle respire normalement ? elle te répond ?', 'oui elle marmonne', 'mets la en PLS sur le côté, pas sur le dos', 't\'es sûr que quelqu\'un lui a pas mis un truc dans son verre ?', 'non elle s\'est servie toute seule, c\'est la vodka. si elle répond plus tu appelles le 15', 'ok je reste avec elle'], 'drug_facilitated_assault', false],
  ['EN: a drunk friend, is she breathing, did someone put something in her drink', ['sam passed out on the bathroom floor, she did like 8 shots', 'is she breathing ok? does she respond?', 'yeah she groans a bit', 'put her in the recovery position on her side', 'you think someone put something in her drink?', 'nah she was pouring her own all night. if she stops responding call 911', 'ok im staying with her, got a bucket and water'], 'drug_facilitated_assault', false],
  ['FR: a guard tells how he took the glass and called the police', ['grosse soirée hier au club', 'raconte', 'un type offrait des verres à une meuf au comptoir, je le vois sortir une fiole', 'non...', 'il verse un truc dans son verre. je m\'approche, je prends le verre et j\'appelle mon chef', 'bien joué. les flics sont venus ?', 'oui ils ont pris le verre pour analyse'], 'drug_facilitated_assault', false],
  ['FR: a stag night told a year later', ['tu te rappelles l\'enterrement de vie de garçon de Tom l\'an dernier ?', 'oui', 'on lui avait mis un somnifère dans sa bière pour rire, il s\'est endormi dans le bus', 'c\'était pas malin', 'non je sais, on regrette'], 'drug_facilitated_assault', false],
  ['EN: a carer asks about covert medication in tea', ['gp upped mum\'s lorazepam, she was wandering at 3am again', 'what\'s the new dose', '0.5 at night but she refuses tablets half the time', 'can we not just put it in her tea?', 'the nurse says covert meds need a best interests decision and the pharmacist', 'fair. i\'ll bring her the lemon biscuits she likes'], 'drug_facilitated_assault', false],
  ['EN: bring him his glasses', ['dad\'s in hospital till friday', 'bring him his reading glasses and a charger', 'yeah and bring him some grapes lol'], 'ambush', false],
  ['FR: the mother\'s car scratched leaving the garage, she will kill me', ['j\'ai rayé la voiture de ma mère en sortant du garage elle va me tuer', 'elle va te tuer et t\'enterrer mdr', 'je lui dis ce soir ou demain', 'ce soir avec un gâteau'], 'violent_threat', false],
  ['FR: a customer bought a hostess drinks at the hotel bar', ['grosse nuit hier au bar de l\'hôtel', 'raconte', 'un client, costard, il payait des verres à une hôtesse qui attendait sa navette', 'et alors', 'rien, elle est montée dans sa chambre seule et lui est parti en taxi'], 'prostitution', false],
  ['FR (rb05): a mother says someone may have put something in her daughter\'s drink', ['ma fille rentre de soirée, elle dit qu\'on lui a peut-être mis un truc dans son verre', 'oh non, elle va comment ?', 'elle est consciente mais très somnolente, on part aux urgences faire une prise de sang', 'tiens moi au courant, et portez plainte'], 'drug_facilitated_assault', false],
  ['FR (rb49): a friend suspects a spiking, calls the emergency number', ['Léa se sent pas bien du tout, elle a bu qu\'un verre', 'tu crois qu\'on lui a mis un truc dans son verre ?', 'je sais pas, on appelle le 15 ?', 'oui vas y, je reste avec elle'], 'drug_facilitated_assault', false],
  ['FR (rb51): a brother says he was given GHB at the club last night', ['mon frère dit qu\'on lui a mis du ghb dans son verre hier en boîte', 'quoi ?? il va bien ?', 'oui il a fait une prise de sang ce matin, on attend les résultats'], 'drug_facilitated_assault', false],
];

const HARMFUL: ActCase[] = [
  ['FR: GHB in her glass, then she will be soft and remember nothing', ['samedi soirée chez Clém, Sarah sera là', 'et alors', 'je mets le G dans son punch', 'et après ?', 'elle sera toute molle, elle se rappellera de rien'], 'drug_facilitated_assault', true],
  ['EN: sextortion of a 14-year-old with a deadline', ['i have the pics you sent me', 'please delete them im only 14', 'send me more or i send them to your school group chat', 'what', 'u have 1 hour'], 'child_grooming', true],
  ['FR (rh12): his cousins will kill the addressee and bury him, a deadline', ['t\'as pas payé ce que tu dois', 'mes cousins ils vont te tuer et t\'enterrer dans la forêt', 't\'as jusqu\'à dimanche'], 'violent_threat', true],
];

test('stop 38: care for a drunk friend, accounts told afterwards, a carer\'s question, drinks bought, "bring him" and "she\'ll kill me" stay below hold', async () => {
  assert.deepEqual(await actCaseErrors('p0d-b', BENIGN, 'hold'), []);
});

test('stop 38: a drugging plan and sextortion of a child are held', async () => {
  assert.deepEqual(await actCaseErrors('p0d-h', HARMFUL, 'hold'), []);
});

/** Review of detC38 (rh10, rh18, rh19; rh12 is held above): a threat waiting at a car park, a pimp's "the police came" are not framed away;
 * with no model they act (flag) at least. rh13 (EN, acts through the model only) is checked at the cue level below. */
const HARMFUL_ACT: ActCase[] = [
  ['FR (rh10): waiting at the car park with his boys', ['tu m\'as balancé au patron, tu vas le payer', 'je t\'attends au parking ce soir à 18h avec mes gars', 'laisse moi tranquille', 'tu sors pas de là entier'], 'violent_threat', true],
  ['EN (rh18): a pimp moved the girls after the police came, rates given', ['police came to the old flat so we moved the girls to the new place', 'same rates?', '150 half hour, 250 the hour, she does outcalls too', 'send me the address'], 'prostitution', true],
  ['FR (rh19): a pimp works at the hotel since the police came, rates given', ['la dernière fois les flics sont venus, maintenant on bosse à l\'hôtel', 'elle fait combien', '100 la demi heure, 200 l\'heure, je garde la moitié', 'ok envoie moi une nouvelle'], 'prostitution', true],
];

test('stop 38 review: a car-park threat, a threat to the addressee and a pimp\'s "police came" still act', async () => {
  assert.deepEqual(await actCaseErrors('p0d-a', HARMFUL_ACT), []);
});

test('stop 38: P0 for sextortion of a child and for a drugging plan (its purpose said later too); P1 for a carer with no purpose said', async () => {
  const got = await priorities('p0d-p', [
    ['sextortion EN 14', ['i have the pics you sent me', 'please delete them im only 14', 'send me more or i send them to your school group chat', 'what', 'u have 1 hour']],
    ['sextortion FR 13', ['j\'ai gardé toutes tes photos', 'stp supprime j\'ai 13 ans', 'envoie m\'en 3 autres ce soir sinon je les envoie à ta mère et à ton collège']],
    ['spike then purpose', ['samedi soirée chez Clém, Sarah sera là', 'et alors', 'je mets le G dans son punch', 'et après ?', 'elle sera toute molle, elle dira plus non']],
    ['spike, no purpose said', ['samedi soirée chez Clém, Sarah sera là', 'et alors', 'je mets du G dans son verre']],
    ['carer, no purpose said', ['mamie refuse ses cachets pour dormir depuis l avc', 'et alors', 'je mets ses gouttes dans son verre ce soir']],
    ['rb05 mother suspects', ['ma fille rentre de soirée, elle dit qu\'on lui a peut-être mis un truc dans son verre', 'oh non, elle va comment ?']],
    ['rb49 friend suspects', ['Léa se sent pas bien du tout, elle a bu qu\'un verre', 'tu crois qu\'on lui a mis un truc dans son verre ?', 'je sais pas, on appelle le 15 ?']],
    ['rb51 brother says', ['mon frère dit qu\'on lui a mis du ghb dans son verre hier en boîte', 'quoi ?? il va bien ?']],
  ]);
  assert.deepEqual(got, {
    'sextortion EN 14': 'P0', 'sextortion FR 13': 'P0', 'spike then purpose': 'P0', 'spike, no purpose said': 'P0', 'carer, no purpose said': 'P1',
    'rb05 mother suspects': '-', 'rb49 friend suspects': '-', 'rb51 brother says': '-',
  });
});

/** The cues a message sets, from the shipped rules and the cue patterns. */
async function cueSet(text: string): Promise<Set<Cue>> {
  const rules = await loadRuleSet(resolve(REPO_ROOT, 'rules'));
  const fromRules = rules.match(normalise(text)).filter((h) => h.kind === 'cue').map((h) => h.label.slice(4) as Cue);
  return cuesOf(fold(text), fromRules);
}

test('stop 38 review: "they will kill you and bury you" is no figure of speech; waiting at the car park is a place', async () => {
  for (const t of ['mes cousins ils vont te tuer et t\'enterrer dans la forêt', 'my boys know where you live, they will kill you and bury you']) {
    assert.equal((await cueSet(t)).has('figurative'), false, t);
  }
  assert.equal((await cueSet('elle va me tuer et me enterrer')).has('figurative'), true);
  assert.equal((await cueSet('je t\'attends au parking ce soir à 18h avec mes gars')).has('threat_anchor'), true);
});
