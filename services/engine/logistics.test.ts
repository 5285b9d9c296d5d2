/**
 * The shipped rules and policy, with the context and no model (message or window), on sales told by their
 * logistics and paid sex told as paid time (2026.12.9-2): context:coded-sale (goods by a code, the trade's words or
 * a weight, a price or quantity, a hand-over) and context:paid-time (a price per hour/night/encounter, a private
 * place, and secrecy, remarks or pressing). Hard negatives: the news, harm reduction, a CBD shop, a pharmacy, a recipe,
 * a hotel's prices, a physio's price list, a babysitter, a collection for a gift, a second-hand sale, a sex-work
 * debate. Texts written for this test.
 *
 * Hiring for the trade and guns by their build (2026.12.10-2): context:trade-staff (a wage by the day or the run, what
 * to do about the police, the trade's words or a cover story) and context:weapons-deal on guns named by their build
 * (printed, cut down, by gauge), priced or handed over unserialised. Hard negatives: a security guard's job, a courier
 * asked about a police stop, seizure news, harm reduction, a party that may draw the police, a bike pump, a hunting
 * shotgun, airsoft.
 *
 * Couriers, edibles and defence weapons (round 9, 2026.12.11-d): context:courier (a wage by the trip, the night or a cut,
 * goods carried unseen or hidden on the body or in a vehicle, a plan for the police or the trade's words), a stint paid
 * at its end with the lawyer paid by the boss, food that gets you high, a weight fronted or sold, stun batons and
 * sprays sold hand to hand. Hard negatives: a parcel courier, a surprise present hidden in the glovebox, a bakery's
 * cookies, a hiking shop's bear spray, a self-defence class, a taxi fare, a price ticket "half off".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Category } from '../contracts/taxonomy.js';
import { dialogue } from './dialogue.test-support.js';
import { createEngine, createState } from './engine.js';

/** [name, lines (speakers a and b alternate), category, expected source on some verdict ('*': any source), or null: the category never acts]. */
type Case = [string, string[], Category, string | null];

const CASES: Case[] = [
  // Sales by logistics, no drug named
  ['county line job, colours for goods', ['u still need p?', 'ye always skint', 'going country this weekend, u hold the line phone', 'hold what', 'white and brown, u drop it to who rings. 400 for the weekend', 'ok', 'train leaves sat 9am'], 'drug_trafficking', 'context:coded-sale'],
  ['FR: snow by the gram, the supplier, a time', ['t as besoin de quoi ?', 'de la neige comme la derniere fois', 'mon fournisseur passe jeudi, 70 le g, combien t en veux', '3', 'ok ce soir 22h en bas de chez toi'], 'drug_trafficking', 'context:coded-sale'],
  ['EN: the good stuff by the ounce, a day and a place', ['what you need', 'an ounce of the good stuff', '260 for u', 'sound. sunday behind the leisure centre'], 'drug_trafficking', 'context:coded-sale'],
  ['FR: du jaune pour le terrain, ce soir', ['wesh t es dispo', 'ouais t as besoin de quoi', '50g de jaune pour le terrain', 'ramene ca ce soir'], 'drug_trafficking', 'context:coded-sale'],
  // Hard negatives, drugs
  ['seizure news', ['t as vu, la police a saisi 200 kg de neige au port', 'ouais encore un point de deal demantele', 'ils ont pris 3 ans ferme, proces jeudi'], 'drug_trafficking', null],
  ['harm reduction', ['if you go out saturday test your stuff first', 'the good stuff is often cut, start with half', 'naloxone kits are free at the pharmacy, 0 pounds'], 'drug_trafficking', null],
  ['CBD shop', ['la boutique cbd fait des fleurs a moins de 0,3', 'du bon, 8 euros le g', 'je passe samedi, c est legal'], 'drug_trafficking', null],
  ['recipe with white and dark chocolate', ['pour le gateau il faut du bon beurre', '200 g de chocolat blanc et noir, white and dark chocolate', 'je passe demain avec le four'], 'drug_trafficking', null],
  ['usual order at the bakery', ['comme d habitude ?', 'oui 2 baguettes, 3 euros', 'je passe ce soir'], 'drug_trafficking', null],
  ['second-hand sale', ['still selling the bike?', 'yes 120 quid, same as last time we said', 'cool pick up at mine saturday'], 'drug_trafficking', null],
  // Paid sex told as paid time
  ['FR: an hour at his place, nobody will know', ['bonsoir, jolie photo', 'merci', 'ta bouche me donne des idees', 'arretez', '250 pour une heure chez moi, personne le saura'], 'prostitution', 'context:paid-time'],
  ['EN: a night at his apartment after a refusal', ['you looked amazing in that dress', 'please stop', '400, one night, my apartment. think about it'], 'prostitution', 'context:paid-time'],
  ['FR: an arrangement in his suite', ['je peux vous aider pour le loyer, j ai les moyens', 'en echange de quoi ?', 'un peu de compagnie. 1500 euros par mois, deux rencontres, dans ma suite'], 'prostitution', 'context:paid-meeting'],
  // Hard negatives, paid sex
  ['hotel prices', ['do you have a double room for friday?', 'yes, 95 pounds a night, breakfast included', 'great, and parking?', 'free behind the hotel, check in from 3pm'], 'prostitution', null],
  ['physio price list', ['le kine fait 45 euros pour une heure, a domicile ou a son cabinet', 'ok je prends rdv chez moi jeudi', 'parfait, paiement par carte'], 'prostitution', null],
  ['babysitter', ['can you babysit friday? 12 an hour at my place', 'sure, what time', 'from 7, kids in bed by 8'], 'prostitution', null],
  ['collecting for a gift', ['collecting for Ava s leaving gift, 20 each', 'count me in', 'party at my place friday, keep it between us its a surprise'], 'prostitution', null],
  ['sex-work debate', ['le debat sur la prostitution hier soir, t en penses quoi', 'le modele nordique penalise les clients', 'certaines disent 200 pour une heure c est leur choix, d autres sont exploitees'], 'prostitution', null],
];

const STAFF_CASES: Case[] = [
  // Hiring a lookout, a runner, a stash keeper
  ['FR: a lookout paid by the day, the police, a start', ['tu cherches du taf ?', 'ouais je suis a sec', '70 par jour, tu te poses en bas du bat B de 14h a 22h', 'et si les flics passent ?', 'si tu vois les bleus tu cries et tu pars. ton tel perso tu le laisses a la maison', 'ok je commence quand', 'samedi 14h'], 'drug_trafficking', 'context:trade-staff'],
  ['EN: a runner paid by the run, a stop, a cover story', ['you still want to earn?', 'ye what is it', 'just drops after school, 120 a run', 'what if i get stopped', 'you say you re going to your aunt s. tell ur mum you got a job', 'ok when', 'friday 4pm from the station'], 'drug_trafficking', 'context:trade-staff'],
  ['FR: a stash in a cellar paid by the week', ['vous gardez deux sacs dans votre cave, 200 par semaine en liquide', 'et c est quoi dans les sacs', 'mieux vous savez pas. les petits passent a 14h et 20h', 'et si la police vient ?', 'vous dites que votre cave etait pas fermee'], 'drug_trafficking', 'context:trade-staff'],
  // Guns by their build
  ['EN: a cut-down shotgun handed over, no price said', ['still after a shotty?', 'yeah', '12 bore, barrel s been done so it fits under ur coat', 'where', 'garages behind the shops, friday 9pm'], 'weapons_trafficking', 'context:weapons-deal'],
  ['FR: printed frames, no serial number, a price and a place', ['ton cousin fait toujours des carcasses imprimees en 3d ?', 'ouais, pas de numero de serie', 'combien', '800, livraison vendredi au parking du centre commercial'], 'weapons_trafficking', 'context:weapons-deal'],
  // Hard negatives
  ['security guard job', ['on cherche un agent de securite, 90 euros par jour', 'et si il y a un vol ?', 'si tu vois un voleur tu appelles la police. tu commences lundi 8h'], 'drug_trafficking', null],
  ['courier asked about a police stop', ['warehouse job, 110 a day on the bike', 'what if the police stop me', 'just show them your id, you start monday 7am'], 'drug_trafficking', null],
  ['seizure news on lookouts', ['t as vu l article, les guetteurs etaient payes 80 euros par jour', 'selon le procureur, si la police arrivait ils criaient', 'le reseau a ete demantele jeudi'], 'drug_trafficking', null],
  ['party that may draw the police', ['soiree samedi chez moi, 10 euros par personne', 'et si les flics viennent pour le bruit ?', 'on baisse le son, tu dis rien aux voisins, 22h'], 'drug_trafficking', null],
  ['harm reduction outreach paid by the day', ['the outreach van pays volunteers 60 a day', 'what if the police come', 'we call the coordinator, test strips and naloxone are legal. saturday 8pm'], 'drug_trafficking', null],
  ['hunting shotgun sold with papers', ['je vends mon fusil de chasse, 12 bore, 400', 'il a des papiers ?', 'oui, permis de chasse obligatoire, on fait la declaration samedi a l armurerie'], 'weapons_trafficking', null],
  ['airsoft replica', ['selling my airsoft shotty, 80 quid', 'does it come with bbs', 'yeah, pick up saturday at the airsoft field'], 'weapons_trafficking', null],
  ['bike pump', ['t as toujours la pompe pour le velo ?', 'oui je te la passe demain 10h', 'merci, le pneu est a plat'], 'weapons_trafficking', null],
];

const ROUND9_CASES: Case[] = [
  ['EN: a driver paid by the trip, the bag hidden, don\'t ask', ['u still doing night runs?', 'yeah why', 'regular job, every friday night up the motorway', 'whats it pay', '350 a trip, cash. you take a bag up and bring one back', 'whats in it', 'dont ask. bag goes under the spare wheel', 'and if im stopped', 'just a fare. 350 a week for a few hours'], 'drug_trafficking', 'context:courier'],
  ['EN: a boy paid by the week, parcels in his sock, the peelers', ['want to make 80 a week', 'doing what', 'drop parcels after school, i give u a phone', 'never open them, keep them in ur sock, say ur going to ur nan s', 'ok', 'first run tmrw 4pm'], 'drug_trafficking', 'context:courier'],
  ['FR: paid by the evening, bags in the glovebox, say nothing', ['t es dispo ce soir ?', 'ouais', 'tu deposes 4 sacs, tu les gardes dans la boite a gants, tu ouvres jamais le sac', 'c est combien', '80 la soiree, et tu dis rien a personne'], 'drug_trafficking', 'context:courier'],
  ['FR: a lookout paid by the evening, unmarked cars, a cover story', ['t as besoin de sous ?', 'ouais', 'tu fais le chouf en bas du bloc 2, tu cries quand tu vois une voiture banalisee. 50 la soiree', 'ok', 'ta mere elle sait rien, tu dis que tu dors chez un pote'], 'drug_trafficking', 'context:trade-staff'],
  ['EN: two weeks out of town paid at the end, the lawyer sorted', ['fancy going ot? 2 weeks, 1k at the end', 'what do i do', 'stay in the flat, answer the phone, serve who comes', 'and if it goes wrong', 'no comment, we sort the solicitor. train tomorrow 9am'], 'drug_trafficking', 'context:trade-staff'],
  ['FR: cookies that get you high, a price, school exit', ['j ai refait des cookies', 'ceux qui te font decoller ?', 'ouais 7e le cookie, 18 les 3', 'ok 3 pour vendredi', 'je te les passe a la sortie'], 'drug_trafficking', 'context:drug-deal'],
  ['EN: the half fronted, money owed back', ['that half you sold me was stalks and seeds', 'not my problem', 'want my 100 back'], 'drug_trafficking', 'context:drug-deal'],
  ['FR: a stun baton and pepper spray sold at school', ['tu voulais un truc pour te defendre ?', 'ouais', 'baton 2 millions de volts 50e, la bombe poivre 15', 'ok demain', 'a la recre de 10h derriere le gymnase'], 'weapons_trafficking', 'context:weapons-deal'],
  ['FR: knives and a taser sold with no ID check', ['t as quoi comme trucs', 'papillon 35, taser 50, pas besoin de carte d identite', 'ok', 'livre devant ton college mercredi 12h'], 'weapons_trafficking', 'context:weapons-deal'],
  ['EN: pills by their colour, a dose, a price and a spot', ['still need some for saturday?', 'yeah how many', 'pink ones or the blue ones. 10 each, last batch was strong so half one to start', '15 pinks', '150. outside the station friday 6'], 'drug_trafficking', 'context:coded-sale'],
  // Hard negatives
  ['parcel courier paid by the drop', ['warehouse needs drivers, 1.20 a drop, 90 a day', 'what if the police stop me', 'show them your licence, parcels stay sealed, dont open them, customers sign. start monday 7am'], 'drug_trafficking', null],
  ['surprise present hidden in the glovebox', ['got her birthday present, dont ask lol', 'keep it in the glovebox till saturday', 'ill pay you back the 40 for the card, my cut of the gift'], 'drug_trafficking', null],
  ['bakery cookies', ['les cookies de la boulangerie sont trop bons', 'ceux au chocolat blanc, 2e le cookie', 'je t en prends 3 demain a la sortie'], 'drug_trafficking', null],
  ['taxi fare at night', ['can you do the airport run friday night', 'sure, 60 a trip, cash or card', 'great, bags in the boot, pick up 5am'], 'drug_trafficking', null],
  ['half-price ticket sold on', ['she sold me a half price ticket for the gig', '20 quid, pick up friday', 'nice one'], 'drug_trafficking', null],
  ['party cups by colour', ['for the party saturday, the pink ones or the blue ones?', 'pink, 20 of them', '5 quid at the shop, pick up friday 6'], 'drug_trafficking', null],
  ['bear spray for a hike', ['for the hike in bear country bring bear spray', 'how much', '45 at the outdoor shop, we leave saturday 7am'], 'weapons_trafficking', null],
  ['self-defence class', ['tu veux un truc pour te defendre ? le cours de krav maga commence jeudi, 30e par mois', 'c est ou ?', 'jeudi 19h au gymnase'], 'weapons_trafficking', null],
];

/**
 * Round 17 (rules17a): drug and weapons trafficking told by implication, read end to end from the shipped rules and policy
 * with the context and no model. Kinds: a gun named by its slang or calibre and said loaded (« un 7.65 avec ce qu'il faut
 * dedans », "a piece with food", « 1200 avec les pruneaux ») beside a price; a deal point's lookout paid by the night or told
 * what to do when the police come; a stash keeper paid to keep a bag at home; medicine resold (« je revends mon lyrica »,
 * "30$ la pilule, 10 pour 250") even after a pharmacy was named; goods named by a colour and priced by a street unit, or
 * said to make one high. Hard negatives with the same words: an iron, a printer's cartridges, tennis balls, a hunting rifle
 * with its licence, airsoft, a referee, a lifeguard, a babysitter, a parcel kept for a neighbour, a surprise, a patient's
 * reimbursed prescription, a pharmacist's warning, club t-shirts by colour, beers, ski runs, green tea, meatballs.
 * Texts written for this test.
 */
const ROUND17A_CASES: Case[] = [
  // weapons: slang or calibre said loaded, with a price
  ['calibre with what it takes inside', ['qui a un fer ? même un petit', 'j\'ai un contact. un 7.65 avec les pruneaux, 800 cash. livré au chantier'], 'weapons_trafficking', '*'],
  ['a piece with food', ['need a ting asap', 'got a burner with food for 1200 cash, come thru tonight'], 'weapons_trafficking', '*'],
  ['prunes included', ['le contact en a un ?', 'oui un calibre, 1200 avec les pruneaux, derrière le stand'], 'weapons_trafficking', '*'],
  ['old cylinder with six', ['tu peux me trouver quelque chose', 'j\'ai un vieux barillet avec six balles, 700 en liquide'], 'weapons_trafficking', '*'],
  ['a nine with fifteen in the clip', ['u still got that strap', 'yeah its a 9 wit 15 in the clip, 800 and its yours'], 'weapons_trafficking', '*'],
  ['a loaded gun sold during match talk', ['match ce soir au snack ?', 'grave, 21h', 'j\'ai un 9 mm avec ses balles, 900 cash, tu passes le prendre derrière le garage'], 'weapons_trafficking', '*'],
  ['hair straightener', ['qui a un fer à lisser ? même un petit', 'moi j\'en ai un, avec ce qu\'il faut dedans comme eau pour la vapeur, 30 euros'], 'weapons_trafficking', null],
  ['toolbox', ['je vends ma caisse à outils avec ce qu\'il faut dedans, 150 euros', 'je prends, je passe samedi'], 'weapons_trafficking', null],
  ['tennis balls', ['t\'as une raquette à vendre ?', 'j\'en ai un, 300 avec les balles de tennis et la raquette'], 'weapons_trafficking', null],
  ['striker bought', ['le club a acheté un 9, 80 millions avec les bonus', 'il va marquer des buts'], 'weapons_trafficking', null],
  ['airsoft replica', ['vends réplique airsoft glock chargée, 120 euros avec 2000 billes', 'dispo ce weekend ?'], 'weapons_trafficking', null],
  ['flick knives by the piece', ['crans d\'arrêt 25 la pièce, livraison en main propre', 'j\'en prends deux'], 'weapons_trafficking', '*'],
  ['chef\'s knives by the piece', ['chef knives 40 each at the cookware shop, great for the course', 'nice'], 'weapons_trafficking', null],
  ['range day', ['at the range today, my 9 with 15 in the mag, 600 rounds through it', 'nice, club night next week?'], 'weapons_trafficking', null],
  // drugs: lookouts
  ['lookout paid by the night', ['tu veux te faire 50 balles ce soir ?', 'tu fais le guet devant le bat C, 60 la soirée, tu siffles quand les keufs arrivent'], 'drug_trafficking', '*'],
  ['watch the block', ['need someone to watch the block for 50 a day, shout if u see the feds', 'when do i start'], 'drug_trafficking', '*'],
  ['if you see the blues', ['tu restes au coin', 'si tu vois les bleus tu cries et tu jettes les sachets'], 'drug_trafficking', '*'],
  ['referee', ['on cherche un arbitre pour samedi, 50 la soirée, tu siffles les fautes et tu gères le match', 'ok je suis dispo'], 'drug_trafficking', null],
  ['lifeguard', ['job d\'été maître nageur, 80 par jour, tu siffles quand les enfants courent au bord', 'je postule'], 'drug_trafficking', null],
  ['babysitter', ['tu veux garder les enfants samedi ? 60 la soirée, si tu vois qu\'ils dorment pas tu préviens', 'oui avec plaisir'], 'drug_trafficking', null],
  // drugs: stash keeper
  ['bag in the cupboard for a monthly fee', ['je vous dépose un sac de sport, vous le rangez au fond du placard, 400 par mois sans rien faire', 'un sac de quoi ?', 'surtout vous ouvrez pas le sac, et si ça sent fort mettez du parfum'], 'drug_trafficking', '*'],
  ['keep a bag at yours', ['can you keep a bag at yours for a few weeks, 300 a week, dont open it', 'whats in it', 'dont open the bag and if it smells just spray something, nobody suspects a nan'], 'drug_trafficking', '*'],
  ['parcel kept for a neighbour', ['vous pouvez garder mon colis dans votre placard ? je passe le chercher lundi, merci', 'oui bien sûr'], 'drug_trafficking', null],
  ['bag kept during a holiday', ['can you keep a bag at yours while i\'m on holiday, it\'s just clothes, i\'ll bring you a gift', 'sure'], 'drug_trafficking', null],
  ['surprise in the bag', ['n\'ouvre pas le sac c\'est ta surprise d\'anniversaire, personne doit savoir', 'trop hâte'], 'drug_trafficking', null],
  // drugs: medicine resold
  ['selling my scripts', ['selling my scripts, adderall 10 a pill, 10 for 80', 'dm'], 'drug_trafficking', '*'],
  ['patient\'s reimbursed box', ['la pharmacie me fait payer 30 euros la boîte de ritaline', 'c\'est remboursé par la sécu heureusement'], 'drug_trafficking', null],
  ['pharmacist\'s warning', ['ne revendez jamais vos médicaments, c\'est illégal, rapportez-les à la pharmacie', 'merci du rappel'], 'drug_trafficking', null],
  // drugs: colours and effects
  ['the white by the ball', ['pour les plus courageux il a aussi la blanche, mais c\'est 70 la boulette', 'je vous la dépose jeudi'], 'drug_trafficking', '*'],
  ['the green by the finger', ['what you selling inside', 'the green at 50 a finger, the white stones double'], 'drug_trafficking', '*'],
  ['herbal tea that makes you giggle', ['j\'ai de la tisane verte de mon neveu, celle qui fait dormir et rigoler, le petit sachet 10, les 5 grammes 40', 'demandez en privé'], 'drug_trafficking', '*'],
  ['club t-shirts by colour', ['t-shirts du club: le vert 10, le jaune 8, taille S à XL', 'je prends un vert'], 'drug_trafficking', null],
  ['beers at happy hour', ['happy hour: la blanche à 5, la blonde à 4, la pinte', 'on y va'], 'drug_trafficking', null],
  ['ski runs', ['la neige est top, forfait à 40 la journée, la verte et la bleue sont ouvertes', 'on monte demain'], 'drug_trafficking', null],
  ['meatballs', ['les boulettes de viande: la verte 10 la boulette au pesto', 'miam'], 'drug_trafficking', null],
  // rules17a review: hunters, a gun shop, sport shooters, a chemist's plasters; no round 17 rule may act on them
  ['hunter sells his .22', ['ouverture de la chasse dimanche, tu viens à la battue ?', 'oui ! au fait je te vends mon vieux 22, avec 200 cartouches, 300 euros, t\'as ton permis'], 'weapons_trafficking', null],
  ['gun shop price', ['je suis à l\'armurerie avec mon permis de chasse', 'demande le prix du 9mm', 'un 9 avec 50 cartouches c\'est 650, je le prends ?'], 'weapons_trafficking', null],
  ['gun club sale', ['club night tonight at the gun club', 'selling my old 22 with 500 rounds, 250, bring your licence'], 'weapons_trafficking', null],
  ['cartridge boxes at the gun shop', ['à l\'armurerie les cartouches de chasse c\'est 25 euros la boîte, 4 pour 90', 'ok prends en 4'], 'weapons_trafficking', null],
  ['cartridge boxes (drugs)', ['à l\'armurerie les cartouches de chasse c\'est 25 euros la boîte, 4 pour 90', 'ok prends en 4'], 'drug_trafficking', null],
  ['plasters after the pharmacy', ['je suis à la pharmacie pour la ritaline du petit', 'ok demande aussi les pansements', 'pansements 4 euros la boîte, 3 pour 10, j\'en prends ?'], 'drug_trafficking', null],
];

async function wrongCases(cases: Case[]): Promise<string[]> {
  const engine = await createEngine({ modelDir: 'none', windowModelDir: 'none' });
  const wrong: string[] = [];
  for (const [k, [name, lines, category, source]] of cases.entries()) {
    const verdicts = await engine.classifyBatch(dialogue('lg', k, lines), createState());
    const acting = verdicts.filter((v) => v.action !== 'allow').flatMap((v) => v.categories.filter((c) => c.category === category));
    if (source === null && acting.length) wrong.push(`${name}: ${category} acted (${acting.map((c) => c.sources.join('+')).join(', ')})`);
    if (source !== null && !acting.some((c) => source === '*' || c.sources.includes(source))) wrong.push(`${name}: no ${category} from ${source} (${JSON.stringify(acting)})`);
  }
  await engine.close();
  return wrong;
}

test('shipped rules: sales told by logistics and paid time are found across messages; their look-alikes are not', async () => {
  assert.deepEqual(await wrongCases(CASES), []);
});

test('shipped rules: hiring for the trade and guns by their build are found across messages; their look-alikes are not', async () => {
  assert.deepEqual(await wrongCases(STAFF_CASES), []);
});

test('shipped rules: couriers, edibles, fronted weights and defence weapons are found across messages; their look-alikes are not', async () => {
  assert.deepEqual(await wrongCases(ROUND9_CASES), []);
});

test('shipped rules (round 17): trafficking told by implication acts; its look-alikes with the same words do not', async () => {
  assert.deepEqual(await wrongCases(ROUND17A_CASES), []);
});
