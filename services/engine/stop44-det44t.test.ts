/**
 * Stop 44 (det44t): violence plans and ambushes said without threat words (docs/engine.md "Stop 44 (det44t)"). Cases written
 * for this test from the probe conversations of test/probes/det44t (FR and EN), none from a data set. Cues only
 * (rules/d44t.rules), combined by the existing derivations (threatPlan, covertPlan, ambush):
 * - a grievance over damage or a relative wronged, the target asleep or parked at a spot, a means (fuel beside a blocked door,
 *   a striking tool brought along), the plotters' secrecy;
 * - a debt with a deadline, then a group at the target's shift and his lasting harm as the outcome;
 * - a lured man's valuables asked for, the plotters hidden at a secluded spot.
 * Each harmful case has a benign twin in the same cover domain (a real fuel purchase, a real shift, a sleeping colleague,
 * a real sale, a surprise, an injury told after a match), which must not be held.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actCaseErrors, type ActCase } from './dialogue.test-support.js';

const HARMFUL: ActCase[] = [
  ['FR: a grievance, the target asleep in his van, fuel and the door blocked', ['le voisin qui a rayé ma bagnole il dort dans sa camionnette devant chez lui le samedi', 'et ?', 'deux bidons de 10 litres et tu bloques la porte. vers 4h', 'ok je prends des gants'], 'violent_threat', true],
  ['EN: a keyed truck, the target asleep in his cab, a tire iron', ['the guy who keyed my truck sleeps in his cab at the truck stop, spot 40', 'tonight?', "i'll be there at 2 with the tire iron. he won't be keying anybody after", "i didn't hear nothing"], 'violent_threat', true],
  ['FR: a debt, a deadline, three at his shift, never again', ['tu dois toujours les 4000 du colis', 'je sais je cherche', 'vendredi tu poses 2000. sinon samedi on est quatre au dépôt à ta prise de service à 5h, et tu marches plus jamais de ta vie', 'je vais me débrouiller'], 'violent_threat', true],
  ['EN: a lost load, a deadline, three at his shift', ["you lost the load, that's 30 grand to the people above me", "i don't have it", 'friday you bring 5. or saturday three of us are at the depot when your shift starts at 6, and you never drive again in your life', 'ok'], 'violent_threat', true],
  ['EN: a dating-app man lured to a car park, his card asked for', ["the guy from the app confirmed. Mill Lane car park, midnight. he thinks it's just me", "we'll be behind the hedge. make sure he brings his card", 'ok', 'lights off when his car pulls in'], 'ambush', true],
];

const BENIGN: ActCase[] = [
  ['FR: fuel for a generator, a site at 7', ["j'ai pris deux bidons de 20 litres de gazole pour le groupe électrogène", 't as payé combien', '1,89 le litre à la pompe', 'ça va, on démarre le chantier lundi 7h'], 'violent_threat', false],
  ['EN: a colleague asleep at the truck stop', ["Dave's parked at the truck stop, sleeping till 5, he was exhausted", "good, don't wake him", "i'll call him at 6 about the reload"], 'violent_threat', false],
  ['FR: a real shift, three on the dock', ['lundi tu prends ton poste à 4h au quai 6, on est trois sur le chargement', 'ok je serai là', 'pense à ta carte conducteur', 'elle est dans la cabine'], 'violent_threat', false],
  ['EN: an injury told after rugby', ['my brother broke his ankle at rugby, he will be walking with a cane for a month', 'ouch, give him my best', "we'll visit saturday at 4"], 'violent_threat', false],
  ['EN: a surprise at the shop', ["we'll be behind the counter when he walks in at 7, he thinks it's just me", "i've got the balloons", 'surprise lol'], 'ambush', false],
  ['EN: a real sale, the buyer brings cash', ["buyer for the bike is coming at 7 to the retail park, he's bringing cash", 'want me to come?', 'yeah, safer with two, well lit spot by the entrance'], 'ambush', false],
  // Review det44t: a stalker's victim tells where he waits (« il se gare devant mon taf », « j'étais pas là »); friends come to
  // help with a hammer at the speaker's own place.
  ['FR review: a victim tells where the watcher parks', ["il me suit encore, je suis sûre que c'est lui", 'il se gare devant mon taf tous les soirs à 18h, heureusement je suis partie tôt hier', 'ma belle faut appeler la police, je viens te chercher demain 18h avec mon frère', 'oui merci, je porte plainte jeudi'], 'violent_threat', false],
  ['FR review: a victim missed his visit', ["il me suit encore, je suis sûre que c'est lui", "il attend devant mon taf tous les soirs à 18h, j'étais pas là hier heureusement", 'ma belle faut appeler la police, je viens te chercher demain 18h avec mon frère', 'oui merci, je porte plainte jeudi'], 'violent_threat', false],
  ['FR review: a fence rebuilt by friends', ['la tempête a couché ma clôture', 'samedi 10h on sera trois chez moi avec le marteau et les piquets pour la refaire', 'ok je ramène ma visseuse', 'le voisin viendra aider aussi, il rentre du marché vers 11h tous les samedis'], 'violent_threat', false],
  ['FR int44: friends waiting for a patient at the hospital', ['mamie sort demain après sa prothèse de hanche', 'on sera cinq devant l\'hôpital à 14h pour l\'accueillir', 'elle sortira en fauteuil roulant, les infirmières la descendent', 'je ramène des fleurs'], 'violent_threat', false],
  ['EN int44: friends waiting for a patient at the hospital', ['gran gets out tomorrow after her hip', 'five of us will be outside the hospital at 2 to pick her up', "she'll leave in a wheelchair, the nurses bring her down", "i'll bring flowers"], 'violent_threat', false],
  ['EN review: a fence rebuilt by friends', ['the storm flattened my fence', 'saturday 10am three of us are at my place with the hammer and the posts', "I'll bring the drill", "my neighbour will help too, he's back from the market around 11 every saturday"], 'violent_threat', false],
];

test('stop 44 (det44t): plans said without threat words act (a grievance, the target asleep or at his shift, a means, a lasting harm; a lure with his card), their twins in the same cover domain are not held', async () => {
  assert.deepEqual([...await actCaseErrors('d44t-h', HARMFUL, 'flag'), ...await actCaseErrors('d44t-b', BENIGN, 'hold')], []);
});
