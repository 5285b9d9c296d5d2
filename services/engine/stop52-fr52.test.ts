/**
 * Stop 52 (fr52): a weapon the speaker says they have, in French (« j'ai le couteau », « jai la lame », « j'ai mon calibre
 * sur moi »), and « il va payer » / « tu vas me le payer » as a menace (rules/fr52.rules, docs/engine.md "Stop 52 (fr52)").
 * The English side read "i got the knife" since round 15; a French threat with a knife and a place was left at allow.
 * Cases written for this test, none from a data set; each kind has hard negatives of the same shape (cooking, camping,
 * fishing, a picnic, a hair straightener, a bill paid, a trial).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { normalise } from './normalise.js';
import { loadRuleSet } from './rules/index.js';
import { actCaseErrors, type ActCase } from './dialogue.test-support.js';

const RULES_DIR = fileURLToPath(new URL('../../../rules', import.meta.url));

const FIRES: [string, string[]][] = [
  ['fr52_cue.weapon_have', ["t'es mort ce soir, j'ai le couteau", 'jai mon calibre sur moi', 'tkt jai la lame', "j'ai mon flingue et je sais où tu gares ta caisse", 'jai le fer chez moi', "j'ai le couteau à la main, jte attends en bas à 20h", 'jai le couteau pour toi, demain 8h devant le bahut', 'jai la lame, jvais te couper ce soir 21h en bas', 'jai le schlass, tu vas finir en tranches ce soir']],
  ['fr52_cue.menace_pay', ['demain à la sortie il va payer', 'ce batard va payer']],
  ['fr52_cue.menace_pay2', ['tu vas me le payer', 'vous allez le payer cher', 'je te le dis, tu vas me le payer']],
];

const SPARED: string[] = [
  "ce soir je fais le gâteau, j'ai le couteau à pain qui coupe rien", "on part camper samedi, j'ai mon couteau suisse",
  "j'ai un couteau de pêche neuf, on va au lac demain", "t'inquiète j'ai un couteau pour la pastèque, on se rejoint au parc à 16h",
  "j'ai le fer à lisser de ma soeur, on se prépare chez moi à 19h", "j'ai la hache pour le bois, feu ce soir à 20h",
  "c'est qui qui paye ce soir ? il va payer lui", 'le proprio il va payer les travaux', 'il va payer en cash', 'il va payer combien ?',
  "il va payer sa part demain", "j'ai un couteau de boucher qui a vu des choses", "j'ai le 9 à 600 cash, dispo ce soir", "j'ai une arme secrète pour le tournoi de ce soir: ma manette", "ba viens, j'ai le fusil à pompe et mon fils en soutien", "moé j'ai ma carabine mais mon permis est pas à jour",
  // review: a tool named right after the word (a cook's, a butcher's, a decorator's knife; a stage prop), a line quoted from a series
  "j'ai le couteau électrique pour la broche, viens à 11h on ouvre à midi", "jai mon couteau à fileter, rdv au lac à 7h",
  "j'ai le couteau pour la dinde, tout le monde à 13h chez mamie", "j'ai la lame de rasoir pour gratter la peinture sur la vitre, tu viens m'aider samedi ?",
  "j'ai le pistolet en plastique pour la scène 3, on répète ce soir 18h à la salle des fêtes",
  'dans la casa de papel il dit "tu vas me le payer" et il sort le flingue',
  "j'ai le couteau d'entraînement en alu, séance désarmement mercredi 19h au dojo", "jai le revolver factice du tournage, on tourne dimanche 7h sur le quai",
];

test('stop 52 (fr52): the fr52 cues read a weapon had and « il va payer » as a menace, not their everyday twins', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  const missed = FIRES.flatMap(([id, texts]) => texts.filter((t) => !rs.match(normalise(t)).some((h) => h.ruleId === id)).map((t) => `${id}: ${t}`));
  const spurious = SPARED.flatMap((t) => rs.match(normalise(t)).filter((h) => h.ruleId.startsWith('fr52_')).map((h) => `${h.ruleId}: ${t}`));
  assert.deepEqual([...missed, ...spurious], []);
});

const HARMFUL: ActCase[] = [
  ['FR: dead tonight, the knife, waiting downstairs', ["t'es mort ce soir, j'ai le couteau, je t'attends en bas de ton bat"], 'violent_threat', true],
  ['FR: the blade, tomorrow at the school gate', ['tkt jai la lame, demain à la sortie du lycée il va payer'], 'violent_threat', true],
  ['FR: the machete in the boot, her shift', ["ta soeur finit à 22h au kebab, j'ai ma machette dans le coffre, tu vas me le payer"], 'violent_threat', true],
];

const BENIGN: ActCase[] = [
  ['FR: a knife for the watermelon at the park', ["t'inquiète j'ai un couteau pour la pastèque, on se rejoint au parc à 16h", 'ok je prends les boissons'], 'violent_threat', false],
  ['FR: camping on Saturday', ["on part camper samedi, j'ai mon couteau suisse et la lampe", 'top, rdv gare à 8h'], 'violent_threat', false],
  ['FR: who pays tonight', ["c'est qui qui paye ce soir ?", 'il va payer lui, il a perdu le pari'], 'violent_threat', false],
  ['FR: the straightener, at mine at 7', ["j'ai le fer à lisser de ma soeur, on se prépare chez moi à 19h", 'oki'], 'violent_threat', false],
];

test('stop 52 (fr52): a French threat with a weapon had acts; its everyday twins do not', async () => {
  assert.deepEqual([...await actCaseErrors('fr52-h', HARMFUL, 'flag'), ...await actCaseErrors('fr52-b', BENIGN, 'flag')], []);
});
