/**
 * Characters a person cannot see, for the names and passwords that the command line takes (operator names,
 * `--reviewer`, `vigie console user` passwords): one class and one way of naming them in a message.
 */

/**
 * What shows as nothing where a name or a password is typed, pasted or printed: controls (a newline, a tab, an escape,
 * a carriage return), format characters (zero-width space U+200B, non-joiner/joiner U+200C/U+200D, word joiner U+2060,
 * byte-order mark U+FEFF, soft hyphen, bidirectional marks, overrides and isolates), line/paragraph separators, and the
 * blank letters that are neither (review of ops49): the Hangul fillers U+115F, U+1160, U+3164, U+FFA0, the braille
 * blank U+2800 and the combining grapheme joiner U+034F. A regexp source, for a class with or without the `g` flag.
 */
export const INVISIBLE_CLASS = '[\\p{Cc}\\p{Cf}\\u2028\\u2029\\u115F\\u1160\\u3164\\uFFA0\\u2800\\u034F]';

/** Examples of the class for a help text or a message (one list, so the help says what the code refuses). */
export const INVISIBLE_EXAMPLES = 'a zero-width space U+200B, joiner U+200C/U+200D, word joiner U+2060, byte-order mark U+FEFF, a bidi mark, a control character, a Hangul filler U+3164 or a braille blank U+2800';

const ONE = new RegExp(INVISIBLE_CLASS, 'u');
const ALL = new RegExp(INVISIBLE_CLASS, 'gu');

/** True when `s` has an invisible character. */
export const hasInvisible = (s: string): boolean => ONE.test(s);

/** The invisible characters of `s` with their index (UTF-16), in order. */
export const invisibleIn = (s: string): Array<{ char: string; index: number }> => [...s.matchAll(ALL)].map((m) => ({ char: m[0], index: m.index }));

/** `U+200B` for a character: the one way a message names an invisible character (never the text around it, for a password). */
export const codePoint = (c: string): string => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** `s` with every invisible character written as `<U+200B>` (a newline `<U+000A>`): safe to print, and what was there is plain. */
export const showInvisible = (s: string): string => s.replace(ALL, (c) => `<${codePoint(c)}>`);
