import type { Rng } from './rng.js';

/** Slot values by language; `{slot}` in a template is replaced by a random entry. */
export type Slots = Record<string, readonly string[]>;

/**
 * Expands a template: `[a|b|c]` picks one alternative (may nest, may be empty: `[|un peu ]`),
 * `{slot}` picks a slot value (which may itself contain alternatives and slots), `{=name}` repeats
 * a value fixed for the whole conversation (`fixed`).
 */
export function expand(template: string, rng: Rng, slots: Slots, fixed: Record<string, string> = {}, depth = 0): string {
  if (depth > 6) throw new Error(`template recursion too deep: ${template}`);
  let out = '';
  let i = 0;
  while (i < template.length) {
    const c = template[i]!;
    if (c === '[') {
      const end = matching(template, i, '[', ']');
      const alts = splitTop(template.slice(i + 1, end));
      out += expand(rng.pick(alts), rng, slots, fixed, depth + 1);
      i = end + 1;
    } else if (c === '{') {
      const end = template.indexOf('}', i);
      if (end < 0) throw new Error(`unclosed { in template: ${template}`);
      const name = template.slice(i + 1, end);
      if (name.startsWith('=')) {
        const v = fixed[name.slice(1)];
        if (v === undefined) throw new Error(`fixed value {${name}} not set for template: ${template}`);
        out += v;
      } else {
        const vals = slots[name];
        if (!vals) throw new Error(`unknown slot {${name}} in template: ${template}`);
        out += expand(rng.pick(vals), rng, slots, fixed, depth + 1);
      }
      i = end + 1;
    } else {
      out += c;
      i++;
    }
  }
  return depth === 0 ? out.replace(/\s+/g, ' ').trim() : out;
}

function matching(s: string, start: number, open: string, close: string): number {
  let d = 0;
  for (let i = start; i < s.length; i++) {
    if (s[i] === open) d++;
    else if (s[i] === close && --d === 0) return i;
  }
  throw new Error(`unbalanced ${open} in template: ${s}`);
}

function splitTop(s: string): string[] {
  const parts: string[] = [];
  let d = 0;
  let cur = '';
  for (const c of s) {
    if (c === '[') d++;
    if (c === ']') d--;
    if (c === '|' && d === 0) { parts.push(cur); cur = ''; } else cur += c;
  }
  parts.push(cur);
  return parts;
}
