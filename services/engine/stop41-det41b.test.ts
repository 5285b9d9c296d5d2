/**
 * Stop 41 (det41b): benign P0s by kind, each with its harmful twin (docs/engine.md "Stop 41 (det41b)"). Conversations of two
 * people, the adult first; the child's declared age is given. Shipped rules, policy and context, no model.
 * - A surprise for the child's own family (context/family-surprise.ts): secrecy from the parent it is meant for and a photo of
 *   the parent's things is no longer escalated P0; the same surprise with a photo of the child, or the chat to be erased, is.
 * - A photo of school work (rules/image_request.rules) and « dis à tes parents de signer » (rules/secrecy_request.rules) are
 *   no image request and no secrecy.
 * - A sedative that is someone's own treatment (context/p0-frames.ts `prescribed`): a ward nurse's "he won't remember" about a
 *   drug the doctor ordered is listed for review, never held; the same drug put into a patient's juice with a remark on her
 *   body and her room holds P0, and so does a drugging with no prescription said.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatMessage } from '../contracts/types.js';
import { createEngine, createState } from './engine.js';

type Case = [name: string, lines: string[], childAge: number | null];

function messages(prefix: string, k: number, lines: string[], childAge: number | null): ChatMessage[] {
  return lines.map((text, i) => ({
    messageId: `${prefix}-${k}-${i}`, tenantId: null, conversationId: `${prefix}-c${k}`, roomId: null,
    senderId: i % 2 ? `b${k}` : `a${k}`, recipientId: i % 2 ? `a${k}` : `b${k}`,
    text, sentAt: 1_767_600_000_000 + k * 3_600_000 + i * 60_000, senderIp: null,
    senderDeclaredAge: i % 2 ? childAge : null, locale: null,
  }) as ChatMessage);
}

/** Per case: the worst of its verdicts, 'P0' (escalated P0), 'hold' (held, blocked or escalated below P0) or 'low'. */
async function worst(prefix: string, cases: readonly Case[]): Promise<string[]> {
  const engine = await createEngine({ modelDir: 'none', windowModelDir: 'none' });
  try {
    const out: string[] = [];
    for (const [k, [name, lines, age]] of cases.entries()) {
      const vs = await engine.classifyBatch(messages(prefix, k, lines, age), createState());
      const p0 = vs.some((v) => v.escalation?.priority === 'P0');
      const hold = vs.some((v) => v.action === 'hold' || v.action === 'block' || v.escalation !== null);
      out.push(`${name}: ${p0 ? 'P0' : hold ? 'hold' : 'low'}`);
    }
    return out;
  } finally {
    await engine.close();
  }
}

const SURPRISE_BENIGN: Case[] = [
  ['FR: uncle, surprise for mum, photo of the dress', ["salut ma puce c tonton, tu dis rien a maman hein c une surprise pour son anniv", 'ok promis jdis rien', "envoie moi une photo de la robe qu elle veut, celle du catalogue", 'ok jte l envoie ce soir', "merci ma chérie, c notre secret jusqu a samedi bisous"], 12],
  ['EN: aunt, surprise party, pic of her fav dress', ["hey sweetie its aunt jen, dont tell your mom but we're planning a surprise party for her 40th", 'omg ok i wont', 'can u send me a pic of her fav dress? so i can get the cake to match', 'yes!! tonight', 'ur the best, our little secret ok'], 11],
  ['FR: stepmother, fathers day, photo of his watch', ["coucou ma grande, c'est pour la fête des pères, tu dis rien a papa", 'ok', "tu peux m'envoyer une photo de son ancienne montre ? je veux la même", 'oui', "c'est notre secret bisous"], 10],
  ['EN: big sister, necklace for christmas, pic of the jewelry box', ['shh dont tell mom, got her a necklace for xmas', 'a secret?', 'yes our secret, send me a pic of her jewelry box so i see what she has', 'ok'], 9],
];

const SURPRISE_HARMFUL: Case[] = [
  ['FR: the same surprise, a photo of the child in a swimsuit', ["salut ma puce c tonton, tu dis rien a maman hein c une surprise", 'ok', "envoie moi une photo de toi en maillot, juste pour moi", 'pk', "c notre secret, efface nos messages apres"], 12],
  ['EN: the same surprise, a pic of the child in pajamas', ["hey sweetie, dont tell your mom but we're planning a surprise party for her", 'ok', 'send me a pic of you in your pajamas, just for me', 'why', 'our little secret, delete the chat after'], 11],
  ['FR: fathers day, a photo of the child in the bath', ["coucou ma grande, c'est pour la fête des pères, tu dis rien a papa", 'ok', "envoie moi une photo de toi dans ton bain, c'est pour moi", 'pk', "c'est notre secret bisous, efface tout"], 10],
  ['EN: dads bday surprise, a pic in the shower', ['hey its for ur dads bday surprise, dont tell him', 'ok', 'send me a pic of u in the shower, just for me', 'why', 'our little secret, delete it after'], 12],
];

// Review: a grooming that names a parent's birthday or a surprise, with a photo that names no parent's thing (object_photo).
const SURPRISE_PRETEXT: Case[] = [
  ["FR: her mother's birthday, a photo when she is in pyjamas", ["c'est bientôt l'anniv de ta maman non ? tu lui dis pas qu'on parle hein", 'non je dis rien', "t'es trop belle ma chérie, envoie une photo quand t es en pyjama", 'ok', 'garde ça pour nous deux'], 11],
  ["EN: a surprise for her mom, a pic wearing only a towel", ["yo im planning a surprise for ur mom's birthday, dont tell her", 'omg ok', 'send me a pic wearing only a towel after ur shower', 'why', 'trust me, its for the surprise, dont tell ur dad either'], 13],
  ["FR: mother's day, a photo when she is ready for bed", ['salut ma puce, tu fais quoi pour la fête des mères ?', 'un collier pour maman', "trop mignon, tu m'envoies une photo quand t'es prête pour dormir ? dis rien à maman", 'pk', "c'est entre nous, t'es ma préférée"], 12],
];

const SCHOOL_BENIGN: Case[] = [
  ["FR: teacher, a photo of the homework diary, tell your parents to sign", ["Bonjour Ethan, envoie moi une photo de ton cahier de textes stp, tu as oublié de me le montrer", 'oui monsieur', 'merci, dis a tes parents de signer le carnet', 'ok'], 11],
  ["FR: dad, a photo of the teacher's note", ["t es bien arrivée a l ecole ?", 'oui', "envoie moi une photo du mot de la maitresse stp j ai pas vu", 'ok', "merci ma grande, et dis pas a maman que t as oublié ton gouter lol"], 11],
];

const SCHOOL_HARMFUL: Case[] = [
  ['FR: a teacher asks a photo of her and secrecy from her parents', ["tu es ma meilleure élève, t'as quel age deja ?", '13', "envoie moi une photo de toi ce soir, et dis rien a tes parents", "d'accord"], 13],
];

const TREATMENT_BENIGN: Case[] = [
  ['EN: ward, doc ordered lorazepam in his juice, he wont remember', ['bed 4 is agitated again', 'doc ordered 2mg lorazepam, we can give it in his juice if he refuses the pill', 'ok he wont remember much, family is coming at 6', 'chart it please'], null],
  ['FR: ward, the doctor prescribed tercian in his juice, he will not remember', ['le patient de la 12 est encore agité', "le médecin a prescrit 25 gouttes de tercian, on les met dans son jus s'il refuse le comprimé", "ok il se souviendra de rien, sa famille vient a 18h", 'note le dans le dossier'], null],
];

const TREATMENT_HARMFUL: Case[] = [
  ['EN: a nurse, lorazepam in her juice, she is hot, her room', ['that girl in bed 4 is hot', 'lol', 'doc ordered lorazepam for her anyway, ill put some in her juice tonight, she wont remember, then ill go to her room'], null],
  ['FR: sleeping pills crushed in her glass, she will not say no', ["j'ai des somnifères, je les écrase dans son verre ce soir", 'pourquoi ?', 'elle fait sa difficile, comme ça elle dira plus non'], null],
];

test('stop 41 (det41b): a surprise for the child\'s family is not escalated P0; with a photo of the child it is', async () => {
  assert.deepEqual(await worst('fs-b', SURPRISE_BENIGN), SURPRISE_BENIGN.map(([n]) => `${n}: low`));
  assert.deepEqual(await worst('fs-h', SURPRISE_HARMFUL), SURPRISE_HARMFUL.map(([n]) => `${n}: P0`));
});

test('stop 41 (det41b) review: a surprise or a parent\'s birthday beside a photo that names no parent\'s thing is P0', async () => {
  assert.deepEqual(await worst('fs-p', SURPRISE_PRETEXT), SURPRISE_PRETEXT.map(([n]) => `${n}: P0`));
});

test('stop 41 (det41b): a photo of school work and "tell your parents to sign" are not held; a photo of the pupil is P0', async () => {
  assert.deepEqual(await worst('sw-b', SCHOOL_BENIGN), SCHOOL_BENIGN.map(([n]) => `${n}: low`));
  assert.deepEqual(await worst('sw-h', SCHOOL_HARMFUL), SCHOOL_HARMFUL.map(([n]) => `${n}: P0`));
});

test('stop 41 (det41b): a sedative that is someone\'s own treatment is not held; a nurse\'s plan on a patient is P0', async () => {
  assert.deepEqual(await worst('tr-b', TREATMENT_BENIGN), TREATMENT_BENIGN.map(([n]) => `${n}: low`));
  assert.deepEqual(await worst('tr-h', TREATMENT_HARMFUL), TREATMENT_HARMFUL.map(([n]) => `${n}: P0`));
});
