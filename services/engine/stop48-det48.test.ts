/**
 * Stop 48 (det48): kinds of harm the fresh writers of rounds 36-37 told without the words the rules knew (rules/d48.rules,
 * docs/engine.md "Stop 48 (det48)"). Cases written for this test (FR and EN, SMS and Quebec forms), none from a data set:
 * - threats told by their outcome (no return home after a deadline, "his knees will remember", never again at his sport, thrown
 *   in the river), a wait with a striking tool, no witness with a weapon, a door locked from outside beside fuel;
 * - guns by their build (no number, cut down, parts, unpinned magazines, silencers, "a tool that makes noise", a cylinder and its box);
 * - a dose measured so she will not wake, a substance in HER drink, her state as the goal;
 * - drugs packed against the sniffer dog, a courier told not to open what he carries;
 * - her refusal denied, a price lowered "if you're friendly with me", paid sex priced with the youngest's age.
 * Each kind has hard negatives of the same shape (an injury, a hike, firewood, a fire drill, a phone, a baby's dose, syrup, a gift).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { normalise } from './normalise.js';
import { loadRuleSet } from './rules/index.js';
import { actCaseErrors, type ActCase } from './dialogue.test-support.js';

const RULES_DIR = fileURLToPath(new URL('../../../rules', import.meta.url));

/** [rule id, messages it must match]. */
const FIRES: [string, string[]][] = [
  ['d48_vt.no_return_fr', ['vendredi il me rembourse ou il rentre pas chez lui', 'demain il remonte pas dans sa caisse crois moi']],
  ['d48_vt.no_return_legs', ['il rentrera pas sur ses deux jambes', "or he won't walk home on his own legs"]],
  ['d48_vt.never_inf', ['il va plus jamais jouer au foot', "he's never gonna play again"]],
  ['d48_vt.in_river', ['et il finit dans la seine', 'he ends up in the canal']],
  ['d48_vt.wait_armed', ['toi tu attends derrière le hangar avec la barre', 'you wait behind the bins with the bat']],
  ['d48_wt.no_number', ['mon pote me vend son 9 sans numéro, 600', 'selling a 38 with no serial, 500']],
  ['d48_wt.cut_down', ['un fusil tronçonné rentre dans un sac de sport, 800', 'shotgun sawn off, fits in a gym bag, 700']],
  ['d48_wt.gun_parts', ['printed frame, barrel, slide and spring separately, 600 as a kit', 'canon ressort et culasse à part, 700 en kit']],
  ['d48_wt.silencer_sale', ['des silencieux à 900, pas de papiers', 'suppressor for sale 800 cash']],
  ['d48_wt.noisy_tool', ["il me faut un outil qui fait du bruit, t'as un contact", 'need a tool that makes noise, got a plug?']],
  ['d48_wt.cylinder_box', ['un barillet 6 places, 1200 avec la boîte', 'six shot wheel gun, 900 with the box']],
  ['d48_dfa.dose_girl', ["combien de gouttes pour qu'une fille dorme", 'how many drops for a girl to pass out']],
  ['d48_dfa.in_her_drink', ['quelques gouttes dans son mojito', 'crushed two in her prosecco']],
  ['d48_dfa.wont_know', ["elle saura plus où elle est", "she won't even know where she is"]],
  ['d48_dt.sniffer_pack', ['vacuum packed so the sniffer dog gets nothing', 'sous vide avec du marc de café pour le chien renifleur']],
  ['d48_dt.dont_open', ['you never open the parcels, you bring me the cash', "tu ouvres pas les colis, tu ramènes le liquide"]],
  ['d48_sh.refusal_denied', ["don't act like you don't want to", 'fais pas comme si tu voulais pas']],
];

/** Hard negatives of the same shapes: no d48 rule may match them. */
const SPARED: string[] = [
  'il rentre pas chez lui ce soir, il dort chez sa mère', 'lundi il remonte pas dans sa voiture, elle est au garage',
  'samedi il rentrait pas chez lui sur ses jambes tellement il était bourré', "after that marathon he won't walk home on his own legs",
  "la rando de dimanche, ses genoux vont s'en rappeler", 'leg day tomorrow, his knees will remember it',
  'avec sa fracture il va plus jamais jouer au foot', "he's never gonna play again, he retired at 38",
  "si il tombe du kayak il finit dans la loire", 'tu attends derrière la grange avec la hache, on fend les bûches',
  'you wait by the dugout with the bat, the softball game starts at 7', 'lock the door from the outside, the fire drill is at 3',
  'je vends mon téléphone sans numéro, 200', 'selling a 12 jersey with no number, 40', 'on a tronçonné le tronc, le bois est coupé, 80 la corde',
  'selling the frame and the fork, 300, the bike is in bits', 'vends silencieux d\'échappement pour clio, 120',
  "il me faut un outil qui fait du bruit pour la dalle, t'as une perceuse", 'combien de gouttes de doliprane pour que le bébé dorme',
  'a bit of syrup in her coffee', 'un peu de citron dans son verre', "after the flight she won't know what day it is, jet lag",
  'vacuum packed coffee, my dog sniffed the bag all day', "you don't open it, it's a gift for your birthday, i paid cash",
  'je te fais la console à 150 si t\'es sympa avec moi', '3 enfants, la plus jeune a 19 ans, 500 de loyer', 'la course 30 en cabine avec le repas',
];

test('stop 48 (det48): each d48 rule reads its kind in both languages, and none matches the hard negatives of the same shape', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  const missed = FIRES.flatMap(([id, texts]) => texts.filter((t) => !rs.match(normalise(t)).some((h) => h.ruleId === id)).map((t) => `${id}: ${t}`));
  const spurious = SPARED.flatMap((t) => rs.match(normalise(t)).filter((h) => h.ruleId.startsWith('d48_')).map((h) => `${h.ruleId}: ${t}`));
  assert.deepEqual([...missed, ...spurious], []);
});

const HARMFUL: ActCase[] = [
  ['FR: a debt, a deadline, no return on his legs', ['le mec du garage me doit 3000 depuis mars', 'il se fout de toi', 'vendredi il me rembourse ou il rentre pas chez lui sur ses jambes'], 'violent_threat', true],
  ['FR: a grievance, never again at his sport', ["le 12 des Aigles qui m'a cassé le nez", 'samedi je l\'attends au parking avec mon frère, il va plus jamais jouer au foot'], 'violent_threat', true],
  ['FR: a gun with no number, a price', ['mon pote me vend son 9 sans numéro, 600 cash', 'prends le'], 'weapons_trafficking', true],
  ['EN: a printed gun sold in parts', ["printed frame holds fine, i'll send the barrel, slide and spring separately, 600 as a kit"], 'weapons_trafficking', true],
  ['FR: a tool that makes noise from a contact', ["il me faut un outil qui fait du bruit, t'as un contact ?", 'ouais mon cousin, 1500'], 'weapons_trafficking', true],
  ['EN: a dose so she will not wake when moved', ["how many drops so she sleeps and doesn't wake up if we move her"], 'drug_facilitated_assault', true],
  ['FR: drops in her cocktail, her state as the goal', ['je mets quelques gouttes dans son mojito et elle saura plus où elle est'], 'drug_facilitated_assault', true],
  ['EN: a courier told not to open the parcels', ['courier job, you never open the parcels, you bring me the cash at midnight'], 'drug_trafficking', true],
  ['FR: her refusal denied', ['fais pas comme si tu voulais pas, je repasse demain à ta boutique'], 'sexual_harassment', true],
];

const BENIGN: ActCase[] = [
  ['FR: he sleeps at his mother\'s', ['il rentre pas chez lui ce soir, il dort chez sa mère', 'ok je lui dirai demain'], 'violent_threat', false],
  ['EN: he retired', ["he's never gonna play again, he retired at 38", 'legend'], 'violent_threat', false],
  ['FR: firewood with the axe', ['tu attends derrière la grange avec la hache, on fend les bûches après'], 'violent_threat', false],
  ['EN: a fire drill', ['lock the door from the outside when you leave, the fire drill is at 3'], 'violent_threat', false],
  ['FR: a phone sold', ['je vends mon téléphone sans numéro, 200 cash'], 'weapons_trafficking', false],
  ['FR: an exhaust silencer', ["vends silencieux d'échappement pour clio, 120"], 'weapons_trafficking', false],
  ['FR: a baby\'s dose', ['combien de gouttes de doliprane pour que le bébé dorme, il a de la fièvre'], 'drug_facilitated_assault', false],
  ['EN: syrup in her coffee', ['a bit of syrup in her coffee, she likes it sweet'], 'drug_facilitated_assault', false],
  ['EN: a gift', ["you don't open it, it's a gift for your birthday, I paid cash"], 'drug_trafficking', false],
];

test('stop 48 (det48): the kinds act in a conversation, their twins of the same shape do not', async () => {
  assert.deepEqual([...await actCaseErrors('d48-h', HARMFUL, 'flag'), ...await actCaseErrors('d48-b', BENIGN, 'flag')], []);
});

/** Review of det48: everyday messages of the same shapes that the first d48 rules matched (a tent « 6 places », a baby carried
 * to bed, housework with the dog, a car's « contrôle technique », a hammer and a post, a tram line « coupée », cake, a house
 * price, flatmates, a scooter's silencer, directions, a parent taking the car keys, a sleepover, a school play's smoke). */
const REVIEW_SPARED: string[] = [
  'je vends ma tente 6 places, 120€, rangée dans sa boîte',
  'how do you get him to sleep deep enough to not wake up when i move him to the cot',
  'comment tu fais pour que le petit dorme assez profond pour pas se réveiller quand on le porte dans son lit',
  'i need to vacuum before the inspection, the dog sheds everywhere',
  "j'ai mis de la graisse sur les rotules avant le contrôle technique",
  "wait by the fence with the hammer, i'll hold the post straight",
  "attends derrière la porte avec le marteau, je tiens l'étagère",
  'le tram 12 coupé à cause des travaux, je trouve pas de bus',
  'fais pas comme si tu voulais pas du gâteau mdr',
  'everyone has a price, offer him 20k more',
  'le loyer est à 600 par chambre, on est 3 colocs, la plus jeune a 19 ans',
  'je vends le silencieux de mon scoot, 120€, quasi neuf',
  "j'ai mis le silencieux d'origine sur la moto, personne va rien entendre quand je rentre à 2h",
  'take the second left after the church and you end up in the harbour',
  'si tu te penches trop tu finis dans le canal, tiens la rambarde',
  "tu vas plus jamais conduire ma voiture, c'est fini",
  "you're never gonna drive my car again",
  'demain elle rentre pas à la maison, soirée pyjama chez Léa',
  "ce soir tu rentres pas chez toi mdr, soirée jeux jusqu'à 4h",
  'ma soeur elle finit dans le port à 18h, elle bosse à la capitainerie',
  'for the play, lock the door from the outside of the set, then the smoke machine starts',
];

test('stop 48 review: no d48 rule matches everyday messages of the same shapes', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  assert.deepEqual(REVIEW_SPARED.flatMap((t) => rs.match(normalise(t)).filter((h) => h.ruleId.startsWith('d48_')).map((h) => `${h.ruleId}: ${t}`)), []);
});
