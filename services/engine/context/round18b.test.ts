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

test('a sex workers\' peer warning about a bad client is its own peer_warning cue, never a warning or a relaying frame', async () => {
  for (const t of [
    'warning: guy calling himself Omar asks for incall in zone 2, turns up with a mate who waits in the car',
    'added to the private list, report to National Ugly Mugs it\'s anonymous',
    'attention les filles, un client qui se fait appeler Karim part sans payer, je l\'ajoute à la liste noire',
  ]) assert.ok((await cues(t)).has('peer_warning'), t);
  // the warning never reads as a sale; it is no relaying, speech or span frame (rules18b review S1)
  for (const t of ['you\'re on the private list now, special girls only', 'ce resto est sur ma liste noire', 'toujours en binome', 'client dangereux']) {
    const c = await cues(t);
    assert.ok(!c.has('peer_warning') && !c.has('warning'), t);
  }
});

test('peer-warning words never soften grooming, a drugging, a threat, a weapon or a drug sale (rules18b review S1)', async () => {
  const cases: [string[], Category, number][] = [
    [['a: you\'re on the private list now, special girls only. how old are you?', 'b: 12', 'a: send me a pic in your underwear, don\'t tell your mum, it\'s our secret'], 'child_grooming', 0.7],
    [['a: she\'s on my bad date list lol, tonight i\'ll put a pill in her drink so she passes out and take her to my place'], 'drug_facilitated_assault', 0.7],
    [['a: ce resto est sur ma liste noire', 'b: lol', 'a: bref ce soir je mets un cachet dans le verre de Lea pour qu\'elle dorme et je la ramène chez moi'], 'drug_facilitated_assault', 0.7],
    [['a: attention les filles, soldes chez Zara demain', 'b: trop bien', 'c: j\'y vais', 'd: Ines je sais où t\'habites, demain je viens avec mon couteau et je te plante devant chez toi'], 'violent_threat', 0.7],
    [['a: t\'es sur ma liste noire, je sais où t\'habites, je vais te planter demain à la sortie'], 'violent_threat', 0.7],
    [['a: bad date list lol. glock 19 for 900, no papers, cash only, meet at the car park'], 'weapons_trafficking', 0.7],
  ];
  for (const [conv, cat, min] of cases) {
    let best = 0;
    await replay(conv, (out) => { if (!out.framed.includes(cat)) best = Math.max(best, out.categories[cat]?.score ?? 0); }, true);
    assert.ok(best >= min, `${cat} ${best}: ${conv.join(' / ')}`);
  }
});

test('a race\'s happy finish, a company masseuse\'s year-end bonus, a babysitter or an au pair housed are not held (rules18b review S2-S4)', async () => {
  for (const conv of [
    ['a: the race had a happy finish, we came 3rd, prize was 200 cash', 'b: meet at the pub to celebrate?'],
    ['a: la masseuse de l\'entreprise a touché 300 pour le bonus de fin d\'année', 'b: versé en liquide ? on voit ça à la réunion demain 10h'],
    ['a: tu es logée chez nous le weekend, 70 la soirée pour garder les petits', 'b: d\'accord'],
    ['a: pour l\'au pair : logée nourrie, 300 euros par mois d\'argent de poche', 'b: ça me va'],
  ]) assert.ok(await maxScore(conv, 'prostitution') < 0.7, conv.join(' / '));
  for (const t of ['the race had a happy finish, we came 3rd', 'la masseuse de l\'entreprise a touché 300 pour le bonus de fin d\'année']) assert.ok(!(await cues(t)).has('sw_frame'), t);
  for (const t of ['tu es logée chez nous le weekend, 70 la soirée pour garder les petits', 'pour l\'au pair : logée nourrie, 300 euros par mois']) assert.ok(!(await cues(t)).has('lodging'), t);
});

test('a coach, a dog, rent, a sales quota, a tailor or an x-ray are not prostitution or harassment (rules18b review, minor)', async () => {
  for (const t of [
    'ma chienne elle fait ce que je lui dis, le dresseur m\'a pris 300',
    'rent is 600, pay me not her, i\'m the one on the lease',
    'customers are always right, do what they ask, your bonus is 200',
    'we need 5 clients each minimum this quarter, ads campaign launches monday',
  ]) assert.ok(await maxScore([`a: ${t}`], 'prostitution') < 0.5, t);
  for (const t of ['je vais regarder ta poitrine et ta taille pour les mesures de la robe', 'i\'ll be looking at your chest x-ray tomorrow, the scan is at 9']) {
    assert.ok(await maxScore([`a: ${t}`], 'sexual_harassment') < 0.5, t);
  }
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
