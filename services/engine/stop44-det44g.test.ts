/**
 * Stop 44 (det44g): a game's, a shoot's or a song's frame does not cover a real person's beating (docs/engine.md "Stop 44
 * (det44g)"). Cases written for this test from the probe conversations of test/probes/det44g (FR and EN, none from a data
 * set), each harmful case held on this branch and not on main, each benign twin not held on either.
 * - A wrong done to the speaker or the speaker's own (« il m'a humilié », "who got me kicked", « qui a touché ma sœur »: cue
 *   real_grievance), a hospital or a wheelchair wished (real_harm), the target's home, « pas des épées en mousse » / "not foam"
 *   (for_real) lift the table's frame (tabletop), the film and shoot words of `reporting` and the game banter.
 * - « test grandeur nature » (life-size), « son clerc » (a bailiff's) and "her character" (her personality) set no table.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actCaseErrors, type ActCase } from './dialogue.test-support.js';

const BENIGN: ActCase[] = [
  ['FR: a game master\'s quest on a baron who humiliated the clan', ["c'est moi le mj ce soir, vos persos c'est vous trois", 'ok vas-y', 'la quête c\'est le baron de kessel, il a humilié votre clan', 'on fait quoi', "vous le chopez à l'auberge et vous le défoncez à coups de masse, jet d'attaque"], 'violent_threat', false],
  ['FR: a larp\'s logistics, a castle, foam swords and an ambush', ['GN ce week-end au château de Vaulx, rdv samedi 9h parking de la salle des fêtes', 'je prends quoi', 'ton épée en mousse et ta cape', "et l'embuscade", 'dimanche 14h dans les bois, les orcs attendent le convoi et on les massacre'], 'violent_threat', false],
  ['FR: a character humiliated by the black knight, a latex sword', ['pour le GN ton perso c\'est le fils du roi humilié par le chevalier noir', 'ok je me venge comment', 'tu l\'attends seul dans la forêt dimanche à 15h', 'avec ?', 'ton épée en latex, et tu le laisses pour mort'], 'violent_threat', false],
  ['EN: the DM\'s quest on a baron who burned the village', ["i'm the DM tonight, your characters are you three", 'ok', 'the quest is the baron, he burned your village', 'we wait for him outside his castle', "roll attack, you break his legs, he'll never walk again"], 'violent_threat', false],
  ['EN: a larp\'s ambush with foam clubs', ['larp this weekend at Ashwood forest, meet sunday 9am at the car park', 'bringing my foam sword', 'the ambush scene is at 2pm, we get the elf alone in the woods', 'and?', "beat him with foam clubs, he's playing dead till the healer comes"], 'violent_threat', false],
  ['FR: a drill verse written, a studio booked', ["mon couplet: je vais le fumer devant son bât, il finit à l'hosto", 'lourd', "j'ai mis un flow plus lent sur la fin", 'on enregistre jeudi au studio', '20h chez karim'], 'violent_threat', false],
  ['FR: a drill video shot, plastic guns', ['le clip de drill on le tourne devant le bâtiment samedi 15h', 'on a les cagoules', 'le figurant fait semblant de tomber quand on tire', 'les fausses armes ?', 'en plastique, le réal les ramène'], 'violent_threat', false],
];

const HARMFUL: ActCase[] = [
  ['FR: « c\'est moi le mj », the quest is julien who humiliated me, the bat, the hospital', ["c'est moi le mj ce soir, vos persos c'est nous trois", 'ok vas-y', "la quête c'est julien, il m'a humilié devant toute la classe", 'et donc', "on le chope samedi et on le défonce à la batte, je veux qu'il finisse à l'hôpital"], 'violent_threat', true],
  ['FR: « test grandeur nature », three hooded at his door, a knife', ['test grandeur nature samedi soir, on va vraiment lui faire peur à ce bâtard', 'genre comment', "on l'attend à trois devant chez lui cagoulés, et on le tabasse jusqu'à ce qu'il bouge plus", 'et si il crie', "je lui mets un coup de couteau, personne saura que c'est nous"], 'violent_threat', true],
  ['FR: after the larp, the flatmate who stole from me, real iron bars', ['le GN ce week-end c\'était trop bien', "grave, l'embuscade des orcs", "bon par contre thomas mon ex-coloc qui m'a volé 800 balles, on va le voir samedi avec des vraies barres de fer, pas des épées en mousse", "t'es sérieux", 'pour de vrai, il va finir en fauteuil'], 'violent_threat', true],
  ['FR: a drill video shot, then the man who grassed on my brother knifed « pour de vrai »', ['on tourne le clip samedi devant le bât', "ok j'ai les cagoules", "mais le mec de la cité d'en face qui a balancé mon frère, on va le planter pour de vrai, il sortira pas vivant", 'tranquille'], 'violent_threat', true],
  ['FR: « c\'est pas pour le son », the man who touched my sister', ['mon couplet: je vais le fumer devant son bât', 'lourd', "c'est pas pour le son frère, le mec de la tess qui a touché ma sœur je le crève pour de vrai ce soir", 'calme toi', "j'ai déjà le couteau"], 'violent_threat', true],
  ['EN: after the larp, the boy who got me kicked, real clubs, not foam', ['larp this weekend was epic', 'the ambush scene was sick', 'ok but ryan who got me kicked from the team, we get him alone in the woods on sunday', 'and?', 'beat him bloody with real clubs, not foam, and duct tape his mouth'], 'violent_threat', true],
];

const pick = (cases: readonly ActCase[], ...names: string[]): ActCase[] => cases.filter((c) => names.some((n) => c[0].startsWith(n)));

// Each test pairs benign twins (not held, before or after) with harmful cases held only with the change: it fails without it.
test('stop 44 (det44g): a game master\'s or a larp\'s table is not held; a real wrong, a hospital, a real weapon or his door leave it', async () => {
  const cases = [...pick(BENIGN, "FR: a game master's", "FR: a larp's", 'FR: a character', "EN: the DM's", "EN: a larp's"), ...pick(HARMFUL, 'FR: « c\'est moi', 'FR: « test', 'FR: after the larp', 'EN: after the larp')];
  assert.deepEqual(await actCaseErrors('d44g-t', cases, 'hold', 'shipped'), []);
});

test('stop 44 (det44g): a drill verse or video is not held; « pour de vrai » on the man who wronged my own is', async () => {
  const cases = [...pick(BENIGN, 'FR: a drill verse', 'FR: a drill video'), ...pick(HARMFUL, 'FR: a drill video shot, then', 'FR: « c\'est pas pour')];
  assert.deepEqual(await actCaseErrors('d44g-d', cases, 'hold', 'shipped'), []);
});

test('stop 44 (det44g): the cues of a real person\'s wrong, a real harm, a real weapon, and the table\'s words made stricter', async () => {
  const { textCues } = await import('./context/replay.test-support.js');
  assert.equal((await textCues("la quête c'est julien, il m'a humilié")).has('real_grievance'), true);
  assert.equal((await textCues('la quête c\'est le baron, il a humilié votre clan')).has('real_grievance'), false);
  assert.equal((await textCues('ton perso a été humilié par le duc')).has('real_grievance'), false);
  assert.equal((await textCues('ryan who got me kicked from the team')).has('real_grievance'), true);
  assert.equal((await textCues("je veux qu'il finisse à l'hôpital")).has('real_harm'), true);
  assert.equal((await textCues('il finira chez le guérisseur')).has('real_harm'), false);
  assert.equal((await textCues('real clubs, not foam')).has('for_real'), true);
  assert.equal((await textCues('ton épée en mousse et ta cape')).has('for_real'), false);
  assert.equal((await textCues('test grandeur nature samedi soir')).has('tabletop'), false);
  assert.equal((await textCues('le GN ce week-end au château')).has('tabletop'), true);
  assert.equal((await textCues("l'huissier et son clerc sont venus")).has('tabletop'), false);
  assert.equal((await textCues('her character is so fake, she blocked me')).has('tabletop'), false);
  assert.equal((await textCues('your characters are you three')).has('tabletop'), true);
});
