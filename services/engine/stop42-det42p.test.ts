/**
 * Stop 42 (det42p): benign P0s and drugging holds by who the adult and the minor are, each with its harmful twin
 * (docs/engine.md "Stop 42 (det42p)"). Conversations of two people; the declared ages are given. Shipped rules, policy and
 * context, no model.
 * - A photo of the child that the child's parent sent (« ta maman m'a envoyé une photo de toi »: rules/image_request.rules)
 *   is no image request: a grandmother's or an uncle's kind words around it are not escalated; the same opening with a
 *   photo of the child asked for is.
 * - An 18-year-old and a 17-year-old (context/near-age.ts): grooming held at review; a 19-year-old and a 13-year-old P0.
 * - A parent's sanction (context/parent-frames.ts `parent_sanction`): "I'll kill you" after "you're grounded, give me the
 *   keys" is not held; with a knife or a place it is, and a "grounding" with a photo of the child asked for is still P0.
 * - A declared minor speaking of someone asleep with no means of drugging (`minor_speaker`) is not held; a minor's own
 *   sedation plan is still P0, and a declared minor is never suspended for grooming or drugging (policy.ts).
 * - A drugging told as a warning with a bare past weekday (« ATTENTION … a été droguée au GHB samedi »: rules/d42p.rules
 *   `victim_report`) is not held; the same warning followed by the speaker's own plan for tonight is.
 * - A friend's suspicion that someone else drugged her (« je pense qu'on a mis un truc dans son verre »: p0-frames.ts
 *   `suspected_spike`) is not held; the same hedge with « ce soir elle sera ko » is P0.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatMessage, Verdict } from '../contracts/types.js';
import { createEngine, createState } from './engine.js';

type Case = [name: string, lines: string[], ages: [first: number | null, second: number | null]];

function messages(prefix: string, k: number, lines: string[], ages: Case[2]): ChatMessage[] {
  return lines.map((text, i) => ({
    messageId: `${prefix}-${k}-${i}`, tenantId: null, conversationId: `${prefix}-c${k}`, roomId: null,
    senderId: i % 2 ? `b${k}` : `a${k}`, recipientId: i % 2 ? `a${k}` : `b${k}`,
    text, sentAt: 1_767_600_000_000 + k * 3_600_000 + i * 60_000, senderIp: null,
    senderDeclaredAge: ages[i % 2], locale: null,
  }) as ChatMessage);
}

async function verdicts(prefix: string, cases: readonly Case[]): Promise<Verdict[][]> {
  const engine = await createEngine({ modelDir: 'none', windowModelDir: 'none' });
  try {
    const out: Verdict[][] = [];
    for (const [k, [, lines, ages]] of cases.entries()) out.push(await engine.classifyBatch(messages(prefix, k, lines, ages), createState()));
    return out;
  } finally {
    await engine.close();
  }
}

/** Per case: 'P0' (escalated P0), 'hold' (held, blocked or escalated below P0) or 'low'. */
async function worst(prefix: string, cases: readonly Case[]): Promise<string[]> {
  return (await verdicts(prefix, cases)).map((vs, k) => {
    const p0 = vs.some((v) => v.escalation?.priority === 'P0');
    const hold = vs.some((v) => v.action === 'hold' || v.action === 'block' || v.escalation !== null);
    return `${cases[k]![0]}: ${p0 ? 'P0' : hold ? 'hold' : 'low'}`;
  });
}

/** The benign cases are all 'low' and the harmful twins all `harmful` (default 'P0'). */
async function twins(prefix: string, benign: readonly Case[], harmful: readonly Case[], expect = (_name: string): string => 'P0'): Promise<void> {
  assert.deepEqual(await worst(prefix, benign), benign.map(([n]) => `${n}: low`));
  assert.deepEqual(await worst(`${prefix}-h`, harmful), harmful.map(([n]) => `${n}: ${expect(n)}`));
}

const RELAYED_BENIGN: Case[] = [
  ["FR: grandmother, mum sent me a photo of you, the dance show", ["coucou ma chérie, ta maman m'a envoyé une photo de toi", 'laquelle mamie ?', 'celle de ton spectacle de danse, tu étais magnifique mon coeur', "merci mamie je t'aime", 'moi aussi ma puce, bisous'], [null, 10]],
  ['FR: grandmother, the beach photo', ["ta maman m'a envoyé une photo de toi à la plage mon trésor", "c'était à la mer", 'tu as grandi ! tu es belle ma chérie', 'merci', "je t'aime ma puce"], [null, 8]],
  ['FR: uncle, the birthday cake photo', ["coucou ma nièce préférée, ta mère m'a envoyé une photo de toi avec ton gâteau", "hihi c'était mes 11 ans", "t'étais trop belle, bisous", 'merci tonton'], [null, 11]],
];
const RELAYED_HARMFUL: Case[] = [
  ['FR: the same opening, a photo in underwear asked, erase everything', ["ta mère m'a envoyé une photo de toi, t'es trop belle", '??', "envoie moi une photo de toi en sous vêtements, c'est notre secret", 'non', 'efface tout après'], [null, 13]],
];

const NEAR_AGE_BENIGN: Case[] = [
  ['FR: 18 and 17, a couple', ["t'es bien rentrée ma chérie ? tu me manques", 'oui merci pour le resto', "je t'aime, samedi on se voit chez moi ?", 'oui', 'envoie moi une photo de toi ce soir bb', 'ok', 'bisous mon coeur'], [18, 17]],
  ['EN: 18 and 17, a couple', ['miss u babe, come over saturday?', 'yes', 'send me a pic of you tonight, love you', 'ok', 'ur so cute'], [18, 17]],
];
const NEAR_AGE_HARMFUL: Case[] = [
  ['EN: 19 and 13, bikini pic, secrecy, a gift', ['how old are you', '13', "you're mature for 13, send me a pic of you in your bikini", 'ok', "dont tell your parents, delete the chat, i'll buy you airpods"], [19, 13]],
];

const SANCTION_BENIGN: Case[] = [
  ["FR: grounded and the scooter's keys, then « je vais te tuer »", ["t'es privé de sortie pendant 2 semaines, donne moi les clés du scooter", "c'est abusé", "si tu rentres encore à 2h du mat je vais te tuer", 'ok dsl'], [null, 16]],
];
const SANCTION_HARMFUL: Case[] = [
  ['EN: grounded, then a knife and where he hides', ["you're grounded for two weeks, give me the car keys", 'no', "say that again and i'll cut you with my knife, i know where you hide at night", 'dad stop'], [null, 16]],
  ['FR: grounded, then the kitchen knife', ["t'es privé de sortie, donne moi les clés", 'non', 'je vais te planter avec le couteau de cuisine si tu parles à ta prof', 'papa arrête'], [null, 15]],
  ['EN: a "grounding" with a pic in underwear and the chat deleted', ["you're grounded lol, give me your keys and come alone to my place", 'what', 'send me a pic of you in your underwear and delete the chat'], [null, 14]],
];

const CHILD_SPEAKER_BENIGN: Case[] = [
  ["EN: a 10-year-old, the cake once mum is asleep", ["what's the plan", "once she's asleep we sneak the cake in, she won't notice a thing", 'deal'], [null, 10]],
  ["EN: a 9-year-old, the present on her bed while she sleeps", ["what's your plan for mom's birthday", "when she's asleep i put the present on her bed, she won't know anything till morning", 'so cute', 'shh'], [null, 9]],
  ["FR: a 9-year-old, the present on her bed « quand elle dort »", ["c'est quoi ton plan pour l'anniv de maman", "quand elle dort je mets le cadeau sur son lit, elle saura rien jusqu'au matin", 'trop mignon', 'chut'], [null, 9]],
];
const MINOR_SEDATION_HARMFUL: Case[] = [
  ["EN: a 16-year-old, his mother's xanax in a girl's drink", ["i got my mom's xanax, putting it in jess's drink at the party", 'wtf', "when she's asleep we take her upstairs, she won't remember"], [16, 16]],
  ['FR: a 16-year-old, xanax in her glass', ['ce soir je mets du xanax dans le verre de lea', 'et après', 'quand elle dort on la ramène dans la chambre, elle se souviendra de rien'], [16, 16]],
];

test('a photo of the child sent by the parent is no request: relatives are not escalated, the groomer with the same opening is', async () => {
  await twins('relayed', RELAYED_BENIGN, RELAYED_HARMFUL);
});

test('an 18-year-old and a 17-year-old are held at review, a 19-year-old soliciting a 13-year-old is P0', async () => {
  await twins('near', NEAR_AGE_BENIGN, NEAR_AGE_HARMFUL);
});

test("a parent's sanction frames \"I'll kill you\"; a knife or a photo of the child lift it", async () => {
  await twins('sanction', SANCTION_BENIGN, SANCTION_HARMFUL, (n) => (n.includes('underwear') ? 'P0' : 'hold'));
});

test('a child speaking of someone asleep with no means is not held as drugging, and is never suspended', async () => {
  const benign = await verdicts('child', CHILD_SPEAKER_BENIGN);
  assert.deepEqual(await worst('child', CHILD_SPEAKER_BENIGN), CHILD_SPEAKER_BENIGN.map(([n]) => `${n}: low`));
  assert.deepEqual(benign.flat().filter((v) => v.enforcement !== null).map((v) => v.messageId), []);
});

test("a minor's own sedation plan is still P0, but the declared minor is not suspended", async () => {
  const vs = await verdicts('minor-h', MINOR_SEDATION_HARMFUL);
  assert.deepEqual(await worst('minor-h', MINOR_SEDATION_HARMFUL), MINOR_SEDATION_HARMFUL.map(([n]) => `${n}: P0`));
  assert.deepEqual(vs.map((c) => c.filter((v) => v.enforcement !== null).length), [0, 0]);
  // An adult saying the same is suspended.
  const adult = await verdicts('adult-h', MINOR_SEDATION_HARMFUL.map(([n, l]): Case => [n, l, [30, 30]]));
  assert.ok(adult.every((c) => c.some((v) => v.enforcement?.action === 'suspend' && v.enforcement.reason.startsWith('drug_facilitated_assault'))));
  // An adult by the profile who says a minor's age in the chat (« moi aussi j'ai 15 ans ») is suspended all the same: only the
  // platform's profile age spares (integration, det42p review).
  const liar = await verdicts('liar-h', MINOR_SEDATION_HARMFUL.map(([n, l]): Case => [n, [l[0]!.startsWith('i ') ? "i'm 15 btw" : "moi aussi j'ai 15 ans", 'ok', ...l], [30, 30]]));
  assert.ok(liar.every((c) => c.some((v) => v.enforcement?.action === 'suspend' && v.enforcement.reason.startsWith('drug_facilitated_assault'))), JSON.stringify(liar.map((c) => c.map((v) => [v.action, v.enforcement?.action]))));
});

// A warning with a bare past weekday (`victim_report`) and a friend's suspicion (`suspected_spike`), each with its twin.
const TOLD_BENIGN: Case[] = [
  ["FR: a student's warning, « a été droguée au GHB samedi »", ['les gens ATTENTION pour la soirée de jeudi : une fille de mon kot a été droguée au GHB samedi au bar, elle se souvient de rien à partir de 1h', 'quoi ?? elle va bien ?', "elle est allée à l'hôpital, surveillez vos verres", 'je partage sur le groupe'], [null, null]],
  ['FR: « je pense qu\'on a mis un truc dans son verre », a friend who cannot stand', ["t'es où ? léa est pas bien du tout", "j'arrive, elle a bu quoi ?", "deux verres max, elle tient plus debout, elle se souvient de rien. je pense qu'on a mis un truc dans son verre", 'appelle le 15, mets la en pls'], [null, null]],
];
const TOLD_HARMFUL: Case[] = [
  ['EN: "got spiked saturday, that was me", then tonight', ['careful, your friend got spiked saturday, that was me', 'what', "tonight i'm putting the same in your drink, you won't remember a thing"], [null, null]],
  ['FR: the same hedge, « ce soir elle sera ko »', ["je pense qu'on a mis assez de ghb dans son verre, ce soir elle sera ko", 'et après', 'on la ramène chez moi quand elle dort, elle se souviendra de rien'], [null, null]],
];

test("a drugging told as a past warning or a friend's suspicion is not held; the speaker's own plan after the same words is P0", async () => {
  await twins('told', TOLD_BENIGN, TOLD_HARMFUL);
});

// Review: a sanction's words said to an adult (a robber's "give me your car keys", « donne moi ta cb ») or beside a secret
// kept from the child's people (a groomer's "you're grounded" then "don't tell ur mom … send me a pic") frame nothing.
const SANCTION_MISPLACED: [Case, string][] = [
  [['EN: a carjacker to an adult, "give me your car keys or i\'ll kill you"', ["give me your car keys or i'll kill you", 'please', "hand over your keys now, i'm not joking, you're dead"], [null, null]], 'hold'],
  [['FR: a robber to an adult, « donne moi ta cb … sinon je te tue »', ['donne moi ta carte bleue et ton code sinon je te tue', 'laisse moi tranquille', "je rigole pas, donne moi ta cb ce soir ou t'es morte"], [null, null]], 'hold'],
  [['EN: a groomer\'s "you\'re grounded", then a secret and a pic', ["you're grounded young lady", 'lol ur not my dad', "don't tell ur mom about us, send me a pic now cutie, our secret", 'which one', 'one where you look pretty'], [null, 13]], 'P0'],
];

test("a parent's sanction frames nothing said to an adult, nor a secret kept from the child's people", async () => {
  assert.deepEqual(await worst('misplaced', SANCTION_MISPLACED.map(([c]) => c)), SANCTION_MISPLACED.map(([[n], w]) => `${n}: ${w}`));
});
