/** Size limits on chat text: cut at a character boundary, never in the middle of a UTF-8 sequence or surrogate pair. */

/** First `maxChars` UTF-16 code units of `text`, without splitting a surrogate pair. */
export function truncateChars(text: string, maxChars: number): { text: string; truncated: boolean } {
  if (text.length <= maxChars) return { text, truncated: false };
  let end = maxChars;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end -= 1;
  return { text: text.slice(0, end), truncated: true };
}

/** Longest prefix of `text` whose UTF-8 encoding fits in `maxBytes`. */
export function truncateUtf8(text: string, maxBytes: number): { text: string; truncated: boolean; bytes: number } {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= maxBytes) return { text, truncated: false, bytes };
  const buf = Buffer.from(text, 'utf8');
  let end = maxBytes;
  while (end > 0 && (buf[end]! & 0xc0) === 0x80) end -= 1; // back off to the start of a sequence
  return { text: buf.subarray(0, end).toString('utf8'), truncated: true, bytes: end };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `s` with every lone UTF-16 surrogate replaced by U+FFFD. JSON can carry them (`"\udd25"`), but they
 * have no UTF-8 form: left in, they would make the Avro outputs invalid UTF-8.
 */
export function wellFormed(s: string): string {
  LONE_SURROGATE.lastIndex = 0;
  return LONE_SURROGATE.test(s) ? s.replace(LONE_SURROGATE, '\ufffd') : s;
}

/** Number of U+FFFD characters in `s`. */
export function countReplacementChars(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\ufffd'); i >= 0; i = s.indexOf('\ufffd', i + 1)) n++;
  return n;
}

/** Number of encoded U+FFFD sequences (EF BF BD) in raw bytes. */
export function countEncodedReplacement(buf: Uint8Array): number {
  let n = 0;
  for (let i = 0; i + 2 < buf.length; i++) {
    if (buf[i] === 0xef && buf[i + 1] === 0xbf && buf[i + 2] === 0xbd) { n++; i += 2; }
  }
  return n;
}
