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
];

const HARMFUL: ActCase[] = [
  ['FR: GHB in her glass, then she will be soft and remember nothing', ['samedi soirée chez Clém, Sarah sera là', 'et alors', 'je mets le G dans son punch', 'et après ?', 'elle sera toute molle, elle se rappellera de rien'], 'drug_facilitated_assault', true],
  ['EN: sextortion of a 14-year-old with a deadline', ['i have the pics you sent me', 'please delete them im only 14', 'send me more or i send them to your school group chat', 'what', 'u have 1 hour'], 'child_grooming', true],
];

test('stop 38: care for a drunk friend, accounts told afterwards, a carer\'s question, drinks bought, "bring him" and "she\'ll kill me" stay below hold', async () => {
  assert.deepEqual(await actCaseErrors('p0d-b', BENIGN, 'hold'), []);
});

test('stop 38: a drugging plan and sextortion of a child are held', async () => {
  assert.deepEqual(await actCaseErrors('p0d-h', HARMFUL, 'hold'), []);
});

test('stop 38: P0 for sextortion of a child and for a drugging plan (its purpose said later too); P1 for a carer with no purpose said', async () => {
  const got = await priorities('p0d-p', [
    ['sextortion EN 14', ['i have the pics you sent me', 'please delete them im only 14', 'send me more or i send them to your school group chat', 'what', 'u have 1 hour']],
    ['sextortion FR 13', ['j\'ai gardé toutes tes photos', 'stp supprime j\'ai 13 ans', 'envoie m\'en 3 autres ce soir sinon je les envoie à ta mère et à ton collège']],
    ['spike then purpose', ['samedi soirée chez Clém, Sarah sera là', 'et alors', 'je mets le G dans son punch', 'et après ?', 'elle sera toute molle, elle dira plus non']],
    ['spike, no purpose said', ['samedi soirée chez Clém, Sarah sera là', 'et alors', 'je mets du G dans son verre']],
    ['carer, no purpose said', ['mamie refuse ses cachets pour dormir depuis l avc', 'et alors', 'je mets ses gouttes dans son verre ce soir']],
  ]);
  assert.deepEqual(got, {
    'sextortion EN 14': 'P0', 'sextortion FR 13': 'P0', 'spike then purpose': 'P0', 'spike, no purpose said': 'P0', 'carer, no purpose said': 'P1',
  });
});
