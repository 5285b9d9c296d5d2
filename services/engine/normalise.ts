/**
 * Text normalisation for the detection engine: pure, single pass per stage, linear in the input.
 *
 * `normalise(text)` returns a `NormalisedText`:
 * - `original`  the input, untouched.
 * - `folded`    Unicode NFKC, lower case, invisible characters (zero-width, bidi controls, variation
 *               selectors, skin tones) and stray combining marks removed, homoglyphs (Cyrillic, Greek,
 *               small capitals, fullwidth, mathematical alphanumerics, regional-indicator and squared
 *               letters) mapped to Latin. Accents are kept.
 * - `stripped`  `folded` with accents removed and ligatures expanded (é→e, œ→oe, ß→ss); curly quotes → '.
 * - `tokens`    the tokens rules and the model featuriser consume (see below).
 * - `ages`      numbers (1..120) that look like ages in context: "14 ans", "j'ai 14", "i'm 15", "15yo", "asv 14 f".
 * - `hasPhone` / `phones`  phone numbers found (digits only), however written: "06 12 34 56 78",
 *               "0.6.1.2…", "+33 6 …", "zero six douze …"; each becomes one `<phone>` token.
 * - `handles`   user names given for contact: "@name", "snap: name", "ig = name", "insta c'est name", e-mail, t.me/… links.
 * - `emojiTags` meanings of the emoji present (see EMOJI_TAGS), e.g. ['weed', 'money'].
 *
 * Tokens (stable contract, shared with rules and the model featuriser):
 * - lower case, accents stripped, runs of 3+ identical letters squeezed (vowels to 1, consonants to 2);
 * - leetspeak decoded inside words that are otherwise letters ("sn@p", "$nap", "5nap", "s3x", "n00ds");
 *   plain numbers stay numbers ("15", "50"), glued units are split ("15ans" → "15 ans", "10g" → "10 g",
 *   "50€" → "50 euros", "$300" → "300 dollars");
 * - letters split by spaces, dots, dashes, underscores or stars re-joined ("s n a p", "s.n.a.p");
 * - French elisions expanded (j' → je, t' → tu, c' → ce, qu' → que …), English contractions expanded
 *   (don't → do not, i'm → i am), SMS-speak expanded to canonical words (SMS table: jsp → je sais pas,
 *   u → you, snp/sc/snap → snapchat, ig/insta → instagram, pic/pics → photo, rdv → rendez vous …);
 * - special tokens: `<phone>`, `<handle>`, `<url>`, `<emoji:TAG>`; punctuation is dropped.
 * Rule phrases are normalised by this same function, so they may be written in natural spelling.
 */
import * as T from './normalise-tables.js';

/** Null-prototype copies: message words such as "constructor" or "__proto__" must not reach Object.prototype. */
function table(r: Record<string, string>): Record<string, string> { return Object.assign(Object.create(null) as Record<string, string>, r); }
const { AGE_AFTER, AGE_BEFORE } = T;
const DIGIT_WORDS = table(T.DIGIT_WORDS);
const EMOJI_TAGS = table(T.EMOJI_TAGS);
const HOMOGLYPHS = table(T.HOMOGLYPHS);
const LEET = table(T.LEET);
const NUMBER_SUFFIXES = table(T.NUMBER_SUFFIXES);
const SMS = table(T.SMS);
const STRIP_EXTRA = table(T.STRIP_EXTRA);

export interface NormalisedText {
  original: string;
  folded: string;
  stripped: string;
  tokens: string[];
  ages: number[];
  hasPhone: boolean;
  phones: string[];
  handles: string[];
  emojiTags: string[];
}

/** Bumped whenever the token contract changes (models trained on tokens depend on it). */
export const NORMALISER_VERSION = '1';

/**
 * t' is « te » (an object) after a subject or a verb that takes one, « tu » elsewhere: « je t'aime », « je vais t'égorger »,
 * « il t'a dit », « pour t'aider » read te; « t'es mort », « si t'as » read tu (round 14: every « je vais t'égorger »,
 * « on va t'éclater » read « je vais tu egorger » and no threat rule saw it).
 */
const T_OBJECT_AFTER: ReadonlySet<string> = new Set([
  'je', 'il', 'elle', 'on', 'nous', 'vous', 'ils', 'elles', 'ca', 'cela', 'qui', 'ne', 'y', 'moi',
  'vais', 'va', 'vas', 'veux', 'veut', 'voulons', 'veulent', 'peux', 'peut', 'pouvons', 'peuvent', 'dois', 'doit', 'doivent',
  'faut', 'vient', 'viens', 'viennent', 'vont', 'allons', 'allez', 'aller', 'venir', 'pour', 'de', 'sans', 'et', 'puis', 'pas',
  'plus', 'jamais', 'jvais', 'jpeux', 'jveux', 'jdois', 'jsais', 'jvai', 'jte',
]);
/** t' before a form of « être » or « avoir » is « tu » (« qui t'es », « et t'as vu »), unless « tu » is already said (« tu t'es fait avoir »). */
const TU_FORMS: ReadonlySet<string> = new Set(['es', 'as', 'etais', 'étais', 'avais', 'auras', 'aurais', 'etait', 'était']);
function tElision(prev: string, rest: string): string {
  const next = /^[a-zàâäéèêëîïôöùûüç]+/.exec(rest)?.[0] ?? '';
  if (prev === 'tu') return 'te';
  if (TU_FORMS.has(next)) return 'tu';
  return T_OBJECT_AFTER.has(prev) ? 'te' : 'tu';
}
const ELISIONS: Record<string, string> = table({
  j: 'je', t: 'tu', m: 'me', n: 'ne', d: 'de', s: 'se', c: 'ce', l: 'le', qu: 'que', jusqu: 'jusque', lorsqu: 'lorsque', puisqu: 'puisque', presqu: 'presque',
});
/** English contractions, keyed without the apostrophe, only used when the word had one. */
const CONTRACTIONS: Record<string, string> = table({
  ill: 'i will', youll: 'you will', well: 'we will', theyll: 'they will', hell: 'he will', shell: 'she will', its: 'it is', hes: 'he is', shes: 'she is',
  lets: 'let us', were: 'we are', theyre: 'they are', id: 'i would', youd: 'you would', youve: 'you have', weve: 'we have', whos: 'who is', theres: 'there is',
});
const PLATFORM_WORDS = new Set(['snapchat', 'instagram', 'whatsapp', 'telegram', 'discord', 'kik', 'tiktok', 'facebook', 'messenger', 'signal', 'skype', 'wickr', 'threema', 'viber', 'session']);
const URL_HOSTS: [string, string][] = [
  ['t.me/', 'telegram'], ['telegram.me/', 'telegram'], ['wa.me/', 'whatsapp'], ['chat.whatsapp.com/', 'whatsapp'], ['snapchat.com/', 'snapchat'],
  ['instagram.com/', 'instagram'], ['discord.gg/', 'discord'], ['discord.com/', 'discord'], ['tiktok.com/', 'tiktok'], ['kik.me/', 'kik'], ['onlyfans.com/', 'onlyfans'],
];

// ---------------------------------------------------------------- folding
function isInvisible(cp: number): boolean {
  return (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f) || cp === 0xfeff || cp === 0xad
    || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0000 && cp <= 0xe01ef) || cp === 0x34f || cp === 0x180e || cp === 0x115f || cp === 0x1160 || cp === 0x3164
    || (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x1ab0 && cp <= 0x1aff) || (cp >= 0x1dc0 && cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff)
    || (cp >= 0xfe20 && cp <= 0xfe2f) || (cp >= 0x1f3fb && cp <= 0x1f3ff) || (cp >= 0x483 && cp <= 0x489);
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;
/** Capitals whose lower case looks like another Latin letter (Greek Ν → ν looks like v). */
const UPPER_HOMOGLYPHS: Record<string, string> = { 'Ν': 'n', 'Η': 'h', 'Μ': 'm', 'Υ': 'y', 'Ρ': 'p', 'Χ': 'x', 'Τ': 't', 'Κ': 'k', 'Ι': 'i', 'Ζ': 'z' };

const FOLD_CACHE = new Map<number, string | null>();
/** Folded form of one non-ASCII code point at s[i] (length `len`), or null when it is unchanged; cached per code point. */
function foldCp(cp: number, s: string, i: number, len: number): string | null {
  let r = FOLD_CACHE.get(cp);
  if (r === undefined) { r = foldCpUncached(cp, s, i, len); if (FOLD_CACHE.size < 50000) FOLD_CACHE.set(cp, r); }
  return r;
}

function foldCpUncached(cp: number, s: string, i: number, len: number): string | null {
  if (isInvisible(cp)) return '';
  if (cp >= 0x1f1e6 && cp <= 0x1f1ff) return String.fromCharCode(97 + cp - 0x1f1e6);
  if (cp >= 0x1f130 && cp <= 0x1f149) return String.fromCharCode(97 + cp - 0x1f130);
  if (cp >= 0x1f170 && cp <= 0x1f189) return String.fromCharCode(97 + cp - 0x1f170);
  if (cp >= 0x24b6 && cp <= 0x24e9) return String.fromCharCode(97 + ((cp - 0x24b6) % 26));
  const ch = len === 2 ? s.slice(i, i + 2) : s[i]!;
  const up = UPPER_HOMOGLYPHS[ch];
  if (up !== undefined) return up;
  let l = ch.toLowerCase();
  if (l.length > 1 && l.charCodeAt(0) < 0x80) l = l[0]!; // "İ" → "i̇": keep the base letter
  const h = HOMOGLYPHS[l] ?? l;
  return h === ch ? null : h;
}

export function foldText(text: string): string {
  if (ASCII_ONLY.test(text)) return text.toLowerCase();
  const s = text.normalize('NFKC');
  // Unchanged runs are copied as slices (no per-character concatenation); ASCII runs lower-cased at once.
  const parts: string[] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j < n && s.charCodeAt(j) < 0x80) j++;
    if (j > i) { parts.push(s.slice(i, j).toLowerCase()); i = j; continue; }
    let runStart = i;
    while (i < n) {
      const cp = s.codePointAt(i)!;
      if (cp < 0x80) break;
      const len = cp > 0xffff ? 2 : 1;
      const r = foldCp(cp, s, i, len);
      if (r !== null) {
        if (i > runStart) parts.push(s.slice(runStart, i));
        if (r) parts.push(r);
        runStart = i + len;
      }
      i += len;
    }
    if (i > runStart) parts.push(s.slice(runStart, i));
  }
  return parts.join('');
}

const STRIP_CACHE = new Map<number, string>();
for (let cp = 0xc0; cp <= 0x24f; cp++) {
  const ch = String.fromCharCode(cp);
  const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (base !== ch) STRIP_CACHE.set(cp, base);
}
for (const [k, v] of Object.entries(STRIP_EXTRA)) STRIP_CACHE.set(k.codePointAt(0)!, v);

export function stripAccents(folded: string): string {
  if (ASCII_ONLY.test(folded)) return folded;
  const parts: string[] = [];
  let runStart = 0;
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i);
    if (c < 0x80) continue;
    const r = STRIP_CACHE.get(c);
    if (r === undefined) continue;
    if (i > runStart) parts.push(folded.slice(runStart, i));
    parts.push(r);
    runStart = i + 1;
  }
  if (runStart === 0) return folded;
  if (runStart < folded.length) parts.push(folded.slice(runStart));
  return parts.join('');
}

// ---------------------------------------------------------------- tokenising
const enum K { Word, Num, Special, Unit }
interface Raw { t: string; k: K; single: boolean; plus: boolean }

const LETTER_CACHE = new Map<number, boolean>();
const LETTER_RE = /^\p{L}$/u;
function isLetterCp(cp: number): boolean {
  if (cp < 0x80) return (cp >= 97 && cp <= 122);
  let v = LETTER_CACHE.get(cp);
  if (v === undefined) { v = LETTER_RE.test(String.fromCodePoint(cp)); if (LETTER_CACHE.size < 50000) LETTER_CACHE.set(cp, v); }
  return v;
}
const isDigitCode = (c: number) => c >= 48 && c <= 57;
const isAsciiLetter = (c: number) => c >= 97 && c <= 122;
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f;
}

/** Squeezes runs of 3+ identical letters: vowels to one, consonants to two. */
export function squeeze(w: string): string {
  let run = false;
  for (let i = 2; i < w.length; i++) if (w.charCodeAt(i) === w.charCodeAt(i - 1) && w.charCodeAt(i) === w.charCodeAt(i - 2)) { run = true; break; }
  if (!run) return w;
  let out = '';
  let i = 0;
  while (i < w.length) {
    const ch = w[i]!;
    let j = i + 1;
    while (j < w.length && w[j] === ch) j++;
    const n = j - i;
    if (n < 3) out += n === 1 ? ch : ch + ch;
    else out += ch === 'a' || ch === 'e' || ch === 'i' || ch === 'o' || ch === 'u' || ch === 'y' ? ch : ch + ch;
    i = j;
  }
  return out;
}
/** Every run of identical letters reduced to one (the matcher's fallback key). */
export function squeezeAll(w: string): string {
  let out = '';
  for (let i = 0; i < w.length; i++) if (i === 0 || w[i] !== w[i - 1]) out += w[i];
  return out;
}

function hasLeet(seg: string): boolean {
  for (let i = 0; i < seg.length; i++) if (LEET[seg[i]!] !== undefined) return true;
  return false;
}

function leetify(seg: string): string {
  if (!hasLeet(seg)) return seg;
  let out = '';
  for (let i = 0; i < seg.length; i++) {
    const ch = seg[i]!;
    if (ch === '1' && (seg[i - 1] === 'l' || seg[i + 1] === 'l' || seg[i - 1] === '1' || seg[i + 1] === '1')) { out += 'l'; continue; }
    out += LEET[ch] ?? ch;
  }
  return out;
}

/** Splits one alphanumeric segment (letters, digits, inner leet symbols) into raw tokens. */
function classifySegment(seg: string, out: Raw[], single: boolean, plus: boolean): void {
  let digits = 0; let letters = 0; let other = 0;
  for (let i = 0; i < seg.length; i++) {
    const c = seg.charCodeAt(i);
    if (isDigitCode(c)) digits++; else if (!isAsciiLetter(c) && LEET[seg[i]!] !== undefined) other++; else letters++;
  }
  if (digits === seg.length) { out.push({ t: seg, k: K.Num, single: single && seg.length === 1, plus }); return; }
  if (digits === 0 && other === 0) { out.push({ t: seg, k: K.Word, single: single && seg.length === 1, plus: false }); return; }
  if (SMS[seg] !== undefined) { out.push({ t: seg, k: K.Word, single: false, plus: false }); return; }
  // number glued to a unit or to a word: "15ans", "10g", "4eme", "5nap"
  let p = 0;
  while (p < seg.length && isDigitCode(seg.charCodeAt(p))) p++;
  if (p > 0 && other === 0 && digits === p) {
    const num = seg.slice(0, p); const rest = seg.slice(p);
    const unit = NUMBER_SUFFIXES[rest];
    if (unit !== undefined) { out.push({ t: num, k: K.Num, single: false, plus }, { t: unit, k: K.Unit, single: false, plus: false }); return; }
    if (p === 1 && LEET[num] !== undefined && rest.length >= 2) { out.push({ t: leetify(seg), k: K.Word, single: false, plus: false }); return; }
    out.push({ t: num, k: K.Num, single: false, plus }, { t: rest, k: K.Word, single: false, plus: false });
    return;
  }
  // word followed by digits only ("kevin93", "ado15"): a name, keep whole
  let q = seg.length;
  while (q > 0 && isDigitCode(seg.charCodeAt(q - 1))) q--;
  if (other === 0 && seg.length - q === digits && q > 0) { out.push({ t: seg, k: K.Word, single: false, plus: false }); return; }
  if (letters < digits + other) { out.push({ t: seg, k: K.Word, single: false, plus: false }); return; }
  out.push({ t: leetify(seg), k: K.Word, single: false, plus: false });
}


const EMOJI_RAW = new Map<string, Raw>();
/** The (shared, immutable) `<emoji:TAG>` token. */
function emojiRaw(tag: string): Raw {
  let r = EMOJI_RAW.get(tag);
  if (r === undefined) { r = { t: `<emoji:${tag}>`, k: K.Special, single: false, plus: false }; EMOJI_RAW.set(tag, r); }
  return r;
}

/** Bounded caches of per-word results (cleared when full): chat text repeats its words. */
const CACHE_MAX = 20000;
const CHUNK_CACHE = new Map<string, Raw[]>();
/** Per word: its squeezed form and its SMS expansion (null: none). */
const EXPAND_CACHE = new Map<string, { w: string; exp: Raw[] | null }>();

/** classifySegment(seg, out, true, false), its result cached per segment. */
function pushSegment(seg: string, out: Raw[]): void {
  let toks = CHUNK_CACHE.get(seg);
  if (toks === undefined) {
    toks = [];
    classifySegment(seg, toks, true, false);
    if (seg.length <= 32) { if (CHUNK_CACHE.size >= CACHE_MAX) CHUNK_CACHE.clear(); CHUNK_CACHE.set(seg, toks); }
  }
  for (let k = 0; k < toks.length; k++) out.push(toks[k]!);
}

/** EMOJI_TAGS by code point (a key of several code points can never equal one scanned code point). */
const EMOJI_BY_CP = new Map<number, string>();
for (const [k, v] of Object.entries(EMOJI_TAGS)) if (k.length === String.fromCodePoint(k.codePointAt(0)!).length) EMOJI_BY_CP.set(k.codePointAt(0)!, v);

/** True when every character of `s` is an ASCII lower-case letter or digit. */
function isPlainAlnum(s: string): boolean {
  for (let i = 0; i < s.length; i++) { const c = s.charCodeAt(i); if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) return false; }
  return true;
}

/** Tokenises one whitespace-delimited chunk. */
function tokenChunk(chunk: string, out: Raw[], handles: string[], emojiTags: string[]): void {
  // fast path, same result as the scan below: one segment of plain letters and digits (Raw tokens are never mutated, so shared)
  if (isPlainAlnum(chunk)) { pushSegment(chunk, out); return; }
  // handles, e-mails and links
  if (chunk.length >= 3 && chunk[0] === '@') {
    const name = trimPunct(chunk.slice(1));
    if (name.length >= 2 && /^[a-z0-9._-]+$/.test(name) && /[a-z]/.test(name)) { handles.push(name); out.push({ t: '<handle>', k: K.Special, single: false, plus: false }); return; }
  }
  const at = chunk.indexOf('@');
  if (at > 0 && chunk.indexOf('.', at) > at + 1) { handles.push(trimPunct(chunk)); out.push({ t: '<handle>', k: K.Special, single: false, plus: false }); return; }
  if (chunk.includes('://') || chunk.startsWith('www.') || chunk.includes('.com/') || chunk.includes('.me/') || chunk.includes('.gg/')) {
    out.push({ t: '<url>', k: K.Special, single: false, plus: false });
    for (const [host, platform] of URL_HOSTS) {
      const h = chunk.indexOf(host);
      if (h >= 0) {
        out.push({ t: platform, k: K.Word, single: false, plus: false });
        const path = trimPunct(chunk.slice(h + host.length).replace(/^(add|u|invite)\//, ''));
        if (path) handles.push(path);
        break;
      }
    }
    return;
  }
  // euphonic t of French questions ("y a-t-il", "va-t-elle") is not a word
  if (chunk.includes('-t-')) chunk = chunk.replace(/-t-(il|elle|on|ils|elles)\b/g, '-$1');
  // English contraction or French elision carried by an apostrophe
  const apos = chunk.indexOf("'");
  if (apos > 0) {
    const head = chunk.slice(0, apos);
    const el = head === 't' ? tElision(out[out.length - 1]?.t ?? '', chunk.slice(apos + 1)) : ELISIONS[head];
    if (el !== undefined) {
      for (const w of el.split(' ')) out.push({ t: w, k: K.Word, single: false, plus: false });
      const rest = chunk.slice(apos + 1);
      if (rest) tokenChunk(rest, out, handles, emojiTags);
      return;
    }
    const bare = trimPunct(chunk).replace(/'/g, '');
    const exp = CONTRACTIONS[bare] ?? (SMS[bare] !== undefined && SMS[bare] !== bare ? SMS[bare] : undefined);
    if (exp !== undefined && /^[a-z]+$/.test(bare)) {
      for (const w of exp.split(' ')) out.push({ t: w, k: K.Word, single: false, plus: false });
      return;
    }
  }
  // scan segments: a segment is always a contiguous run chunk[segStart, segEnd) of code points
  let segStart = -1;
  let segEnd = -1;
  let plus = false;
  let pendingCurrency: string | null = null;
  let lastEmoji = '';
  // The open segment's flush is written out where it happens (`if (segStart >= 0) { flushSegment(...); reset }`): a
  // `flush` closure was a closure and a context (every variable it wrote moved into it) per chunk (issue 14, round 17).
  for (let i = 0; i < chunk.length;) {
    const cp = chunk.codePointAt(i)!;
    const at = i;
    i += cp > 0xffff ? 2 : 1;
    if (isDigitCode(cp) || isLetterCp(cp)) { if (segStart < 0) segStart = at; segEnd = i; continue; }
    if (cp === 64 || cp === 36 || cp === 33 || cp === 124 || cp === 0x20ac) { // leet symbols: @ $ ! | €
      const ch = chunk[at]!;
      const prev = segStart >= 0;
      const ncp = i < chunk.length ? chunk.codePointAt(i)! : -1;
      const nextAlnum = ncp >= 0 && (isDigitCode(ncp) || isLetterCp(ncp));
      const nextIsDigit = ncp >= 0 && isDigitCode(ncp);
      if ((ch === '$' || ch === '€') && nextIsDigit && !prev) { pendingCurrency = ch === '$' ? 'dollars' : 'euros'; continue; }
      if ((ch === '$' || ch === '€') && prev && /^[0-9]+$/.test(chunk.slice(segStart, segEnd))) {
        if (segStart >= 0) { flushSegment(chunk, segStart, segEnd, plus, pendingCurrency, out); segStart = -1; plus = false; lastEmoji = ''; pendingCurrency = null; }
        out.push({ t: ch === '$' ? 'dollars' : 'euros', k: K.Word, single: false, plus: false });
        continue;
      }
      if (nextAlnum && (prev || ch === '$' || ch === '@')) { if (segStart < 0) segStart = at; segEnd = i; continue; }
      if (segStart >= 0) { flushSegment(chunk, segStart, segEnd, plus, pendingCurrency, out); segStart = -1; plus = false; lastEmoji = ''; pendingCurrency = null; }
      if (ch === '€' || ch === '$') out.push({ t: ch === '$' ? 'dollars' : 'euros', k: K.Word, single: false, plus: false });
      continue;
    }
    if (segStart >= 0) { flushSegment(chunk, segStart, segEnd, plus, pendingCurrency, out); segStart = -1; plus = false; lastEmoji = ''; pendingCurrency = null; }
    if (cp === 43) { plus = true; continue; } // +
    if (cp === 0xa3) { out.push({ t: 'pounds', k: K.Word, single: false, plus: false }); continue; } // £
    if (cp === 39 && at > 0) { // '
      // elision inside a chunk ("jusqu'au", "(j'ai"): handled by recursion on the remainder
      const before = out[out.length - 1];
      if (before && before.k === K.Word && ELISIONS[before.t] !== undefined) {
        out.pop();
        for (const w of ELISIONS[before.t]!.split(' ')) out.push({ t: w, k: K.Word, single: false, plus: false });
      }
      continue;
    }
    const tag = EMOJI_BY_CP.get(cp);
    if (tag !== undefined) {
      if (tag !== lastEmoji) { out.push(emojiRaw(tag)); if (!emojiTags.includes(tag)) emojiTags.push(tag); }
      lastEmoji = tag;
    }
  }
  if (segStart >= 0) flushSegment(chunk, segStart, segEnd, plus, pendingCurrency, out);
}

/** The segment chunk[segStart, segEnd) into `out` (a segment of one char is eligible for re-joining spaced letters), then the currency word it waits for. */
function flushSegment(chunk: string, segStart: number, segEnd: number, plus: boolean, pendingCurrency: string | null, out: Raw[]): void {
  if (plus) classifySegment(chunk.slice(segStart, segEnd), out, true, true);
  else pushSegment(chunk.slice(segStart, segEnd), out);
  if (pendingCurrency) out.push({ t: pendingCurrency, k: K.Word, single: false, plus: false });
}

function trimPunct(s: string): string {
  let a = 0; let b = s.length;
  while (a < b && '.,;:!?()[]{}"\'<>'.includes(s[a]!)) a++;
  while (b > a && '.,;:!?()[]{}"\'<>'.includes(s[b - 1]!)) b--;
  return s.slice(a, b);
}

/** Re-joins runs of 3+ single characters ("s n a p", "s.n.a.p") into one word. */
function joinSpaced(raw: Raw[]): Raw[] {
  let anySingle = false;
  for (let k = 0; k < raw.length && !anySingle; k++) anySingle = raw[k]!.single;
  if (!anySingle) return raw; // nothing to re-join (the loop below would copy `raw` unchanged)
  const out: Raw[] = [];
  let i = 0;
  while (i < raw.length) {
    const r = raw[i]!;
    if (!r.single) { out.push(r); i++; continue; }
    let j = i;
    let letters = 0;
    while (j < raw.length && raw[j]!.single) { if (raw[j]!.k === K.Word) letters++; j++; }
    const n = j - i;
    const frenchQuestion = n === 3 && raw[i]!.t === 'y' && raw[i + 1]!.t === 'a' && raw[i + 2]!.t === 't';
    if (n >= 3 && letters >= 3 && letters >= n - 2 && !frenchQuestion) {
      const parts: string[] = [];
      for (let k = i; k < j; k++) parts.push(raw[k]!.t);
      out.push({ t: leetify(parts.join('')), k: K.Word, single: false, plus: false });
    } else {
      for (let k = i; k < j; k++) out.push(raw[k]!);
    }
    i = j;
  }
  return out;
}

function expandWords(raw: Raw[]): Raw[] {
  // `out` is made at the first word that changes (most messages have none: `raw` is then returned as it is, as
  // joinSpaced and findPhones do; issue 14, round 16b).
  let out: Raw[] | null = null;
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i]!;
    if (r.k !== K.Word) { if (out) out.push(r); continue; }
    let c = EXPAND_CACHE.get(r.t);
    if (c === undefined) {
      const w = squeeze(r.t);
      let exp = SMS[w];
      if (exp === undefined && w !== r.t) { const a = squeezeAll(w); if (a !== w) exp = SMS[a]; }
      c = { w, exp: exp === undefined ? null : exp.split(' ').map((e) => ({ t: e, k: K.Word, single: false, plus: false })) };
      if (r.t.length <= 32) { if (EXPAND_CACHE.size >= CACHE_MAX) EXPAND_CACHE.clear(); EXPAND_CACHE.set(r.t, c); }
    }
    if (c.exp === null && c.w === r.t) { if (out) out.push(r); continue; }
    out ??= raw.slice(0, i);
    if (c.exp === null) { out.push({ ...r, t: c.w }); continue; }
    for (let k = 0; k < c.exp.length; k++) out.push(c.exp[k]!);
  }
  return out ?? raw;
}

const TENS = new Set(['vingt', 'trente', 'quarante', 'cinquante', 'soixante', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']);

const TEENS_FR = new Set(['dix', 'onze', 'douze', 'treize', 'quatorze', 'quinze', 'seize']);
/** Reads a spelled number at raw[j] ("six", "trente quatre", "soixante dix huit", "quatre vingt deux"); returns digits and tokens used. */
function numberWords(raw: Raw[], j: number): [string, number] {
  const w = (k: number) => { const r = raw[k]; return r && r.k === K.Word ? r.t : ''; };
  let base = -1; let used = 0;
  if (w(j) === 'quatre' && (w(j + 1) === 'vingt' || w(j + 1) === 'vingts')) { base = 80; used = 2; }
  else if (TENS.has(w(j))) { base = Number(DIGIT_WORDS[w(j)]); used = 1; }
  else if (w(j) === 'dix' && ['sept', 'huit', 'neuf'].includes(w(j + 1))) return [String(10 + Number(DIGIT_WORDS[w(j + 1)])), 2];
  if (base < 0) return [DIGIT_WORDS[w(j)]!, 1];
  let k = j + used;
  if (w(k) === 'et') k++;
  if (w(k) === 'dix' && ['sept', 'huit', 'neuf'].includes(w(k + 1))) return [String(base + 10 + Number(DIGIT_WORDS[w(k + 1)])), k + 2 - j];
  if (TEENS_FR.has(w(k)) && (base === 60 || base === 80)) return [String(base + Number(DIGIT_WORDS[w(k)])), k + 1 - j];
  const u = DIGIT_WORDS[w(k)];
  if (u !== undefined && u.length === 1 && u !== '0') return [String(base + Number(u)), k + 1 - j];
  return [String(base), used];
}

/** Replaces runs of digit tokens / digit words that spell a phone number by one `<phone>` token. */
function findPhones(raw: Raw[], phones: string[]): Raw[] {
  // No digits and no digit words: no run can start, the loop below would copy `raw` unchanged.
  let digitish = false;
  for (let k = 0; k < raw.length && !digitish; k++) {
    const r = raw[k]!;
    digitish = (r.k === K.Num && r.t.length <= 13) || (r.k === K.Word && DIGIT_WORDS[r.t] !== undefined);
  }
  if (!digitish) return raw;
  const out: Raw[] = [];
  let i = 0;
  while (i < raw.length) {
    let j = i; let digits = ''; const startPlus = raw[i]!.plus;
    while (j < raw.length) {
      const r = raw[j]!;
      if (r.k === K.Num && r.t.length <= 13) { digits += r.t; j++; }
      else if (r.k === K.Word && DIGIT_WORDS[r.t] !== undefined) {
        const [d, used] = numberWords(raw, j);
        digits += d; j += used;
      } else break;
      if (digits.length > 14) break;
    }
    const n = digits.length;
    const isPhone = j - i >= 1 && (
      (n === 10 && digits[0] === '0' && digits[1] !== '0') ||
      (n === 11 && digits.startsWith('33') && (startPlus || j - i >= 2)) ||
      (n === 13 && digits.startsWith('0033')) ||
      (n === 12 && digits.startsWith('330')) ||
      (n === 10 && j - i >= 3) ||
      (n === 11 && digits[0] === '1' && (startPlus || j - i >= 3)));
    if (isPhone) {
      phones.push(digits);
      out.push({ t: '<phone>', k: K.Special, single: false, plus: false });
      i = j;
    } else {
      out.push(raw[i]!);
      i++;
    }
  }
  return out;
}

function findAges(tokens: string[]): number[] {
  let ages: number[] | null = null; // made at the first age (most messages give none: NO_AGES)
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const c = t.charCodeAt(0);
    if (!(c >= 49 && c <= 57) || t.length > 3) continue;
    let ok = true;
    for (let k = 1; k < t.length; k++) if (!isDigitCode(t.charCodeAt(k))) { ok = false; break; }
    if (!ok) continue;
    const v = Number(t);
    if (v < 1 || v > 120) continue;
    const next = tokens[i + 1];
    const p1 = tokens[i - 1];
    const p2 = i >= 2 ? `${tokens[i - 2]} ${p1}` : undefined;
    if ((next !== undefined && AGE_AFTER.has(next)) || (p1 !== undefined && AGE_BEFORE.has(p1)) || (p2 !== undefined && AGE_BEFORE.has(p2))) {
      if (ages === null) ages = [v];
      else if (!ages.includes(v)) ages.push(v);
    }
  }
  return ages ?? NO_AGES;
}

const HANDLE_SEP_WORDS = new Set(['is', 'est', "c'est", 'cest', 'c', 'it', "it's", 'its']);
/** Extracts handles given after a platform name: "snap: name", "ig = name", "insta c'est name", "add me: name". */
function handlesAfterPlatform(chunks: string[], handles: string[]): void {
  for (let i = 0; i < chunks.length - 1; i++) {
    let c = chunks[i]!;
    const colon = c.endsWith(':') || c.endsWith('=');
    if (colon) c = c.slice(0, -1);
    const canon = SMS[squeeze(c)] ?? c;
    const isPlatform = PLATFORM_WORDS.has(canon) || (colon && (c === 'me' || c === 'moi'));
    if (!isPlatform) continue;
    let j = i + 1;
    let sep = colon;
    while (j < chunks.length && (chunks[j] === ':' || chunks[j] === '=' || chunks[j] === '-' || chunks[j] === '->' || HANDLE_SEP_WORDS.has(chunks[j]!))) {
      if (!HANDLE_SEP_WORDS.has(chunks[j]!)) sep = true;
      j++;
    }
    const cand = chunks[j];
    if (cand === undefined) continue;
    const name = trimPunct(cand.startsWith('@') ? cand.slice(1) : cand);
    if (name.length < 3 || name.length > 32 || !/^[a-z0-9._-]+$/.test(name) || !/[a-z]/.test(name)) continue;
    if ((sep || /[0-9._]/.test(name)) && !handles.includes(name)) handles.push(name);
  }
}

/** An empty string array whose elements kind is that of a filled one (see tokenTexts). */
function emptyStrings(): string[] {
  const a = [''];
  a.length = 0;
  return a;
}

/**
 * Scratch lists of one `normalise` call, emptied at its start and reused by the next (issue 14, round 41): the text's
 * chunks and raw tokens are read only during the call; the handles, emoji tags and phones found are copied out when
 * there are some. A message with none of them (most) shares these empty lists, which no reader changes.
 */
const SCRATCH_CHUNKS = emptyStrings();
const SCRATCH_RAW: Raw[] = [];
const SCRATCH_HANDLES = emptyStrings();
const SCRATCH_EMOJI = emptyStrings();
const SCRATCH_PHONES = emptyStrings();
const NO_STRINGS = emptyStrings();
const NO_AGES: number[] = [];
const outOf = (scratch: string[]): string[] => (scratch.length ? scratch.slice() : NO_STRINGS);

/** Normalises one message. Pure and linear in the length of `text`. */
export function normalise(text: string): NormalisedText {
  const folded = foldText(text);
  const stripped = stripAccents(folded);
  const handles = SCRATCH_HANDLES;
  const emojiTags = SCRATCH_EMOJI;
  const phones = SCRATCH_PHONES;
  const chunks = SCRATCH_CHUNKS;
  handles.length = 0; emojiTags.length = 0; phones.length = 0; chunks.length = 0;
  let start = -1;
  for (let i = 0; i <= stripped.length; i++) {
    const ws = i === stripped.length || isSpace(stripped.charCodeAt(i));
    if (ws) { if (start >= 0) { chunks.push(stripped.slice(start, i)); start = -1; } } else if (start < 0) start = i;
  }
  let raw: Raw[] = SCRATCH_RAW;
  raw.length = 0;
  for (let i = 0; i < chunks.length; i++) tokenChunk(chunks[i]!, raw, handles, emojiTags);
  raw = joinSpaced(raw);
  raw = expandWords(raw);
  let platform = false;
  for (let i = 0; i < raw.length && !platform; i++) platform = PLATFORM_WORDS.has(raw[i]!.t);
  if (platform || stripped.includes(':')) handlesAfterPlatform(chunks, handles);
  raw = findPhones(raw, phones);
  const tokens = tokenTexts(raw);
  const out = { original: text, folded, stripped, tokens, ages: findAges(tokens), hasPhone: phones.length > 0, phones: outOf(phones), handles: outOf(handles), emojiTags: outOf(emojiTags) };
  // The raw tokens are the shared cached records (pushSegment, emojiRaw): not kept past the call.
  SCRATCH_RAW.length = 0;
  return out;
}

/**
 * The tokens' texts in an array whose elements are objects also when it is empty. `raw.map(...)` of no tokens gives an
 * array of small-integer elements, another hidden class: every reader of `tokens` (the matcher, the featuriser,
 * findAges) then sees two, and its optimised code was thrown away and rebuilt the first time an empty text came.
 */
export function tokenTexts(raw: readonly { t: string }[]): string[] {
  // `map` of a non-empty list makes the array at its size, of the same hidden class (elements of objects) as the filled
  // empty one below; pushing into that one grew it by a 17-slot backing store first (issue 14, round 41).
  if (raw.length) return raw.map(textOf);
  const out = [''];
  out.length = 0; // an array's elements kind never narrows back: it stays one of objects (strings)
  return out;
}
const textOf = (r: { t: string }): string => r.t;

/** Normalises a rule phrase word by word (used by the rule compiler so rules and text agree). */
export function normaliseTokens(text: string): string[] {
  return normalise(text).tokens;
}
