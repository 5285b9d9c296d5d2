/**
 * Round 38 (detB38): a drugging told by its motive is not care talk (sedation-motive.ts), a victim's morning-after account is
 * listed for review only, and a sale told by its structure (sale-structure.ts). Shipped rules, policy and context, no model.
 * Texts written for this test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actCaseErrors, type ActCase } from '../dialogue.test-support.js';

/** Plans that must reach hold despite a doctor, a vet or a care home being named. */
const PLANS: ActCase[] = [
  ['FR: the vet\'s bottle in the intern\'s glass', ['t as toujours le flacon du veto pour le cheval ?', '2 ml dans le verre de la stagiaire vendredi, apres elle pourra plus dire non'], 'drug_facilitated_assault', true],
  ['FR: the doctor\'s drops in her soup', ['ca va mieux avec elle ?', 'je mets ses gouttes a dormir dans sa soupe, celles du docteur, et apres elle me dit plus non'], 'drug_facilitated_assault', true],
  ['EN: drowsy hay-fever tablets in her hot chocolate', ['she is never in the mood', 'the old school drowsy ones crushed in her hot chocolate, next morning she thinks she just slept well'], 'drug_facilitated_assault', true],
  ['EN: mum\'s sleeping pills in her eggnog', ["kept a bottle of mum's sleeping pills", "a couple crushed in Jess's eggnog, she won't remember much of the ride, that's the idea"], 'drug_facilitated_assault', true],
  ['FR: the powder the vet left, she will not know how she got there', ['t as encore la poudre que le veto t a laissee pour la jument ?', 'un peu dans son verre samedi, apres je la ramene, elle saura meme pas comment elle est arrivee'], 'drug_facilitated_assault', true],
  ['FR: said to her, a little something in your glass', ['non, c est non', 'la prochaine fois un petit quelque chose dans votre verre, vous serez moins farouche et vous n en saurez rien'], 'drug_facilitated_assault', true],
];

/** A motive and a sedative with no drink or food of hers named (no "into", no reluctance): reviewed (flag), not held. */
const UNAIMED: ActCase[] = [
  ['FR: what the care home gives the old people', ['ta cousine est toujours a l ehpad ?', 'demande lui ce que ils donnent aux vieux le soir pour que ils restent tranquilles, pour Soraya samedi. elle pourra rien raconter'], 'drug_facilitated_assault', true],
  ['EN: what the care home gives, she will not tell', ['you work at the care home, what do they give the old people at night to keep them quiet', "for Amy on friday, she won't be able to tell anyone"], 'drug_facilitated_assault', true],
];

/** Carers, parents, vets and insomniacs: never held (a flag is allowed). */
const CARE: ActCase[] = [
  ['grandmother\'s drops, the morning after', ['mamie prend ses gouttes pour dormir le soir, le medecin a augmente la dose', 'le matin elle se souvient de rien de la veille, on va voir le neurologue'], 'drug_facilitated_assault', false],
  ['dementia, crushed in her yoghurt', ['the nurse says crush her sleeping pills in her yoghurt', 'she won t remember taking them anyway, the doctor signed it off'], 'drug_facilitated_assault', false],
  ['melatonin in the child\'s hot chocolate', ['i put a bit of melatonin in his hot chocolate before bed, doctor said ok', 'does he sleep through?'], 'drug_facilitated_assault', false],
  ['the vet\'s tablets for the dog', ['le veto a donne des cachets au chien pour le trajet', 'tu les mets dans sa patee ? il se rend compte de rien'], 'drug_facilitated_assault', false],
  ['melatonin gummies found by a child', ['our 6yo is up til 11, the ped said melatonin', 'careful, ours found the bottle and ate 4 gummies, called poison control, she was just super sleepy'], 'drug_facilitated_assault', false],
  ['news of a conviction', ['did you read it, a man put his wife s sleeping pills in her soup so she couldn t say no', 'he got 12 years, good'], 'drug_facilitated_assault', false],
  ['ice in your glass, a flirt at the bar', ['tu veux des glacons dans ton verre ? vous etes moins timide que la derniere fois', 'oui merci, un mojito'], 'drug_facilitated_assault', false],
  ['sedation for an examination', ['je lui ai explique la sedation, avec le propofol elle dormira et ne se souviendra de rien', 'a jeun depuis 6h, consentement signe'], 'drug_facilitated_assault', false],
  ['colonoscopy, not fit to drive home', ['they sedated dad for the colonoscopy this morning', 'how is he', "sleepy, he won't be fit to drive home so i'm collecting him at 3"], 'drug_facilitated_assault', false],
  ['EN: covert medication policy, pudding', ['the lady in room 4 refuses her tablets, can we crush them into her pudding?', 'only under the covert medication policy, GP and pharmacist sign it off in the care plan', "fine, she won't be able to tell the difference with custard anyway"], 'drug_facilitated_assault', false],
  ['FR: covert medication, compote', ['le resident de la 12 refuse ses medicaments, on peut les ecraser dans sa compote ?', 'seulement avec prescription du medecin, c est note dans le dossier', 'ok de toute facon il verra pas la difference, il dira rien'], 'drug_facilitated_assault', false],
  ['the horse\'s sedatives for the farrier', ["the farrier comes at 9, the horse's sedatives are in the tack room", 'he hates having his feet done', "with the vet's stuff he won't be able to fight the farrier, the vet is coming too"], 'drug_facilitated_assault', false],
  ['FR SMS: the child sedated at the dentist', ['le ptit a eu un sedatif chez le dentiste', 'il va bien ?', 'oui il dort, il pourra pas parler avant ce soir mdr'], 'drug_facilitated_assault', false],
  ['FR: honey in your tea for a cold', ['t as la crève ? mets du miel dans ton the et prends un doliprane', 'oui docteur', 'et tu seras plus cool demain au boulot'], 'drug_facilitated_assault', false],
  ['a warning to friends', ['attention les filles, on m a dit qu au bar un mec met des gouttes dans le verre des filles et apres elles peuvent plus dire non', 'merci on garde nos verres'], 'drug_facilitated_assault', false],
];

/** A victim's account: reviewed (flag), never held. */
const DISCLOSURE: ActCase[] = [
  ['FR: one punch, then his car', ["j'ai bu seulement un verre, Marc il m'a apporté un punch", 'un seul ?', 'apres rien. je me reveille dans sa voiture a 2h, mes collants dechires, je me rappelle rien du tout'], 'drug_facilitated_assault', true],
];

/** Sales told by a price, a hand-over and goods that are not a shop's. */
const SALES: ActCase[] = [
  ['QC: special pods, not the SQDC\'s, in the mailbox', ['j ai rentre les speciales, pods 1g, 45 chaque, 2 pour 80, rien a voir avec la SQDC', 'mardi je laisse ca dans ta boite aux lettres, interac avant'], 'drug_trafficking', true],
  ['EN: focus pills, cash only, mailbox drop', ['orange ones 20mg, 8 each or 10 for 70, cash only for these', 'pickup at the library cafe or i drop in ur mailbox'], 'drug_trafficking', true],
  ['FR: vacuum-packed harvest, no smell', ['la recolte est seche, 3500 le kilo, sous vide ca sent rien', 'passe a la fermeture mercredi'], 'drug_trafficking', true],
  ['honey in the mailbox', ['miel de mon rucher, 10 le pot, je laisse ca dans ta boite aux lettres', 'top merci'], 'drug_trafficking', false],
  ['strawberries at closing time', ['les fraises sont arrivees, 4 casseaux 12 dollars', 'passe a la fermeture, en arriere du camion'], 'drug_trafficking', false],
  ['a parent finds a vacuum bag', ['j ai trouve un sachet sous vide dans la chambre de mon fils, ca sent rien', 'parle lui calmement, appelle le CJC'], 'drug_trafficking', false],
  ['a CBD shop\'s real flower', ['la boutique a la vraie fleur CBD maintenant, 10 le g, ouvert jusqu a 19h', 'trop bien j y passe samedi'], 'drug_trafficking', false],
  ['skins drop in a game', ['new drop tonight at 8, skins 5 each, the real ones not the fakes', 'i ll be on'], 'drug_trafficking', false],
  ['over-the-counter paracetamol', ['la pharmacie vend le doliprane sans ordonnance, 2 euros la boite', 'je passe la chercher ce soir'], 'drug_trafficking', false],
];

test('round 38: a stated motive makes a sedative in her drink or food a plan, whatever frame', async () => {
  assert.deepEqual(await actCaseErrors('r38p', PLANS, 'hold'), []);
});

test('round 38: a motive with no drink of hers named is reviewed, not held', async () => {
  assert.deepEqual(await actCaseErrors('r38u', UNAIMED), []);
  assert.deepEqual(await actCaseErrors('r38u', UNAIMED.map(([n, l, c]) => [n, l, c, false] as ActCase), 'hold'), []);
});

test('round 38: carers, parents, vets, news and warnings are never held', async () => {
  assert.deepEqual(await actCaseErrors('r38c', CARE, 'hold'), []);
});

test('round 38: a victim\'s account is flagged for review, never held', async () => {
  assert.deepEqual(await actCaseErrors('r38d', DISCLOSURE), []);
  assert.deepEqual(await actCaseErrors('r38d', DISCLOSURE.map(([n, l, c]) => [n, l, c, false] as ActCase), 'hold'), []);
});

test('round 38: a sale told by a price, a hand-over and a covert mark', async () => {
  assert.deepEqual(await actCaseErrors('r38s', SALES), []);
});
