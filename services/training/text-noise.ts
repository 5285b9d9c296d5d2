import type { Rng } from './rng.js';

/**
 * Chat-style surface transforms applied to generated text so a model learns features that survive
 * SMS-speak, typos and deliberate obfuscation instead of memorising template sentences.
 */
export interface NoiseOptions {
  /** Probability that a message gets any transform at all. Default 0.6. */
  rate: number;
}

const SMS_FR: [RegExp, string[]][] = [
  [/\bc'est\b/g, ['c', 'cest', "c'", 'ces']],
  [/\bje suis\b/g, ['chui', 'jsuis', 'jsui', 'je sui']],
  [/\bquoi\b/g, ['koi', 'quoa']],
  [/\bpourquoi\b/g, ['pk', 'pq', 'pourkoi']],
  [/\bbeaucoup\b/g, ['bcp']],
  [/\bs'il te pla[iî]t\b/g, ['stp', 'stp stp']],
  [/\bqu'est-ce que\b/g, ['kesk', 'qu est ce que', 'keske']],
  [/\btu es\b/g, ['t', 'tes', "t'es"]],
  [/\bt'es\b/g, ['t', 'tes']],
  [/\bque\b/g, ['ke', 'q']],
  [/\bqui\b/g, ['ki']],
  [/\bmaintenant\b/g, ['mtn', 'maint']],
  [/\bdemain\b/g, ['dem1', '2main']],
  [/\bsalut\b/g, ['slt', 'sa lu']],
  [/\bbonjour\b/g, ['bjr', 'bonjou']],
  [/\bmoi\b/g, ['moa', 'mwa']],
  [/\btoi\b/g, ['toa', 'twa']],
  [/\bvraiment\b/g, ['vrmt', 'vrm']],
  [/\bquand\b/g, ['qd', 'kan']],
  [/\bparce que\b/g, ['pcq', 'psk', 'pck']],
  [/\bd'accord\b/g, ['dac', 'dacc', 'ok']],
  [/\bmessage\b/g, ['msg']],
  [/\bphoto\b/g, ['foto', 'pic', 'pp']],
  [/\bans\b/g, ['an', 'ans']],
  [/\btu\b/g, ['t', 'tu']],
  [/\baujourd'hui\b/g, ['ajd', 'aujourd hui', 'auj']],
  [/\bquelque chose\b/g, ['qqch', 'qlq chose']],
  [/\bce soir\b/g, ['ce soar', 'ce swar', '2soir']],
];
const SMS_EN: [RegExp, string[]][] = [
  [/\byou\b/g, ['u', 'ya', 'yu']],
  [/\byour\b/g, ['ur', 'yr']],
  [/\byou're\b/g, ['ur', 'youre', 'u r']],
  [/\bare\b/g, ['r']],
  [/\bto\b/g, ['2', 'to']],
  [/\bfor\b/g, ['4']],
  [/\bplease\b/g, ['pls', 'plz']],
  [/\btonight\b/g, ['2nite', 'tonite']],
  [/\btomorrow\b/g, ['tmrw', '2moro', 'tmr']],
  [/\bbecause\b/g, ['bc', 'cuz', 'coz']],
  [/\bpicture\b/g, ['pic', 'pik']],
  [/\bpictures\b/g, ['pics', 'pix']],
  [/\bphoto\b/g, ['pic', 'foto']],
  [/\bwant to\b/g, ['wanna']],
  [/\bgoing to\b/g, ['gonna']],
  [/\bgot to\b/g, ['gotta']],
  [/\bdon't know\b/g, ['dunno', 'idk']],
  [/\bwhat\b/g, ['wat', 'wut']],
  [/\bthanks\b/g, ['thx', 'ty']],
  [/\bpeople\b/g, ['ppl']],
  [/\bbefore\b/g, ['b4']],
  [/\bsee you\b/g, ['cya', 'c u']],
  [/\bI am\b/g, ['im', 'Im', 'i am']],
  [/\bI'm\b/g, ['im', 'Im']],
  [/\bold\b/g, ['old', 'yo']],
  [/\bsomething\b/g, ['smth', 'sth']],
  [/\bwith\b/g, ['w', 'wit']],
];

const LEET: Record<string, string[]> = { a: ['4', '@'], e: ['3'], i: ['1', '!'], o: ['0'], s: ['5', '$'], t: ['7'], g: ['9'] };
const EMOJI = ['😂', '😅', '😘', '😏', '🔥', '❤️', '🙈', '😉', '👀', '💯', '🤫', '😍', '🥺', '👍', '💸', '🍃', '❄️', '🔫', '🔪', '🍑', '😈'];
/** Words worth obfuscating: evasion targets these in real chats. */
const SENSITIVE_WORDS = [
  'snap', 'snapchat', 'insta', 'instagram', 'telegram', 'whatsapp', 'discord', 'kik', 'wickr', 'signal',
  'photo', 'photos', 'pic', 'pics', 'nude', 'nudes', 'nue', 'nus', 'sexe', 'sex',
  'coke', 'cocaine', 'cocaïne', 'beuh', 'weed', 'shit', 'pilule', 'pills', 'ghb',
  'gun', 'flingue', 'arme', 'glock', 'kalash', 'secret', 'age', 'âge', 'ans', 'old', 'meet', 'rdv',
  'tarif', 'tarifs', 'dispo', 'massage', 'plan', 'tuer', 'kill', 'crever', 'dead', 'mort',
  'payer', 'pay', 'cash', 'euros', 'snif', 'md', 'mdma', 'xanax', 'rohypnol', 'drogue', 'drug', 'drugs',
];
const SENSITIVE = new RegExp(`^(${SENSITIVE_WORDS.join('|')})$`, 'i');

export function applyNoise(text: string, lang: 'fr' | 'en', rng: Rng, opts: NoiseOptions = { rate: 0.6 }): string {
  if (!rng.chance(opts.rate)) return text;
  let t = text;
  if (rng.chance(0.55)) t = t.toLowerCase();
  if (rng.chance(0.6)) t = sms(t, lang === 'fr' ? SMS_FR : SMS_EN, rng);
  if (lang === 'fr' && rng.chance(0.5)) t = t.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (rng.chance(0.4)) t = t.replace(/[.,;!?]+(\s|$)/g, (_m, s: string) => (rng.chance(0.7) ? s : '!!' + s)).trim();
  if (rng.chance(0.2)) t = obfuscateWords(t, rng);
  if (rng.chance(0.12)) t = typo(t, rng);
  if (rng.chance(0.1)) t = stretch(t, rng);
  if (rng.chance(0.25)) t = `${t} ${rng.pick(EMOJI)}${rng.chance(0.3) ? rng.pick(EMOJI) : ''}`;
  return t.trim() === '' ? text : t;
}

function sms(t: string, table: [RegExp, string[]][], rng: Rng): string {
  for (const [re, subs] of table) {
    if (rng.chance(0.6)) t = t.replace(re, () => rng.pick(subs));
  }
  return t;
}

/** Leetspeak, letter splitting or inserted dots on sensitive words (and now and then any word). */
export function obfuscateWords(t: string, rng: Rng): string {
  return t
    .split(' ')
    .map((w) => {
      if (!(SENSITIVE.test(w) || rng.chance(0.05)) || w.length < 3) return w;
      const mode = rng.int(0, 3);
      if (mode === 0) return [...w].map((c) => (LEET[c.toLowerCase()] && rng.chance(0.6) ? rng.pick(LEET[c.toLowerCase()]!) : c)).join('');
      if (mode === 1) return [...w].join(rng.pick([' ', '.', '-', '_']));
      if (mode === 2) return w.slice(0, 1) + '*' + w.slice(2);
      return w.toUpperCase();
    })
    .join(' ');
}

function typo(t: string, rng: Rng): string {
  if (t.length < 6) return t;
  const i = rng.int(1, t.length - 3);
  const mode = rng.int(0, 2);
  if (mode === 0) return t.slice(0, i) + t[i + 1] + t[i] + t.slice(i + 2); // swap
  if (mode === 1) return t.slice(0, i) + t.slice(i + 1); // drop
  return t.slice(0, i) + t[i] + t.slice(i); // double
}

function stretch(t: string, rng: Rng): string {
  return t.replace(/([aeiouy])(\s|$)/, (_m, v: string, s: string) => v.repeat(rng.int(2, 5)) + s);
}
