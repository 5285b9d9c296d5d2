// Cased multilingual BERT tokenizer (as wordpiece.py): basic tokenizer without lower-casing or accent stripping,
// then greedy longest-match WordPiece; windowIds = [CLS] + the last 127 tokens of "A: text [SEP] B: text [SEP] ...".
import { readFileSync } from 'node:fs';

export function makeTokenizer(vocabPath) {
  const vocab = new Map(readFileSync(vocabPath, 'utf8').split('\n').map((t, i) => [t, i]));
  const CLS = vocab.get('[CLS]'), SEP = vocab.get('[SEP]'), UNK = vocab.get('[UNK]');
  const isPunct = (ch) => { const c = ch.codePointAt(0); return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126) || /\p{P}/u.test(ch); };
  const isCjk = (c) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x20000 && c <= 0x2a6df) || (c >= 0x2a700 && c <= 0x2b73f)
    || (c >= 0x2b740 && c <= 0x2b81f) || (c >= 0x2b820 && c <= 0x2ceaf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x2f800 && c <= 0x2fa1f);

  function basicTokens(text) {
    let s = '';
    for (const ch of text) {
      const c = ch.codePointAt(0);
      if (c === 0 || c === 0xfffd) continue;
      if (/[\t\n\r ]|\p{Zs}/u.test(ch)) s += ' ';
      else if (/\p{Cc}|\p{Cf}/u.test(ch)) continue;
      else if (isCjk(c)) s += ` ${ch} `;
      else s += ch;
    }
    const out = [];
    for (const word of s.split(' ').filter(Boolean)) {
      let cur = '';
      for (const ch of word) {
        if (isPunct(ch)) { if (cur) out.push(cur); cur = ''; out.push(ch); } else cur += ch;
      }
      if (cur) out.push(cur);
    }
    return out;
  }

  function wordIds(word) {
    const chars = [...word];
    if (chars.length > 100) return [UNK];
    const ids = [];
    let start = 0;
    while (start < chars.length) {
      let end = chars.length, found;
      while (start < end) {
        const piece = (start ? '##' : '') + chars.slice(start, end).join('');
        if (vocab.has(piece)) { found = vocab.get(piece); break; }
        end--;
      }
      if (found === undefined) return [UNK];
      ids.push(found);
      start = end;
    }
    return ids;
  }

  const textIds = (t) => basicTokens(t).flatMap(wordIds);
  function windowIds(messages) {
    const ids = [];
    for (const m of messages) ids.push(...textIds(m), SEP);
    return [CLS, ...ids.slice(-127)];
  }
  return { textIds, windowIds, CLS, SEP };
}
