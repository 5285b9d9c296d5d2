/**
 * Stop 53 (det53c, review of det53b fix 1; docs/engine.md "Stop 53 (det53c)"): the re-read of an adult's requests when the
 * child's age arrives (context/minor-revealed.ts) reaches P0 only with sexual content, a payment, a body remark or an image of
 * her body asked (rules/d53b.rules sexual_image); a surprise kept from mum, a lift, a photo of homework hold at P1, and such a
 * held re-read makes nobody the offender (his next « je passe te prendre » is not raised by `ongoing`). « mon frère »,
 * « ma sœur », « frérot » said by the child are kin (cues.ts kin_address).
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

test('det53c: a brother, a sister, an aunt named by the child are kin; « wesh frère » is not', () => {
  const kin = (x: string) => CUE_PATTERNS.kin_address.test(x);
  assert.deepEqual(['merci mon frere', 'ma sœur tu es la meilleure', 'ok frerot', 'merci ma tante'].filter((x) => !kin(x)), []);
  assert.deepEqual(['wesh frere', 'trop bien', 'merci bro'].filter(kin), []);
});
