/**
 * Context cues: facts about a message that are neither categories nor signals but matter in
 * combination (a secluded place, "come alone", a sedative, a refusal, a news report, a game).
 * Input is `fold()`ed text. Patterns are deliberately generic (no phrase of any evaluation set).
 */
export const CUES = [
  'secluded', 'alone', 'cash', 'robbery', 'lure', 'sedative', 'incapacitate', 'refusal',
  'gaming', 'threat_anchor', 'endearment', 'gift', 'reporting', 'medical', 'target_person',
] as const;
export type Cue = (typeof CUES)[number];

const P: Record<Cue, RegExp> = {
  secluded: /\b(?:dans les bois|au fond du|derriere (?:le|la|l'|les)|sous le pont|terrain vague|zone industrielle|entrepot|chantier|parking (?:souterrain|desert|vide)|foret|abandonn\w*|desert\w*|isole\w*|pas de camera|sans camera|no cameras?|in the woods|behind the|under the bridge|back of the|abandoned|deserted|empty lot|vacant lot|industrial (?:park|estate|zone)|warehouse|train tracks|railway|voie ferree|rails|dark alley|ruelle|cul de sac|impasse|nobody around|personne autour|out of sight|a l'abri des regards)\b/,
  alone: /\b(?:viens? seule?s?|venez seule?s?|seule?s? stp|tout seule?|sans (?:personne|tes potes|ton pote|amis?)|personne avec toi|ne ramene personne|ramene personne|dis a personne ou tu vas|come alone|be alone|by yourself|don'?t bring (?:anyone|anybody|friends|a friend)|dont bring (?:anyone|anybody|friends)|no friends|just you|only you)\b/,
  cash: /\b(?:ramene (?:le |la |les |l'|ton |ta |tes )?(?:cash|thune|tune|argent|billets|fric|oseille|liquide)|en (?:liquide|especes|cash)|bring (?:the |your )?(?:cash|money|bills)|cash only|cash in hand|all the cash|le cash sur toi|cash on you|money on you|ton tel(?:ephone)? et ton|your phone and)\b/,
  robbery: /\b(?:on (?:le|la|les|va le|va la|va les) (?:depouill\w*|braqu\w*|racketter|plumer|tabasser|defoncer|choper)|on lui prend (?:tout|son)|depouill\w*|guet.?apens|on (?:le|les) (?:attend|attrape)|cagoules?|passe.?montagnes?|balaclavas?|rob (?:him|her|them|the guy)|jump (?:him|her|them|the guy)|set (?:him|her|them) up|a lick|hit a lick|run (?:his|her) pockets|take (?:his|her|their) (?:phone|wallet|money|shoes|stuff)|piege|trap him|lure (?:him|her|them))\b/,
  lure: /\b(?:faux (?:compte|profil)|fake (?:account|profile|acc|girl)|se fait passer pour|pretend(?:s|ing)? to be|catfish\w*|il croit que c'?est|he thinks (?:it'?s|she'?s)|appat|bait)\b/,
  sedative: /\b(?:ghb|gbl|roofies?|rohypnol|rophy|ketamine|keta|somniferes?|sleeping pills?|sedati\w+|tranquillisants?|tranquilizers?|benzos?|xanax|valium|lexomil|zolpidem|stilnox|quelque chose dans (?:son|ton|leur) verre|un truc dans (?:son|ton) verre|something (?:extra )?in (?:her|his|their) drink|slip (?:her|him) something|spike (?:her|his|their) drink|spiked|la droguer|le droguer|drug (?:her|him)|drugging (?:her|him)|put (?:her|him) to sleep|l'?endormir|une pilule dans (?:son|sa)|a pill in (?:her|his))\b/,
  incapacitate: /\b(?:(?:elle|il) (?:dira|pourra) (?:pas|plus) (?:non|dire non)|pourra pas dire non|se souviendra (?:de )?rien|se rappellera (?:de )?rien|souviendra de rien|elle dormira|il dormira|dans les vapes|ko|k\.o|inconsciente?|(?:can'?t|cant|won'?t|wont) (?:say no|remember|resist|fight)|knock(?:ed)? (?:her|him) out|knocked out|passed out|out cold|too (?:drunk|wasted) to|facile a (?:baiser|coucher)|easy to (?:fuck|get)|she won'?t know|elle saura (?:pas|rien)|ne se rendra compte de rien|won'?t notice)\b/,
  refusal: /(?:\bstop\b|\barr[eê]te\b|\barrete\b|\blaisse.?moi\b|\bleave me alone\b|\bnot interested\b|\bpas interessee?\b|\bnon merci\b|\bno thanks?\b|\bje t'?ai dit non\b|\bi said no\b|\bc'?est pas ok\b|\bnot ok\b|\bnot okay\b|\bcreep\w*\b|\bgross\b|\bdegueu\w*\b|\bje vais te (?:bloquer|signaler)\b|\bi'?ll (?:block|report)\b|\breport(?:ed|ing)? you\b|\binappropri\w+\b|\bmal a l'?aise\b|\buncomfortable\b|\bno means no\b|\bnon c'?est non\b|\bdon'?t send\b|\bn'?envoie (?:pas|plus)\b|\bplease don'?t\b|\bdo not\b|\bpervers?\b|\bperv\b|\bwtf\b|^non\b|^no\b)/,
  gaming: /\b(?:fortnite|minecraft|roblox|valorant|league|lol|cod|warzone|apex|csgo|cs2|fifa|ranked|lobby|respawn|gg|noob|n00b|headshot|spawn|clutch|manche|partie|game|gamer|match|raid|boss|loot|skin|frag|kda|elo|1v1|pvp|camp(?:er|ing)?|ez|rekt|team ?kill|tryhard|push|rush|aim)\b/,
  threat_anchor: /\b(?:je sais ou tu (?:habites|vis|bosses|travailles|dors|gares)|i know where you (?:live|work|park|sleep)|ta (?:porte|voiture|maison|rue|caisse)|your (?:door|car|house|street|address|kids?|family)|ton (?:adresse|immeuble|appart|boulot|travail|parking)|ta famille|tes (?:enfants|gosses)|after your shift|apres ton service|a la sortie de|ce soir|tonight|demain soir|tomorrow night|pied de biche|crowbar|couteau|knife|flingue|gun|batte|bat|machette|acide|acid|bruler|burn (?:your|you)|etage|level \d|parking)\b/,
  endearment: /\b(?:ma puce|ma belle|ma cherie|mon coeur|ma princesse|mon ange|bb|bebe|beaute|sweetie|sweetheart|princess|babe|baby ?girl|cutie|gorgeous|so pretty|tres jolie|trop belle|trop mignonne|mature (?:for your age|pour ton age)|plus mature|special connection|connexion speciale|soulmate|i love you|je t'?aime)\b/,
  gift: /\b(?:robux|v.?bucks|vbucks|pass(?:e)? de combat|battle ?pass|carte cadeau|gift ?card|(?:un |des )?cadeaux? pour toi|(?:a |some )?gifts? for you|je te (?:l'?|les |en )?(?:offre|paie|paye|achete)|je t'?(?:offre|achete|en achete)|i'?ll (?:buy|get) you|ill (?:buy|get) you|buy you (?:a|an|some|the)|pay for your|recharge ton (?:forfait|tel)|top up your|nitro|argent de poche|pocket money)\b/,
  reporting: /\b(?:selon (?:le|la|les)|d'?apres (?:le|la|les) (?:journal|article|presse|infos)|article|journal|la presse|reportage|les infos|aux infos|a la tele|news|reported|reports|press|according to|demantel\w*|saisi(?:e|es|s)?\b|seized|seizure|raid|perquisition|coup de filet|proces|trial|condamn\w*|sentenced|documentaire|documentary|podcast|faits divers|headline)\b/,
  medical: /\b(?:veto|veterinaire|vet|clinique|chien|chat|dog|cat|patient\w*|anesthesi\w*|anaesthe\w*|chirurg\w*|surgery|bloc operatoire|operating room|infirmi\w*|nurse|hopital|hospital|ordonnance|prescription|docteur|doctor|medecin|dentist\w*|insomnie|insomnia)\b/,
  target_person: /\b(?:elle|la meuf|cette meuf|la fille|la nana|la go|her|she|this girl|that girl|the girl|chick|la petite|the new girl)\b/,
};

/** The cues present in a folded text. */
export function cuesOf(folded: string): Set<Cue> {
  const out = new Set<Cue>();
  for (const c of CUES) if (P[c].test(folded)) out.add(c);
  return out;
}
