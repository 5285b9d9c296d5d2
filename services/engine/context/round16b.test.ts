/**
 * Round 16b (drugs, weapons; benign legal trades): read end to end from the real rule files (context cues) through the
 * context stage. Conversations written for this test (FR and EN, none from a writer): a seller who "delivers tonight"
 * (« je livre ») was read as talking about a book (« livre ») and framed as a report; goods priced by the gram with no
 * product named and a hand-over (« 12 le g, je passe chez toi vers 22h », "15 a g, meet me round the back at 9") are a
 * coded sale; a consignment for a gun shop (« livrer une armurerie », "from the gun shop") is the licensed trade.
 * Hard negatives: a book, saffron, gold or silk thread sold by the gram, an order "without going through the gunsmith".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FRAMES } from './frames.js';
import { derivedMax, textCues as cues } from './replay.test-support.js';

test('round 16b: « je livre » (I deliver) is no book: no reporting frame; « le livre », « dans un livre » still are', async () => {
  assert.ok(!(await cues('oui 65 le demi. je livre ce soir')).has('reporting'));
  assert.ok(!(await cues('je te livre demain à la gare')).has('reporting'));
  assert.ok((await cues('dans le livre il vend de la coke')).has('reporting'));
  assert.ok((await cues('le livre de Saviano sur la camorra')).has('reporting'));
});

const GRAM_SALES: [string, string[]][] = [
  ['FR: « 12 le g, 50 les 5, je passe chez toi vers 22h »', ['a: t\'as encore du truc ?', 'b: ouais 12 le g, 50 les 5. je passe chez toi vers 22h']],
  ['EN: "15 a g or 4 for 50, meet me at the back of the chippy at 9"', ['a: u still got some', 'b: yeah 15 a g or 4 for 50, meet me at the back of the chippy at 9']],
];
const NOT_GRAM_SALES: [string, string[]][] = [
  ['saffron at the market', ['a: le safran iranien est à 12 le g au marché, j\'y passe samedi', 'b: ok prends m\'en 2']],
  ['gold at the jeweller', ['a: gold is 60 a gram right now, I go to the jeweller tomorrow at 10', 'b: sell it']],
  ['silk thread dropped off', ['a: le fil de soie 8 le g, je passe te le déposer demain']],
];
for (const [name, lines] of GRAM_SALES) {
  test(`round 16b coded sale by the gram: ${name}`, async () => {
    assert.ok((await derivedMax(lines, 'drug_trafficking', 'context:coded-sale')) >= 0.6, name);
  });
}
for (const [name, lines] of NOT_GRAM_SALES) {
  test(`round 16b coded sale by the gram: not on ${name}`, async () => {
    assert.equal(await derivedMax(lines, 'drug_trafficking', 'context:coded-sale'), 0, name);
  });
}

test('round 16b: the licensed arms trade (a gun shop, a gunsmith) frames weapons findings; "without the gunsmith" does not', async () => {
  assert.ok((await cues('quelqu\'un a déjà livré une armurerie ? j\'ai 3 caisses de carabines')).has('arms_trade'));
  assert.ok((await cues('picking up the rifle from the gun shop tomorrow')).has('arms_trade'));
  assert.ok(!(await cues('un revolver sans passer par l\'armurier, je paie comptant')).has('arms_trade'));
  const f = FRAMES.find((x) => x.cue === 'arms_trade' && x.categories.includes('weapons_trafficking'));
  assert.ok(f && f.unless?.includes('illegal') && f.unless.includes('cash') && f.window <= 1);
});

test('round 16b: a price per visit with the speaker\'s cut is pimping (lifts the rent/flat-share frame); lessons, childcare keep theirs', async () => {
  for (const t of [
    'ne fais pas l\'enfant. 30 euros la visite, tu me donnes 20 pour le loyer',
    'quelques messieurs gentils, 150 la visite, t\'en garde la moitié',
    '200 la visite, tu m\'en donnes la moitié, je m\'occupe des annonces',
    'gentlemen who pay well, 150 a visit, you keep 100, I take 50',
    '150 la demi-heure, 250 l\'heure, tu me reverses 40%',
  ]) assert.ok((await cues(t)).has('pimping'), t);
  for (const t of [
    'cours de guitare 25 l\'heure, tu gardes 20 et l\'asso prend 5',
    'babysitting chez les Martin, 12 de l\'heure, tu me donnes 2 pour l\'appli',
    'la coiffure à domicile 30 la visite, tu me donnes 5 de commission',
  ]) assert.ok(!(await cues(t)).has('pimping'), t);
});

test('round 16b: « 120 la visite » is no flat viewing; « la visite de l\'appart » still is', async () => {
  assert.ok(!(await cues('tu passes une heure, 120 la visite')).has('household'));
  assert.ok((await cues('la visite de l\'appart c\'est samedi 10h')).has('household'));
});

const OWN_MEDS_PLANS: [string, string[]][] = [
  ['FR: her drops added to her verbena, « elle pique du nez »', ['a: et le pognon', 'b: le soir je lui fais sa verveine et je rajoute une bonne giclée de ses gouttes, elle pique du nez à 9h']],
  ['EN: three of her zopiclone in her morning tea, "she\'ll be nodding by 11"', ['a: solicitor comes Friday for the new will', 'b: three of her zopiclone in her morning tea, she\'ll be nodding by 11. she signs where I point']],
  ['FR: « les cachets de ta tante dedans, écrasés », « il pique du nez »', ['a: le papy vient jeudi, il signe chez le notaire vendredi', 'b: je lui sers le café avec les cachets de ta tante dedans, écrasés, dans 20 min il pique du nez sur le canapé']],
];
const NOT_OWN_MEDS_PLANS: [string, string[]][] = [
  ['a carer crushing pills for a nan who cannot swallow', ['a: my nan won\'t take her pills, can\'t swallow them', 'b: crush her tablets into her yoghurt or tea, ask the pharmacist first. she sleeps much better after']],
  ['a grandmother dozing after taking her own pills with tea', ['a: mamie a pris ses cachets avec son thé et elle pique du nez devant la télé 😂', 'b: laisse la dormir']],
];
for (const [name, lines] of OWN_MEDS_PLANS) {
  test(`round 16b sedation plan with the victim's own medicine: ${name}`, async () => {
    assert.ok((await derivedMax(lines, 'drug_facilitated_assault', 'context:sedation-plan')) >= 0.6, name);
  });
}
for (const [name, lines] of NOT_OWN_MEDS_PLANS) {
  test(`round 16b sedation plan with the victim's own medicine: not on ${name}`, async () => {
    assert.equal(await derivedMax(lines, 'drug_facilitated_assault', 'context:sedation-plan'), 0, name);
  });
}

// Review of round 16b: a refusal, a comparison, a theft or the back door of a gun shop is no licensed trade (neither the arms
// cue nor the legal-market cue: the drug frame must not read it either); the law ("fuck the law") frames no weapons sale.
test('round 16b review: a gun shop refusing, undercut, robbed or bypassed is no legal trade', async () => {
  for (const t of [
    'gunsmith won\'t sell you one, I will. glock 19, 900 cash, tonight behind the lidl',
    'gun store wants 1100, i\'ll do u the same glock for 600 cash, meet me at the bp at 10',
    'im a gunsmith, i can sell u one off the books... glock 19 for 700, meet saturday',
    'l\'armurier m\'a recalé pour le glock',
    'on a tapé l\'armurerie hier soir, j\'ai 6 pistolets à écouler, 500 pièce',
    'we hit the gun store last night, got 6 handguns to move, 400 each, who wants',
    'yeah cheaper than any gun shop, 2 glocks 600 each, cash only, link up tonight',
  ]) { const c = await cues(t); assert.ok(!c.has('legal_trade') && !c.has('arms_trade'), t); }
  assert.ok(!FRAMES.some((x) => x.cue === 'legal_trade' && x.categories.includes('weapons_trafficking')));
});

// Review of round 16b: carers giving a parent's evening medicine as the GP said, and the parent dozing off, is no plan.
const CARERS: [string, string[], number][] = [
  ['GP, stroke, crushed into porridge, "nodding off"', ['a: GP says crush her tablets into her porridge since the stroke', 'b: she\'ll be nodding off by 11 then, that\'s the sedating one'], 0],
  ['« le médecin a dit », « elle pique du nez »', ['a: le médecin a dit de mettre ses gouttes dans sa verveine le soir', 'b: ok, et du coup elle pique du nez vers 21h, c\'est normal ?'], 0],
  ['« mamie refuse ses cachets », compote', ['a: mamie refuse ses cachets, je les écrase dans sa compote le soir comme le médecin a dit'], 0],
  ['« papi refuse son traitement », « il pique du nez »', ['a: papi refuse son traitement, je mets ses gouttes dans son café', 'b: et il pique du nez toute l\'après midi, faut en parler au docteur'], 0],
  ['zopiclone in her tea as the GP said, she spits pills out', ['a: mum\'s GP said to put her zopiclone in her evening tea cos she spits pills out', 'b: fair, she\'ll be nodding off by 10 then'], 0.85],
  ['« sinon elle les recrache »', ['a: je mets ses gouttes dans sa tisane le soir, sinon elle les recrache', 'b: ok, et elle pique du nez vers 21h de toute façon'], 0.85],
];
for (const [name, lines, max] of CARERS) {
  test(`round 16b review: no sedation plan at hold level for a carer: ${name}`, async () => {
    assert.ok((await derivedMax(lines, 'drug_facilitated_assault', 'context:sedation-plan')) <= max, name);
  });
}
test('round 16b review: dozing off with a goal (unknown to him, the procuration) is still a plan', async () => {
  assert.ok((await derivedMax(['a: je lui met ses cachets ds son jus dorange sans quil le sache, il va piquer du nez'], 'drug_facilitated_assault', 'context:sedation-plan')) >= 0.8);
});

// Review of round 16b: commission jobs (estate agents, cleaning) are household work; a product named earlier prices the gram.
test('round 16b review: an estate agent\'s or a cleaning agency\'s visits are household work, not pimping', async () => {
  for (const t of [
    'je fais les visites pour l\'agence, 30 la visite, tu gardes 20 si tu me remplaces samedi',
    'l\'agent immo prend 5%, pour la visite de samedi il demande 50 la visite si on la fait sans lui',
    'le ménage chez les clients c\'est 20 la visite, tu gardes 15 et l\'agence 5',
  ]) assert.ok((await cues(t)).has('household'), t);
});
test('round 16b review: a product named in an earlier message prices the gram (no coded sale)', async () => {
  assert.equal(await derivedMax(['a: t\'as pensé au safran ?', 'b: ouais 12 le g, je passe chez toi vers 22h après le taf'], 'drug_trafficking', 'context:coded-sale'), 0);
  assert.equal(await derivedMax(['a: the polymer clay for the craft fair?', 'b: yep, 12 a gram, pick up saturday 10am at the stall'], 'drug_trafficking', 'context:coded-sale'), 0);
});
