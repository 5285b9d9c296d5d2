import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { normalise } from '../normalise.js';
import { loadRuleSet } from './index.js';
import type { Label } from '../../contracts/taxonomy.js';

const RULES_DIR = fileURLToPath(new URL('../../../../rules', import.meta.url));

/** Messages (written for these tests, obfuscated on purpose) and a label that a rule must give them. */
const POSITIVE: [string, Label][] = [
  // age_inquiry
  ["T'as quel âge ?", 'age_inquiry'], ['ta kel age', 'age_inquiry'], ['asv ?', 'age_inquiry'], ['tu es en quelle classe', 'age_inquiry'],
  ['t au collège ou au lycée ?', 'age_inquiry'], ['how old r u', 'age_inquiry'], ['u 18?', 'age_inquiry'], ['what grade are you in', 'age_inquiry'],
  ['are you in middle school?', 'age_inquiry'], ['t es majeure ?', 'age_inquiry'],
  // minor_disclosure
  ['jai 13 ans', 'minor_disclosure'], ["j'ai 12a", 'minor_disclosure'], ['je suis en 5ème', 'minor_disclosure'], ['chui en quatrième', 'minor_disclosure'],
  ['je suis au collège', 'minor_disclosure'], ['im 14', 'minor_disclosure'], ["i'm 15 y/o", 'minor_disclosure'], ["i'm in 8th grade", 'minor_disclosure'],
  ['my mom wont let me', 'minor_disclosure'], ['mes parents me laissent pas sortir', 'minor_disclosure'], ['i just turned 13', 'minor_disclosure'],
  // off_platform_contact
  ['ajoute moi sur s.n.a.p', 'off_platform_contact'], ['tu as whatsapp ?', 'off_platform_contact'], ['passe ton 👻', 'off_platform_contact'],
  ['add me on kik', 'off_platform_contact'], ['whats ur insta', 'off_platform_contact'], ['text me 0 6 1 2 3 4 5 6 7 8', 'off_platform_contact'],
  ['lets move to telegram', 'off_platform_contact'], ['donne moi ton num', 'off_platform_contact'],
  // meetup_request
  ['on se voit samedi ?', 'meetup_request'], ['je passe te chercher après les cours', 'meetup_request'], ['viens chez moi ce soir', 'meetup_request'],
  ['wanna meet up this weekend', 'meetup_request'], ["i'll pick u up after school", 'meetup_request'], ['send me ur address', 'meetup_request'],
  ['tu habites où exactement ?', 'meetup_request'], ["t'es toute seule chez toi ?", 'meetup_request'], ['r u home alone', 'meetup_request'],
  // secrecy_request
  ['dis rien à tes parents', 'secrecy_request'], ["c'est notre petit secret", 'secrecy_request'], ['supprime la conv après', 'secrecy_request'],
  ["don't tell your mom", 'secrecy_request'], ['delete this chat', 'secrecy_request'], ['our little secret ok', 'secrecy_request'],
  ['faut pas que ta mère le sache', 'secrecy_request'], ['nobody can know', 'secrecy_request'],
  // sexual_content
  ['tu me fais bander', 'sexual_content'], ['would u smash her', 'sexual_content'], ['id smash tbh', 'sexual_content'], ['would smash that ngl', 'sexual_content'], ['envoie une photo toute nue', 'sexual_content'], ['im so h0rny', 'sexual_content'], ['🍆💦 ce soir ?', 'sexual_content'],
  // payment_offer
  ["je t'offre des v-bucks", 'payment_offer'], ["i'll buy you robux", 'payment_offer'], ['je te paye si tu veux', 'payment_offer'], ['easy money for u', 'payment_offer'],
  // image_request
  ['envoie une photo de toi', 'image_request'], ['send pics', 'image_request'], ['montre toi en maillot', 'image_request'], ['send n00dz', 'image_request'],
  ['allume ta cam', 'image_request'], ['let me see you', 'image_request'],
  // categories
  ['tes en 4eme ? montre moi tes seins', 'child_grooming'], ["you're so mature for your age", 'child_grooming'], ['age is just a number', 'child_grooming'],
  ['je me la tape qu\'elle le veuille ou non', 'sexual_harassment'], ['like it or not im smashing her tonight, that ass', 'sexual_harassment'],
  ['envoie moi ton cul', 'sexual_harassment'], ['fais pas ta prude', 'sexual_harassment'], ['suck my d1ck', 'sexual_harassment'], ["what's your bra size", 'sexual_harassment'],
  ['massage avec finition dispo', 'prostitution'], ['150 la demi heure', 'prostitution'], ['incall outcall dispo', 'prostitution'], ['how much for the night, full service?', 'prostitution'],
  ['plan payant ce soir', 'prostitution'], ['200 roses per hour', 'prostitution'],
  ['viens seul et ramène le cash', 'ambush'], ['on va le piéger avec le faux profil, rdv au parking', 'ambush'], ['come alone and bring the cash', 'ambush'],
  ['we gonna set him up and rob him', 'ambush'], ['guet-apens ce soir', 'ambush'],
  ['mets du ghb dans son verre', 'drug_facilitated_assault'], ['slip a roofie in her drink', 'drug_facilitated_assault'], ["she won't remember anything", 'drug_facilitated_assault'],
  ['elle se souviendra de rien', 'drug_facilitated_assault'], ['deux somnifères dans son coca et elle dormira', 'drug_facilitated_assault'], ['spike her drink', 'drug_facilitated_assault'],
  ['beuh dispo livraison 7/7', 'drug_trafficking'], ['vends c0ke 60 le g', 'drug_trafficking'], ['🍃❄️ menu dispo sur telegram', 'drug_trafficking'],
  // round 6: recruiting lookouts and runners, no drug named
  ['guetteur ou vendeur, 80 la journée guetteur, tu cries quand les bleus arrivent', 'drug_trafficking'], ['got a line running there, u hold the phone n the food in a flat', 'drug_trafficking'],
  // round 6: secrecy said softly, photos asked by their framing
  ["just dont mention me to ur parents, they'd make it weird", 'secrecy_request'], ['we keep it between me and the player', 'secrecy_request'],
  ["let's surprise her, don't tell her yet", 'secrecy_request'], ['dont put me on your story', 'secrecy_request'], ["i wont tell if you dont", 'secrecy_request'],
  ["c'est une surprise pour elle, tu lui montreras les photos après", 'secrecy_request'], ['tes parents vont compliquer tout ça', 'secrecy_request'],
  ['full body in your kit so they can see your build, send photos', 'image_request'], ['send one without the jumper', 'image_request'],
  ['envoie en une sans ton pull', 'image_request'],
  ['xanax sans ordonnance', 'drug_trafficking'], ['selling percs 20 a piece', 'drug_trafficking'], ['who got weed? need a zip', 'drug_trafficking'],
  ['vends glock 9mm', 'weapons_trafficking'], ['kalash dispo 2500', 'weapons_trafficking'], ['gun for sale no serial', 'weapons_trafficking'], ['selling ammo 9mm bulk', 'weapons_trafficking'],
  ['je vais te tuer', 'violent_threat'], ['jte bute', 'violent_threat'], ['je sais où tu habites', 'violent_threat'], ["i'll kill you", 'violent_threat'],
  ['i know where you live', 'violent_threat'], ['je vais te planter sale chien', 'violent_threat'], ['watch your back', 'violent_threat'],
  // round 12 (2026.12.12-1): told without the usual words (made-up phrasings, not writers' text)
  ['un petit truc avant la soiree et elle sera moins farouche', 'drug_facilitated_assault'], ['give her the pills first, then she ll loosen up', 'drug_facilitated_assault'],
  ['elle se rappellera meme pas de la soiree', 'drug_facilitated_assault'], ['a bit of the powder earlier and won t remember a thing', 'drug_facilitated_assault'],
  ['tu peux corser son prochain verre', 'drug_facilitated_assault'], ['just doctor her drink', 'drug_facilitated_assault'],
  ['vise les genoux, pas la tete', 'violent_threat'], ['on va lui casser les jambes', 'violent_threat'], ['put one in his leg and walk off', 'violent_threat'],
  // Round 18c: the blow at the head, acid, an armed wait, the outcome, the weapon "for him"
  ["je vais te trouver et t'exploser la tête", 'violent_threat'], ["je serai là avec une bouteille d'acide", 'violent_threat'],
  ['im gonnae be waiting there with the wheel brace', 'violent_threat'], ["she'll no be driving anywhere again", 'violent_threat'], ["le 9 c'est pour lui", 'violent_threat'],
  ['jamais passe en prefecture, 500 avec les cartouches', 'weapons_trafficking'], ['never been on any register, 800 cash', 'weapons_trafficking'],
  ['la petite chose qui fait boum, 700 en liquide', 'weapons_trafficking'],
  ['tu tiens compagnie a des messieurs, ils paient 150', 'prostitution'], ['you just keep the businessmen company, they pay well', 'prostitution'],
  ['40 la visite, tu gardes la moitie', 'prostitution'], ['overnight 3000, short time 1000', 'prostitution'],
  ['80 le gramme en liquide', 'drug_trafficking'], ['took the bags on credit and never paid', 'drug_trafficking'],
  ['cachees dans les boites de gateaux, le chauffeur croit que ce sont des cadeaux', 'drug_trafficking'], ['60 capsules chacune a avaler', 'drug_trafficking'],
  ['un peu d herbe pour mon dos, 10 le gramme', 'drug_trafficking'], ['some herb to smoke, 20 a gram', 'drug_trafficking'],
  ['got a toolie for 400, comes with rounds', 'weapons_trafficking'], ['je te trouve une petoire propre pour 600', 'weapons_trafficking'],
  ['petit arrangement avec un monsieur tres genereux, il t invite chaque semaine', 'prostitution'],
  // Round 17 (rules17a): guns said loaded by slang, lookouts, stash keepers, resold medicine, goods by colour or effect
  ['un 7.65 avec les pruneaux, 800 cash', 'weapons_trafficking'], ['got a burner with food, 1200 cash', 'weapons_trafficking'],
  ['un calibre avec sa boite de balles, 1100 en liquide', 'weapons_trafficking'], ['tu fais le guet, 60 la soiree', 'drug_trafficking'],
  ['if u see the feds u shout and drop the bags', 'drug_trafficking'], ['un sac dans votre placard, 400 par mois sans rien faire', 'drug_trafficking'],
  ['dont open the bag, if it smells nobody suspects', 'drug_trafficking'], ['je revends ma ritaline', 'drug_trafficking'],
  ['selling my addys', 'drug_trafficking'], ['le xanax 30 dollars la pilule, 10 pour 250', 'drug_trafficking'],
  ['la blanche, 70 la boulette', 'drug_trafficking'], ['the green at 50 a finger', 'drug_trafficking'],
  ['la blanche a 80, cachets a 15', 'drug_trafficking'], ['la tisane qui fait rigoler, 10 le sachet', 'drug_trafficking'],
  ['10 lames pliantes, 20 balles piece', 'weapons_trafficking'], ['butterfly knives 40 apiece, dm me', 'weapons_trafficking'],
  // Round 18 (rules18b): paid sex told by who controls it, massage extras, a quota per woman; a remark on where his eyes will be
  ['elle a pas son mot a dire, tu ramenes 300 en liquide, a moi pas a elle', 'prostitution'], ['they ll pay u 150, just do what they ask', 'prostitution'],
  ['50 le massage, 40 en liquide pour le bonus, elle dira pas non', 'prostitution'], ['slip her 40 for the extras after the massage', 'prostitution'],
  ['8 clients each minimum, the ads are up', 'prostitution'], ['10 clients chacune minimum, j ai mis les annonces', 'prostitution'],
  ['je vais regarder ton derriere toute la journee', 'sexual_harassment'], ['ill be watching your arse all day', 'sexual_harassment'],
  // Round 18a: guns bartered for drugs, a lookout holding the hall for the police
  ['je te prends la carabine contre 2 plaques de jaune', 'weapons_trafficking'], ['i ll swap you the shotgun for an ounce of coke', 'weapons_trafficking'],
  ['je te file le fusil contre 200 de beuh', 'drug_trafficking'], ['tu tiens le hall du bloc, tu cries si tu vois les bleus', 'drug_trafficking'],
  ['you hold the block and whistle when the feds come', 'drug_trafficking'],
  // rules20: the loss of walking, a dose hidden in a drink, her taken back once she cannot stand, drugs at the prison visit, sprayed sheets, cab prices
  ['celui qui touche au camion il repart pas sur ses jambes', 'violent_threat'], ['il rembourse ou il repart sans genoux', 'violent_threat'],
  ['if you walk out of this house you won t walk anywhere again', 'violent_threat'], ['si tu parles a l agence tu marcheras plus jamais', 'violent_threat'],
  ['1,5 ml dans un verre de soft, sinon elles le sentent', 'drug_facilitated_assault'], ['2 ml in her drink so she doesnt taste it', 'drug_facilitated_assault'],
  ['on les ramene a l appart quand elles tiennent plus debout', 'drug_facilitated_assault'], ['we take her back to mine when she cant stand', 'drug_facilitated_assault'],
  ['tu les mets dans ta bouche avant le portique', 'drug_trafficking'], ['10 sheets sprayed, 40 a sheet inside', 'drug_trafficking'], ['50 la feuille en detention, coupee en petits carres', 'drug_trafficking'],
  ['30 rapide 50 tranquille dans la cabine', 'prostitution'], ['20 la pipe, 50 complet', 'prostitution'],
  // rules21
  ['used to be a blank one, my lad sorted the barrel, works proper', 'weapons_trafficking'], ['c etait un a blanc, mon frere a perce le canon', 'weapons_trafficking'],
  ['zombie knives 60, knuckledusters 25, stun guns 70', 'weapons_trafficking'], ['poings americains 25, crans d arret 40', 'weapons_trafficking'],
  ['the kind that go bang, small one 1k', 'weapons_trafficking'], ['des jouets qui font boum, le petit 1000', 'weapons_trafficking'],
  ['qu elle dorme bien profond, qu elle se reveille pas meme si on la touche', 'drug_facilitated_assault'], ['qu elle se reveille pas meme si on la touche', 'sexual_content'],
  ['so she won t wake up even if we touch her', 'drug_facilitated_assault'], ['so she wont wake up even if we touch her', 'sexual_content'],
];

/** Hard negatives: innocent messages that must NOT get these categories (signals may still fire). */
const NEGATIVE: [string, Label[]][] = [
  ['ma fille a 14 ans et elle est en 4ème', ['child_grooming']],
  ['mon fils est au collège, il a 12 ans', ['child_grooming']],
  ['1v1 sur la map, je vais te tuer mdr', ['violent_threat']],
  ['gg je vais te démonter au prochain round', ['violent_threat']],
  ["i'm gonna end you in ranked lol", ['violent_threat']],
  ['t es mort avant d avoir vu ma skin', ['violent_threat']],
  // Round 16 (a streamer's donation message read as sexual): "smash" is violence or success here, not sex.
  ['smash his skull in for me', ['sexual_content']], ['gonna smash his face in', ['sexual_content']], ['smash the window', ['sexual_content']],
  ['you smashed it mate, smash it again tomorrow', ['sexual_content']], ['smash that boss', ['sexual_content']],
  ['this game is killing me lmao', ['violent_threat']],
  ['la police a saisi de la résine et de la cocaïne au point de deal', ['drug_trafficking']],
  ['cops seized 20 kilos of coke in a raid', ['drug_trafficking']],
  ["don't tell her yet, the birthday surprise party is saturday", ['secrecy_request']], ['mention it to your mum, she can drive us', ['secrecy_request']],
  ["c'est une surprise pour ta mère pour la fête des mères, tu lui montreras après", ['secrecy_request']],
  ['send the full body shot of the car from the showroom? no, the team kit order form', ['image_request']], ['send one without the watermark', ['image_request']],
  ["ce qui m'a marquée c'est les familles des petits guetteurs, payés 100 la journée", ['drug_trafficking']],
  ['classic county lines signs: young people running a line for older dealers', ['drug_trafficking']],
  ["beurre d'herbes : persil, ciboulette et herbes de provence", ['drug_trafficking']],
  ['un coca zéro et une pizza en livraison stp', ['drug_trafficking']],
  ['je livre les bonbons pour l anniv', ['drug_trafficking']],
  ['vends skin AK dans fortnite', ['weapons_trafficking']],
  ['vends réplique airsoft glock', ['weapons_trafficking']],
  ['vends chargeur iphone et cartouches d encre', ['weapons_trafficking']],
  ['rdv au parc dimanche 9h pour le footing', ['ambush', 'prostitution']],
  ['je passe chercher la ps4 demain midi, je paie en liquide', ['ambush']],
  ['massage des pieds après le sport', ['prostitution']],
  ['la nuit à l hôtel est à 120 euros', ['prostitution']],
  ["attention à la drogue du violeur en soirée, surveillez vos verres", ['drug_facilitated_assault']],
  ['mets des glaçons dans son verre', ['drug_facilitated_assault']],
  ['i think someone spiked my drink last night', ['drug_facilitated_assault']],
  ['come alone? no, bring your friends to the party!', ['ambush']],
  ['tu as quel âge ? moi 15 et toi ?', ['child_grooming', 'sexual_harassment']],
  ['on va au ciné mercredi après les cours', ['child_grooming', 'ambush']],
  // round 12 hard negatives: care, parents, nurses, games, sport shooting, one's own injury, tours, legal goods
  ['elle a bu un verre de vin et elle tient plus debout, on appelle le 112', ['drug_facilitated_assault']],
  ['un peu de camomille dans son biberon, elle sera plus calme', ['drug_facilitated_assault']],
  ['the nurse gave her the tablets with some juice so she will be calmer', ['drug_facilitated_assault']],
  ['make her drink some water', ['drug_facilitated_assault']], ['je lui prepare son verre de vin', ['drug_facilitated_assault']],
  ['aim for the head in ranked', ['violent_threat']], ['au club de tir on vise la cible', ['violent_threat']],
  ['je me suis casse la jambe au ski', ['violent_threat']], ['je lui mets de la glace sur le genou', ['violent_threat']],
  // Round 18c
  ['je vais lui exploser la tete au prochain match de fifa mdr', ['violent_threat']], ["le detartrant c'est de l'acide, mets des gants", ['violent_threat']],
  ['waiting there with the wheel brace in case the tyre is flat', ['violent_threat']], ['she wont be walking for a while after the knee surgery', ['violent_threat']],
  ["le fusil c'est pour lui, il a son permis de chasse", ['violent_threat']], ['fais gaffe a toi sur la route, il y a du verglas', ['violent_threat']],
  ['voiture jamais passee en prefecture, 800', ['weapons_trafficking']], ['une boite de bonbons a 5 euros', ['weapons_trafficking']],
  ['feux de artifice qui font boum, 30 euros', ['weapons_trafficking']],
  ['visite guidee du chateau 12 euros la visite', ['prostitution']], ['tu tiens compagnie a mamie ce soir ?', ['prostitution']],
  ['babysitting overnight 120', ['prostitution']], ['the night at the hotel is 140', ['prostitution']],
  ['le safran 30 le gramme au marche', ['drug_trafficking']], ['the parcel is on tick with amazon', ['drug_trafficking']],
  ['les oeufs caches dans les boites pour la chasse aux oeufs de paques', ['drug_trafficking']], ['mes capsules de cafe, 40 chacune', ['drug_trafficking']],
  ['herbes de provence 10 g et du basilic', ['drug_trafficking']], ['l allemagne legalise le cannabis et ici 200 d amende', ['drug_trafficking']],
  ['nina simone vinyl for sale 20 dollars', ['weapons_trafficking']],
  ['qu\'elle le veuille ou non elle ira chez le dentiste ce soir', ['sexual_harassment']], ['like it or not she\'s moving in, get her a bed', ['sexual_harassment']],
  ['arrangement avec le proprio pour le loyer, 500 par mois', ['prostitution']], ['carpool arrangement with the neighbour, 20 a month', ['prostitution']],
  ['un fer a lisser avec ce qu il faut dedans, 150', ['weapons_trafficking']], ['j en ai un, 300 avec les balles de tennis', ['weapons_trafficking']],
  ['arbitre 50 la soiree, tu siffles les fautes', ['drug_trafficking']], ['maitre nageur 80 par jour, tu siffles quand les enfants courent', ['drug_trafficking']],
  ['garde mon colis dans ton placard pendant les vacances, 10 par semaine', ['drug_trafficking']], ['n ouvre pas le sac c est ta surprise, personne soupconne', ['drug_trafficking']],
  ['ne revendez jamais vos medicaments', ['drug_trafficking']], ['la pharmacie: 30 euros la boite, j ai des gens qui en ont besoin, rembourse', ['drug_trafficking']],
  ['t shirts: le vert 10, le jaune 8, taille m', ['drug_trafficking']], ['la blanche a 5 la pinte', ['drug_trafficking']], ['la verte 10 la boulette de viande', ['drug_trafficking']],
  ['un clown qui fait rigoler les enfants, 80 la seance', ['drug_trafficking']],
  ['couteaux de cuisine japonais 30 piece', ['weapons_trafficking']], ['skate blades 40 each', ['weapons_trafficking']],
  // rules17a review: the same words in ordinary trade (each matched a round 17 rule before it was narrowed)
  ['salut je loue une piece avec ce qu il faut dedans, lit bureau armoire, 400 par mois', ['weapons_trafficking']],
  ['un 9 avec 50 cartouches c est 650, je le prends ?', ['weapons_trafficking']], ['selling my old 22 with 500 rounds, 250, bring your licence', ['weapons_trafficking']],
  ['on recrute un 9 avec ce qu il faut dans les jambes, 500 par mois en R1', ['weapons_trafficking']],
  ['un vieux 45 tours charge de souvenirs, 150 euros', ['weapons_trafficking']],
  ['a l armurerie les cartouches de chasse c est 25 euros la boite, 4 pour 90', ['drug_trafficking', 'weapons_trafficking']],
  ['cartouches calibre 12, 18 euros la boite, 5 pour 80, pour la battue de dimanche', ['drug_trafficking']],
  ['au super U 2 euros la plaquette de beurre, 3 pour 5', ['drug_trafficking']], ['pansements 4 euros la boite, 3 pour 10, j en prends ?', ['drug_trafficking']],
  ['les raviolis 2 euros la boite, 3 pour 5', ['drug_trafficking']], ['200 a tablet, 3 for 500', ['drug_trafficking']],
  ['give a shout when the bill comes, i ll pay for the food', ['drug_trafficking']], ['shout when the boys get here, the food is ready', ['drug_trafficking']],
  ['chouf mon nouveau resto, menu a 15 le soir', ['drug_trafficking']], ['summer job as the lookout at the fire tower, 150 a day', ['drug_trafficking']],
  ['je peux laisser un carton dans ta cave ? je te donne 20 par mois', ['drug_trafficking']], ['dont open the parcel, it was sent to me by mistake', ['drug_trafficking']],
  ['tu peux garder ma valise sous ton lit 2 semaines ? ne l ouvre pas stp', ['drug_trafficking']],
  ['time to flip the script on them', ['drug_trafficking']], ['je revends mes patchs brodes du club, 5 euros piece', ['drug_trafficking']],
  ['la blanche a 70 le pot de 10L, la verte a 85', ['drug_trafficking']], ['la verte a 25, la jaune a 20', ['drug_trafficking']],
  ['horse rides at the fair, 5 a pop', ['drug_trafficking']], ['une cuisine qui fait voyager, menu a 25 euros', ['drug_trafficking']],
  ['this voucher gets you a trip to spain for 299', ['drug_trafficking']],
  ['zombie cocktails 9 each', ['weapons_trafficking']], ['lamb shanks 8 each at the butcher', ['weapons_trafficking']],
  ['she does what i tell her at work, i m her manager, 120 a day', ['prostitution']], ['the old couple will pay you 120 to keep them company and do what they ask around the house', ['prostitution']],
  ['60 le massage, 15 de plus pour les pierres chaudes', ['prostitution']], ['the massage chair is 300, and for the bonus a free cushion', ['prostitution']],
  ['each rep needs 10 clients each minimum, put the ads up', ['prostitution']],
  ['je vais regarder ton derriere, t as un bleu enorme', ['sexual_harassment']], ['ill be watching your back out there', ['sexual_harassment']],
  // Round 18a: a barter with no drug, a lookout's words at an event
  ['j echange ma carabine contre un fusil superpose, tout est declare', ['weapons_trafficking', 'drug_trafficking']],
  ['swap my shotgun for a case of beer', ['drug_trafficking']],
  ['you hold the stairwell door and shout if you see the fire marshal', ['drug_trafficking']],
  // rules20
  ['that hike was brutal, i won t walk anywhere again this week', ['violent_threat']], ['apres l operation il repart sans ses bequilles', ['violent_threat']],
  ['he pays friday or he leaves without his deposit', ['violent_threat']], ['derby sunday, we are gonna murder you lot', ['violent_threat']],
  ['ma soeur a encore pris mon chargeur je vais la tuer', ['violent_threat']],
  ['few drops of bitters in her cocktail', ['drug_facilitated_assault']],
  ['1,5 ml de sirop dans un verre de soda sinon ils le sentent pas', ['drug_facilitated_assault']], ['la petite tient plus debout, on la ramene chez elle', ['drug_facilitated_assault']],
  ['les bonbons tu les mets dans ta bouche avant le portique', ['drug_trafficking']], ['i sprayed the letter with my perfume, he gets it inside', ['drug_trafficking']],
  ['the art class sprayed 10 sheets with fixative, 40 a sheet', ['drug_trafficking']],
  ['lavage camion: 30 rapide, 50 complet avec la cabine', ['prostitution']], ['20 la pipe en bruyere', ['prostitution']], ['taxi: 20 quick run to town, 50 to the airport in my cab', ['prostitution']],
  // rules21
  ['the starter gun for sports day is a blank one, works proper', ['weapons_trafficking']], ['for the film the armourer brought a blank firer, never converted', ['weapons_trafficking']],
  ['costume shop: foam zombie knives 12, plastic knuckle dusters 5', ['weapons_trafficking']], ['csgo trade: butterfly knife 600, gravity knife 80', ['weapons_trafficking']],
  ['fireworks for bonfire night, the kind that go bang, 40 a box', ['weapons_trafficking']], ['my son wants toys that go bang for his birthday, under 20', ['weapons_trafficking']],
  ['le bebe dort si profond, qu elle se reveille pas meme si on la touche pour le change', ['drug_facilitated_assault', 'sexual_content']],
  ['the patient needs to be under so she won t wake even if we touch her during the surgery', ['drug_facilitated_assault', 'sexual_content']],
];

test('rules: positive phrases (FR/EN, obfuscated) hit their label', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  const misses: string[] = [];
  for (const [text, label] of POSITIVE) {
    const hits = rs.match(normalise(text));
    if (!hits.some((h) => h.label === label)) misses.push(`${JSON.stringify(text)} → expected ${label}, got [${hits.map((h) => h.ruleId).join(', ')}] tokens: ${normalise(text).tokens.join(' ')}`);
  }
  assert.deepEqual(misses, []);
});

test('rules: hard negatives do not hit the category', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  const wrong: string[] = [];
  for (const [text, labels] of NEGATIVE) {
    const hits = rs.match(normalise(text)).filter((h) => (labels as string[]).includes(h.label));
    if (hits.length) wrong.push(`${JSON.stringify(text)} → ${hits.map((h) => h.ruleId).join(', ')}`);
  }
  assert.deepEqual(wrong, []);
});

test('rules: every label has rules in French and in English; version comes from the manifest', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  assert.match(rs.version, /\S/);
  const labels = new Set(rs.rules.map((r) => `${r.label}/${r.langs.join(',')}`));
  for (const r of rs.rules) assert.ok(r.weight > 0 && r.weight <= 1);
  const { LABELS } = await import('../../contracts/taxonomy.js');
  for (const l of LABELS) {
    assert.ok(rs.rules.some((r) => r.label === l && r.langs.includes('fr')), `${l} fr`);
    assert.ok(rs.rules.some((r) => r.label === l && r.langs.includes('en')), `${l} en`);
  }
  assert.ok(labels.size > 0);
});

test('rules: an incapacitation told in the present or past is an account, weak alone; in the future or after "si" it is a plan', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  const dfa = (text: string): number => Math.max(0, ...rs.match(normalise(text)).filter((h) => h.label === 'drug_facilitated_assault').map((h) => h.weight));
  for (const t of ['elle se souvient de rien depuis 22h', 'vers 6h elle se souvenait de rien depuis le bar']) assert.ok(dfa(t) < 0.5, `${t}: ${dfa(t)}`);
  for (const t of ['elle se souviendra de rien', 'si elle se souvient de rien je te paye une tournée']) assert.ok(dfa(t) >= 0.7, `${t}: ${dfa(t)}`);
});

// Round 21b (review of rules21b: the asv exception had no test): "asv" is normalised to « age sexe ville », whose « sexe » is no body word
// for sc.fr.corps; a body word said to someone still is.
test('rules: sc.fr.corps does not read asv (« âge sexe ville ») as a body word, and still reads « ton sexe »', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  const corps = (text: string): boolean => rs.match(normalise(text)).some((h) => h.ruleId === 'sc.fr.corps');
  assert.deepEqual(['asv', 'asv ?', 'slt asv stp', 'age sexe ville ?'].filter(corps), []);
  assert.deepEqual(['montre moi ton sexe', 'envoie une photo de tes seins'].filter((t) => !corps(t)), []);
});
