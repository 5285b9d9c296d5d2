/**
 * Stop 53 (det53c, review of det53b fix 1; docs/engine.md "Stop 53 (det53c)"): the re-read of an adult's requests when the
 * child's age arrives (context/minor-revealed.ts) reaches P0 only with sexual content, a payment, a body remark or an image of
 * her body asked (rules/d53b.rules sexual_image); a surprise kept from mum, a lift, a photo of homework hold at P1, and such a
 * held re-read makes nobody the offender (his next « je passe te prendre » is not raised by `ongoing`). A sibling named by
 * the child is not kin (fresh read of int54).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CUE_PATTERNS } from './context/cues.js';
import { escalationsOf, type AgedConv as Conv } from './escalations.test-support.js';

const escalations = (convs: readonly Conv[]): Promise<string[]> => escalationsOf('s53c', convs);

const HELD: Conv[] = [
  ['B: a teacher\'s photo of homework and a surprise', ['prof: envoie une photo de ton exposé, et chut pour la surprise de fin d\'année, on se voit lundi à 8h', 'eleve#11: ok madame']],
  ['B: a big brother\'s concert kept from mum, then the lift', ['frere: tu dis rien à maman mais je t\'emmène au concert samedi, t\'as 14 ans tu peux venir avec moi', 'soeur#14: trop bien', 'frere: je passe te prendre à 19h']],
  ['H: EN a picture without her top, secrecy and a meeting', ['dude: ur 14 right? send me a pic without ur top and dont tell ur mom, ill meet u at the mall friday alone', 'girl#14: huh']],
  ['H: a nude, secrecy, a meeting', ['mec: envoie moi une photo nue, dis rien à ta mère, on se voit demain au parc', 'fille#12: ??']],
];

test('det53c: a re-read with no sex, payment or body image holds at P1 and makes no offender; a nude or a top off stays P0', async () => {
  assert.deepEqual(await escalations(HELD), [
    'B: a teacher\'s photo of homework and a surprise: - P1',
    'B: a big brother\'s concert kept from mum, then the lift: - P1 -',
    'H: EN a picture without her top, secrecy and a meeting: - P0',
    'H: a nude, secrecy, a meeting: - P0',
  ]);
});

// Fresh read of int54: det53c's « mon frère », « ma sœur », « ma tante » as kin_address made a groomer family when the child
// only named her brother (« mon frère lit mes messages »): his request lost its P0. Siblings are not a form of address.
const NAMED: Conv[] = [
  ['H: a nude asked, the child names her brother', ['mec: envoie moi une photo nue, dis rien à ta mère, on se voit demain au parc', 'fille#12: mon frère lit mes messages']],
];

test('int54: a child naming her brother does not make the adult family; siblings are no kin_address', async () => {
  const kin = (x: string) => CUE_PATTERNS.kin_address.test(x);
  assert.deepEqual(['mon frere lit mes messages', 'ma soeur est la', 'merci ma tante', 'wesh frere', 'merci bro'].filter(kin), []);
  assert.deepEqual(await escalations(NAMED), ['H: a nude asked, the child names her brother: - P0']);
});

// Review of det53c: a payment reaches P0 only with a meeting, or with secrecy from someone who had to ask or tell her age; the
// image of her in bed, in the shower, is no body image beside a fever or a leak.
const PAID: Conv[] = [
  ['B: a big brother\'s 20 € for his room, kept from dad', ['frere: je te donne 20 balles si tu ranges ma chambre, dis rien à papa', 'soeur#12: deal']],
  ['B: a granny\'s birthday money kept from the brother', ['mamie: je te donne 50 euros pour ton anniversaire, chut ne dis rien à ton frère', 'petitfils#12: merci']],
  ['B: an employer\'s pay for a photo of an ID', ['manager: you\'re 16 so you can work weekends, send me a photo of your ID and i\'ll pay you friday', 'worker#16: thanks']],
  ['B: a mother\'s photo of her sick child in bed', ['maman: t\'es encore malade? envoie moi une photo de toi dans ton lit avec le thermomètre, je passe te chercher à midi', 'fils#10: ok']],
  ['B: a granny\'s money and Sunday lunch, kept from the brother', ['mamie: je te donne 50 euros pour ton anniversaire, chut ne dis rien à ton frère, on se voit dimanche', 'petitfils#12: merci']],
  ['B: an employer\'s pay for an ID photo, then the shop', ['manager: you\'re 16 so you can work weekends, send me a photo of your ID and i\'ll pay you friday, see you at the shop saturday', 'worker#16: thanks']],
  ['B: a coach asks if she is in bed, and for her training log', ['coach: are you in bed already? send me a pic of your training log, dont tell the others, see you at practice saturday', 'ath#14: ok']],
  ['H: a hotel room, secrecy and pay to a 13-year-old', ['man: you\'re 13, come to my hotel room tonight and don\'t tell anyone, i\'ll pay you 100', 'kid#13: ??']],
];

test('det53c review: a payment without a meeting, or secrecy from someone who knows her, holds at P1; a sick child in bed too', async () => {
  assert.deepEqual(await escalations(PAID), [
    'B: a big brother\'s 20 € for his room, kept from dad: - P1',
    'B: a granny\'s birthday money kept from the brother: - P1',
    'B: an employer\'s pay for a photo of an ID: - P1',
    'B: a mother\'s photo of her sick child in bed: - P1',
    'B: a granny\'s money and Sunday lunch, kept from the brother: - P1',
    'B: an employer\'s pay for an ID photo, then the shop: - P1',
    'B: a coach asks if she is in bed, and for her training log: - P1',
    'H: a hotel room, secrecy and pay to a 13-year-old: - P0',
  ]);
});
