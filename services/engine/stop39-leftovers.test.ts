/**
 * Stop 39 (detG39): leftovers of the stop-38 reviews, each with its benign and harmful twins.
 * - A sleeping aid given at the person's own request or as her own prescription (rules/consented-dose.rules,
 *   context/consented-dose.ts) is reviewed, not held or escalated; hidden from her, or with a purpose, it still holds.
 * - image_request's document words (detC38 M3): only a document named as such spares a photo request, not bare form, ticket
 *   or address; the planner's own question about a covert dose (M5, dfa.fr.question_plan) is a drugging rule hit, a carer's
 *   question naming the medicine is not.
 * - Sextortion of a child whose age only the offender says (M4; rules/addressee-age.rules, context/told-minor-sextortion.ts).
 * - A meat word, then a blow at a person named as its object (detE38 residual 6; rules/butchery.rules meat.blow_*).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { actCaseErrors, actSuites, type ActCase } from './dialogue.test-support.js';
import { normalise } from './normalise.js';
import { loadRuleSet } from './rules/index.js';

const RULES_DIR = fileURLToPath(new URL('../../../rules', import.meta.url));

const CONSENT_BENIGN: ActCase[] = [
  ['QC: her doctor\'s sleeping pills, she asked for them in her tea', ["le doc a donné des pilules pour dormir à ma blonde, je y en mets une dans sa tisane a soir", 'elle est au courant ?', "ben oui c'est elle qui me l'a demandé, elle va être KO jusqu'à demain"], 'drug_facilitated_assault', false],
  ['EN: he asked me to crush his prescribed pill into his tea', ['the doctor prescribed him sleeping pills but he hates swallowing them', 'so what do you do', "he asked me to crush one into his tea at night, he's out cold till morning"], 'drug_facilitated_assault', false],
  ['FR: her doctor prescribed it, she knows', ['son médecin lui a prescrit un somnifère, je le mets dans sa tisane chaque soir', 'ça va mieux ?', "oui elle dort enfin, KO jusqu'au matin, elle est au courant bien sûr"], 'drug_facilitated_assault', false],
  ['EN: nan\'s own tablets crushed the way she likes', ["i put nan's own tablets in her hot chocolate, she prefers it crushed", 'does she sleep?', "yes knocked out till 8, she won't remember waking at 3 anymore"], 'drug_facilitated_assault', false],
];

const CONSENT_HARMFUL: ActCase[] = [
  ['QC: her doctor\'s pills into her sister\'s glass, she will never know', ["le doc a donné des pilules pour dormir à ma blonde, je y en mets trois dans le verre de sa soeur a soir", 'elle est au courant ?', "non elle le saura jamais, elle va être KO jusqu'à demain"], 'drug_facilitated_assault', true],
  ['EN: her own pills into her wine, she won\'t know', ["i'll put her own pills in her wine tonight, she won't know", 'and then', "she'll be out cold and won't remember a thing"], 'drug_facilitated_assault', true],
  ['EN: "she asked me to mix her drink", roofies in it', ["she asked me to mix her drink, i'm putting the roofies in it", 'lol', "she'll be out and won't say no"], 'drug_facilitated_assault', true],
  ['FR: « c\'est elle qui me l\'a demandé », the GHB and taken home', ["c'est elle qui me l'a demandé, le verre. j'y mets le ghb", 'et après ?', 'elle dira pas non et je la ramène chez moi'], 'drug_facilitated_assault', true],
];

const SEXTORTION_HARMFUL: ActCase[] = [
  ['FR: the offender says she is 14', ["t'as 14 ans, les photos que tu m'as envoyées je les garde, si tu m'en envoies pas d'autres j'envoie tout à ta mère", 'stp non', "t'as jusqu'à ce soir sinon ta mère les recevra"], 'child_grooming', true],
  ['EN: "you\'re 15 right?" then the pics or her mum', ['you\'re 15 right? you told me in your bio', 'yeah why', 'those pics you sent me, send more or your mum gets them first'], 'child_grooming', true],
];

const SEXTORTION_BENIGN: ActCase[] = [
  ['FR: a mother warns her 14-year-old', ["t'as 14 ans, tu montres pas tes photos à des inconnus ok ?", 'oui maman', "et si quelqu'un te menace de les envoyer à ta famille tu me le dis"], 'child_grooming', false],
  ['EN: "you\'re 15 minutes late", an adult extorted (harassment, not a child)', ["you're 15 minutes late again", 'sorry', 'those pics you sent me, send more or your boss gets them first'], 'child_grooming', false],
  ['EN: a mother warns her 13-year-old of sextortion', ["you're 13, you don't send pictures to people online", 'i know mum', "if anyone says they'll send your pics to your school, tell me straight away"], 'child_grooming', false],
  ['FR: she says she is 19 herself', ["t'as 16 ans non ?", "non j'ai 19 ans", "les photos que tu m'as envoyées, envoie en d'autres sinon ta mère les recevra"], 'child_grooming', false],
];

const MEAT_HARMFUL: ActCase[] = [
  ['FR: the lamb is ready, then the man who touched my sister', ["l'agneau est prêt pour l'aïd", 'ok inchallah', "et le mec qui a touché ma soeur, je vais l'égorger aussi"], 'violent_threat', true],
  ['FR: the sheep in the garage, then the snitch of block C', ['le mouton est dans le garage pour demain', 'ok', 'et la balance du bâtiment C, je vais le saigner comme le mouton'], 'violent_threat', true],
];

const MEAT_BENIGN: ActCase[] = [
  ['FR: the neighbourhood butcher will slaughter the lamb', ["l'agneau est prêt pour l'aïd", "qui l'égorge ?", "le boucher du quartier, il va l'égorger demain matin, moi je tiens les pattes"], 'violent_threat', false],
  ['FR: the neighbour has a saw, I cut it in 8', ['on a acheté un mouton entier avec mon frère', 'vous le découpez où ?', 'chez le voisin, le gars a une scie, je vais le découper en 8 morceaux'], 'violent_threat', false],
  ['EN: the guy from the mosque slaughters it', ['the lamb is in the garage for eid', 'who does it', 'the guy from the mosque, he will slaughter it at 7, we cut it in pieces after'], 'violent_threat', false],
];

const SUITES: [string, string, readonly ActCase[], 'flag' | 'hold'][] = [
  ['a sleeping aid at her request or her own prescription is not held', 'cd-b', CONSENT_BENIGN, 'hold'],
  ['the same words hidden from her or with a purpose still hold', 'cd-h', CONSENT_HARMFUL, 'hold'],
  ['sextortion of a child whose age the offender says holds as grooming', 'tm-h', SEXTORTION_HARMFUL, 'hold'],
  ['an age warned about, a time, or an adult\'s own age: no child sextortion', 'tm-b', SEXTORTION_BENIGN, 'hold'],
  // Without the message and window models (as these tests run) the blow's own rule reaches flag; the shipped models hold it.
  ['a meat word, then a blow at a person named as its object, is not framed away', 'mp-h', MEAT_HARMFUL, 'flag'],
  ['the butcher, the neighbour\'s saw and the mosque\'s slaughter are not held', 'mp-b', MEAT_BENIGN, 'hold'],
];

actSuites('stop 39', SUITES);

/** [text, rule id, expected to match]. */
const RULE_ROWS: [string, string, boolean][] = [
  ['send me a photo of you for the form lol', 'ir.en.send', true],
  ['send me a pic of you and your ticket', 'ir.en.send', true],
  ['envoie moi une photo de toi pour le formulaire', 'ir.fr.envoie', true],
  ['can you send me a photo of the signed consent form', 'ir.en.send', false],
  ['envoie moi une photo de ta carte d identité pour le dossier', 'ir.fr.envoie', false],
  ['est-ce que je mets la poudre dans son verre avant ou après le resto', 'dfa.fr.question_plan', false],
  ['est-ce que je mets la drogue dans son verre avant ou après le resto', 'dfa.fr.question_plan', true],
  ['le pédiatre a dit smecta, est-ce que je mets la poudre dans son jus ?', 'dfa.fr.question_plan', false],
  ['est-ce qu\'on met le ghb dans sa bière ou dans son cocktail ?', 'dfa.fr.question_plan', true],
  ['est-ce que je mets le somnifère de mamie dans sa tisane ou elle le prend avec de l\'eau ?', 'dfa.fr.question_plan', false],
  ['est-ce que je mets le somnifère de mamie dans sa tisane ou elle le prend avec de l\'eau ?', 'dfa.fr.verre', false],
  ['est-ce que je mets la poudre de lait dans son biberon ?', 'dfa.fr.question_plan', false],
  ["est-ce qu'on lui a mis un truc dans son verre ?", 'dfa.fr.verre', false],
  ["est-ce qu'on lui a mis un truc dans son verre ?", 'dfa.fr.question_plan', false],
  ["est-ce qu'il y a de la drogue dans son verre", 'dfa.fr.verre', false],
];

test('stop 39: document words and questions about someone else spare only what they name', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  const wrong: string[] = [];
  for (const [text, id, expected] of RULE_ROWS) {
    const hit = rs.match(normalise(text)).some((h) => h.ruleId === id);
    if (hit !== expected) wrong.push(`${JSON.stringify(text)}: ${id} ${expected ? 'did not match' : 'matched'}`);
  }
  assert.deepEqual(wrong, []);
});
