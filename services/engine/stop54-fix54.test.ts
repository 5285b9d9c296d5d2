/**
 * Stop 54 (fix54, read53b A1–A9, C13, D14; docs/engine.md "Stop 54 (fix54)"): the stop-53 `unless` lists spared single words
 * that a threatener or a dealer uses himself (« on dit pizza pour le flingue », "if you testify your kids won't be safe",
 * « excuse-toi ou je te casse les dents »). Each list now names the everyday construction. Every word taken out of a list
 * stands here beside a real threat or sale that uses it (the rule must fire) and the everyday twin it was added for (no
 * stop-53 rule may fire), so no list can grow back over a threat without a test failing. Cases written for this fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { normalise } from './normalise.js';
import { loadRuleSet, type RuleSet } from './rules/index.js';
import { CUE_PATTERNS } from './context/cues.js';
import { actCaseErrors, type ActCase } from './dialogue.test-support.js';

const RULES_DIR = fileURLToPath(new URL('../../../rules', import.meta.url));

/** [the word once spared, the threat or sale with it (the rule fires), the everyday twin (no stop-53 rule fires)]. */
type Pair = [string, string, string];

const PAIRS: [string, Pair[]][] = [
  ['det53_wt.code_word', [
    ['pizza', 'on dit pizza pour le flingue ok', 'from now on it is 1 pound for a piece of pizza'],
    ['cake', 'from now on cake means the strap, dont say gun on here', "from now on it's 2 pounds for a piece of cake"],
    ['cookie', 'we call the gun a cookie now, code for the strap', 'how much at the bake sale? from now on 1 pound for a piece of cake'],
    ['brownie', 'we say brownie for the glock, code for the glock from now on', "bake sale: from now on it's 50p for a piece of brownie"],
    ['chocolat / fruit', 'on dit chocolat pour le calibre', 'on va dire 10 euros pour les balles de tennis'],
    ['sandwich / puzzle', 'sandwich is code for the gun, puzzle code for the ammo', 'from now on we say edge for the piece of the puzzle with a flat side'],
  ]],
  ['det53_vt.en.witness', [
    ['safe', "if you testify your kids won't be safe", "if you go to the police they will keep you safe, your kids too"],
    ['protect', 'if you go to the police nobody can protect you, we know where your mum lives', 'if you go to the police they will protect you and your kids'],
    ['believe you', 'if u snitch no one will believe you and we know where you live', 'if you go to the police about your stepdad they will believe you, your kids need you'],
    ['pick you up / lost', 'if you go to the police we know where your kids are, we will pick you up after, you lost', "when you go to court on monday i will pick you up from your mum's, the kids can stay here"],
  ]],
  ['det53_vt.fr.witness', [
    ['protéger', "si tu portes plainte personne pourra te protéger, on sait où t'habites", 'si tu parles à la police de ce que ta mère te fait, ils vont te protéger'],
    ['croire', 'si tu parles aux flics personne va te croire, et on sait où habite ta mère', 'si tu portes plainte ils vont te croire, pense à tes enfants'],
    ['aider', "si tu témoignes personne va t'aider, pense à ta famille", "si tu portes plainte contre lui l'association va t'aider, ta famille est avec toi"],
  ]],
  ['det53_vt.fr.jte_casse', [
    ['excuse', 'excuse-toi ou je te casse les dents', 'désolé je te casse la tête depuis ce matin'],
    ['pardon', 'demande pardon ou je te pète les genoux', 'pardon je te casse la tête depuis hier avec ça'],
    ['désolé', 'désolé mais je te casse les jambes si tu reviens', 'dsl je te casse les oreilles avec mes histoires'],
    ['depuis hier', 'je te cherche depuis hier, je te casse les deux bras', 'je te casse la tête depuis hier, désolée'],
  ]],
  ['det53_vt.ex_nobody', [
    ['ne peut', "si je peux pas t'avoir, personne ne peut", "si je peux pas te garder samedi, personne d'autre ne peut"],
    ['garde', "si je peux pas t'avoir personne t'aura, prends garde à toi", 'si je peux pas te garder ce soir personne peut, on a la garde alternée'],
    ['sleep', "if i can't have you nobody will, sleep with one eye open", "if i can't get her to sleep nobody can, she's so tired"],
    ['dormir', "si je peux pas t'avoir personne t'aura, tu vas plus dormir tranquille", 'si je peux pas te garder ce soir, personne peut, tu peux dormir chez mamie'],
    // Review of fix54: every day of the week is a babysitting day, and "to bed" is a bedtime.
    ['te garder (a weekday)', "si je peux pas te garder, personne t'aura, vendredi je passe chez toi", "si je peux pas te garder vendredi, personne d'autre ne peut"],
    ['bed', "if i can't have you nobody will, you'll never sleep in your bed safe again", "if i can't get him to bed nobody can lol"],
  ]],
  ['det53_vt.fr.temoin', [
    ['kilos', 'la balance qui a parlé des 2 kilos, on sait où elle habite', 'tu trouves la balance pour peser la farine ? je sais où elle est'],
    ['grammes', 'la balance qui a balancé pour les 500 grammes on sait où elle habite', 'la balance, je sais où elle est, il faut 200 grammes de farine'],
    ['pèse', 'la balance, on sait où elle habite, elle pèse pas lourd', 'la balance de la salle de bain, je sais où elle est, je me pèse demain'],
    ['pile', 'la balance, on sait où elle habite, on passe à 22h pile', 'la balance est sous la pile de linge, je sais où elle est'],
  ]],
  ['det53_vt.fr.on_te', [
    ['courses', 'on sait quand tu fais tes courses, on te plante', 'on te descend faire les courses demain matin'],
    ['lac', 'on te bute et on te jette au lac', 'on te descend au lac demain matin avec la voiture'],
    ['jardin', 'on te plante dans ton jardin, tu verras', 'on te plante des tomates dans le jardin pendant tes vacances'],
    ['mer', 'on te bute et on te balance à la mer', 'on te descend à la mer samedi avec la voiture'],
    ['dîner', 'on te bute après le dîner, on sait où tu manges', 'on te descend pour le dîner vers 20h'],
  ]],
  ['det53_cue.not_joke', [
    ['kitchen', "i've got the kitchen knife, this is not a joke", 'this kitchen knife is no joke, it cuts through everything'],
    ['cuisine', "j'ai pris le couteau de la cuisine, je rigole pas", "ce couteau de cuisine c'est pas une blague, il coupe tout"],
    ['colle', "je te colle une balle, mon flingue c'est pas pour rire", "le pistolet à colle c'est pas pour rire, je me suis brûlé"],
    // Review of fix54: a blade's sharpness is the threat's own word, not the kitchen's (« coupe bien », "really sharp" spared them).
    ['so sharp', "my knife is really sharp, this is not a joke, i'm outside your house", 'this kitchen knife is no joke, sliced my finger chopping onions'],
    ['coupe bien', "mon couteau coupe bien, c'est pas une blague, je t'attends en bas", "ce couteau de cuisine c'est pas une blague, j'ai coupé les oignons en deux secondes"],
  ]],
  ['d53b_cue.deepfake_fr', [
    ['carte', "j'ai un montage de toi nue, paye 100 € en carte cadeau sinon je poste partout", "je fais un montage de toi pour ta carte d'anniversaire, je l'envoie à tout le monde"],
    ['fête', "j'ai fait un montage de toi nue avec les photos de la fête, paye sinon je publie", "un montage de toi pour la fête des mères, je l'envoie à toute la famille"],
    ['cadeau', "un montage de toi, paye en carte cadeau ou je le balance partout", "un montage de toi en cadeau pour papi, je l'envoie à tout le monde"],
  ]],
  ['d53b_cue.deepfake_en', [
    ['gift / card', 'i made ai nudes of you, pay with a gift card or i post them', 'i photoshopped the pic of you for a birthday card, everyone will get one'],
    ['party', 'i made ai nudes of you from the party pics, pay or i post them', 'i photoshopped a pic of you for the party slideshow, everyone will see it'],
    ['love it', 'i made deepfake nudes of you, everyone at your school will love it unless you pay', 'i photoshopped a pic of you for the yearbook, you will love it, everyone will see it'],
  ]],
  ['det53_cue.callout', [
    ['show', "come outside if you're a real man, show me what you got", "come if you're man enough to sit through the whole show tonight"],
  ]],
  ['det53_cue.veiled', [
    ['office', 'watch your back at the office monday', 'enjoy it while you can, back to the office monday'],
    ['rentrée', 'profite bien tant que tu peux, on se voit à la rentrée', "profite bien tant que tu peux, la rentrée des classes c'est lundi"],
    ['weekend', 'enjoy it while you can this weekend, we know your address', 'enjoy it while you can, have a good weekend'],
    ['bureau', 'surveille tes arrières au bureau lundi', 'profite bien tant que tu peux, retour au bureau lundi'],
  ]],
  ['det53_vt.fr.school_weapon', [
    ['tp', 'demain je ramène le flingue en cours, en TP de physique', 'je prends mon couteau en cours de SVT pour la dissection'],
    ['labo / svt', "jai mon flingue demain en cours de SVT, au labo", 'je prends mon couteau en cours pour disséquer le cœur en SVT'],
    ['camp', 'im bringing my gun to school tomorrow, camp out in the toilets', 'bringing my knife to school for the scout camp friday, we leave straight from there'],
  ]],
];

const STOP53 = (id: string): boolean => id.startsWith('det53_') || id.startsWith('d53b_cue.deepfake');

function pairErrors(rs: RuleSet, ruleId: string, pairs: readonly Pair[]): string[] {
  const fires = (t: string): string[] => rs.match(normalise(t)).map((h) => h.ruleId);
  return pairs.flatMap(([word, harm, twin]) => [
    ...(fires(harm).includes(ruleId) ? [] : [`${word}: the threat is spared: ${harm}`]),
    ...fires(twin).filter(STOP53).map((id) => `${word}: the twin fires ${id}: ${twin}`),
  ]);
}

for (const [ruleId, pairs] of PAIRS) {
  test(`fix54: ${ruleId} fires on threats with its spared words and not on their everyday twins`, async () => {
    assert.deepEqual(pairErrors(await loadRuleSet(RULES_DIR), ruleId, pairs), []);
  });
}

// The whole engine: the threats and sales act (they were allowed with int55's lists); their twins do not.
const ACTS: ActCase[] = [
  ['FR code word: pizza', ['on dit pizza pour le flingue ok', 'ok combien', '800 cash samedi'], 'weapons_trafficking', true],
  ['EN code word: cookie', ['we call the gun a cookie now, code for the strap', 'got it'], 'weapons_trafficking', true],
  ['EN witness: safe', ["if you testify your kids won't be safe", 'what'], 'violent_threat', true],
  ['FR jte_casse: désolé', ['désolé mais je te casse les jambes si tu reviens'], 'violent_threat', true],
  ['FR ex: ne peut', ["si je peux pas t'avoir, personne ne peut"], 'violent_threat', true],
  ['FR on_te: courses', ['on sait quand tu fais tes courses, on te plante'], 'violent_threat', true],
  ['EN not_joke: kitchen', ["i've got the kitchen knife, this is not a joke"], 'violent_threat', true],
  ['EN callout: show', ["come outside if you're a real man, show me what you got"], 'violent_threat', true],
  ['EN twin: a piece of cake', ['how much are we charging at the bake sale?', "from now on it's 2 pounds for a piece of cake"], 'weapons_trafficking', false],
  ['EN twin: the police keep you safe', ["i'm scared of what he'll do", "if you go to the police they will protect you and your kids, you'll be safe"], 'violent_threat', false],
  ['FR twin: an apology', ['désolé je te casse la tête depuis ce matin', "t'inquiète"], 'violent_threat', false],
  ['FR twin: babysitting', ['je suis désolée pour samedi', "si je peux pas te garder samedi, personne d'autre ne peut"], 'violent_threat', false],
  ['FR twin: a lift to the lake', ['on te descend au lac demain matin avec la voiture'], 'violent_threat', false],
  ['EN twin: a sharp kitchen knife', ['this kitchen knife is no joke, it cuts through everything'], 'violent_threat', false],
  ['EN twin: the whole show', ["come if you're man enough to sit through the whole show tonight"], 'violent_threat', false],
];

test('fix54: the threats with a once-spared word act; their everyday twins do not', async () => {
  assert.deepEqual(await actCaseErrors('fx54', ACTS), []);
});

test('fix54 (read53b C13): « tu vas voir » after a lift is menace at the end of the sentence, not before more praise', () => {
  const menace = (x: string): boolean => CUE_PATTERNS.menace.test(x);
  assert.deepEqual(['je viens te chercher a 17h, tu vas voir, c\'est trop beau', 'je viens te chercher demain, tu vas voir, ca va etre genial',
    'je viens te chercher, tu vas voir 😍', "je viens te chercher a 19h, tu vas voir hein, c'est genial", "je viens te chercher a 19h, tu vas voir hein c'est genial"].filter(menace), []);
  assert.deepEqual(['je viens te chercher a la sortie, tu vas voir 😡', 'je viens te chercher demain, tu vas voir hein',
    'je viens te chercher ce soir, tu vas voir ta gueule', 'je viens te chercher a la sortie, tu vas voir.', 'je viens te chercher demain, tu vas voir hein 😡'].filter((x) => !menace(x)), []);
});
