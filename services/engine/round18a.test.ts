/**
 * Round 18a (rules18a): trafficking and drugging told by implication, with the shipped rules and policy, the context and no
 * model (message or window). Drugs: a gun bartered for drugs, a nine bar bagged up for resale, runners paid by the lap past a
 * search, bulk pills and « blanche » for resale, steroids and growth hormone sold with prices, a lookout holding a hall for
 * the police. Weapons: a gun told by where it is carried, its shots and its "food", priced with "dm me"; guns swapped for
 * drugs. Drugging: a pinch of powder in her glass and her state for hours, a bottle prepared with G inside. Hard negatives
 * share the words: a hunter's declared rifle, a farmer's dry harvest by the tonne, a gym's whey and creatine, a doping debate,
 * a diabetic's insulin pen, event staff holding a hall, festival volunteers, a mare sedated by the vet, a lemon slice in a
 * glass of rosé, drill lyrics, an old barter for beer. Texts written for this test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actCaseErrors, dialogue, type ActCase } from './dialogue.test-support.js';
import { createEngine, createState } from './engine.js';
import { fileURLToPath } from 'node:url';
import { foldText, normalise } from './normalise.js';
import { loadRuleSet } from './rules/index.js';
import { cuesOf } from './context/cues.js';

const CASES: ActCase[] = [
  ['FR: rifle for hash plates', ['le fusil de ton oncle dort toujours dans la grange ?', 'ouais', 'je te file 3 plaques de jaune contre la carabine, personne les a declares ?', 'non jamais', 'je ramene la came dimanche soir au parking'], 'drug_trafficking', true],
  ['FR: rifle for hash plates (weapons)', ['le fusil de ton oncle dort toujours dans la grange ?', 'ouais', 'je te file 3 plaques de jaune contre la carabine, personne les a declares ?', 'non jamais', 'je ramene la came dimanche soir au parking'], 'weapons_trafficking', true],
  ['EN: a nine bar bagged up and shifted', ['grab a nine bar off the new guy friday', 'he wants cash up front', 'then we bag it up in tens and shift it round the flats, meet at the garages'], 'drug_trafficking', true],
  ['FR: runners by the lap past the search', ['qui veut arrondir ses fins de mois pendant le festival', 'en faisant quoi', 'des petits sachets du camping a la scene, personne vous fouille avec le badge, 40 par tour'], 'drug_trafficking', true],
  ['FR: bulk pills and blanche for resale', ['il fait prix de gros si on prend 50 cachets et 20 g de blanche', 'pour revendre ?', 'on les paye 4 le cachet on revend 10, la blanche 40 on revend 80', 'je recupere jeudi soir au parking du metro'], 'drug_trafficking', true],
  ['EN: steroid menu with prices', ['bulking menu: tren 200mg x100 £40, dbol x100 £30, anavar 10mg x100 £55', 'legit?', 'tracked next day, discreet, meet at the gym if local'], 'drug_trafficking', true],
  ['FR: growth hormone pens at the gym', ['tu ramenes toujours de la hormone de croissance ?', 'oui stylo 36 ui 1400 dh', 'livraison a la salle samedi'], 'drug_trafficking', true],
  ['FR: a lookout holding the hall', ['tu veux te faire de l argent ?', 'ouais', 'tu tiens le hall du batiment B, tu cries si tu vois les bleus, 50 la journee'], 'drug_trafficking', true],
  ['EN: a gun by its carry, shots and food, dm me', ['need something u carry in ur waist', 'need food for it too', 'got a ting, 7 shot, 800 and i throw in a box. dm me'], 'weapons_trafficking', true],
  ['FR: a pinch of vet powder in her rosé', ['t as eu la poudre du veto ?', 'oui celle pour les chevaux', 'une pointe dans son verre de rose et elle est dans le gaz pendant 2h, tu la ramenes chez toi'], 'drug_facilitated_assault', true],
  ['FR: her water bottle prepared with G', ['elle vient a la soiree samedi', 'elle t a dit non', 'je lui prepare sa bouteille de eau avec 2ml de g dedans, elle pourra plus dire non'], 'drug_facilitated_assault', true],
  // Hard negatives
  ['hunter sells a declared rifle', ['mon pere vend sa carabine, declaree, 400 euros avec les papiers', 'permis de chasse ?', 'oui obligatoire, rdv samedi a la battue'], 'weapons_trafficking', false],
  ['old barter for beer', ['my uncle traded his shotgun for a case of beer back in 1980', 'lol classic', 'he still goes hunting every autumn'], 'weapons_trafficking', false],
  ['farmer: dry harvest by the tonne', ['la recolte est seche, 4 tonnes de mais', '180 la tonne ?', 'oui le camion de livraison passe mercredi 6h'], 'drug_trafficking', false],
  ['gym: whey and creatine', ['whey 2kg 45 euros, creatine 500g 20', 'livraison a la salle ?', 'oui samedi a l accueil'], 'drug_trafficking', false],
  ['doping debate', ['is tren worth it or are the sides too awful', 'doping ruins the sport, he got banned for dbol', 'natty for life'], 'drug_trafficking', false],
  ['diabetic insulin pen', ['mon stylo d insuline 100 ui', 'la pharmacie livre ?', 'oui a domicile, 30 euros la boite rembourse'], 'drug_trafficking', false],
  ['event staff holding the hall', ['tu tiens le hall d accueil du salon de 9h a 12h, 80 la journee', 'ok', 'le badge est a la porte'], 'drug_trafficking', false],
  ['festival volunteers carrying water', ['les benevoles font des allers retours entre le camping et la scene 2 pour les packs d eau', 'payes ?', '50 euros la journee, badge a l accueil'], 'drug_trafficking', false],
  ['mare sedated by the vet', ['le veto a laisse de la poudre pour la jument', '1g dans sa ration ?', 'oui, elle est dans le gaz pendant 2h apres, on la ramene au box'], 'drug_facilitated_assault', false],
  ['lemon in her rosé', ['une pointe de citron dans son verre de rose et c est parfait', 'elle adore', 'on la ramene apres le diner'], 'drug_facilitated_assault', false],
  ['festival harm reduction on G', ['attention au festival, des gens mettent du g dans les verres', 'surveillez vos boissons', 'restez groupes et rentrez ensemble'], 'drug_facilitated_assault', false],
];

test('round 18a: trafficking and drugging told by implication act; their look-alikes with the same words do not', async () => {
  assert.deepEqual(await actCaseErrors('r18a', CASES), []);
});

test('round 18a: "anyone round B21" is no game talk; a lookout told to shout when he sees the police is no warning', async () => {
  const rs = await loadRuleSet(fileURLToPath(new URL('../../../rules', import.meta.url)));
  const cues = (t: string): Set<string> => cuesOf(foldText(t), rs.match(normalise(t)).filter((h) => h.kind === 'cue').map((h) => h.label.slice(4) as never));
  assert.ok(!cues('anyone round B21 got a toolbox going').has('gaming'));
  assert.ok(cues('round 2 of the ranked lobby').has('gaming'));
  assert.ok(!cues('tu cries ara si tu vois les bleus, 50 la journee').has('warning'));
  assert.ok(cues('si tu vois un mec bizarre pres de ton verre, signale le').has('warning'));
});

/** Review of round 18a: ordinary talk that shares the new cues' words reaches no hold and no P0 (one message alone least of all). */
const HOLD_FREE: [string, string[]][] = [
  ['whisky in dad\'s tea, out for a couple of hours', ['dad had his usual drop of whisky in his tea, he\'s out for a couple of hours', 'leave him on the sofa then']],
  ['honey in her tea, out for two hours', ['i put honey in her tea, she\'s out for two hours now', 'good, she needed the sleep after that cold']],
  ['a baby\'s nap bottle', ['put a dash of calpol in his bottle? no just give it on the spoon', 'ok, he\'ll be out for two hours after his nap bottle', 'great we can watch the film']],
  ['a ring in her champagne glass', ['i\'ll slip the ring into her champagne glass at dinner', 'and the party?', 'she\'ll be gone for two hours at the spa first, set up the flat then']],
  ['dried morels in little bags', ['notre récolte est sèche, les morilles sont magnifiques cette année', 'tu les vends combien ?', '600 euros le kilo, je fais des petits sachets de 50g, je livre samedi au marché']],
  ['lavender in little bags', ['ma récolte est sèche, je fais des petits sachets de lavande pour les armoires', 'tu les vends ?', '5 euros le sachet, je passe samedi matin']],
  ['festival volunteers with sunscreen', ['les bénévoles amènent des petits sachets de crème solaire au stand, 10 euros par aller retour, personne vous fouille avec le badge staff', 'top, je commence à quelle heure ?', 'samedi 9h à l\'entrée B']],
  ['fete runners with sweets', ['runners bring the little baggies of sweets from the van to the stall, 5 a trip, security never check staff', 'cool what time', 'saturday 10am by the gate']],
];

test('round 18a review: a nap, a cup of tea, a proposal, a dry harvest and event volunteers reach no hold and no P0', async () => {
  const engine = await createEngine({ modelDir: 'none', windowModelDir: 'none' });
  const wrong: string[] = [];
  for (const [k, [name, lines]] of HOLD_FREE.entries()) {
    const verdicts = await engine.classifyBatch(dialogue('r18r', k, lines), createState());
    for (const v of verdicts) {
      if (v.action !== 'allow' && v.action !== 'flag') wrong.push(`${name}: ${v.action} (${v.categories.map((c) => `${c.category}:${c.sources.join('+')}`).join(', ')})`);
      if (v.escalation?.priority === 'P0') wrong.push(`${name}: P0`);
    }
  }
  await engine.close();
  assert.deepEqual(wrong, []);
});

test('round 18a review: a lookout told to shout when he sees "the police" or « la police » is read as the trade', async () => {
  const engine = await createEngine({ modelDir: 'none', windowModelDir: 'none' });
  const lookouts = [['you hold the stairwell and shout if you see the police, 40 a day'], ['tu tiens le hall de la cite, si tu vois la police tu cries, 50 la journee']];
  const missed: string[] = [];
  for (const [k, lines] of lookouts.entries()) {
    const verdicts = await engine.classifyBatch(dialogue('r18l', k, lines), createState());
    if (!verdicts.some((v) => v.action !== 'allow' && v.categories.some((c) => c.category === 'drug_trafficking'))) missed.push(lines[0]!);
  }
  await engine.close();
  assert.deepEqual(missed, []);
});
