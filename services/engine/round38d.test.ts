/**
 * Round 38 (detD38): weapons sold by their slang beside a plan, paid sex run by a manager, ambushes told by the lure's
 * effect, with the shipped rules and policy, the context and no model (message or window). Texts written for this test, in
 * other words than any conversation of the corpus. Look-alikes: airsoft, hunting and game-skin sales, a tennis court, a
 * pharmacy's short talk, a salon's and a courier's split, a band's fee, a surprise party, a scam warning, a real date.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actCaseErrors, type ActCase } from './dialogue.test-support.js';

// Acted on (flag at least) with rules 2026.12.5-detD38. With rules 2026.12.22-5 the six EN rows and the French manager do not
// act; the two French weapon rows already act there (weaponsDeal) and are kept so the new slang does not lose them.
const MISSES: ActCase[] = [
  ['FR: un court vendu pour régler une histoire, avec les bastos', ['faut que je regle le compte du voisin, il m a humilie devant tout le monde', 'tu veux faire quoi', 'j ai un court pour toi, 900 avec 8 bastos', 'ok ramene le jeudi'], 'weapons_trafficking', true],
  ['EN: a blade sold to the group that waits', ['those lads from the flats jumped my cousin', 'we wait for them behind the shops on friday, 4 of us', 'i need something', 'got a nank for u, 40 and it is yours'], 'weapons_trafficking', true],
  ['FR: un barillet sans permis, prix dans la réponse', ['il me faut un revolver, je ai pas de permis et je veux pas passer par l armurier', 'j ai un vieux barillet', 'combien', '700 avec les pruneaux'], 'weapons_trafficking', true],
  ['EN: AKs and crates of rounds, smuggled', ['15 aks in the container and 3 crates of rounds, no papers', 'how much', '2 million naira for the lot'], 'weapons_trafficking', true],
  ['EN: a manager counts the men and takes the money', ['how many guys did you see tonight', 'five, my back is killing me', 'five is 750, you sent me 500, wheres the rest', 'i kept some for food', 'you dont keep anything, the punters pay me now'], 'prostitution', true],
  ['FR: le gérant met les annonces et prend la moitié', ['je mets les annonces en ligne pour toi et je filtre les clients', 'et moi je fais quoi', 'une heure avec un monsieur pendant que je attends, tu repars avec 150, 50 50'], 'prostitution', true],
  ['EN: bookings at a hotel to pay a debt', ['your brother owes three grand', 'he said it was sorted', 'it is not', 'i have nothing', 'few appointments a week at the hotel by the ring road, i do the bookings, the gents pay cash, you keep a bit, rest goes on his debt'], 'prostitution', true],
  ['EN: a fake buyer and the group waiting', ['that guy selling his shirt online, i said i would buy it, 150 cash at the car park', 'ur not actually buying it', 'no, 5 of us wait by the bins, we take the shirt and he gets done in'], 'ambush', true],
];

// Look-alikes: no hold, block or escalation listing the category (a flag may stay, as on rules 2026.12.22-5).
const LOOKALIKES: ActCase[] = [
  // Review of detD38: shop-floor talk of counts, takings and a cut (barber, driving school, escape room, chip shop) is no trade.
  ['EN: a barber books a stag do and takes his cut', ['busy saturday, tomorrow you do 6 before noon', 'the gents from the stag do?', 'yeah 20 a head, cash only, my cut like always and you keep the rest'], 'prostitution', false],
  ['FR: une auto-école compte les élèves et le liquide', ['combien t en as vu aujourd hui ?', '4 élèves, la nouvelle fille conduit bien', 'tu me ramènes tout le liquide, 45 chacun, je te fais ta part vendredi'], 'prostitution', false],
  ['EN: an escape room counts the groups', ['how many did you see tonight?', '5 groups, room 101 was a mess', 'ok, 25 each, where is the rest, you sent me 100'], 'prostitution', false],
  ['FR: une friterie compte les cornets', ['combien tu en as fait ce soir ?', 'une cinquantaine de cornets', 'tu me ramènes tout, 3 euros pièce, la nouvelle fille a fermé la caisse'], 'prostitution', false],
  ['FR: une réplique airsoft vendue au club', ['tu vends toujours ta replique airsoft ?', 'oui le glock gaz, 120 avec 2 chargeurs et des billes', 'je passe samedi au club', 'parking du terrain 14h'], 'weapons_trafficking', false],
  ['FR: une carabine vendue avec le permis chez l armurier', ['je vends ma carabine 22lr, 300 euros, il faut ton permis de chasse', 'je le ai, je viens la voir samedi', 'on fait le transfert chez l armurier'], 'weapons_trafficking', false],
  ['FR: un court de tennis réservé', ['on reserve un court pour samedi ? 30 pour le heure', 'ok je prends les balles'], 'weapons_trafficking', false],
  ['FR: un court entretien à la pharmacie', ['il faut une ordonnance ?', 'non, on fait un court entretien dans la petite salle', 'c est combien ?', 'entre 25 et 40 francs'], 'weapons_trafficking', false],
  ['FR: un skin de kalash vendu entre joueurs qui se chambrent', ['prenez la kalash meta les gars', 'je vais te fumer au goulag mdr', 'un mec vend son compte avec les skins d armes, 40 balles', 'arnaque, fais pas ca ptdr'], 'weapons_trafficking', false],
  ['EN: a threat with a blade over a debt is no sale', ['u still owe me 2 grand', 'i told u next month', 'friday i am putting a blade in u in front of everyone'], 'weapons_trafficking', false],
  ['FR: une gérante de salon et le partage', ['combien de clientes tu as fait aujourd hui ?', '6 dont 2 colorations', 'ok tu me envoies tout sur le compte du salon, 50 50 comme d habitude'], 'prostitution', false],
  ['EN: a courier boss and the takings', ['how many drops did you do today', '14', 'send me everything from the cash on delivery, you keep the tips'], 'prostitution', false],
  ['EN: a ride-hailing boss counts the runs and wants the receipts', ['tonight you do 6 runs to the airport, the regular from last month is at 5am', 'ok boss, cash or app?', 'cash, send me everything by email after'], 'prostitution', false],
  ['EN: a band splits the fee', ['the gig paid 600, my 200 like always for the van', 'fair, send me the rest on paypal'], 'prostitution', false],
  ['EN: news about a closed brothel', ['article in the paper: police closed a brothel above the nail bar, the punters were questioned', 'mad, on the high street', 'the women were victims of trafficking apparently'], 'prostitution', false],
  ['FR: une fête surprise', ['elle croit qu elle va voir sa copine au resto samedi', 'et nous on la attend a 20 dans la salle derriere', 'chut c est une surprise pour ses 30 ans'], 'ambush', false],
  ['EN: a real date from an app', ['matched on tinder with a guy from work lol', 'nice, meeting him at the cafe saturday?', 'yes 3pm, I will text you when I am there'], 'ambush', false],
];

test('round 38: weapons sold beside a plan, paid sex run by a manager, a fake buyer with a group act', async () => {
  assert.deepEqual(await actCaseErrors('r38m', MISSES), []);
});

test('round 38: airsoft, hunting, a tennis court, game skins, a salon, a courier, a band, the news, a surprise party, a date stay below hold', async () => {
  assert.deepEqual(await actCaseErrors('r38l', LOOKALIKES, 'hold'), []);
});
