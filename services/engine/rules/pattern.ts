/**
 * Parses the pattern language of rule files (see rules/README.md) into a position automaton.
 *
 *   word            a word; normalised like message text, so "t'as" = "tu as", "snap" = "snapchat"
 *   (a b|c|d e f)   alternatives (each a sequence); nestable
 *   x?              optional item (word or group)
 *   *               exactly one token, any
 *   *N              a gap of 0..N tokens (N ≤ 6)
 *   <num> <num:8-17>  a number token (in a range)
 *   <age:8-17>      a number token in range that normalise() recognised as an age
 *   <phone> <handle> <url> <emoji:weed>   special tokens produced by normalise()
 *
 * Alternatives are not expanded (a rule of three groups of 30 words stays 90 positions): the
 * pattern becomes a Glushkov automaton (positions, first, last, follow), which has no epsilon
 * moves and no cycles.
 */
import { normaliseTokens } from '../normalise.js';
import type { Phrase, TokenTest } from './types.js';

export const MAX_POSITIONS = 4000;

export class PatternError extends Error {
  constructor(message: string, readonly hint: string) { super(message); }
}

type Ast =
  | { k: 'test'; test: TokenTest }
  | { k: 'seq'; items: Ast[] }
  | { k: 'alt'; alts: Ast[] }
  | { k: 'opt'; item: Ast };

type Lex = { t: '(' | ')' | '|' | '?' } | { t: 'word'; v: string; col: number };

function lex(src: string): Lex[] {
  const out: Lex[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t') { i++; continue; }
    if (c === '(' || c === ')' || c === '|' || c === '?') { out.push({ t: c }); i++; continue; }
    if (c === '<') {
      const j = src.indexOf('>', i);
      if (j < 0) throw new PatternError(`unclosed '<' at column ${i + 1}`, 'special tokens look like <num:8-17>, <phone>, <emoji:weed>');
      out.push({ t: 'word', v: src.slice(i, j + 1), col: i + 1 });
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < src.length && !' \t()|?<'.includes(src[j]!)) j++;
    out.push({ t: 'word', v: src.slice(i, j), col: i + 1 });
    i = j;
  }
  return out;
}

const SPECIAL_WORDS = new Set(['<phone>', '<handle>', '<url>']);
const WORD_CACHE = new Map<string, string[]>();

function wordAst(v: string): Ast {
  if (v === '*') return { k: 'test', test: { kind: 'any' } };
  const gap = /^\*([0-9]+)$/.exec(v);
  if (gap) {
    const n = Number(gap[1]);
    if (n < 1 || n > 6) throw new PatternError(`gap ${v} out of range`, 'use *1 .. *6 (a gap of 0..N tokens)');
    return { k: 'seq', items: Array.from({ length: n }, () => ({ k: 'opt' as const, item: { k: 'test' as const, test: { kind: 'any' as const } } })) };
  }
  if (v.startsWith('<')) {
    if (SPECIAL_WORDS.has(v) || /^<emoji:[a-z_]+>$/.test(v)) return { k: 'test', test: { kind: 'lit', word: v } };
    const num = /^<(num|age)(?::([0-9]+)-([0-9]+))?>$/.exec(v);
    if (num) {
      const min = num[2] === undefined ? 0 : Number(num[2]);
      const max = num[3] === undefined ? Number.MAX_SAFE_INTEGER : Number(num[3]);
      if (min > max) throw new PatternError(`empty range in ${v}`, 'write <num:LOW-HIGH> with LOW ≤ HIGH');
      return { k: 'test', test: { kind: 'num', min, max, age: num[1] === 'age' } };
    }
    throw new PatternError(`unknown special token ${v}`, 'known: <num>, <num:A-B>, <age:A-B>, <phone>, <handle>, <url>, <emoji:TAG>');
  }
  if (v.includes('~')) throw new PatternError(`'${v}' inside a group`, 'proximity A ~N B is only allowed once, at the top level of a pattern');
  let toks = WORD_CACHE.get(v);
  if (!toks) { toks = normaliseTokens(v); WORD_CACHE.set(v, toks); }
  if (toks.length === 0) throw new PatternError(`word '${v}' normalises to nothing`, 'remove punctuation-only words');
  if (toks.length === 1) return { k: 'test', test: { kind: 'lit', word: toks[0]! } };
  return { k: 'seq', items: toks.map((w) => ({ k: 'test' as const, test: { kind: 'lit' as const, word: w } })) };
}

function parseAst(src: string): Ast {
  const lx = lex(src);
  let pos = 0;
  const parseSeq = (depth: number): Ast => {
    const items: Ast[] = [];
    while (pos < lx.length) {
      const l = lx[pos]!;
      if (l.t === ')' || l.t === '|') break;
      let atom: Ast;
      if (l.t === '(') {
        pos++;
        const alts: Ast[] = [];
        for (;;) {
          const seq = parseSeq(depth + 1);
          if (seq.k === 'seq' && seq.items.length === 0) throw new PatternError('empty alternative in a group', 'write (a|b), not (a|) — use (a|b)? for an optional group');
          alts.push(seq);
          const n = lx[pos];
          if (n === undefined) throw new PatternError("unbalanced '(' — missing ')'", 'every ( needs a matching )');
          pos++;
          if (n.t === ')') break;
        }
        atom = alts.length === 1 ? alts[0]! : { k: 'alt', alts };
      } else if (l.t === '?') {
        throw new PatternError("'?' with nothing before it", 'put ? right after a word or a group: word? or (a|b)?');
      } else {
        pos++;
        atom = wordAst((l as { t: 'word'; v: string }).v);
      }
      if (lx[pos]?.t === '?') { pos++; atom = { k: 'opt', item: atom }; }
      items.push(atom);
    }
    if (depth === 0 && pos < lx.length) {
      const l = lx[pos]!;
      throw new PatternError(l.t === ')' ? "unbalanced ')' — no matching '('" : "'|' outside a group", l.t === ')' ? 'remove the extra )' : 'wrap alternatives in parentheses: (a|b)');
    }
    return items.length === 1 ? items[0]! : { k: 'seq', items };
  };
  const ast = parseSeq(0);
  if (ast.k === 'seq' && ast.items.length === 0) throw new PatternError('empty pattern', 'write at least one word');
  return ast;
}

interface Glu { nullable: boolean; first: number[]; last: number[] }

/** Builds the Glushkov automaton of an AST. */
function glushkov(ast: Ast): Phrase {
  const tests: TokenTest[] = [];
  const follow: Set<number>[] = [];
  const walk = (a: Ast): Glu => {
    switch (a.k) {
      case 'test': {
        const p = tests.length;
        if (p >= MAX_POSITIONS) throw new PatternError(`pattern has more than ${MAX_POSITIONS} token tests`, 'split it into several rules');
        tests.push(a.test); follow.push(new Set());
        return { nullable: false, first: [p], last: [p] };
      }
      case 'opt': { const g = walk(a.item); return { ...g, nullable: true }; }
      case 'alt': {
        const gs = a.alts.map(walk);
        return { nullable: gs.some((g) => g.nullable), first: gs.flatMap((g) => g.first), last: gs.flatMap((g) => g.last) };
      }
      case 'seq': {
        let acc: Glu = { nullable: true, first: [], last: [] };
        for (const it of a.items) {
          const g = walk(it);
          for (const l of acc.last) for (const f of g.first) follow[l]!.add(f);
          acc = { nullable: acc.nullable && g.nullable, first: acc.nullable ? [...acc.first, ...g.first] : acc.first, last: g.nullable ? [...acc.last, ...g.last] : g.last };
        }
        return acc;
      }
    }
  };
  const g = walk(ast);
  if (g.nullable) throw new PatternError('pattern can match an empty sequence', 'make at least one item mandatory (not everything optional)');
  if (!tests.some((t) => t.kind !== 'any')) throw new PatternError('pattern matches any token', 'a pattern needs at least one word or number test');
  if (g.first.every((f) => tests[f]!.kind === 'any') || g.last.every((l) => tests[l]!.kind === 'any')) {
    throw new PatternError('pattern starts or ends with a wildcard', 'a leading or trailing * adds nothing; remove it');
  }
  return { tests, first: [...new Set(g.first)], last: [...new Set(g.last)], follow: follow.map((s) => [...s]) };
}

const PHRASE_CACHE = new Map<string, Phrase>();

/** Parses a sequence (no top-level proximity). Identical sources share one Phrase object (the matcher merges them). */
export function parsePhrase(src: string): Phrase {
  const key = src.trim().replace(/\s+/g, ' ');
  let p = PHRASE_CACHE.get(key);
  if (!p) {
    p = glushkov(parseAst(key));
    if (PHRASE_CACHE.size < 20000) PHRASE_CACHE.set(key, p);
  }
  return p;
}

/** Parses a full pattern: a phrase, or `A ~N B` (A and B within N tokens, either order). */
export function parsePattern(src: string): { phrase: Phrase; near: { phrase: Phrase; window: number } | null } {
  let depth = 0;
  const near: { at: number; len: number; n: number }[] = [];
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '~') {
      let j = i + 1;
      while (j < src.length && src[j]! >= '0' && src[j]! <= '9') j++;
      if (j === i + 1) throw new PatternError("'~' without a window", 'write A ~5 B (A within 5 tokens of B)');
      if (depth !== 0) throw new PatternError(`'~${src.slice(i + 1, j)}' inside a group`, 'proximity A ~N B is only allowed at the top level of a pattern');
      near.push({ at: i, len: j - i, n: Number(src.slice(i + 1, j)) });
      i = j - 1;
    }
  }
  if (near.length === 0) return { phrase: parsePhrase(src), near: null };
  if (near.length > 1) throw new PatternError('more than one ~N in a pattern', 'proximity joins exactly two phrases: A ~N B');
  const { at, len, n } = near[0]!;
  if (n < 1 || n > 30) throw new PatternError(`window ~${n} out of range`, 'use ~1 .. ~30');
  return { phrase: parsePhrase(src.slice(0, at)), near: { phrase: parsePhrase(src.slice(at + len)), window: n } };
}
