/**
 * Round 18 (rules18b): prostitution told by who controls it or by its logistics, and a sex workers' peer warning, read end
 * to end from the real rule files through the context stage. Harmful: massage "extras" paid on the side (« tu rajoutes 40
 * en liquide pour le bonus, elle dira pas non », "160 with the happy finish"), a man selling his partner ("she does what i
 * tell her", « elle a pas son mot à dire »), a girl sent to "keep them company, do what they ask" for money, an agency's
 * quota and the debt of the flight, a pimp's cut handed to him every two hours, a free room against evenings with his
 * friends and his share; a remark on a woman's backside in a hunting group. Hard negatives: a spa's hot stones, a
 * manager's employee, grandparents paying company, a flatmate's rent, a bruise looked at, a peer warning about a bad
 * client. Conversations written for this test (FR and EN).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Category } from '../../contracts/taxonomy.js';
import { replay, textCues as cues } from './replay.test-support.js';

/** The highest score of `cat` (any source) over a replayed two-person conversation. */
async function maxScore(lines: readonly string[], cat: Category): Promise<number> {
  let best = 0;
  await replay(lines, (out) => { best = Math.max(best, out.categories[cat]?.score ?? 0); }, true);
  return best;
}

test('massage "extras" paid on the side are prostitution; hot stones, a scrub or a massage chair are not', async () => {
  for (const conv of [
    ['a: le salon de massage à côté de la gare c\'est bien ?', 'b: demande Lina. 50 le massage et tu rajoutes 40 en liquide pour le bonus, si tu veux plus c\'est 120, elle dira pas non'],
    ['a: that thai place on the high street any good', 'b: ask May. 50 for the massage, slip her 40 cash for the extras, 120 for the lot, she won\'t say no'],
    ['a: u do sports massage?', 'b: kinda 😉 full relaxation. 100 for the hour, 160 with the happy finish', 'a: where', 'b: travelodge by the ring road, i text u the room, cash only'],
  ]) assert.ok(await maxScore(conv, 'prostitution') >= 0.5, conv.join(' / '));
  for (const conv of [
    ['a: le salon de massage thaï derrière la gare c\'est sérieux ?', 'b: oui très pro, 60 le massage d\'une heure, tu rajoutes 15 pour les pierres chaudes', 'a: ok je prends rdv par sms'],
    ['a: massage at the spa was 50, the extras like hot stones are 15 more', 'b: sounds lovely'],
    ['a: the massage chair is 300, and for the bonus you get a free cushion', 'b: nice'],
  ]) assert.ok(await maxScore(conv, 'prostitution') < 0.5, conv.join(' / '));
});

test('a partner or a girl controlled and paid for is prostitution; a manager, grandparents or a parent\'s worry are not', async () => {
  for (const t of [
    'she\'s free tonight. 250 an hour at mine, she does what i tell her',
    'elle est dispo samedi, 200 l\'heure chez moi, elle fait ce que je lui dis',
    'my boys got a party friday. they\'ll pay u 150 to keep them company, be nice to them and do what they ask',
    'mes potes font une soirée samedi, ils te donnent 200, tu fais ce qu\'ils te demandent',
    'she doesn\'t get a say. bring 300 cash and pay me not her',
  ]) {
    assert.ok(await maxScore([`a: ${t}`], 'prostitution') >= 0.5, t);
    assert.ok((await cues(t)).has('pimping'), t);
  }
  for (const t of [
    'she does what i tell her at work, i\'m her manager, she\'s paid 120 a day',
    'the old couple next door will pay you 120 to keep them company and do what they ask around the house',
    'son copain lui a offert un téléphone, elle fait tout ce qu\'il lui dit, ça m\'inquiète',
    'she owes me for rent and bills, 450 for the room',
  ]) {
    assert.ok(await maxScore([`a: ${t}`], 'prostitution') < 0.5, t);
    assert.ok(!(await cues(t)).has('pimping'), t);
  }
});

test('an agency\'s quota per woman and the debt of her flight, a pimp\'s cut handed every two hours, are debt bondage', async () => {
  for (const conv of [[
    'a: new girl landed, put her in the Luton flat',
    'b: ok the other two to Reading tonight?',
    'a: yes 8 clients each minimum, ads are up. take their phones, they get them back monday',
    'b: new one cries',
    'a: she owes 6k for the flight and the room. nobody leaves till it\'s paid',
  ], [
    'a: la nouvelle est arrivée, mets-la dans l\'appart de Saint-Denis',
    'b: ok les deux autres vont à Créteil ce soir ?',
    'a: oui 10 clients chacune minimum, j\'ai mis les annonces. tu prends leurs téléphones',
    'b: la nouvelle pleure',
    'a: elle doit 5000 pour le voyage et la chambre. personne part tant que c\'est pas payé',
  ], [
    'a: convention in town this weekend, girls ready?',
    'b: 3 of em. who\'s collecting',
    'a: me. they work the truck stop lot, 60 a car date, 150 for the motel. they hand me 50% every 2 hours',
  ]]) assert.ok(await maxScore(conv, 'prostitution') >= 0.7, conv.join(' / '));
  // a sales target, a passport renewed at the town hall, the girls' kitty
  for (const conv of [
    ['a: each rep needs 10 clients each minimum this month', 'b: ok i\'ll put the ads up'],
    ['a: j\'ai ses papiers pour le renouvellement à la mairie, elle doit 86 pour le passeport', 'b: ok je passe'],
    ['a: the girls hand me 5 each for the kitty', 'b: cool'],
  ]) assert.ok(await maxScore(conv, 'prostitution') < 0.5, conv.join(' / '));
});

test('a free room against evenings with his generous friends and his share is raised, quoted or said', async () => {
  for (const conv of [
    ['a: je colle ce qu\'il m\'a écrit : « pas de loyer, tu passes deux soirées par semaine avec des amis à moi qui sont généreux, 200 la soirée, je prends ma part sur chaque et t\'es logée »'],
    ['a: pas de loyer pour toi, tu passes juste deux soirées par semaine avec des amis à moi qui sont généreux, 200 la soirée, je prends ma part'],
  ]) assert.ok(await maxScore(conv, 'prostitution') >= 0.5, conv[0]);
  assert.ok(await maxScore(['a: DJ 300 la soirée, je prends ma part sur chaque contrat', 'b: ok'], 'prostitution') < 0.7);
});

test('a sex workers\' peer warning about a bad client is a warning: the safety advice after it is not held', async () => {
  for (const t of [
    'warning: guy calling himself Omar asks for incall in zone 2, turns up with a mate who waits in the car',
    'added to the private list, report to National Ugly Mugs it\'s anonymous',
    'attention les filles, un client qui se fait appeler Karim part sans payer, je l\'ajoute à la liste noire',
  ]) assert.ok((await cues(t)).has('warning'), t);
  const warn = [
    'a: warning: guy calling himself Omar asks for incall in zone 2, turns up with a mate who waits in the car. they took the cash',
    'b: which area',
    'a: elephant and castle. added to the private list, report to National Ugly Mugs it\'s anonymous',
    'b: incall with a friend in the next room, always. i know it costs but still',
  ];
  let held = false;
  await replay(warn, (out) => { if ((out.categories.prostitution?.score ?? 0) >= 0.7 && !out.framed.includes('prostitution')) held = true; }, false);
  assert.ok(!held);
});

test('a remark on her backside in a hunting group is harassment; a bruise looked at or "watching your back" is not', async () => {
  for (const conv of [
    ['a: samedi je peux prendre le poste près de l\'étang ?', 'b: avec ce pantalon je vais plus regarder les canards, je vais regarder ton derrière 😏'],
    ['a: can i take the north hide sunday?', 'b: in those trousers i wont be watching the deer, ill be watching your arse 😏'],
  ]) assert.ok(await maxScore(conv, 'sexual_harassment') >= 0.5, conv.join(' / '));
  for (const conv of [
    ['a: je me suis cognée en tombant', 'b: je vais regarder ton derrière, t\'as un bleu énorme après la chute'],
    ['a: first shift tonight', 'b: i\'ll be watching your back out there, stay safe'],
  ]) assert.ok(await maxScore(conv, 'sexual_harassment') < 0.5, conv.join(' / '));
});
