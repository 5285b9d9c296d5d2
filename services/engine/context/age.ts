/**
 * Age statements in chat text (French and English). Only first-person statements count: "j'ai 14 ans",
 * "I'm 14", "14 y/o", a school year ("en 4eme", "freshman"). A message that talks about someone
 * else's child ("ma fille a 17 ans", "my son is 12") says nothing about the speaker's age.
 * Input is `fold()`ed text.
 */

export interface AgeStatement {
  /** Stated age in years, when a number was given. */
  age: number | null;
  /** True when the statement places the speaker under 18 (number < 18 or a school year). */
  minor: boolean;
  /** What matched, for reasons. */
  evidence: string;
}

const NOT_AGE_UNIT = String.raw`(?!\s*(?:min|mn|minutes?|h\b|heures?|hours?|km|kms|miles?|m\b|metres?|euros?|eur\b|e\b|€|\$|%|pm|am|:|h\d|[.,]\d|x|cm|kg|k\b|ans? de|years? (?:of|in|at|with|experience)|semaines?|weeks?|jours?|days?|mois|months?|followers|abonnes|ieme|eme|e\b|th|st|nd|rd|times?\b|fois\b|tries\b|kills?\b|goals?\b|points?\b|pts\b|games?\b|rounds?\b|wins?\b|losses\b|in a row))`;

const SELF_AGE: RegExp[] = [
  new RegExp(String.raw`\b(?:j'?ai|jai|g|j ai|moi c'?est|moi)\s*(\d{1,2})\s*(?:ans|an|a\b)`),
  new RegExp(String.raw`\b(?:je vais avoir|j'?aurai)\s*(\d{1,2})\s*ans`),
  new RegExp(String.raw`\b(?:i'?m|im|i am|i'?m only|im only|i am only|me)\s*(\d{1,2})\b` + NOT_AGE_UNIT),
  new RegExp(String.raw`\b(?:i'?m|im|i am|i turn(?:ed)?|i'?ll be|ill be)\s*(\d{1,2})\s*(?:years? old|yrs? old|yo|y\/o|y\.o)`),
  new RegExp(String.raw`^(\d{1,2})\s*(?:ans|yo|y\/o|y\.o|years? old|yrs? old)\b`),
  new RegExp(String.raw`\b(?:age|âge)\s*[:=]?\s*(\d{1,2})\b` + NOT_AGE_UNIT),
];

const GRADE: { re: RegExp; label: string }[] = [
  { re: /\b(?:je suis|jsuis|chui|chuis|moi|j'?suis|en)\s+(?:en\s+)?(cm1|cm2|6e|6eme|6ieme|sixieme|5e|5eme|cinquieme|4e|4eme|quatrieme|3e|3eme|troisieme|seconde|2nde|premiere|1ere)\b/, label: 'school year (fr)' },
  { re: /\b(?:je suis|jsuis|chui|chuis|moi|j'?suis)\s+(?:au|en)\s+(college|lycee)\b/, label: 'school (fr)' },
  { re: /\b(?:i'?m|im|i am)\s+(?:in|a)\s+(\d(?:st|nd|rd|th)\s+grade|(?:6|7|8|9|10|11)th grade|middle school|high school|freshman|sophomore|junior high|year (?:7|8|9|10|11))\b/, label: 'school year (en)' },
  { re: /\b(?:i'?m|im|i am)\s+a\s+(freshman|sophomore)\b/, label: 'school year (en)' },
];

const CHILD_MENTION = /\b(?:ma fille|mon fils|mon gamin|ma gamine|mes enfants|mon enfant|ma petite|mon petit|mon neveu|ma niece|ma soeur|mon frere|mon petit frere|ma petite soeur|ma cousine|mon cousin|son fils|sa fille|leur fils|leur fille|my daughter|my son|my kid|my kids|my child|my nephew|my niece|my sister|my brother|my little|my cousin|her son|her daughter|his son|his daughter|their son|their daughter|stepdaughter|stepson|belle-fille)\b/;

/** Every SELF_AGE pattern captures a number: a text without a digit (most) skips them all. */
const SELF_AGE_NEEDS_DIGIT = SELF_AGE.every((re) => re.source.includes(String.raw`(\d{1,2})`));

/**
 * The speaker's own age statement in this message, or null. `childMention` is `mentionsChild(folded)`, passed by a
 * caller that has it (observe: one scan of the long CHILD_MENTION pattern per message, not two; issue 14, round 37).
 */
export function statedAge(folded: string, childMention = CHILD_MENTION.test(folded)): AgeStatement | null {
  if (!SELF_AGE_NEEDS_DIGIT || /\d/.test(folded)) for (const re of SELF_AGE) {
    const m = re.exec(folded);
    if (!m) continue;
    // A bare "14 ans" or "age: 14" next to "my daughter" is about the child, not the speaker.
    const firstPerson = /\b(?:j'?ai|jai|g|j ai|i'?m|im|i am|i turn|i'?ll|ill|je vais|j'?aurai|moi)\b/.test(m[0]);
    if (childMention && !firstPerson) continue;
    const age = Number(m[1]);
    if (!Number.isFinite(age) || age < 8 || age > 99) continue;
    return { age, minor: age < 18, evidence: `stated age ${age}` };
  }
  if (!childMention) {
    for (const g of GRADE) {
      const m = g.re.exec(folded);
      if (m && !aboutAddressee(folded)) return { age: gradeAge(m[1]!), minor: true, evidence: `${g.label}: ${m[1]}` };
    }
  }
  return null;
}

/** The message speaks about the person addressed, not the speaker: a question ("qui est en 4e ?", "so ur year 11?")
 * or a second-person statement ("t'es en 3e alors") without a first-person one. A school year named there is the
 * other person's, so a minor-disclosure rule on it says nothing about the speaker's age. */
export function aboutAddressee(folded: string): boolean {
  if (/\b(?:je suis|jsuis|chui|chuis|j'?ai|jai|moi|i'?m|im|i am|me too|my)\b/.test(folded)) return false;
  return folded.includes('?') || /\b(?:t'?es|tu es|t'?as|tu as|ur|you'?re|youre|you are|u r|r u|are you)\b/.test(folded);
}

/** True when the message mentions someone else's child (then a minor-disclosure rule is about that child). */
export function mentionsChild(folded: string): boolean {
  return CHILD_MENTION.test(folded);
}

const AGE_QUESTION = /(?:\bt'?as quel age\b|\btu as quel age\b|\bquel age\b|\bt ki\b.*\bage\b|\bta quel age\b|\bt'?a quel age\b|\bhow old\b|\basl\b|\bage\s*\?|\bages?\s*\?|\bu \d{2}\b\s*\?|\bt'?es en quelle classe\b|\bwhat grade\b|\bquelle classe\b|\b(?:what|which) year (?:are|r) (?:you|u)\b|\b(?:which|what) school\b.*\?|\b(?:quelle ecole|quel college|quel lycee)\b|\bstill in school\b.*\?|\bhs\s*\?)/;
/** A school year or an age guessed at in a question ("so ur year 11?", "ur what 17?"): tested only on a text with a question mark. */
const AGE_GUESS = /\b(?:ur|you'?re|u r|are you|r u|t'?as|t'?es) (?:in (?:year|grade) |year |grade |what |like |quoi |genre )\d{1,2}\s*\?/;

/** True when the message asks the other person's age (or school year). */
export function asksAge(folded: string): boolean {
  return AGE_QUESTION.test(folded) || (folded.includes('?') && AGE_GUESS.test(folded));
}

const UNIT_AFTER = /^(?:min|mn|minutes?|h|heures?|hours?|km|kms|miles?|m|euros?|eur|€|\$|%|pm|am|x|cm|kg|k)\b/;

/** A bare answer to an age question ("14", "14 why", "13 ans et toi"); returns the age or null. */
export function bareAgeAnswer(folded: string): number | null {
  const m = /^(?:j'?ai |jai |g |i'?m |im |i am |moi |jsuis |je suis )?(\d{1,2})\s*(.*)$/.exec(folded);
  if (!m) return null;
  const rest = m[2]!.trim();
  if (UNIT_AFTER.test(rest)) return null;
  if (rest.split(/\s+/).filter((w) => /\w/.test(w)).length > 4) return null;
  const age = Number(m[1]);
  return age >= 8 && age <= 99 ? age : null;
}

const GRADE_ANSWER = /^(?:en |je suis en |jsuis en |chui en |in |i'?m in |im in )?(cm1|cm2|6e|6eme|6ieme|sixieme|5e|5eme|cinquieme|4e|4eme|quatrieme|3e|3eme|troisieme|seconde|2nde|premiere|1ere|college|au college|lycee|au lycee|(?:6|7|8|9|10|11)th(?: grade)?|grade (?:[3-9]|1[0-2])|middle school|high school|freshman|sophomore|year (?:7|8|9|10|11))\b(?:\s+\S+){0,5}\s*[?!.]*$/;
/** A school year said anywhere in a short reply to a class or school question (round 7): "5th lol", "westville girls, grade 8",
 * "1st year in st columba's", "year 8, school up in the northern suburbs haha", « oui la 8e ». */
const GRADE_IN_ANSWER = /(?:^|[\s,.;:!?])(?:(?:en|la|le) )?((?:1st|2nd|3rd|first|second|third) year|(?:[1-9]|1[0-2])(?:st|nd|rd|th)(?: grade)?|grade (?:[1-9]|1[0-2])|year (?:[1-9]|1[0-3])|[5-8]e|[5-8]eme|cm1|cm2|sixieme|cinquieme|quatrieme|troisieme|seconde|2nde|middle school|high school|freshman|sophomore)\b/;

/** A bare school-year answer to a class question ("6eme", "seconde", "8th grade"); returns it or null. */
export function bareGradeAnswer(folded: string): string | null {
  const m = GRADE_ANSWER.exec(folded);
  if (m) return m[1]!;
  // A short reply (at most 10 words) naming a school year among other words.
  if (folded.split(/\s+/).length > 10) return null;
  const g = GRADE_IN_ANSWER.exec(folded);
  return g ? g[1]! : null;
}

const GRADE_AGE: [RegExp, number][] = [
  [/^cm1$/, 9], [/^cm2$/, 10], [/^(?:6e|6eme|6ieme|sixieme)$/, 11], [/^(?:5e|5eme|cinquieme)$/, 12], [/^(?:4e|4eme|quatrieme)$/, 13],
  [/^(?:3e|3eme|troisieme)$/, 14], [/^(?:7e|7eme|8e|8eme)$/, 13], [/^(?:1st|first) year$/, 12], [/^(?:2nd|second) year$/, 13], [/^(?:3rd|third) year$/, 14], [/^(?:seconde|2nde)$/, 15], [/^(?:premiere|1ere)$/, 16], [/college/, 12], [/lycee/, 16],
  [/^(\d+)(?:st|nd|rd|th)/, -1], [/^grade (\d+)/, -1], [/middle school/, 12], [/high school/, 15], [/freshman/, 14], [/sophomore/, 15], [/year (\d+)/, -2],
];

/** Typical age of a school year (fr/en), or null. */
export function gradeAge(grade: string): number | null {
  for (const [re, age] of GRADE_AGE) {
    const m = re.exec(grade);
    if (!m) continue;
    if (age === -1) return Number(m[1]) + 5; // US grade N ≈ N + 5 years old
    if (age === -2) return Number(m[1]) + 4; // UK year N ≈ N + 4
    return age;
  }
  return null;
}
