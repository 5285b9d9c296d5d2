/**
 * A message that keeps something from the addressee's parents (round 7): "dont tell ur mam", "so ur mama wont see",
 * « ne montre pas nos messages à ta maman », « tu dis à ta mère que t'es chez un copain », "tell him ur meeting pals".
 * Only children have their contacts hidden from their parents: the context takes the addressee for a minor and the
 * message for a secrecy request. Input is `fold()`ed text.
 */

/** The addressee's parent, named in the second person. */
const THEIR_PARENT = /\b(?:ur|your|yo|ta|ton|tes|t'?)\s?(?:mom|mum|mam|mama|mammy|mommy|mother|dad|da|daddy|father|parents|folks|maman|mere|pere|papa|darons?|daronne|parents?)\b/;
/** Hiding from them, or a lie to tell them. */
const KEEP_FROM = /\b(?:(?:don'?t|dont|do not|never|no need to|better not|maybe dont|won'?t|wont|will not|doesn'?t|doesnt|does not|needn'?t)\s+(?:\w+\s+){0,2}?(?:tell|telling|mention|show|say|see|know|need to know|find out|be telling)|tell (?:her|him|them) (?:u|you|ur|you'?re|youre|that)|(?:ne|n'?)\s?(?:dis|montre|raconte|parle)\w*\s+(?:\w+\s+){0,3}?(?:pas|rien|jamais)|pas (?:besoin|la peine) de (?:le |lui |leur )?(?:dire|montrer|parler|meler)|inutile de (?:meler|le dire|lui dire|leur dire|leur parler|en parler)|surtout pas|sans (?:le dire|lui dire|leur dire|qu'?(?:il|elle|ils) (?:le )?sache)|(?:dis|di|tu dis|tu lui dis) (?:a (?:ta|ton|tes) \w+ )?que (?:t'?es|tu es|tu etais|tu vas|tu dors|t'?as|tu as gagne)|doit pas (?:le )?savoir|sauront pas|verra (?:rien|pas))/;

/**
 * Stop 50 (det50): the same said without « ne », as chat French drops it (« dis rien à tes parents », « tu dis rien à ta mère »,
 * « le dis pas à ton père », « en parle jamais à ta daronne »): KEEP_FROM read « ne » first. Without it « dis pas » is also
 * « je dis pas que ta mère a tort » or « dis pas de bêtises à ta mère », so the parent must be the one not told: « à » and
 * the parent right after, or after what is hidden (« ça », « nos messages »).
 */
const KEEP_FROM_NO_NE = /\b(?:le |l'?|la |les |en |lui |leur |y )?(?:dis|dit|di|montre|montres|raconte|racontes|parle|parles)\s+(?:pas|rien|jamais|r1)\s+(?:(?:ca|cela|tout|surtout|hein|stp|ok|nos|ces|messages|msgs|photos|de nous|ni|et|non|plus|encore)\s+){0,3}a\s+(?:ta|ton|tes|t'?)\s?(?:mom|mum|mere|pere|papa|maman|parents?|darons?|daronne|famille|grands? parents|grand mere|grand pere)\b/;

/** True when the message asks the addressee to keep something from their own parents, or to lie to them. */
export function hidesFromParents(folded: string): boolean {
  return THEIR_PARENT.test(folded) && (KEEP_FROM.test(folded) || KEEP_FROM_NO_NE.test(folded));
}

/** Thanking or greeting the other person by a role over the speaker: "cheers coach", "thanks sir", « merci coach ». */
const ROLE_ADDRESS = /(?:^|[,.!?] ?)(?:thanks?|thank you|cheers|ty|thx|ok|okay|yes|yeah|hi|hey|merci|oui|ouais|salut|bonjour) (?:coach|sir|miss|monsieur|madame|maitre|maitresse)\b/;

/** True when the speaker addresses the other by a role over them (a coach, a teacher): a pupil, a player to their coach. */
export function addressesRole(folded: string): boolean {
  return ROLE_ADDRESS.test(folded);
}
