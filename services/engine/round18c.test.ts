/**
 * Round 18c (rules18c): violent threats told by their plan or their outcome, and benign talk that shares their words.
 * Harm: a blow at the head promised to a moderator or a reporter (« je vais te trouver et t'exploser la tête »), acid brought
 * to a signing (« je serai là avec une bouteille d'acide »), a wait with a tool at the target's car park ("im gonnae be
 * waiting there with the wheel brace"), the beating's outcome said instead of the blow ("she'll no be driving anywhere
 * again", « elle marchera plus jamais »), a weapon bought "for him" (« le 9 c'est pour lui »). Not raised: a convention
 * stand is no shooting range, "round the back" and "game night" are no game, a parent "is right to kill you", « fais gaffe
 * à toi » said in care, an engine "I'll kill", a game mission, injuries and licences, a jack for a flat tyre, a hunting gift.
 * Court news is « le procès », not « son procès » (a neighbour's lawsuit is the grievance, oa-017).
 * A lookout's call (« les schmitts arrivent, range tout », « bip quand tu les vois ») is a police_dodge cue.
 * Messages written for this test (FR and EN, SMS spellings), each beside the real thing with the same words.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { normalise } from './normalise.js';
import { loadRuleSet } from './rules/index.js';
import { textCues as cues } from './context/replay.test-support.js';

const RULES_DIR = fileURLToPath(new URL('../../../rules', import.meta.url));

test('round 18c: threats said by the blow, the acid, the armed wait, the outcome or the weapon "for him"', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  const ids = (text: string): string[] => rs.match(normalise(text)).filter((h) => h.label === 'violent_threat').map((h) => h.ruleId);
  const r18 = (text: string): boolean => ids(text).some((id) => id.endsWith('_r18'));
  for (const t of [
    'tu me bannis? je vais te trouver et t\'exploser la tête', 'toi la balance je vais te péter les dents', 'jvais lui éclater la gueule à ce mod',
    'samedi t\'es au stand 12 du salon. je serai là avec une bouteille d\'acide', 'je vais te balancer de l\'acide au visage',
    'ill be there with acid and throw it in your face',
    'im gonnae be waiting there with the wheel brace', 'i\'ll be waiting for him with a crowbar', 'je vais l\'attendre là-bas avec une barre de fer',
    'she\'ll no be driving anywhere again. nor walking', 'he won\'t be lifting anything for a long time', 'elle marchera plus jamais',
    'i\'m pulling up and he ain\'t getting back in that Camry',
    'le 9 c\'est pour lui. il verra le printemps d\'en bas', 'the gun is for that dude who jumped me',
  ]) assert.ok(r18(t), t);
  for (const t of [
    'je vais lui exploser la tête au prochain match de fifa mdr', 'jvais lui exploser la tête à la boxe samedi', 'au stand de tir je vais exploser mon record',
    'news: a man threw acid in a woman\'s face at the market, police are looking for him', 'le détartrant c\'est de l\'acide, mets des gants',
    'i\'ll be waiting there with the wheel brace in case the tyre is flat again', 'je serai là avec une barre de fer et des vis pour monter l\'étagère',
    'he won\'t be driving anywhere again after that DUI, licence gone', 'she won\'t be walking for a while after the knee surgery',
    'il remarchera plus avant 3 mois avec sa fracture',
    'the gun is for him, it\'s his birthday present, a nerf blaster', 'le fusil c\'est pour lui, il a son permis de chasse',
  ]) assert.ok(!r18(t), t);
  // care: « fais gaffe à toi » said about the road, the heat or a festival is no threat
  for (const t of ['fais gaffe à toi, y a eu des malaises l\'an dernier', 'fais attention à toi sur la route, il y a du verglas', 'fais gaffe à toi en rentrant, bisous']) {
    assert.ok(!ids(t).includes('vt.fr.gaffe'), t);
  }
  assert.ok(ids('fais gaffe à toi quand tu sors du taf').includes('vt.fr.gaffe'));
});

test('round 18c: a parent "is right to kill you", an engine "I\'ll kill" and a game mission are frames; a convention stand is no range', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  const has = (text: string, label: string): boolean => rs.match(normalise(text)).some((h) => h.label === label);
  for (const t of ['ta mère a raison de te tuer 😄', 'ton père a bien raison de te tuer', 'ur mom\'s right to kill you lol']) assert.ok(has(t, 'cue:hazard'), t);
  assert.ok(!has('ta mère va payer, je vais la tuer', 'cue:hazard'));
  for (const t of ['ce carbu de cb750 je vais le tuer', 'ce moteur je vais le tuer, il démarre pas', 'this stupid carb is gonna kill me', 'je vais la défoncer cette imprimante']) {
    assert.ok(has(t, 'cue:mechanics'), t);
  }
  // a printer, a starter or an engine running are also words of printed guns, blank pistols and getaway cars
  for (const t of ['my bro the printer lad still doing work?', 'the starter one that\'s been done?', 'wait in the lane with the engine running', 'il m\'a arnaqué sur la boite de vitesse']) {
    assert.ok(!has(t, 'cue:mechanics'), t);
  }
  for (const t of ['la mission où tu dois tendre un piège au dealer, je la passe pas', 'the mission where you ambush the dealer is impossible', 'retourne à l\'armurerie du jeu']) {
    assert.ok(has(t, 'cue:gaming'), t);
  }
  assert.ok(!has('la mission c\'est de le choper ce soir', 'cue:gaming'));
  assert.ok(!has('samedi t\'es en dédicace au stand 42 de la Paris Manga', 'cue:sport'));
  assert.ok(has('au stand de tir samedi avec ma licence', 'cue:sport'));
  for (const t of ['les schmitts arrivent, range tout', 'bip bip ya les keufs au rond point', 'bip quand tu les vois, je suis au hall 3', 'si tu vois les schmitts tu bippes']) {
    assert.ok(has(t, 'cue:police_dodge'), t);
  }
  assert.ok(!has('les keufs arrivent, appelle le samu aussi', 'cue:police_dodge'));
});

test('round 18c: "round the back" and "game night" name a place and an event, not a game', async () => {
  for (const t of ['staff bit round the back by the bins. why man', 'parks the blue corsa round the back by the skips', 'he waits outside the Coliseum every game night']) {
    assert.ok(!(await cues(t)).has('gaming'), t);
  }
  for (const t of ['next round i carry you', 'gg that game was mad', 'what round are you on']) assert.ok((await cues(t)).has('gaming'), t);
});

test('round 18c: "son procès" is the speaker\'s own quarrel, not court news; "le procès" still is news', async () => {
  for (const t of ['le Vuillemin avec sa clôture et son procès, il sort ses génisses à 7h', 'le voisin avec son procès, le flingue c\'est pour lui']) {
    assert.ok(!(await cues(t)).has('reporting'), t);
  }
  for (const t of ['le procès du mec qui a planté son voisin commence demain', 'au procès il a reconnu les faits']) assert.ok((await cues(t)).has('reporting'), t);
});

// Review of rules18c (S1–S5): the frames this round added must not soften real threats nor drop court news.
test('round 18c review S1: « son procès » followed by trial words is court news', async () => {
  for (const t of ['son procès pour l\'attaque à l\'acide reprend demain, la victime témoigne', 'son procès pour viol s\'ouvre demain, elle témoignera',
    'leur procès aux assises commence lundi', 'son procès, le verdict est attendu vendredi']) {
    assert.ok((await cues(t)).has('reporting'), t);
  }
  assert.ok(!(await cues('le voisin avec son procès, le flingue c\'est pour lui')).has('reporting'));
});

const reviewRules = async (): Promise<{ has: (text: string, label: string) => boolean; ids: (text: string) => string[] }> => {
  const rs = await loadRuleSet(RULES_DIR);
  return {
    has: (text, label) => rs.match(normalise(text)).some((h) => h.label === label),
    ids: (text) => rs.match(normalise(text)).filter((h) => h.label === 'violent_threat').map((h) => h.ruleId),
  };
};

test('round 18c review S2: a parent "right to kill you" softens only its own message, and not an insult', async () => {
  const { has } = await reviewRules();
  // S2: the parent's "right to kill you" is not the long-lived figurative frame (it would soften the next four messages)
  for (const t of ['ta mère a raison de te tuer, t\'es une merde', 'your dad\'s right to kill you honestly']) assert.ok(!has(t, 'cue:figurative'), t);
  assert.ok(!has('ta mère a raison de te tuer, t\'es une merde', 'cue:hazard'));
});

test('round 18c review S3: street "stealth", a safehouse or "the mission where" are no game', async () => {
  const { has } = await reviewRules();
  // S3: street "stealth", a safehouse or "the mission where" are no game
  for (const t of ['we move in stealth, catch him leaving work, break his legs', 'the mission where we catch him slipping, bring the strap, tonight 10pm',
    'on fait ça en furtif, on le chope quand il sort du taf', 'the safehouse is ready, bring him there and we break his jaw']) {
    assert.ok(!has(t, 'cue:gaming'), t);
  }
});

test('round 18c review S4: « fais gaffe à toi » beside harm or menace stays a threat', async () => {
  const { ids } = await reviewRules();
  // S4: harm or menace beside « fais gaffe à toi » is a threat whatever else is said
  for (const t of ['fais gaffe à toi, y a eu un mec qui s\'est fait planter la semaine dernière, t\'es le prochain',
    'fais gaffe à toi sur la route ce soir, on va te crever les pneus et toi avec', 'fais gaffe à toi quand tu rentres du concert samedi, on sera là']) {
    assert.ok(ids(t).some((id) => id.startsWith('vt.fr.gaffe')), t);
  }
  assert.ok(!ids('fais gaffe à toi sur la route, il y a du verglas, bisous').some((id) => id.startsWith('vt.fr.gaffe')));
});

test('round 18c review S5: a person who keyed the car is no engine', async () => {
  const { has } = await reviewRules();
  // S5: a person who keyed the car is no engine
  assert.ok(!has('il a rayé la bagnole de mon père, je vais le tuer ce fils de pute', 'cue:mechanics'));
  assert.ok(has('je vais le tuer ce carbu', 'cue:mechanics'));
});

test('round 18c review: illness, sport, DIY, chemistry, skincare, shirt numbers and dentists are not threats', async () => {
  const { ids } = await reviewRules();
  const r18 = (text: string): boolean => ids(text).some((id) => id.endsWith('_r18'));
  for (const t of [
    'il conduira pas ce soir, il a bu', 'depuis son AVC elle remarchera plus jamais', 'he won\'t be working this weekend, he\'s sick',
    'the surgeon said he won\'t be walking again, the spinal cord is damaged', 'I\'ll be at the crease with my bat, umpire\'s ready',
    'je serai là avec le marteau et les clous pour la cabane', 'en TP on va verser l\'acide dans l\'eau', 'put the acid on your face after cleansing, then serum',
    'pour déboucher l\'évier il faut verser de l\'acide', 'le 9 c\'est pour lui, c\'est notre avant-centre', 'le pistolet c\'est pour lui, un pistolet à eau',
    'on va lui refaire les dents, trois implants et une couronne',
  ]) assert.ok(!r18(t), t);
  for (const t of ['samedi je t\'attends à la sortie du labo avec un flacon d\'acide', 'tell Jack I\'ll be waiting for him with a baseball bat after the match',
    'im gonna be waiting outside the gym with a bat for him, tonight', 'le flingue c\'est pour lui, un petit cadeau qu\'il oubliera pas']) assert.ok(r18(t), t);
});
