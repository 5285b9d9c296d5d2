/**
 * Sextortion by its structure (round 7), not by one writer's words: the speaker says he still has the target's images
 * ("those pics you sent", "recognise these?", « la vidéo de l'été dernier ») and, in a later message, names the target's
 * people (her mother, sister, boss, work, school or group chat) with a condition or a deadline ("300 by friday or they go
 * to ur uni group chat", « 500 avant dimanche ou elle part à ta sœur ») or as the ones who will get them ("ur sister gets
 * them first"). The context turns these into the `held_images` and `spread_threat` cues (derive.ts extortsAcross).
 * Input is `fold()`ed text.
 */

const HELD = /\b(?:(?:those|the|them|ur|your|these|all the|all ur|all your) (?:pics|photos|pictures|videos|vids|nudes|video|vid)(?: \w+){0,2} (?:you|u) (?:sent|took|made)|(?:you|u) sent me (?:them|those|these|the|ur|your)? ?(?:pics|photos|pictures|videos|vids|nudes|video|vid)|recogni[sz]e (?:these|this|them)|remember (?:the|that|those) (?:video|vid|pics|photos)|(?:tu te souviens|tu te rappelles|souviens toi) de (?:la|cette|ces|tes|les) (?:video|photo|photos|videos)|(?:les|ces|tes) (?:photos|videos|nudes) que tu m'?(?:as|avais) (?:envoye|envoyees|envoyes)|tu reconnais (?:ca|ces|cette|ceci))\b/;

/** The target's people or audience, in the second person. */
const THEIR_PEOPLE = /\b(?:ur|your|yo|ta|ton|tes|t'?)\s?(?:mum|mom|mam|mama|mother|dad|da|father|parents|sister|sis|brother|family|fam|boss|work|job|office|uni|school|college|church|group ?chat|gc|followers|bf|boyfriend|husband|mere|maman|pere|papa|soeur|frere|famille|boite|patron|patronne|taf|travail|employeur|copain|mec|mari|abonnes|ecole|fac|lycee|groupe|collegues|colleagues|coworkers)\b/;
/** A condition ("or they go to…", « sinon », « ou elle part »): a deadline alone is no threat ("send them to ur mum by friday"). */
const CONDITION = /\b(?:or (?:they|it|i|else|these|those|them)|unless|if (?:you|u) (?:dont|don'?t|do not)|tick tock|clock is ticking|(?:ur|your) choice|hate to (?:tag|send|post|show)|sinon|ou (?:elle|elles|je|ils|ca) (?:part|partent|les|la|le|clique|envoie|balance)|t'?as le choix|tu as le choix|c'?est toi qui vois)\b/;
/** "ur sister gets them first", "your boss will see them", « ta mère les recevra ». */
const GETS_THEM = /\b(?:gets|get|will get|sees|see|will see|gonna see|receives|will receive) (?:them|it|those|these) (?:first|next|too)?\b|\bles (?:recevra|recoit|verra|verront|aura|auront)\b/;

/** Cheap gate: most messages name no image at all. */
const IMAGE_WORD = /pic|phot|vid|nude|recogn|reconn/;

export function holdsImages(folded: string): boolean {
  return IMAGE_WORD.test(folded) && HELD.test(folded);
}

export function threatensToSpread(folded: string): boolean {
  return THEIR_PEOPLE.test(folded) && (CONDITION.test(folded) || GETS_THEM.test(folded));
}
