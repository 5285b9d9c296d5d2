/**
 * Stop 48 (det48p): paths to P0 on benign conversations (issue 10: "no P0 on a benign conversation"; docs/engine.md
 * "Stop 48 (det48p)"), each with its harmful twin. Shipped rules and policy, no model.
 * - A minor's own age said in a room, then an adult's reply to someone else (a colleague's « envoie moi la photo du devis,
 *   je t'offre un resto, dis rien au patron »): `minor-solicited` took every other participant of a room as solicited
 *   (context/room-address.ts). The same words said to the minor (naming them, or answering them) stay P0.
 * - A 12-year-old says « j'ai 12 ans » on entering a room where an adult had asked a colleague for a photo with a gift:
 *   `minor-after-solicitation` escalated P0 on the child's message. An adult's request to the child in the room stays P0.
 * - A child who opens the conversation calling the adult family (« merci tonton ») before the adult has spoken: the family
 *   address was lost (no record of the adult yet), and the uncle's reply escalated P0 as a stranger's (observe.ts kinAddress).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatMessage, Verdict } from '../contracts/types.js';
import { createEngine, createState } from './engine.js';

/** A conversation: lines "sender: text" or "sender#14: text" (declared age 14); `room` true for a public room. */
type Conv = [name: string, room: boolean, lines: string[]];

function messages(prefix: string, k: number, room: boolean, lines: string[]): ChatMessage[] {
  const senders: string[] = [];
  return lines.map((line, i) => {
    const m = /^([^:#]+)(?:#(\d+))?: (.*)$/.exec(line)!;
    const [, sender, age, text] = m;
    if (!senders.includes(sender!)) senders.push(sender!);
    const other = lines.map((l) => /^([^:#]+)/.exec(l)![1]!).find((s) => s !== sender) ?? 'nobody';
    return {
      messageId: `${prefix}-${k}-${i}`, tenantId: null, conversationId: `${prefix}-c${k}`, roomId: room ? `${prefix}-room${k}` : null,
      senderId: sender!, recipientId: room ? null : other, text: text!, sentAt: 1_767_600_000_000 + k * 3_600_000 + i * 60_000,
      senderIp: null, senderDeclaredAge: age ? Number(age) : null, locale: null,
    } as ChatMessage;
  });
}

async function verdicts(prefix: string, convs: readonly Conv[]): Promise<Verdict[][]> {
  const engine = await createEngine({ modelDir: 'none', windowModelDir: 'none' });
  try {
    const out: Verdict[][] = [];
    for (const [k, [, room, lines]] of convs.entries()) out.push(await engine.classifyBatch(messages(prefix, k, room, lines), createState()));
    return out;
  } finally {
    await engine.close();
  }
}

/** Per conversation: 'P0' when a message escalated P0, else 'no P0'. */
async function p0s(prefix: string, convs: readonly Conv[]): Promise<string[]> {
  return (await verdicts(prefix, convs)).map((vs, k) => `${convs[k]![0]}: ${vs.some((v) => v.escalation?.priority === 'P0') ? 'P0' : 'no P0'}`);
}

const ROOM_BENIGN: Conv[] = [
  ['career room fr, reply to a colleague', true, [
    'lina#16: j\'ai 16 ans, vous connaissez des jobs d\'été ?',
    'karim: essaie le mcdo, ils prennent à 16',
    'sonia: karim tu m\'envoies la photo de ton planning ? je te paie un café, c\'est entre nous le chef sait pas',
    'karim: ok ma chérie',
  ]],
  ['school room fr, a teacher answers a parent', true, [
    'emma#13: j\'ai 13 ans et je suis en 4e B',
    'prof_martin: bonjour à tous, sortie au musée vendredi, rendez vous 8h devant le collège',
    'parent_sophie: est ce que je peux avoir une photo du mot à signer svp',
    'prof_martin: oui je vous envoie la photo en privé, c\'est un secret pour la surprise de fin d\'année, n\'en parlez pas aux enfants',
  ]],
  ['youth club room en, staff to staff', true, [
    'jo#13: im 13 can i come to the trip',
    'leader_b: yes jo, ask your parents to fill in the form',
    'leader_c: b can you send me a photo of the minibus booking, keep it between us till the boss confirms, i\'ll buy you a coffee',
  ]],
  ['a child says their age after an adult asked a colleague for a photo', true, [
    'marc: julie envoie moi une photo du devis, je t\'offre un resto, dis rien au patron',
    'julie: ok chef',
    'noe#12: slt j\'ai 12 ans c\'est le serveur minecraft ?',
    'marc: oui bienvenue',
  ]],
];

const ROOM_HARMFUL: Conv[] = [
  ['an adult answers a minor\'s age in a room', true, [
    'lina#14: j\'ai 14 ans et je m\'ennuie',
    'dark_k: 14 ans ? envoie moi une photo de toi, je t\'offre un cadeau',
    'lina#14: pk',
    'dark_k: ajoute moi sur snap, dis rien à tes parents',
  ]],
  ['an adult names the minor after others spoke', true, [
    'sarah#13: j\'ai 13 ans moi',
    'paul: moi je joue à valo ce soir',
    'kev: sarah envoie moi une photo de toi en privé, c\'est notre secret',
    'sarah#13: non',
    'kev: sarah je t\'offre un cadeau si tu le fais, dis rien à personne',
  ]],
  ['an adult welcomes the newcomer after someone else warned her', true, [
    'zoe_13: slt jsuis nouvelle, j\'ai 13 ans, qqn pour parler ?',
    'nadia: coucou zoe, fais gaffe ici c\'est pour les majeurs',
    'gentil_papa: bienvenue ma puce, ajoute moi sur snap et envoie moi une photo de toi, je t\'offre un cadeau',
  ]],
  ['a minor in the room says their age to the adult who asked everyone', true, [
    'gm_rick: who here is under 15',
    'tess#12: me',
    'tess#12: im 12',
    'gm_rick: cool, add me on snap and send a pic, dont tell ur parents, ill buy u robux',
  ]],
];

test('stop 48: an adult\'s reply to someone else in a room is no solicitation of the minor who said their age; to the minor it is P0', async () => {
  assert.deepEqual(await p0s('s48r', ROOM_BENIGN), ROOM_BENIGN.map(([n]) => `${n}: no P0`));
  assert.deepEqual(await p0s('s48rh', ROOM_HARMFUL), ROOM_HARMFUL.map(([n]) => `${n}: P0`));
});

const KIN_BENIGN: Conv[] = [
  ['a nephew opens with « merci tonton »', false, [
    'neveu#12: merci tonton pour le cadeau !!',
    'tonton: de rien mon coeur, envoie moi une photo de toi avec ton nouveau vélo, je t\'offre le casque',
  ]],
  ['a granddaughter opens with "thank you grandma"', false, [
    'lily#9: thank you grandma!!',
    'grandma: you\'re welcome sweetheart, send me a photo of you in your new dress, i\'ll buy you a present',
  ]],
];

const KIN_HARMFUL: Conv[] = [
  ['the same reply from a stranger the child did not call family', false, [
    'neveu#12: merci pour le cadeau !!',
    'tonton: de rien mon coeur, envoie moi une photo de toi avec ton nouveau vélo, je t\'offre le casque',
  ]],
  ['the same in English', false, [
    'lily#9: thank you!!',
    'grandma: you\'re welcome sweetheart, send me a photo of you in your new dress, i\'ll buy you a present',
  ]],
];

test('stop 48: a child who opens the conversation calling the adult family: the reply is not escalated P0; without the family address it is', async () => {
  assert.deepEqual(await p0s('s48k', KIN_BENIGN), KIN_BENIGN.map(([n]) => `${n}: no P0`));
  assert.deepEqual(await p0s('s48kh', KIN_HARMFUL), KIN_HARMFUL.map(([n]) => `${n}: P0`));
});

// Review (rv-det48p): the review caps of `minor-solicited` (kin, family surprise, near age) mark the finding below P0; a finding
// that is only short of 0.7 (secrecy and a meeting alone from an adult of unknown age to a 14-year-old: 0.67) is not, and beside
// the message model it still escalates P0 (p0.derivationReaches, withdrawn, made it P1).
test('stop 48: a near-age couple\'s grooming derivation is below P0; an unknown adult\'s two grooming steps to a minor are not', async () => {
  const { replay } = await import('./context/replay.test-support.js');
  const bars = async (lines: string[]): Promise<boolean[]> => {
    const out: boolean[] = [];
    await replay(lines, (o) => { if (o.categories.child_grooming?.sources.includes('context:minor-solicited')) out.push(o.belowP0?.includes('child_grooming') ?? false); }, true);
    return out;
  };
  const nearAge = await bars(['a: j\'ai 17 ans depuis hier', 'b: joyeux anniv, moi j\'ai 18 ans, envoie moi une photo de ta robe, dis rien à ta mère pour ce soir']);
  assert.ok(nearAge.length > 0 && nearAge.every((x) => x), `near age: ${nearAge}`);
  const stranger = await bars(['a: j\'ai 14 ans', 'b: tu dis rien à personne, on se voit samedi derrière le gymnase, viens seule c\'est notre secret']);
  assert.ok(stranger.length > 0 && stranger.every((x) => !x), `stranger: ${stranger}`);
});

// Review (rv-det48p): a groomer who greets or names the child, waits while someone else talks, then asks without a name. The
// request answers nobody the room-address rule can see (the last speaker was someone else), so `minor-solicited` took no minor
// as solicited and the conversation fell to flag. An unaddressed request still solicits the room's minors, below P0: held, P1.
const ROOM_SIDE_THREAD: Conv[] = [
  ['a greeting, another player, then the request without a name', true, [
    'lili_2012#13: jai 13 ans et je mennuie',
    'kevin: qui vient jouer à valo',
    'relou: salut lili, t\'es trop mignonne',
    'lucas: moi à 21h kevin',
    'relou: envoie moi une photo de toi en culotte, dis rien à ta mère, je t\'offre des robux',
  ]],
  ['the same in English', true, [
    'zoe#14: im 14 anyone wanna chat',
    'creep: me! hi zoe',
    'dan: dallas here',
    'creep: send me a pic of you in a bikini, our secret, i\'ll send you a gift card',
  ]],
];

test('stop 48 review: a request without a name after chatter in a room still solicits the minor there: held, below P0', async () => {
  const out = await verdicts('s48s', ROOM_SIDE_THREAD);
  assert.deepEqual(out.map((vs, k) => `${ROOM_SIDE_THREAD[k]![0]}: ${vs.some((v) => v.action === 'hold' || v.action === 'block') ? 'held' : 'not held'}`),
    ROOM_SIDE_THREAD.map(([n]) => `${n}: held`));
});
