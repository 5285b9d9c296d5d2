/**
 * Stop 45 (det45b): a phone or keys taken from someone one looks after, said with why (« on lui prend son tel sinon elle va écrire à
 * son ex », « si je lui prends le tel elle va me détester », "we take her phone or she'll text her ex", "take his keys so he doesn't
 * drive"): care of a drunk friend, a groomed sister or a teenager, not a robbery. The robbery cue of such a message is dropped
 * (observe.ts) so the ambush set-ups (lure-to-meeting: robbery and a secluded spot) do not read it. Not when the purpose is that
 * the person cannot call for help (« sinon elle va appeler les flics », "so she can't call anyone"), nor with anything else taken
 * (a card, a wallet, cash, a bag, a code): those are a robbery's.
 */

/** The phone or keys taken from him or her (« on lui prend son tel », « prends-lui ses clés », "take his keys"). */
const TAKE = /\b(?:(?:(?:on|je|tu|vous|nous on|moi je|si je|si on|we|i|if we|if i) )?(?:lui |leur )?(?:prend|prends|prendra|prenez|garde|confisque|take|took|grab|keep|confiscate)(?: lui)? (?:son|sa|ses|le|la|les|her|his|their|the) (?:tel|telephone|portable|phone|mobile|cles|clefs|keys|car keys))\b/;
/** Why: so that he or she does not write, call or drive, or he or she will hate or blame the speaker. */
const PURPOSE = /\b(?:sinon (?:il|elle|ils|elles) va (?:ecrire|envoyer|texter|appeler|rappeler|jouer|conduire|rouler|prendre la voiture)|(?:il|elle) va (?:me|nous) (?:detester|en vouloir|tuer)|(?:or|otherwise|else) (?:she|he)(?:'ll| will|ll| ll) (?:text|call|message|ring|drive|play)|so (?:she|he) (?:doesn'?t|does not|can'?t|cannot|won'?t) (?:text|call|message|drive)|(?:she|he)(?:'ll| will|ll| ll) hate (?:me|us)|(?:il|elle) va (?:gueuler|raler|pleurer))\b/;
/** ...to call for help (the police, anyone, or those who would come: her mother, a friend, his brothers: review of det45b), or anything else taken: a robbery's purpose. */
const NOT_CARE = /\b(?:flics?|police|gendarmes?|keufs|secours|a l'?aide|quelqu'?un|personne|cops|anyone|anybody|help|911|999|17|cb|carte|portefeuille|porte feuille|sac|cash|thune|argent|fric|code|wallet|card|bag|money|pin|mere|maman|pere|papa|frere|freres|soeur|soeurs|copine|copines|pote|potes|amie?s?|famille|parents|mother|mum|mom|dad|father|brothers?|sisters?|friends?|mates?|family|parents)\b/;

/** `folded` takes a phone or keys from the one the speaker looks after, and says why. */
export function protectiveTake(folded: string): boolean {
  return TAKE.test(folded) && PURPOSE.test(folded) && !NOT_CARE.test(folded);
}
