/**
 * The shipped rules and policy, with the context and no model (message or window), on sales told by their
 * logistics and paid sex told as paid time (2026.12.9-2): context:coded-sale (goods by a code, the trade's words or
 * a weight, a price or quantity, a hand-over) and context:paid-time (a price per hour/night/encounter, a private
 * place, and secrecy, remarks or pressing). Hard negatives: the news, harm reduction, a CBD shop, a pharmacy, a recipe,
 * a hotel's prices, a physio's price list, a babysitter, a collection for a gift, a second-hand sale, a sex-work
 * debate. Texts written for this test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Category } from '../contracts/taxonomy.js';
import type { ChatMessage } from '../contracts/types.js';
import { createEngine, createState } from './engine.js';

/** [name, lines (speakers a and b alternate), category, expected source on some verdict, or null: the category never acts]. */
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

function messages(k: number, lines: string[]): ChatMessage[] {
  return lines.map((text, i) => ({
    messageId: `lg-${k}-${i}`, tenantId: null, conversationId: `lg-c${k}`, roomId: null,
    senderId: i % 2 ? `b${k}` : `a${k}`, recipientId: i % 2 ? `a${k}` : `b${k}`,
    text, sentAt: 1_767_600_000_000 + k * 3_600_000 + i * 60_000, senderIp: null, senderDeclaredAge: 30, locale: null,
  }) as ChatMessage);
}

test('shipped rules: sales told by logistics and paid time are found across messages; their look-alikes are not', async () => {
  const engine = await createEngine({ modelDir: 'none', windowModelDir: 'none' });
  const wrong: string[] = [];
  for (const [k, [name, lines, category, source]] of CASES.entries()) {
    const verdicts = await engine.classifyBatch(messages(k, lines), createState());
    const acting = verdicts.filter((v) => v.action !== 'allow').flatMap((v) => v.categories.filter((c) => c.category === category));
    if (source === null && acting.length) wrong.push(`${name}: ${category} acted (${acting.map((c) => c.sources.join('+')).join(', ')})`);
    if (source !== null && !acting.some((c) => c.sources.includes(source))) wrong.push(`${name}: no ${category} from ${source} (${JSON.stringify(acting)})`);
  }
  await engine.close();
  assert.deepEqual(wrong, []);
});
