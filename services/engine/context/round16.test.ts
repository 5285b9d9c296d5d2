/**
 * Round 16 (issue 10): a weapon traded or at hand and aimed at someone (derive.ts armedPurpose), read end to end from the real
 * rule files (context cues) through the context stage. Conversations written for this test (FR and EN, none from a writer): a
 * flick knife bought and « le mec qui a frappé ma sœur … je lui règlerai son compte »; a strap with rounds and "the guy who mugged
 * off my little bro … he'll remember me"; a 9 and « je lui mets deux bastos »; a blade offered and "when he steps out it's over".
 * Hard negatives with the same words: a boar waited for with a licensed rifle, a chef's knife for Sunday's roast and a surprise,
 * a tattoo booking after « ça va saigner ? », drill lyrics quoted, a slasher film, a warning about a violent neighbour, a joke
 * about a teacher who « va te tuer 😂 », a chess-playing son-in-law.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type Category } from '../../contracts/taxonomy.js';
import { derivedMax, textCues as cues } from './replay.test-support.js';

const derived = (lines: string[], cat: Category, source?: string, direct?: boolean): Promise<number> => derivedMax(lines, cat, source, direct);
const ARMED = 'context:armed-purpose';

const ARMED_PLANS: [string, string[]][] = [
  ['FR: a flick knife for 60, « qui a frappé ma sœur », his shift ends at 23h, « je lui règlerai son compte »', [
    'a: t\'as encore le schlass à cran ?',
    'b: ouais 60 balles',
    'a: je prends. le mec qui a frappé ma soeur il finit son service à 23h au kebab, je lui règlerai son compte',
  ]],
  ['EN: a strap offered, "the guy who mugged off my little bro", the gym every tuesday, "he\'ll remember me"', [
    'a: u still got that strap',
    'b: yeah 800 wid 12 rounds',
    'a: say less. the guy who mugged off my little bro, he\'s at the gym every tuesday at 9. he\'ll remember me',
  ]],
  ['FR: a 9 for 1200, « qui m\'a humilié », out at midnight, « je lui mets deux bastos »', [
    'a: j\'ai trouvé un 9 pour 1200 avec une boîte',
    'b: t\'en fais quoi',
    'a: le gars qui m\'a humilié devant ma meuf, il sort de la salle vers minuit. je lui mets deux bastos et c\'est réglé',
  ]],
  ['EN: a blade offered, "that ref who humiliated my son", alone every saturday, "when he steps out it\'s over"', [
    'a: got a blade for u, 40 quid',
    'b: sound',
    'b: that ref who humiliated my son. he leaves the clubhouse alone every saturday at 6. when he steps out it\'s over',
  ]],
];

/** Third field false: another derivation may read the row (a joke with a harm word and a day is violence-plan's business). */
const NOT_ARMED: [string, string[], boolean?][] = [
  ['a boar waited for with a licensed rifle', [
    'a: j\'ai récupéré la carabine chez l\'armurier, tout est en règle',
    'b: top, le sanglier il passe tous les soirs vers 19h au bord du champ',
    'a: je l\'attends au mirador samedi, il repartira pas celui-là',
  ]],
  ['a knife for Sunday\'s roast and a surprise for dad', [
    'a: je vais acheter un bon couteau pour le rôti de dimanche',
    'b: papa arrive vers midi',
    'a: on lui prépare la surprise, il se souviendra de nous',
  ]],
  ['a tattoo booked after « ça va saigner ? »', [
    'a: je vais découper le pochoir pour que la lame suive ton avant bras',
    'b: ça va saigner beaucoup ?',
    'a: un peu, c\'est normal. acompte 50€',
    'b: ça marche, samedi 14h ?',
  ]],
  ['drill lyrics quoted', [
    'a: écoute le refrain: "j\'ai le fer, il rentre à minuit, je lui mets deux bastos"',
    'b: grave le son est lourd, le clip avec les flingues sort vendredi',
  ]],
  ['a slasher film', [
    'a: in the movie the killer has a machete, 20 quid on the ticket, and knows she gets home at midnight every friday',
    'b: and when she turns around it\'s over, classic slasher',
  ]],
  ['a warning about a violent neighbour', [
    'a: mon voisin bat sa femme, je l\'entends tous les soirs',
    'b: appelle le 17, s\'il a un couteau chez lui c\'est dangereux',
    'a: il rentre à minuit, je vais prévenir la police demain',
  ]],
  ['a teacher who « va te tuer 😂 » after a rap clip with plastic guns', [
    'a: le clip avec les fausses armes, 15 balles le t-shirt',
    'b: ma prof a dit qu\'on pouvait analyser un texte de rap lundi',
    'a: prends Grand Corps Malade plutôt elle va te tuer sinon 😂',
  ], false],
];

/**
 * The round-16 review: benign talk the first cut of armedPurpose or covertPlan held (a filleting knife for fishing, a knife gift and
 * « je l'attends pour lui faire la surprise », grandad's declared shotgun and a fox, and with no weapon at all a parent about a
 * bully, a knife sharpener, a footballer's injury, a teacher, a boss and a resignation, a coach). Neither finding may fire.
 */
const REVIEW_BENIGN: [string, string[]][] = [
  ['a filleting knife for fishing', [
    'a: couteau à filet rapala 25€ sur leboncoin, bonne affaire',
    'b: prends le pour la pêche avec mon beauf',
    'a: il passe me chercher tous les dimanches à midi, on va les abîmer un peu les brochets',
    'a: il se souviendra de moi, je vais lui mettre une raclée à la pêche',
  ]],
  ['a knife gift and a surprise at midnight', [
    'a: j\'ai commandé un couteau japonais 120€ pour mon frère',
    'b: il rentre quand ?',
    'a: il rentre à minuit vendredi, je l\'attends pour lui faire la surprise',
    'a: il se souviendra de moi ce cadeau',
  ]],
  ['grandad\'s declared shotgun and a fox', [
    'a: je vends le fusil de papi, 200€, il est déclaré',
    'b: pour le renard ?',
    'a: il passe tous les soirs vers minuit au poulailler, il y reviendra plus jamais',
    'a: je l\'attends au coin de la grange',
  ]],
  ['a parent about a school bully', [
    'a: le gamin qui frappe ma fille à l\'école, il sort tous les jours à midi',
    'b: faut aller voir la directrice',
    'a: oui je vais voir ses parents, il va se souvenir de moi ce petit',
  ]],
  ['a knife sharpener at the market', [
    'a: aiguisage de couteaux 5€ la lame, je passe tous les samedis au marché',
    'b: super, le boucher il ferme seul à midi le samedi',
    'a: je passe avant, il va se souvenir de moi, ses couteaux vont couper comme jamais',
  ]],
  ['a footballer\'s career ended by injury', [
    'a: le petit du club s\'est fait les ligaments contre leur défenseur, le mec qui a cassé la jambe de mon frère l\'an dernier aussi',
    'b: il passe au kiné tous les mardis à midi',
    'a: il rejouera plus jamais, les médecins sont formels',
  ]],
  ['an old teacher shown a diploma', [
    'a: le prof de maths qui m\'a humilié en 6e, je l\'ai recroisé',
    'a: il sort tous les vendredis du lycée à midi',
    'a: je vais lui montrer mon diplôme d\'ingé, il se souviendra de moi',
  ]],
  ['a boss and a resignation', [
    'a: my boss who embarrassed me in the meeting leaves every friday at 5',
    'b: ugh',
    'a: i\'m handing in my notice then, he\'ll remember me when the project collapses',
  ]],
  ['a coach and three goals', [
    'a: le coach qui m\'a humilié devant l\'équipe il part tous les samedis à midi',
    'b: tu vas lui dire ?',
    'a: non je vais marquer 3 buts, il se rappellera de moi',
  ]],
  ['pepper spray sold and a bad review', [
    'a: selling my old pepper spray 10 quid, moving abroad, can\'t take it',
    'b: ill have it',
    'a: cool, the guy who played me on vinted lives round the corner, he\'s in every night at midnight',
    'a: gonna leave him a bad review, he\'ll remember me',
  ]],
];

/** Reworded plans the narrowed findings still catch (covert-plan or armed-purpose). */
const REVIEW_HARMFUL: [string, string[]][] = [
  ['a blade offered, no grievance, « il se souviendra de moi »', [
    'a: j\'ai la machette et le poing américain, 90 les deux',
    'b: je prends. c\'est pour le mec de Carouge',
    'a: celui du serveur ?',
    'b: oui. il sort de la salle de muscu à 21h le mercredi. il se souviendra de moi',
  ]],
  ['a revolver quoted, "when he looks up it\'s over"', [
    'a: need a strap for myself. whatever u got',
    'b: .38 revolver, 600, rounds included',
    'a: bet. that streamer who clowned me, he\'s at the meet up sunday. i\'m gonna be in line and when he looks up it\'s over',
  ]],
  ['a neighbour who hits my mother, « il va comprendre sa douleur »', [
    'a: t\'as toujours la batte',
    'b: ouais',
    'a: le voisin qui frappe ma mère il sort fumer à minuit, il va comprendre sa douleur',
  ]],
];

for (const [name, lines] of REVIEW_BENIGN) {
  test(`round 16 review: no armed purpose nor covert plan on ${name}`, async () => {
    assert.equal(await derived(lines, 'violent_threat', ARMED, false), 0, name);
    assert.equal(await derived(lines, 'violent_threat', 'context:covert-plan', false), 0, name);
  });
}
for (const [name, lines] of REVIEW_HARMFUL) {
  test(`round 16 review: still a plan: ${name}`, async () => {
    assert.ok((await derived(lines, 'violent_threat', 'context:', false)) >= 0.6, name);
  });
}

for (const [name, lines] of ARMED_PLANS) {
  test(`round 16 armed purpose: ${name}`, async () => {
    assert.ok((await derived(lines, 'violent_threat', ARMED, false)) >= 0.6, name);
  });
}
for (const [name, lines, any = true] of NOT_ARMED) {
  test(`round 16 armed purpose: not on ${name}`, async () => {
    assert.equal(await derived(lines, 'violent_threat', ARMED, false), 0, name);
    if (any) assert.equal(await derived(lines, 'violent_threat', 'context:', false), 0, name);
  });
}

test('round 16 cues: a blow named by what it does, his end said, a grievance, a routine by clock words', async () => {
  const has = async (text: string, cue: string): Promise<boolean> => (await cues(text)).has(cue);
  assert.ok(await has('je lui règlerai son compte une bonne fois', 'harm'));
  assert.ok(await has('samedi je lui mets deux bastos', 'harm'));
  assert.ok(await has('vous l\'abîmez un peu, le visage', 'harm'));
  assert.ok(await has('on arrive par derrière, on lui casse les jambes', 'harm'));
  assert.ok(await has('we mess him up proper', 'harm'));
  // His end said as a fact is its own weak cue (fate), never covert-plan's doom.
  assert.ok(await has('il rejouera plus jamais de sa vie', 'fate'));
  assert.ok(await has('il se souviendra de moi', 'fate'));
  assert.ok(await has('when he looks up it\'s over', 'fate'));
  assert.ok(await has('la prochaine fois tu marcheras plus jamais droit', 'fate'));
  assert.ok(!(await has('il rejouera plus jamais, les médecins sont formels', 'doom')));
  assert.ok(await has('il passe tous les soirs vers minuit au poulailler', 'animal'));
  assert.ok(!(await has('le rat qui a cassé les bras de mon frère', 'animal')));
  assert.ok(!(await has('je te règle ton compte si tu payes pas mdr', 'harm')));
  assert.ok(await has('mon gendre bat ma fille', 'grievance'));
  assert.ok(await has('le rat qui a cassé les bras de mon frère', 'grievance'));
  assert.ok(await has('il a fait expulser mon frère', 'grievance'));
  assert.ok(await has('le grand du club qui m\'a humilié devant tout le monde', 'grievance'));
  assert.ok(await has('that streamer who clowned me', 'grievance'));
  assert.ok(await has('il rentre de l\'usine à minuit', 'routine'));
  assert.ok(await has('samedi il ferme seul', 'routine'));
  assert.ok(await has('tu livres tous les soirs depuis le McDo', 'routine'));
  // Hard negatives: a chess game, a debt among friends said as a joke about pizza is still a grievance only with a number.
  assert.ok(!(await has('mon gendre bat ma fille aux échecs tous les dimanches', 'grievance')));
  assert.ok(!(await has('il me bat au ping pong', 'grievance')));
  assert.ok(!(await has('il rejouera au printemps', 'doom')));
  // « qui a cassé les bras de mon frère » is no trifle (a figure of speech over who broke the last glass still is).
  assert.ok(!(await has('le rat qui a cassé les bras de mon frère', 'figurative')));
  assert.ok(await has('qui a cassé les verres de mamie', 'figurative'));
});

test('round 16 harassment: sex whatever she wants, beside a sexual act or her body; not a parent, a move, a derby or consent class', async () => {
  const { fileURLToPath } = await import('node:url');
  const { loadRuleSet } = await import('../rules/index.js');
  const { normalise } = await import('../normalise.js');
  const rules = await loadRuleSet(fileURLToPath(new URL('../../../../rules', import.meta.url)));
  const hit = (text: string): boolean => rules.match(normalise(text)).some((h) => h.ruleId.startsWith('sh.fr.malgre_elle') || h.ruleId === 'sh.en.like_it_or_not');
  for (const t of [
    'm\'en fous, au séminaire je me la tape qu\'elle le veuille ou non',
    'ce wk elle va y passer, que ça lui plaise ou pas, son petit cul je le veux',
    'avec son petit cul elle le sait, ce soir elle y passe que ça lui plaise ou non',
    'that waitress with the ass, like it or not she\'s getting it tonight',
    'la meuf du bureau jvais me la faire kelle veuille ou pas',
    'ce soir je la baise même si elle veut pas',
    'consentante ou pas je me la fais ce soir',
    'kel le veuille ou non jvais la nik',
    'like it or not im railing her tonight',
    'wether she wants it or not im gonna fck her after the party',
    'she dont get a say, im hitting that tonight whether she\'s up for it or not',
  ]) assert.ok(hit(t), t);
  // The review's household talk: bedtime, naps, a cast, a mare, a vet, a toddler, a flu jab, a button, a client, leg day.
  for (const t of [
    'la chatte va chez le véto qu\'elle le veuille ou non, elle dort dans mon lit depuis 3 jours elle est malade',
    'de gré ou de force elle ira dormir dans son lit ce soir, fini le lit des parents',
    'qu\'elle le veuille ou non la petite fait la sieste dans son lit à 14h',
    'qu\'elle le veuille ou non elle va rester sur ses fesses toute la journée, plâtre à la jambe',
    'que ça lui plaise ou non la prof va devoir corriger, elle a posé son cul à 8h et elle bouge plus',
    'qu\'elle le veuille ou non la jument va la sauter cette barre au concours',
    'like it or not we need to hit that target by friday, no excuses',
    'like it or not you have to tap that button to confirm the order',
    'whether she wants to or not my toddler is going into bed at 7',
    'like it or not she\'s getting her flu jab, get her into bed after with soup',
    'like it or not she\'s presenting tomorrow, her ass is on the line with the client',
    'qu\'elle le veuille ou non elle ira chez le dentiste, ce soir elle y passe',
    'like it or not she\'s moving in with us, mum can\'t live alone, get her a bed sorted',
    'le derby samedi, qu\'ils le veuillent ou non ils vont prendre cher',
    'le prof de SVT: qu\'elle le veuille ou non, la nouvelle passe au tableau',
  ]) assert.ok(!hit(t), t);
});
