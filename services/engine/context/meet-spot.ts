/**
 * A hand-over said as a place and a clock time (review det45o): "usual spot 10pm", "skatepark at 8", "tesco car park, 11",
 * « au city stade vers 23h », « en bas du bat 4 à 22h ». The cues read the time (`when`) and no hand-over: for an off-scale
 * price (off-scale-sale.ts) a place with a clock time is one. A day word alone (« demain », "tomorrow") is none: a label read
 * « à consommer avant demain » must stay a lead. Read on `fold()`ed text. Pure.
 */
const PLACE = String.raw`(?:spot|(?:skate ?|car ?)?park|parking|parc|gates?|corner|estate|block|bat(?:iment)? \d+|tesco|aldi|lidl|asda|sainsbury'?s|co-?op|shop|bus stop|bus station|station|gare(?: routiere)?|alley|underpass|bridge|pont|leisure centre|chicken shop|mcdo|mcdonalds|kfc|city(?: stade)?|stade|square|cite|hall|entree|arret|tabac|gymnase|carrefour|quai|ruelle|subway|garages?|playground|aire de jeux|bench|banc|usual|meme endroit|same place)`;
/** A clock time: "10pm", "at 8", « vers 23h », « à 22h30 », "11:30", midnight. Not a day word. */
const CLOCK = String.raw`(?:\b\d{1,2}(?:[:.h]\d{2})? ?(?:am|pm)\b|\b(?:at|a|vers|for|@|around|about) \d{1,2}(?:[:h]\d{2}|h)?\b(?! ?(?:hours?|heures?|hrs?|mins?|minutes?|g|gr|grams?|grammes?|kg|kilos?|pills?|each|euros?|quid|pounds?|€|\$|£|%|le|la|les|a|pour|for|x))|\b\d{1,2}h\d{0,2}\b|\bminuit\b|\bmidnight\b)`;
const PLACE_RE = new RegExp(String.raw`\b${PLACE}\b`);
const CLOCK_RE = new RegExp(CLOCK);
/** "tesco car park, 11": the place then the hour at the end of the message. */
const PLACE_THEN_HOUR = new RegExp(String.raw`\b${PLACE},? \d{1,2}\s*$`);

/** A digit, « minuit » or "midnight": what CLOCK and PLACE_THEN_HOUR need. False: meetSpot(folded) is false. */
const TIME_MARK = /\d|minuit|midnight/;
export function mayTellTime(folded: string): boolean {
  return TIME_MARK.test(folded);
}

/** Whether the message names a meeting place with a clock time. */
export function meetSpot(folded: string): boolean {
  // No digit and no « minuit »/"midnight": no clock time (CLOCK's other readings and PLACE_THEN_HOUR need a digit), so
  // none of the three scans runs on the ~3 in 4 messages without one (issue 14, round 46).
  if (!mayTellTime(folded)) return false;
  if (PLACE_THEN_HOUR.test(folded)) return true;
  return PLACE_RE.test(folded) && CLOCK_RE.test(folded);
}
