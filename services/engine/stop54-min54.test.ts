/**
 * Stop 54 (min54, issue 10; docs/engine.md "Stop 54 (min54)"): the re-read of an adult's requests when the child's age
 * arrives (context/minor-revealed.ts). Her own « j'ai 13 ans » tells the age (read53b B10); a fake scout's identity
 * document does not clear his payment, meeting and secrecy; a child naming her father or granny does not make the adult
 * family (B11); an image of her in bed with words between, and the sexual requests no rule knew, are sexual images (B12,
 * review-det53c); the adult a P0 re-read made offender is held on his next message (review-det53b item 2).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CUE_PATTERNS } from './context/cues.js';
import { rereadGoesOn } from './context/observe.js';
import type { ConversationState } from './context/state.js';
import { escalationsOf, type AgedConv as Conv } from './escalations.test-support.js';

const escalations = (convs: readonly Conv[]): Promise<string[]> => escalationsOf('s54', convs);

const AGE: Conv[] = [
  ['H: a paid hotel meeting, she volunteers her age', ['homme: je te donne 100 euros si tu viens à mon hôtel ce soir, envoie moi une photo', 'fille: j\'ai 13 ans']],
  ['H: the fake scout', ['scout: you\'re 15? send a pic of your ID, i\'ll pay you 300, meet me at my hotel saturday, don\'t tell your parents', 'girl#15: ok']],
  ['B: an employer pays for an ID photo', ['manager: you\'re 16 so you can work weekends, send me a photo of your ID and i\'ll pay you friday', 'worker#16: thanks']],
];

test('min54 B10: her own stated age counts as told; an identity document with a meeting and secrecy still pays a child', async () => {
  assert.deepEqual(await escalations(AGE), [
    'H: a paid hotel meeting, she volunteers her age: - P0',
    'H: the fake scout: - P0',
    'B: an employer pays for an ID photo: - P1',
  ]);
});

test('min54 B11: naming a parent or a grandparent is not addressing the adult as family', async () => {
  const kin = (x: string) => CUE_PATTERNS.kin_address.test(x);
  assert.deepEqual(['papa lit mes messages', 'maman est a cote', 'je dors chez mamie', 'je suis chez papi', 'i am at grandma', 'mom is here'].filter(kin), []);
  assert.deepEqual(['oui papa', 'merci mamie', 'ok dad', 'papa, tu viens?', 'maman tu me manques', 'merci tonton', 'bisous mamie!'].filter((x) => !kin(x)), []);
  assert.deepEqual(await escalations([
    ['H: a nude asked, the child names her father', ['homme: envoie moi une photo nue, dis rien à ta mère, on se voit demain', 'fille#12: papa lit mes messages']],
    ['H: a nude asked, the child sleeps at granny\'s', ['homme: envoie moi une photo nue et on se voit demain, c\'est notre secret', 'fille#12: je dors chez mamie ce soir']],
  ]), [
    'H: a nude asked, the child names her father: - P0',
    'H: a nude asked, the child sleeps at granny\'s: - P0',
  ]);
});

test('min54 B12: an image of her in bed with words between, and sexual requests no rule knew, are sexual images', async () => {
  assert.deepEqual(await escalations([
    ['H: a snap of you in your bed', ['homme: envoie un snap de toi dans ton lit, on se voit demain, dis rien', 'fille#13: ??']],
    ['H: a photo lying in your bed', ['homme: envoie une photo de toi allongée dans ton lit, c\'est entre nous', 'fille#13: pk']],
    ['H: EN a pic of yourself in bed', ['man: send me a pic of yourself in bed, keep it between us', 'girl#13: why']],
    ['H: EN a pic from bed', ['man: send me a pic from bed, don\'t tell your mom', 'girl#13: ok']],
    ['H: undress on cam', ['homme: allume ta cam et déshabille toi pour moi, c\'est notre secret', 'fille#12: non']],
    ['H: EN a selfie with nothing on', ['man: send a selfie with nothing on, dont tell ur parents', 'girl#12: no']],
    ['B: a tidy room, a sick child in bed', ['maman: t\'es au lit? envoie moi une photo de ta chambre rangée', 'fille#10: je suis au lit, j\'ai de la fièvre']],
  ]), [
    'H: a snap of you in your bed: - P0',
    'H: a photo lying in your bed: - P0',
    'H: EN a pic of yourself in bed: - P0',
    'H: EN a pic from bed: - P0',
    'H: undress on cam: - P0',
    'H: EN a selfie with nothing on: - P0',
    'B: a tidy room, a sick child in bed: - -',
  ]);
});

test('min54 det53b item 2: the adult a P0 re-read made offender goes on when the window model reads grooming', () => {
  const conv = { reread: 'homme' } as unknown as ConversationState;
  assert.equal(rereadGoesOn(conv, 'homme', { child_grooming: 0.64 }), true);
  assert.equal(rereadGoesOn(conv, 'homme', { sexual_harassment: 0.6 }), true);
  assert.equal(rereadGoesOn(conv, 'homme', { child_grooming: 0.3 }), false);
  assert.equal(rereadGoesOn(conv, 'homme', undefined), false);
  assert.equal(rereadGoesOn(conv, 'fille', { child_grooming: 0.9 }), false);
  assert.equal(rereadGoesOn({} as unknown as ConversationState, 'homme', { child_grooming: 0.9 }), false);
});

test('min54 review: the brief’s « un snap de toi dans ton lit » is a sexual image (the normaliser reads « snap » as « snapchat »)', async () => {
  const { loadRuleSet } = await import('./rules/index.js');
  const { normalise } = await import('./normalise.js');
  const { fileURLToPath } = await import('node:url');
  const rs = await loadRuleSet(fileURLToPath(new URL('../../../rules', import.meta.url)));
  const fires = (t: string): string[] => rs.match(normalise(t)).map((h) => h.ruleId).filter((id) => id.startsWith('d54_cue.sexual_image'));
  assert.deepEqual(fires('envoie un snap de toi dans ton lit'), ['d54_cue.sexual_image_fr']);
  assert.deepEqual(fires('send me a snap of you in bed'), ['d54_cue.sexual_image_en']);
  assert.deepEqual(fires('envoie un snap de ton chien dans ton lit'), []);
});
