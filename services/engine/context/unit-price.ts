/**
 * A price whose unit does not fit the goods (stop 44, det44d): sales and debts said in another trade's words give
 * themselves away by what a unit costs. Cheese, flour, tyres, tea or "the usual" at 60 a gram, fuel at 70 a litre, a
 * "vitamin" at 6 a pill, or « les 3 kilos … 12 000 » owed: no shop sells that unit at that price, a street trade does.
 * Read on one message's `fold()`ed text, by numbers and units only (no goods' names): a price for a unit said outright
 * (« 60 le gramme », « au gramme à 60 », "70 a litre", "5 quid a pill"), or a weight and a sum in the same message
 * (a debt or a deal: "the 2 kilos … 60 000"). The band is a street price per gram (3 to 300). Goods dear by the gram or
 * the litre and a pharmacy's pills are told apart by price-frames.ts (stop 45), over this message and the few before. Pure.
 */

import { priceFrame, type PriceUnit } from './price-frames.js';

export type { PriceUnit } from './price-frames.js';

/** Street prices by the gram, in any currency (cannabis from about 3, cocaine up to about 150; a margin each side). */
const GRAM_LOW = 3;
const GRAM_HIGH = 300;
/** Fuel, oil, juice by the litre: a few units of money; a litre at 25 or more is not a pump's. By the gallon or pint: 40. */
const LITRE_HIGH = 25;
const GALLON_HIGH = 40;
/** A pill, a capsule, a tab at 4 or more each is not a pharmacy's (boxes are priced by the box). */
const PILL_HIGH = 4;

/** A quarter, a half and a whole pound in grams (113.4, 226.8, 453.6): street weights, not product specs (review det45o). */
const POUND_GRAMS: ReadonlySet<number> = new Set([113, 226, 227, 453, 454]);

const UNIT_GRAMS: Record<string, number> = {
  g: 1, gr: 1, gramme: 1, grammes: 1, gram: 1, grams: 1,
  kilo: 1000, kilos: 1000, kg: 1000, kgs: 1000, kilogramme: 1000, kilogrammes: 1000,
  oz: 28.35, once: 28.35, onces: 28.35, ounce: 28.35, ounces: 28.35,
};
const VOLUME = /^(?:litres?|liters?|gallons?|pintes?|pints?)$/;
const PILL = /^(?:comprimes?|cachets?|gelules?|pilules?|pills?|tabs?|tablets?|caps|capsules?)$/;
const WORD_QTY: Record<string, number> = {
  un: 1, une: 1, a: 1, one: 1, le: 1, the: 1, deux: 2, two: 2, trois: 3, three: 3, quatre: 4, four: 4, cinq: 5, five: 5,
  six: 6, dix: 10, ten: 10, demi: 0.5, half: 0.5,
};
const NUM = /^\d+(?:[.,]\d+)?$/;
/** Money multipliers written after a number: "12k", "20 grand", « 12 000 » (a thousands group). */
const THOUSAND = /^(?:k|grand|g\$|bar|bars)$/;
/** Words after a number that make it no money: a time, an age, a length, a count of people or days, energy (kcal), an oven's degrees (« 180°C »). */
const NOT_MONEY = /^(?:mg|ml|cl|mcg|x|h|heures?|hours?|hrs?|min|minutes?|pm|am|ans?|years?|yo|km|m|cm|mm|metres?|meters?|miles?|%|pour ?cent|percent|personnes?|people|jours?|days?|mois|months?|semaines?|weeks?|fois|times|places?|seats?|tonnes?|tons?|palettes?|pallets?|etage|floor|rue|street|bis|kcal|cal|calories?|kj|deg|degres?|degrees?)$/;

interface Num { value: number; at: number; end: number }

/** Numbers of the message with where they stand (token indices); « 12 000 » and "60 000" read as one number, "12k" as 12 000. */
function numbers(tok: readonly string[]): Num[] {
  const out: Num[] = [];
  for (let i = 0; i < tok.length; i++) {
    const t = tok[i]!;
    const m = /^[€£$]?(\d+(?:[.,]\d+)?)(k|€|£|\$|e|euros?)?$/.exec(t);
    if (!m) continue;
    let value = Number(m[1]!.replace(',', '.'));
    let end = i;
    while (end + 1 < tok.length && /^\d{3}$/.test(tok[end + 1]!) && !m[2]) { value = value * 1000 + Number(tok[end + 1]); end++; }
    if (m[2] === 'k' || (end + 1 < tok.length && THOUSAND.test(tok[end + 1]!))) value *= 1000;
    out.push({ value, at: i, end });
  }
  return out;
}

/** Tokens of folded text: words, numbers (with a glued currency; a glued unit or k apart: « 100g », "12k"; "80/g" as "80 per g"); a comma or full stop is a token `|` that keeps « 3 kilos, 200 » apart. */
function tokens(folded: string): string[] {
  return folded.replace(/(\d)[ \u00a0](?=\d{3}\b)/g, '$1 ').replace(/(\d) ?\/ ?(?=[a-z])/g, '$1 per ').replace(/°/g, ' deg ').replace(/[^a-z0-9€£$.,' ]+/g, ' ').replace(/(?<!\d)[.,]|[.,](?!\d)/g, ' | ')
    .replace(/\b(\d+(?:[.,]\d+)?)(g|gr|kg|kgs|oz|mg|ml|cl|h|k)\b/g, '$1 $2')
    .replace(/'/g, "' ").split(/\s+/).filter(Boolean);
}

/** An oven's heat said without its unit (« four à 180 », "bake at 230", « thermostat 7 »): a recipe's weights are no deal. */
const OVEN = /^(?:four|oven|bake|baked|cuire|cuisson|prechauffer|preheat|preheated|thermostat|th)$/;
function ovenHeat(tok: readonly string[], at: number): boolean {
  return OVEN.test(tok[at - 1] ?? '') || (/^(?:a|at|to)$/.test(tok[at - 1] ?? '') && OVEN.test(tok[at - 2] ?? ''));
}

const PER = /^(?:le|la|l'|the|a|an|per|par|du)$/;
const CURRENCY = /^(?:euros?|e|€|£|\$|balles|quid|bucks|dollars?|pounds?|dh|francs?)$/;

function inBand(perGram: number): boolean {
  return perGram >= GRAM_LOW && perGram <= GRAM_HIGH;
}

/** The kind of `unit` when `price` for one of it is off its scale (said after « le », "a", "per", or before: « au gramme à 60 »); null when not. */
function perUnitMisfit(price: number, unit: string): PriceUnit | null {
  const grams = UNIT_GRAMS[unit];
  if (grams !== undefined) return inBand(price / grams) ? 'gram' : null;
  if (VOLUME.test(unit)) return price >= (/^lit/.test(unit) ? LITRE_HIGH : GALLON_HIGH) ? 'volume' : null;
  if (PILL.test(unit)) return price >= PILL_HIGH ? 'pill' : null;
  return null;
}

/**
 * A unit word (UNIT_GRAMS, VOLUME, PILL: built from them, so a unit added there is read here) with no letter a–z
 * touching it: what every finding of offScaleUnit needs (each
 * of its three readings takes a token that is one of those units, and `tokens` never splits two letters apart), tested
 * before the message is cut into tokens (issue 14, round 46: ~5 µs a message with a digit, most of which name no unit).
 * False: offScaleUnit(folded) is null. True says nothing.
 */
const alternatives = (re: RegExp): string => {
  const m = /^\^\(\?:(.*)\)\$$/.exec(re.source);
  if (!m) throw new Error(`unit-price: ${re.source} is not of the form ^(?:…)$ that ANY_UNIT reads`);
  return m[1]!;
};
const ANY_UNIT = new RegExp(`(?<![a-z])(?:${[...Object.keys(UNIT_GRAMS), alternatives(VOLUME), alternatives(PILL)].join('|')})(?![a-z])`);
export function mayNameUnit(folded: string): boolean {
  return ANY_UNIT.test(folded);
}

/**
 * True when the message prices a unit at what no shop charges for it, or owes a sum for a weight at a street price, and
 * neither the goods named in it or in `earlier` (the folded messages just before it) nor a pharmacy make it a shop's price.
 */
export function offScalePrice(folded: string, earlier: readonly string[] = []): boolean {
  const unit = offScaleUnit(folded);
  return unit !== null && priceFrame(unit, folded, earlier) === null;
}

/**
 * The unit of the first price in the message that is off its trade's scale, by numbers and units only (no frame read:
 * see price-frames.ts); null when none.
 */
export function offScaleUnit(folded: string): PriceUnit | null {
  if (!/\d/.test(folded) || !mayNameUnit(folded)) return null;
  const tok = tokens(folded);
  const nums = numbers(tok);
  if (!nums.length) return null;
  // A price for a unit said outright: « 60 le gramme », "70 a litre", « 5 euros le comprimé », "£5 per pill".
  for (const n of nums) {
    let j = n.end + 1;
    if (j < tok.length && CURRENCY.test(tok[j]!)) j++;
    const said = j + 1 < tok.length && PER.test(tok[j]!) ? perUnitMisfit(n.value, tok[j + 1]!) : null;
    if (said) return said;
    // ... or for a counted weight: « 350 les 100g », "200 for 3.5 g".
    const q = j + 2 < tok.length && /^(?:les|la|le|the|for|pour|per|par)$/.test(tok[j]!) ? nums.find((x) => x.at === j + 1) : undefined;
    const grams = q ? UNIT_GRAMS[tok[q.end + 1] ?? ''] : undefined;
    if (q && grams !== undefined && q.value > 0 && inBand(n.value / (q.value * grams))) return 'gram';
  }
  // ... or the unit first: « au gramme à 60 », « le litre à 70 », "per gram 60", « cachets à 15 » (pills are counted, a
  // plural is a price each; « 500 grammes à 8 euros » is a weight's price, not the gram's). "caps" and "tablets" alone are
  // also hats and computers ("new era caps 30 quid", "tablets at 120 each"): only « le/a/per » before them reads a pill.
  for (let i = 0; i + 2 < tok.length; i++) {
    const unit = tok[i + 1]!;
    const each = /^(?:au|per|par|a|le|la|l'|the)$/.test(tok[i]!) || (PILL.test(unit) && unit.endsWith('s') && !/^(?:caps|tablets)$/.test(unit));
    if (!each) continue;
    const k = /^(?:a|at)$/.test(tok[i + 2]!) ? i + 3 : i + 2;
    const n = nums.find((x) => x.at === k);
    if (!n) continue;
    // « les cachets à 6 la boîte »: the price is the box's, said after it.
    let after = n.end + 1;
    if (after < tok.length && CURRENCY.test(tok[after]!)) after++;
    if (after < tok.length && (NOT_MONEY.test(tok[after]!) || PER.test(tok[after]!))) continue;
    const first = perUnitMisfit(n.value, unit);
    if (first) return first;
  }
  // A weight and a sum in the same message: "the 2 kilos … 60 000", « 300 grammes ça fait 9000 ».
  const weights: { grams: number; at: number; end: number }[] = [];
  for (let i = 0; i + 1 < tok.length; i++) {
    const grams = UNIT_GRAMS[tok[i + 1]!];
    if (grams === undefined) continue;
    const n = nums.find((x) => x.end === i);
    // « le demi kilo », "the half kilo", "two ounces": a word for the quantity only before a unit spelled out (« le G » of
    // a harm-reduction stand and a "G&G" replica are no gram).
    const qty = n ? n.value : tok[i + 1]!.length >= 4 ? WORD_QTY[tok[i]!] : undefined;
    if (qty === undefined) continue;
    // A product's weight to the gram (« pèse 199 g », "249 g so no registration") is a spec, not a deal: a street weight
    // from 100 grams on is round (100, 125, 250, 500 g) or counted in ounces (112, 224 g; any number of kilos).
    if (grams === 1 && qty >= 100 && qty % 5 !== 0 && qty % 28 !== 0 && !POUND_GRAMS.has(qty)) continue;
    // A weight said as « 3 kilos 200 » is one weight, not a price.
    weights.push({ grams: qty * grams, at: n ? n.at : i, end: i + 1 });
  }
  if (!weights.length) return null;
  for (const w of weights) {
    for (const n of nums) {
      if (n.at >= w.at && n.at <= w.end) continue;
      if (n.at === w.end + 1) continue;
      if (n.end + 1 < tok.length && (NOT_MONEY.test(tok[n.end + 1]!) || UNIT_GRAMS[tok[n.end + 1]!] !== undefined)) continue;
      if (ovenHeat(tok, n.at)) continue;
      // A year or a clock time is no sum; a sum is 100 or more.
      if (n.value < 100 || (n.value >= 1900 && n.value <= 2100 && n.end === n.at)) continue;
      if (inBand(n.value / w.grams)) return 'weight';
    }
  }
  return null;
}
