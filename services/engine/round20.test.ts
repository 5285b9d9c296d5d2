/**
 * Round 20 (rules20): the nineteenth round's misses by kind, with the shipped rules and policy, the context and no model
 * (message or window). Threats: the harm said as the loss of walking after a condition or an ultimatum (« il repart pas sur
 * ses jambes », « sans genoux », "you won't walk anywhere again"), with a pick handle (« manche de pioche ») no game round and an
 * au pair's "rematch with another family" no game. Drugging: the dose hidden in a drink so she will not taste it, her taken back to
 * one's place once she cannot stand, a social plan with "the girls from the institute" (a beauty salon) no medical frame. Drugs
 * carried into a prison in the mouth at the visit, paper sprayed with drugs sold by the sheet inside. Paid sex: "quick" and
 * "slow" prices in the lorry cab, an act priced. Hard negatives share the words: a hike, heels, a cat on its paws, crutches,
 * a deposit, bitters and lemon in a drink, a doctor's drops, a car wash, a taxi fare, a tobacco pipe, a perfumed letter, a
 * prison visit's rules, a game mission, a friend's suspicion that someone spiked her, a roast chicken and its knife, a derby.
 * Texts written for this test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actCaseErrors, type ActCase } from './dialogue.test-support.js';

const CASES: ActCase[] = [
  ['FR: pick handle, will not leave on his legs', ['ils reviennent jeudi pour le gasoil', 'ramene le manche de pioche, celui qui touche au camion il repart pas sur ses jambes'], 'violent_threat', true],
  ['FR: pays or leaves without his knees', ['il te doit encore 800', 'samedi il paye ou il rentre chez lui sans ses genoux'], 'violent_threat', true],
  ['FR: if you talk you will never walk', ['tu vas a la police ?', 'si tu parles a l agence tu marcheras plus jamais, compris ?'], 'violent_threat', true],
  ['EN: walk out and you will not walk again', ['i spoke to the agency, i am leaving', 'if you walk out of this house you won t walk anywhere again'], 'violent_threat', true],
  ['EN: pays or leaves without his kneecaps', ['he owes us 2 grand', 'he pays friday or he leaves without his kneecaps'], 'violent_threat', true],
  ['EN: if she walks out she will not walk again', ['the au pair wants to leave', 'if she walks out that door she won t walk anywhere again, tell her'], 'violent_threat', true],
  ['EN: if you leave this house', ['you re not going anywhere', 'if you leave this house you won t walk again, think about it'], 'violent_threat', true],
  ['FR: the dose hidden in a soft drink', ['combien tu mets', '2 ml dans un verre de jus sinon elle le sent dans l alcool'], 'drug_facilitated_assault', true],
  ['EN: the dose hidden so she will not taste it', ['how much do i put in', '1ml in her coke so she doesnt taste it'], 'drug_facilitated_assault', true],
  ['FR: taken back to the flat once they cannot stand', ['celle avec les tresses c est pour moi', 'on les ramene a l appart quand elles tiennent plus debout'], 'drug_facilitated_assault', true],
  ['EN: back to mine once she cannot stand', ['the blonde one is mine', 'we take her back to mine when she cant stand'], 'drug_facilitated_assault', true],
  ['FR: an after-work with the salon girls is no medical frame', ['afterwork jeudi avec les filles de l institut, tu viens?', 'j ai ce qu il faut, 2 gouttes dans son mojito et elle sera toute molle'], 'drug_facilitated_assault', true],
  ['FR: in the mouth before the visit gate', ['tu les mets dans ta bouche avant le portique, au parloir tu lui fais un bisou, il les revend en haut', 'ok'], 'drug_trafficking', true],
  ['FR: swallowed before the search, resold upstairs', ['avale les boulettes avant la fouille, au parloir tu lui passes, il les revend en haut', 'ok'], 'drug_trafficking', true],
  ['EN: soaked letters by the sheet on the wing', ['he soaks the letters in spice', '30 a sheet on the wing, cut into squares'], 'drug_trafficking', true],
  ['EN: sprayed sheets sold inside', ['i can do 10 sheets sprayed, they go for 40 a sheet inside, cut into squares', 'sound'], 'drug_trafficking', true],
  ['FR: feuilles imbibées en détention', ['les feuilles imbibees partent a 50 la feuille en detention', 'ok'], 'drug_trafficking', true],
  ['FR: quick and slow in the cab', ['bonsoir chauffeur', 'je suis devant ton camion, 30 rapide 50 tranquille dans la cabine'], 'prostitution', true],
  ['EN: quick and slow in the cab', ['hi driver im by your truck', '40 quick 80 slow in your cab, i knock on the door'], 'prostitution', true],
  ['FR: an act priced, in your car', ['chauffeur tu es seul ?', '20 la pipe 50 complet dans ta voiture'], 'prostitution', true],
  // Hard negatives
  ['hike', ['that hike was brutal, i won t walk anywhere again this week lol', 'same'], 'violent_threat', false],
  ['heels', ['si tu sors avec ces talons tu marcheras plus jamais droit de la soiree mdr', 'trop vrai'], 'violent_threat', false],
  ['crutches', ['apres l operation il repart sans ses bequilles, il marche tout seul', 'trop bien'], 'violent_threat', false],
  ['deposit', ['he pays friday or he leaves without his deposit, landlord rules', 'fair'], 'violent_threat', false],
  ['derby', ['derby sunday. we are gonna murder you lot', 'see u at the pub after'], 'violent_threat', false],
  ['sister and charger, a roast chicken and its knife', ['le poulet roti est dans le frigo, tu peux le decouper pour les enfants, le grand couteau est dans le tiroir', 'ok', 'ma soeur a encore pris mon chargeur je vais la tuer, je peux utiliser le votre ?'], 'violent_threat', false],
  ['bitters', ['few drops of bitters in her cocktail and she ll love it', 'yum'], 'drug_facilitated_assault', false],
  ['lemon', ['a few drops of lemon in her water and she ll drink it all', 'good idea'], 'drug_facilitated_assault', false],
  ['grenadine', ['1,5 ml de sirop de grenadine dans un verre de soda pour les petits, sinon ils le sentent pas', 'ok'], 'drug_facilitated_assault', false],
  ['friend taken home', ['la petite tient plus debout apres la fete, on la ramene chez elle', 'ok je appelle sa mere'], 'drug_facilitated_assault', false],
  ['friend suspects a spiking', ['she had two drinks and she cant stand, she doesnt remember leaving, i think someone put something in her drink', 'call 999 now'], 'drug_facilitated_assault', false],
  ['prison visit rules', ['au parloir on a le droit de s embrasser au debut et a la fin, ils fouillent le sac au portique', 'merci'], 'drug_trafficking', false],
  ['perfumed letter', ['i sprayed the letter with my perfume, he gets it inside on friday', 'aww'], 'drug_trafficking', false],
  ['art prints', ['the art class sprayed 10 sheets with fixative, 40 a sheet at the fair', 'nice'], 'drug_trafficking', false],
  ['sweets at the visit', ['les bonbons tu les mets dans ta bouche avant le portique, on a pas le droit de les passer', 'ok'], 'drug_trafficking', false],
  ['car wash', ['lavage camion sur l aire: 30 rapide, 50 complet avec la cabine', 'ok'], 'prostitution', false],
  ['taxi fares', ['taxi fares tonight: 20 quick run to town, 50 to the airport in my cab', 'ok'], 'prostitution', false],
  ['tobacco pipe', ['20 la pipe en bruyere, 50 le coffret complet', 'ok'], 'prostitution', false],
  ['game mission', ['vous etes a quelle mission dans gta ?', 'le braquage du casino, on a prepare l embuscade dans le parking souterrain'], 'ambush', false],
];

test('round 20: the nineteenth round\'s kinds act; their look-alikes with the same words do not', async () => {
  assert.deepEqual(await actCaseErrors('r20', CASES), []);
});

// Review (rules20 review §1–§12): real threats after a game title or a derby, threats over the police or a deadline, and
// their benign twins (a child's medicine, driving lessons, a shisha pipe, sport advice, prison-visit medicine, rice paper).
const REVIEW: ActCase[] = [
  ['§1 game title then a threat to a snitch', ['gta online tonight boys', 'yes', 'that snitch from year 11, i m going to kill him, he won t see it coming'], 'violent_threat', true],
  ['§1 game title then a stabbing at the bus', ['red dead later?', 'yeah', 'im going to stab him when he gets off the bus tomorrow, he s always alone'], 'violent_threat', true],
  ['§2 kick off, stab him when he leaves the pub', ['it s gonna kick off tonight, we re going to stab him when he leaves the pub', 'ok'], 'violent_threat', true],
  ['§2 derby, stab him outside the ground', ['derby on sunday, i m going to stab him outside the ground, he ll be with his kids', 'ok'], 'violent_threat', true],
  ['§2 derby day, kill him at the pub', ['derby day tomorrow, i m going to kill him when he comes out of the pub', 'ok'], 'violent_threat', true],
  ['§3 goes to the cops, won t walk', ['if she goes to the cops she won t walk again', 'ok'], 'violent_threat', true],
  ['§3 previens la police', ['si tu previens la police tu marcheras plus jamais', 'ok'], 'violent_threat', true],
  ['§3 call the police, think about your kids', ['if you call the police you won t walk anywhere again, think about your kids', 'ok'], 'violent_threat', true],
  ['§3 pays this weekend or kneecaps', ['he pays this weekend or he leaves without his kneecaps', 'ok'], 'violent_threat', true],
  ['§3 till friday or kneecaps', ['he s got till friday, he pays or he leaves without his kneecaps', 'ok'], 'violent_threat', true],
  ['§3 jusqu a vendredi sans genoux', ['t as jusqu a vendredi, sinon tu repars sans tes genoux', 'ok'], 'violent_threat', true],
  ['§3 une semaine sans genoux', ['il a une semaine, sinon il repart sans ses genoux', 'ok'], 'violent_threat', true],
  ['§3 leave the party with him', ['if you leave the party with him you won t walk again, i promise you', 'ok'], 'violent_threat', true],
  ['§3 si tu vas voir les flics', ['si tu vas voir les flics tu marcheras plus jamais', 'ok'], 'violent_threat', true],
  ['§7 took my job, i know her address', ['elle a pris ma place au taf, je vais la tuer, je connais son adresse', 'ok'], 'violent_threat', true],
  ['§4 child medicine in juice (FR)', ['ma fille a de la fievre et refuse le doliprane', 'melange le', 'ok 5 ml dans son jus sinon elle le sent'], 'drug_facilitated_assault', false],
  ['§4 child medicine in juice, named (FR)', ['ma fille a de la fievre et refuse le doliprane', 'melange le', 'ok 5 ml de doliprane dans son jus de pomme sinon elle le sent, elle deteste le gout'], 'drug_facilitated_assault', false],
  ['§4 child medicine in juice (EN)', ['my daughter has a fever and won t take her calpol', 'mix it in', 'ok 5ml in her juice so she doesnt taste it'], 'drug_facilitated_assault', false],
  ['§5 driving instructor', ['moniteur independant: 30 rapide 50 complet dans ta voiture pour l examen', 'ok'], 'prostitution', false],
  ['§5 driving lessons', ['driving lessons: 20 quick lesson 35 the hour, in your car or mine', 'ok'], 'prostitution', false],
  ['§5 barber', ['barber: 15 quick trim 25 full service, parking round the back', 'ok'], 'prostitution', false],
  ['§5 mobile detailing', ['mobile detailing: 30 quick clean, 70 full service, i come to your car', 'ok'], 'prostitution', false],
  ['§6 glass pipes', ['glass pipes are 15 a pipe at the head shop on main street', 'ok'], 'prostitution', false],
  ['§6 shisha pipe', ['30 euros la pipe a eau a la chicha du coin', 'ok'], 'prostitution', false],
  ['§8 coached cover story', ['if anyone asks, i think someone put something in her drink. just say that', 'got it', 'take her back to mine when she cant stand'], 'drug_facilitated_assault', true],
  ['§9 stretch after the run', ['stretch properly after the run or you won t walk properly tomorrow', 'ok'], 'violent_threat', false],
  ['§9 boots', ['break those boots in before the trip or you won t walk straight for days', 'ok'], 'violent_threat', false],
  ['§9 snow spikes', ['if you walk out in this snow without spikes you won t walk straight for a month', 'ok'], 'violent_threat', false],
  ['§9 consultant', ['the day he quits the exercises he won t walk properly again, consultant s words', 'ok'], 'violent_threat', false],
  ['§9 pints', ['si tu bois encore 3 pintes tu rentres pas sur tes jambes ce soir', 'ok'], 'violent_threat', false],
  ['§9 trail', ['le premier qui finit le trail de 80 km il repart pas sur ses jambes c est sur', 'ok'], 'violent_threat', false],
  ['§9 10 km, no negation', ['le premier qui finit le 10 km il rentre sur ses deux pieds et il a gagne une biere', 'ok'], 'violent_threat', false],
  ['§9 gumshield', ['celui qui joue sans protege dents il repart sans ses dents, je te le dis', 'ok'], 'violent_threat', false],
  ['§10 nitro tablets at the visit', ['keep the nitro tablets on you, put them under your tongue if the pain comes back during the visit', 'ok'], 'drug_trafficking', false],
  ['§10 capsules before the visit', ['swallow your capsules whole before the visit, the coating dissolves inside', 'ok'], 'drug_trafficking', false],
  ['§10 aftershave letter', ['i sprayed the letter with his aftershave so it smells like home, he gets it inside on friday', 'ok'], 'drug_trafficking', false],
  ['§10 rice paper', ['once the rice paper is dipped lay it flat, a sheet per roll', 'ok'], 'drug_trafficking', false],
  ['§10 sheet cake', ['the sheet cake is 30 a sheet, cut into squares for the party', 'ok'], 'drug_trafficking', false],
  ['§10 mosaic tiles', ['mosaic tiles are 8 a sheet, little squares, for the bathroom', 'ok'], 'drug_trafficking', false],
];

test('round 20 review: the review\'s probes (threats after a game title, a derby or over the police act; look-alikes do not)', async () => {
  assert.deepEqual(await actCaseErrors('r20r', REVIEW), []);
});
