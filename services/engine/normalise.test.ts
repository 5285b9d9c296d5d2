import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalise, squeeze } from './normalise.js';

/** [input, expected tokens joined by spaces] — each evasion, both languages, and innocent text left intact. */
const TOKEN_CASES: [string, string][] = [
  // t' is te after a subject or a verb that takes an object, tu elsewhere (round 14)
  ["je vais t'égorger", 'je vais te egorger'],
  ["j'vais t'éclater", 'je vais te eclater'],
  ["il t'a dit", 'il te a dit'],
  ["t'es mort", 'tu es mort'],
  ["si t'as 14 ans", 'si tu as 14 ans'],
  ["qui t'es", 'qui tu es'],
  ["tu t'es fait avoir", 'tu te es fait avoir'],
  ["jvais t'buter", 'je vais te buter'],
  ["on va t'retrouver et t'éclater", 'on va te retrouver et te eclater'],
  // case, accents, NFKC, homoglyphs, invisible characters
  ['Tu As Quel ÂGE', 'tu as quel age'],
  ['ｓｎａｐ', 'snapchat'],
  ['𝐬𝐧𝐚𝐩𝐜𝐡𝐚𝐭', 'snapchat'],
  ['ѕnарсhаt', 'snapchat'], // Cyrillic look-alikes
  ['ΝUDΕS', 'nudes'], // Greek capitals
  ['sn\u200bap\u200d', 'snapchat'],
  ['wh\u0336a\u0336t\u0336s\u0336a\u0336p\u0336p', 'whatsapp'], // strike-through combining marks
  ['ⓢⓝⓐⓟ', 'snapchat'],
  // leetspeak inside words
  ['sn@p', 'snapchat'],
  ['$nap', 'snapchat'],
  ['5nap', 'snapchat'],
  ['s3xy n00dz', 'sexy nudes'],
  ['h0t ph0t0', 'hot photo'],
  // spaced / dotted letters
  ['s n a p', 'snapchat'],
  ['s.n.a.p', 'snapchat'],
  ['w-h-a-t-s-a-p-p', 'whatsapp'],
  ['t_e_l_e_g_r_a_m', 'telegram'],
  ['i n s t a', 'instagram'],
  // squeezing
  ['snaaaaap', 'snapchat'],
  ['kiiiilllll', 'kill'],
  ['plzzzz', 'please'],
  // French elisions and SMS-speak
  ["t'as quel âge", 'tu as quel age'],
  ['tas quel age', 'tu as quel age'],
  ["j'ai 13 ans", 'je ai 13 ans'],
  ['jai 13ans', 'je ai 13 ans'],
  ['g 12a', 'g 12 ans'],
  ['chui en 5ème', 'je suis en 5 eme'],
  ["c'est notre secret", 'ce est notre secret'],
  ['cest notre secret', 'ce est notre secret'],
  ['asv', 'age sexe ville'],
  ['jsp tkt', 'je sais pas tu inquiete pas'],
  ['slt cc bcp pk qd', 'salut coucou beaucoup pourquoi quand'],
  ['rdv dispo', 'rendez vous disponible'],
  ['ton snp ou ton insta', 'ton snapchat ou ton instagram'],
  ['ton tel ou ton num', 'ton telephone ou ton numero'],
  ["qu'il vienne", 'que il vienne'],
  // English contractions and SMS-speak
  ["i'm 14", 'i am 14'],
  ['im 15 yo', 'i am 15 yo'],
  ["don't tell anyone", 'do not tell anyone'],
  ['u r cute', 'you are cute'],
  ['send pics rn pls', 'send photo right now please'],
  ['add me on sc or ig', 'add me on snapchat or instagram'],
  ['wanna meet', 'want to meet'],
  // numbers, prices, ages, dates stay numbers
  ['50€', '50 euros'],
  ['€50', '50 euros'],
  ['$300', '300 dollars'],
  ['10g 20 balles', '10 g 20 euros'],
  ['rdv à 14h30 le 12/05', 'rendez vous a 14h30 le 12 05'],
  ['9th grade', '9 th grade'],
  ['1v1 me', '1v1 me'],
  ['kevin93', 'kevin93'],
  ['2000 robux', '2000 robux'],
  ['9mm', '9 mm'],
  // emoji
  ['🍃🍃🍃 ❄️', '<emoji:weed> <emoji:cocaine>'],
  ['👻 moi', '<emoji:snapchat> moi'],
  ['💊 + 🔫 + 🔪', '<emoji:pills> <emoji:gun> <emoji:knife>'],
  // innocent text is unharmed
  ['On se voit au parc demain avec les enfants ?', 'on se voit au parc demain avec les enfants'],
  ['Ma fille a 14 ans et elle est en 3e.', 'ma fille a 14 ans et elle est en 3 e'],
  ['The meeting is at 10am, room 204.', 'the meeting is at 10 am room 204'],
  ["Y a-t-il quelqu'un ?", 'y a il quelqu un'],
];

test('normalise: tokens for each evasion and innocent text', () => {
  for (const [input, expected] of TOKEN_CASES) {
    assert.equal(normalise(input).tokens.join(' '), expected, `input: ${JSON.stringify(input)}`);
  }
});

/** [input, phones digits] */
const PHONE_CASES: [string, string[]][] = [
  ['appelle moi 06 12 34 56 78', ['0612345678']],
  ['06.12.34.56.78', ['0612345678']],
  ['0 6 1 2 3 4 5 6 7 8', ['0612345678']],
  ['+33 6 12 34 56 78', ['33612345678']],
  ['0033612345678', ['0033612345678']],
  ['zéro six douze trente-quatre cinquante-six soixante-dix-huit', ['0612345678']],
  ['zero six un deux trois quatre cinq six sept huit', ['0612345678']],
  ['call me 555-123-4567', ['5551234567']],
  ['my number is five five five one two three four five six seven', ['5551234567']],
  // not phones
  ['j ai 14 ans et 2 chats', []],
  ['le 12/05/2025 à 14h', []],
  ['30min 120 / 1h 180', []],
  ['iban partiel 12 34', []],
];

test('normalise: phone numbers written to dodge filters', () => {
  for (const [input, phones] of PHONE_CASES) {
    const n = normalise(input);
    assert.deepEqual(n.phones, phones, `input: ${JSON.stringify(input)}`);
    assert.equal(n.hasPhone, phones.length > 0);
    assert.equal(n.tokens.filter((t) => t === '<phone>').length, phones.length, `tokens: ${n.tokens.join(' ')}`);
  }
});

/** [input, ages] */
const AGE_CASES: [string, number[]][] = [
  ["j'ai 13 ans", [13]],
  ['jai 14', [14]],
  ['14ans', [14]],
  ['im 15', [15]],
  ['i am 16 years old', [16]],
  ['15yo', [15]],
  ['asv 14 f lyon', [14]],
  ['age: 12', [12]],
  ['il est 14h', []],
  ['2 for 40', []],
  ['50€', []],
];

test('normalise: ages recognised in context only', () => {
  for (const [input, ages] of AGE_CASES) assert.deepEqual(normalise(input).ages, ages, `input: ${JSON.stringify(input)}`);
});

/** [input, handles] */
const HANDLE_CASES: [string, string[]][] = [
  ['ajoute moi @lea.dance_13', ['lea.dance_13']],
  ['sc: bigboss_75', ['bigboss_75']],
  ['snap = juju2010', ['juju2010']],
  ['mon insta c\'est marie.lou', ['marie.lou']],
  ['add me: coolguy88', ['coolguy88']],
  ['écris à mec.sympa@gmail.com', ['mec.sympa@gmail.com']],
  ['rejoins t.me/plan_rouen', ['plan_rouen']],
  ['my snap is cool lol', []],
  ['on se voit à 5h', []],
];

test('normalise: handles extracted', () => {
  for (const [input, handles] of HANDLE_CASES) assert.deepEqual(normalise(input).handles, handles, `input: ${JSON.stringify(input)}`);
});

test('normalise: folded keeps accents, stripped removes them, emoji tags listed once', () => {
  const n = normalise('Ｔ\u200bes Où ? 🍃🍃 💸 Œuvre');
  assert.equal(n.folded, 'tes où ? 🍃🍃 💸 œuvre');
  assert.equal(n.stripped, 'tes ou ? 🍃🍃 💸 oeuvre');
  assert.deepEqual(n.emojiTags, ['weed', 'money']);
  assert.equal(n.original, 'Ｔ\u200bes Où ? 🍃🍃 💸 Œuvre');
});

test('normalise: squeeze keeps doubles of consonants, single vowels', () => {
  assert.equal(squeeze('snaaaap'), 'snap');
  assert.equal(squeeze('asssss'), 'ass');
  assert.equal(squeeze('appelle'), 'appelle');
});

test('normalise: empty and whitespace input', () => {
  for (const s of ['', '   ', '\n\t', '\u200b\u200b']) {
    const n = normalise(s);
    assert.deepEqual(n.tokens, []);
    assert.equal(n.hasPhone, false);
  }
});
