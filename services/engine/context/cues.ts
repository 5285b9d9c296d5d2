/**
 * Context cues: facts about a message that are neither categories nor signals but matter in
 * combination (a secluded place, "come alone", a sedative, a refusal, a news report, a game).
 * Input is `fold()`ed text. Patterns are deliberately generic (no phrase of any evaluation set).
 */
import { unionOf } from './regex-union.js';

export const CUES = [
  'secluded', 'alone', 'cash', 'robbery', 'lure', 'sedative', 'incapacitate', 'refusal',
  'gaming', 'threat_anchor', 'endearment', 'gift', 'reporting', 'medical', 'target_person',
  'menace', 'perceived_threat', 'weapon', 'price', 'kin_address', 'laughing', 'target_other',
] as const;

/**
 * Cues set only by rule files (`label=cue:<name>`, rules/context_cues.rules): vocabulary matched by the rule
 * automaton in the same pass as the category rules, so a longer word list costs nothing per message.
 * Rule files may also set the regex cues above (`cue:gaming` adds game words).
 * Frames (the message reports, warns, quotes, jokes, cares...): reported, warning, moderation, care,
 * figurative, sport. Intent without offence words: weapon_access, school_time, whereabouts, blocked,
 * waiting, insist, sw_frame, lodging, drink_push, want_out,
 * harm (violent acts aimed at someone), when (a time for it), body_comment (sexualised remarks or insults),
 * weapon_item (weapons, calibres and ammunition, slang included), illegal (no papers, untraceable, smuggled),
 * sextortion (the target's images held with a condition or a threat to spread them),
 * drug_item (drugs by name, code or emoji), drug_qty (a dose or weight), handover (delivery, a spot, a payment app),
 * amount (a sum of money: 40 euros, £300, 15 la fiole),
 * listing (a classified ad for an everyday item: tickets, a console, a bike, tyres, furniture),
 * spike (something put into someone else's drink: "a capful in hers", « un peu de G dans son jus »),
 * household (a flat-share, rent, kitchen knives: everyday deals that use "arrangement", prices and blades),
 * legal_trade (the legal market and the law: a dispensary, a CBD shop, a state store, decriminalisation, an ID check),
 * veiled (violence by hint: "I'll have something for him", « tu verras demain », "keep them safe": an intent that only a
 * reaction, a routine named back or a plan makes a threat),
 * alarm (someone else's alarm at what was just said: "that's not funny", « t'es malade », "talk to someone", « c'est une agression »),
 * summon (the speakers bring a third person to a spot: « dis-lui de venir », "tell him to come round", « tu l'as fait venir »),
 * outnumber (a group waits for someone or will be many: « on sera 6 », « ils l'attendent derrière », "we're waiting"),
 * held_images (the speaker still has the other's photos: « j'ai tout gardé », "the pics you sent me"), spread_threat (a threat
 * to send "them" to the target's people or everyone: « je les envoie à ta mère », "everyone will see them"): sextortion
 * said across messages (round 6).
 * Sales told by their logistics (2026.12.9-2): goods_code (goods by a code, a colour or "the usual": « de la neige »,
 * "white and brown", "the pack"), deal_talk (the trade's words with no drug named: "line phone", "going country",
 * « le drive », « t'as besoin de quoi », "how many u want"); paid sex told as paid time: paid_time (a price per hour,
 * night, evening or encounter: « 200 pour une heure », "150 each"), private_place (« chez moi », "my apartment",
 * "their hotel"), discreet (« personne le saura », "no one finds out").
 * The trade's staff (2026.12.10-2): pay_rate (a wage by the day, run or week: « 80 par jour », "100 a run"),
 * police_dodge (what to do when the police come or stop you: « si tu vois les bleus tu cries », "if the feds stop you"),
 * cover_story (what to tell a parent or the police, a phone left at home: « tu dis que tu traînes », "tell ur mum").
 * grievance (a wrong held against someone, or scorn for him: « le mec qui a frappé mon frère », "that boy who ran his mouth"),
 * go_plan (the speakers will go, be or come somewhere: « on sera », « on passe », "we'll be", "pull up"), their_place (where a
 * third person is: « en bas de chez lui », "outside his work"), your_place (the target's workplace or school: « ta boutique »,
 * "your salon"): a threat said as a plan (round 7, derive.ts threatPlan).
 * reluctant (the person refuses the speaker: « elle fait sa difficile », "playing hard to get"), isolate (taking her away
 * once she is out: "walk her up to the 3rd floor", « la monter dans la chambre »): with a means put into her drink they are the
 * motive of a drugging, its sexual intent said without sex words (sedation-plan, round 7).
 * op_cover (masks, gloves, swapped plates, new SIMs, no phones, "nobody post", a driver, a lookout), hidden_means (a weapon
 * named only as "the thing", « l'affaire », what is under a seat, held or fetched), doom (the target's end said as a fact:
 * "he ain't walking home", « il va comprendre »), routine (a third person's routine: « il sort à 17h30 », "every friday
 * after 9"): a planned attack told through its logistics (2026.12.10-1, derive.ts covertPlan).
 * blind_cargo (the carrier must not know or look: "don't ask", "never open them", « ouvre jamais le sac »), stash_hide (goods
 * hidden on the body or in a vehicle: "in ur sock", "under the spare wheel", « dans la boîte à gants »): a courier (round 9).
 * contest (a threat verb whose object is beaten in a competition: "we'll murder u in the cup", « on vous défonce en finale »:
 * a figure of speech, frames.ts) (round 13).
 * cooking (a roast carved, a chicken for the barbecue, the Eid sheep cut up, a recipe: knives and "je vais le massacrer"
 * speak of meat; frames.ts, and violencePlan reads it like household) (round 14), at_you (a blow aimed at the
 * addressee: « je vais te découper », "i'll carve you up": lifts the cooking frame) (round 14), football (a derby, the stadium,
 * supporters, a score: banter for threats like sport, but not a legal setting for weapons as hunting or a shooting club is) (round 14).
 * rebuffed (round 15: she refused him, said by him or a friend: « elle m'a recalé », "she turned you down"), rebuffed_often (many
 * times or again: « elle a dit non 3 fois », "she said no again"), drop_it (a friend tells him to: « laisse tomber », "leave it"),
 * unpursued (review of round 15: a refusal about a job, a team, a dress, from a partner or a friend, or one he accepts:
 * « je passe à autre chose », "moved on": no pursuit),
 * persist (the speaker will keep after someone who refused him: « elle finira par céder », « je lui écris tous les
 * soirs », "she'll give in eventually", "i'm not giving up on her"; derive.ts pursuit),
 * pimping ("the girls" placed at a rate by the hour or the night: lifts the household frame for prostitution) (round 15),
 * hazard (a place, the weather or a habit "will kill you": a figure of speech on its own message only) (round 15 review),
 * group_walk (neighbours organising a group walk home: read by the covert-plan finding only, so a parent giving her own
 * child's hours is no target's routine; damps nothing) (round 15 review),
 * fate (his end said as a fact: « il rejouera plus jamais », "he'll remember me"; weak, read by armedPurpose only) and animal (a fox,
 * a boar, a pike named: armedPurpose's frame) (round 16 review).
 * deac_cert (round 16: weapons deactivated with their certificate, proof-house mark or EU standard: the legal collectors'
 * trade; a weapons deal is read there only with illegality said, such as reactivation or no papers).
 * fiction (round 17c: fans recapping a series, an anime or a film in their own short words: "since ep 2", « le prochain ep »,
 * "the finale"): a plot, not a plan, for a drugging; not for grooming (a groomer opens with a show).
 * debt (round 17c: the addressee owes the speaker a journey, a room, a visa: « tu me dois le voyage », "you owe me for the flight"),
 * clients_count (a number of men or appointments a night: « 4 ou 5 messieurs par nuit », "3 dates a night"),
 * refused_again (round 17c review: a refusal said as one already given, « je te l'ai déjà dit trois fois », "I said what I said":
 * read only by unwelcome(), after a remark of a sexual kind; not a refusal for stalking or insistence).
 * waived (sex with her whether she wants it or not: the sexual_harassment rules malgre_elle / like_it_or_not, as a cue).
 * own_plan (round 17 read-through: the speaker's own plan or a located threat, « je mets », "ill slip", "we do the same", "i know where
 * you live": the words that keep a message from being a fan's recap; they lift the fiction frames carried from an earlier message).
 * peer_warning (round 18: sex workers warning each other of a bad client, a bad-date list, National Ugly Mugs): damps prostitution on
 * that message only (frames.ts); not a speech frame, a span frame or relaying, so it never softens a threat, a drugging or grooming.
 * mechanics (int18 review: an engine, a carburettor or a printer "I'll kill"): softens threats only, like household does for threats
 * (frames.ts, and the threat plans read it as kitchen talk); never a sale, a swap or a listing.
 * game_title (rules20 review §1: GTA, Red Dead): frames threats on its own message and an ambush on the next (frames.ts); unlike
 * `gaming` it never makes the whole conversation banter nor keeps the threat plans from forming.
 * stage (round 21: a stage fight rehearsed, a film set, lyrics and verses written in a workshop: "fight call", "retractable
 * blades", "blood capsule", « combat scénique », "my bars", "the verse"): frames threats, ambushes and weapons (frames.ts).
 * ward (stop 36, second review of rules21b: ward, animal and sedate-to-treat words of r21b.rules): frames a drugging only, lifted by
 * dose_aim (a person's drink, tea, water or food named as where it goes), a spike or drinks pushed; not the medical gate of derive.ts.
 * authorities_told (stop 36: « la police est prévenue, touchez pas »): frames its own message only (frames.ts).
 * Violence leaked without threat words (detA38, rules/menace_leak.rules, read by menace-leak.ts only): stay_away (« reste dehors
 * lundi midi », "just don't come in monday"), not_joking (the speaker stands by it: « j'niaise pas », "that's the point"),
 * knows_routine (« je sais à quelle heure il rentre », "I know when she finishes"), exposed (unlit, no cameras, an empty road),
 * leave_cond (« si elle part », "if she tells"), relay (« dis-lui que », "tell him": a message passed on to a third person).
 * dfa_motive (round 38: what a drugging is for, said without sex words: she will not say no, will not be able to tell, will think she
 * slept well; lifts the medical, ward and care frames of a drugging), disclosure (round 38: a victim's morning-after account: one
 * drink from someone, then nothing, waking elsewhere, clothes torn), given_drink (the one drink someone brought her): sedation-motive.ts. covert_sale (round 38: goods that are not a shop's: the real
 * one, no prescription needed, no smell, a fake memo on the transfer), not_store (set against the legal store's: « rien à voir avec
 * la SQDC »), sale_price (a price
 * for a unit or a bundle, or said after the goods: « 10g c'est 70 », "8 each or 10 for 70"): sale-structure.ts.
 * vital_care (stop 38: is she breathing, the recovery position, the emergency number), intervened (an account told afterwards:
 * the glass taken, the police called, « on lui avait mis »): frames of a drugging (p0-frames.ts); drinks_bought (« il payait des
 * verres »: no price for paid-meeting), care_meds (an elder's own medicine: the P0 bar of p0-context.ts). None is own evidence.
 * parent_sanction (stop 42: a parent's sanction, « t'es privé de sortie », "you're grounded", "give me the car keys"),
 * minor_speaker (stop 42: set by observe.ts, never by a rule: a declared minor speaks and no means of drugging is live):
 * frames of context/parent-frames.ts. suspected_spike (stop 42: « je pense qu'on a mis un truc dans son verre »: p0-frames.ts).
 * harm_you (stop 43, det43v: the harm verb's object is the addressee, « te tuer », "kill you", whoever its subject: derive.ts
 * violencePlan then reads a weapon only from the speaker's side, not from the one threatened); other_actor (stop 43: the harm's
 * actor is a third person, « il va le défoncer », "they beat people up", "the killer waited": no plan of the speaker's).
 * tabletop (stop 43, det43r: a game master's table or a scenario written for a room: a dice roll asked, the master, a character
 * played, « jdr », "larp", an escape room's plot), rank_reply (stop 43: a game rank said where an address was promised, "i know
 * where u live, its bronze 2"): frames of frames.ts (rules/r43r.rules).
 * real_grievance (stop 44, det44g: a wrong done to the speaker or the speaker's own people, « il m'a humilié », « qui a frappé ma
 * mère », "who fired me"), real_harm (a lasting harm in the real world: a hospital, a wheelchair, an ambulance): what makes a
 * game's, a shoot's or a song's violence a real person's (frames.ts, rules/r44g.rules).
 */
export const RULE_CUES = [
  'reported', 'warning', 'moderation', 'care', 'figurative', 'sport',
  'weapon_access', 'school_time', 'whereabouts', 'blocked', 'waiting', 'insist',
  'sw_frame', 'lodging', 'drink_push', 'want_out', 'harm', 'when', 'body_comment', 'weapon_item', 'illegal', 'sextortion',
  'drug_item', 'drug_qty', 'handover', 'amount', 'listing', 'spike', 'household', 'alarm', 'legal_trade', 'veiled',
  'summon', 'outnumber', 'held_images', 'spread_threat',
  'goods_code', 'deal_talk', 'paid_time', 'private_place', 'discreet', 'pay_rate', 'police_dodge', 'cover_story',
  'grievance', 'go_plan', 'their_place', 'your_place',
  'work_lever', 'role_address',
  'reluctant', 'isolate',
  'op_cover', 'hidden_means', 'doom', 'routine', 'unpursued',
  'blind_cargo', 'stash_hide',
  'contest', 'cooking', 'at_you', 'football',
  'rebuffed', 'rebuffed_often', 'drop_it', 'persist',
  'pimping', 'hazard', 'group_walk',
  'arms_trade', 'nod', 'dfa_goal', 'gram_goods', 'named_goods',
  'deac_cert',
  'fate', 'animal', 'harm_you', 'other_actor',
  'fiction', 'debt', 'clients_count', 'waived', 'refused_again', 'own_plan',
  'peer_warning', 'mechanics', 'rent_sex', 'victim_report',
  'game_title', 'stage', 'scam_warning', 'for_real',
  'hour_price', 'person_offered',
  'ward', 'dose_aim', 'authorities_told',
  'stay_away', 'not_joking', 'knows_routine', 'exposed', 'leave_cond', 'relay', 'case_access',
  'dfa_motive', 'disclosure', 'given_drink', 'covert_sale', 'sale_price', 'not_store',
  'victim_story', 'meat', 'blow_at_you',
  'arm_price', 'sw_cut', 'sw_trade',
  'vital_care', 'intervened', 'drinks_bought', 'care_meds',
  'consented', 'consent_void', 'told_minor', 'more_images', 'extort_cond', 'spread_public', 'lasting_harm', 'arm_offer',
  'kin_mishap', 'hospitality',
  'docs_held',
  'kin_surprise', 'own_image', 'erase_trace', 'prescribed', 'object_photo',
  'surprise_party', 'heads_up',
  'parent_sanction', 'minor_speaker', 'suspected_spike',
  'dose_plan',
  'tabletop', 'rank_reply',
  'real_grievance', 'real_harm',
  'off_scale_price', 'meet_spot',
  'home_quip',
  'doc_photo', 'family_present',
  'id_doc', 'looks_remark',
  'sexual_image',
] as const;
export type Cue = (typeof CUES)[number] | (typeof RULE_CUES)[number];

/**
 * The one list of what makes violence concrete, by role; the threat derivations, the banter frame and the
 * relayed-speech rule read their lists from here. `place`: where or when the target will be (an address,
 * their routine, school at break time). `means`: a weapon named or at hand. `intent`: a menace, a harm
 * aimed at someone, waiting for them. `setup`: a trap (a secluded spot, robbery, a lure, "come alone").
 */
export const THREAT_CUES = {
  place: ['threat_anchor', 'whereabouts', 'school_time'],
  means: ['weapon', 'weapon_access'],
  intent: ['menace', 'harm', 'waiting', 'veiled'],
  setup: ['secluded', 'robbery', 'lure', 'alone', 'summon', 'outnumber'],
} as const satisfies Record<string, readonly Cue[]>;
/**
 * The speech frames every harm derivation shares: news or a report of what happened (`reporting`), a warning to others
 * (`warning`), a moderator's rules (`moderation`). Talk about a harm, not the harm; each derivation extends this list with
 * its own frames (derive.ts COVERT_FRAMES, ARMED_FRAMES; pursuit.ts PURSUIT_FRAMES, WAIVE_FRAMES).
 */
export const SPEECH_FRAMES: readonly Cue[] = ['reporting', 'warning', 'moderation'];
/** A real-world anchor: a place or schedule, or a weapon the speaker has (a weapon word alone is not one in game talk). */
export const REAL_ANCHORS: readonly Cue[] = [...THREAT_CUES.place, 'weapon_access'];
/** What makes a threat said laughing, or a hazard figure of speech, a threat all the same (round 9 review): means, a real-world anchor, menace, a fate, helpers, a grievance. */
export const LAUGH_LIFTS: readonly Cue[] = ['weapon', 'weapon_item', ...REAL_ANCHORS, 'menace', 'doom', 'outnumber', 'grievance'];
/** What a threatening message carries: the other side's reaction to it makes it a threat (threat-perceived). */
export const THREAT_MARKS: readonly Cue[] = [...THREAT_CUES.intent, ...THREAT_CUES.place, ...THREAT_CUES.means];
/** Places, weapons and set-ups that make a violent plan concrete (violence-plan's strong anchors). */
export const STRONG_ANCHORS: readonly Cue[] = [...THREAT_CUES.place, ...THREAT_CUES.means, ...THREAT_CUES.setup];
/** Intent behind naming someone's routine back to them (surveillance). */
export const SURVEILLANCE_INTENT: readonly Cue[] = [...THREAT_CUES.intent, ...THREAT_CUES.means, 'blocked', 'alone', 'secluded'];
/** What makes a message the others take fright at a threat of violence (alarm-raised): intent, a weapon at hand, a school time. */
export const ALARMING_THREAT: readonly Cue[] = ['harm', 'menace', 'veiled', 'weapon_access', 'school_time', 'doom'];
/** ... or a drugging: something into a drink, a sedative, pushed drinks, a victim who will be out. */
export const ALARMING_DRUGGING: readonly Cue[] = ['spike', 'sedative', 'drink_push', 'want_out', 'incapacitate'];
export const ALL_CUES: readonly Cue[] = [...CUES, ...RULE_CUES];

/**
 * Any cue of `list` live: `has` reads a cue over a derivation's span (derive.ts liveCue). A loop, no closure per cue; stops at
 * the first live one, in the list's order. (`carriesAny` reads the message's own cue set instead.)
 */
export function anyLive(has: (k: Cue) => boolean, list: readonly Cue[]): boolean {
  for (let i = 0; i < list.length; i++) if (has(list[i]!)) return true;
  return false;
}

/**
 * The message carries one of `list` (its own cues, or its signals: `v.cue`, `v.sig`). Gates call it on every message, most of
 * which carry nothing: a loop, no closure (GATED in derive.ts, no-closure.test.ts), nothing read when the set is empty.
 */
export function carriesAny<T>(set: ReadonlySet<T>, list: readonly T[]): boolean {
  if (!set.size) return false;
  for (let i = 0; i < list.length; i++) if (set.has(list[i]!)) return true;
  return false;
}

export function isCue(s: string): s is Cue {
  return (ALL_CUES as readonly string[]).includes(s);
}

const P: Record<(typeof CUES)[number], RegExp> = {
  secluded: /\b(?:dans les bois|au fond du|derriere (?:le|la|l'|les)|sous le pont|terrain vague|zone industrielle|entrepot|chantier (?:abandonne|desert|vide|la nuit|de nuit)|parking (?:souterrain|desert|vide)|foret|abandonn\w*|desert\w*|isole\w*|pas de camera|sans camera|no cameras?|in the woods|behind the|under the bridge|back of the|abandoned|deserted|empty lot|vacant lot|industrial (?:park|estate|zone)|warehouse|train tracks|railway|voie ferree|rails|dark alley|ruelle|cul de sac|impasse|nobody around|personne autour|out of sight|a l'abri des regards)\b/,
  alone: /\b(?:viens? seule?s?|venez seule?s?|seule?s? stp|tout seule?|sans (?:personne|tes potes|ton pote|amis?)|personne avec toi|ne ramene personne|ramene personne|dis a personne ou tu vas|come alone|be alone|by yourself|don'?t bring (?:anyone|anybody|friends|a friend)|dont bring (?:anyone|anybody|friends)|no friends|just you|only you)\b/,
  cash: /\b(?:ramene (?:le |la |les |l'|ton |ta |tes )?(?:cash|thune|tune|argent|billets|fric|oseille|liquide)|en (?:liquide|especes|cash)|bring (?:the |your )?(?:cash|money|bills)|cash only|cash in hand|all the cash|le cash sur toi|cash on you|money on you|ton tel(?:ephone)? et ton|your phone and)\b/,
  robbery: /\b(?:on (?:le|la|les|va le|va la|va les) (?:depouill\w*|braqu\w*|racketter|plumer|tabasser|defoncer|choper)|on lui prend (?:tout|son)|depouill\w*|guet.?apens|on (?:le|les) (?:attend|attrape)|cagoules?|passe.?montagnes?|balaclavas?|rob (?:him|her|them|the guy)|jump (?:him|her|them|the guy)|set (?:him|her|them) up|a lick|hit a lick|run (?:his|her) pockets|take (?:his|her|their) (?:phone|wallet|money|shoes|stuff)|piege|trap him|lure (?:him|her|them))\b/,
  lure: /\b(?:faux (?:compte|profil)|fake (?:account|profile|acc|girl)|se fait passer pour|pretend(?:s|ing)? to be|catfish\w*|il croit que c'?est|he thinks (?:it'?s|she'?s)|appat|bait)\b/,
  sedative: /\b(?:ghb|gbl|roofies?|rohypnol|rophy|ketamine|keta|somniferes?|sleeping pills?|sedati\w+|tranquillisants?|tranquilizers?|benzos?|xanax|valium|lexomil|zolpidem|stilnox|quelque chose dans (?:son|ton|leur) verre|un truc dans (?:son|ton) verre|something (?:extra )?in (?:her|his|their) drink|slip (?:her|him) something|spike (?:her|his|their) drink|spiked|la droguer|le droguer|drug (?:her|him)|drugging (?:her|him)|put (?:her|him) to sleep|l'?endormir|une pilule dans (?:son|sa)|a pill in (?:her|his))\b/,
  incapacitate: /\b(?:(?:she|he|they)(?: go| ll| will|ll)? think(?:s)? (?:it was|it'?s|na|e be|was) (?:the |just )?(?:alcohol|drink|drinks|booze|liquor)|(?:elle|il|elles|ils) (?:croira|croiront|pensera|penseront) (?:que )?(?:c'?(?:est|etait) )?(?:l'?alcool|la boisson|l'?alcohol)|(?:elles|ils) se souviendront (?:de )?rien|(?:elles|ils) se rappelleront (?:de )?rien|(?:elles|ils) (?:verront|voient|voyaient) plus rien|(?:elle|il) (?:dira|pourra) (?:pas|plus) (?:non|dire non)|pourra pas dire non|se souviendra (?:de )?rien|se rappellera (?:de )?rien|souviendra de rien|elle dormira|il dormira|dans les vapes|(?<!\b(?:suis|jsuis|chui|chuis|i'?m|im|am|etais|j'?etais) )(?:ko|k\.o)|inconsciente?|(?:can'?t|cant|won'?t|wont) (?:say no|remember|resist|fight)|knock(?:ed)? (?:her|him) out|knocked out|passed out|out cold|too (?:drunk|wasted) to|facile a (?:baiser|coucher)|easy to (?:fuck|get)|she won'?t know|elle saura (?:pas|rien)|ne se rendra compte de rien|won'?t notice)\b/,
  refusal: /(?:\b(?:je prefere qu'?on en reste la|on en reste la|je prefere qu'?on reste sur|keep (?:your|ur) comments|i asked you to stop|malaisant|(?:de )?pas commenter mon|stop commenting|thats not me|that'?s not me|i didnt ask for that|i didn'?t ask for that|stop|arr[eê]te|arrete|laisse.?moi|leave me alone|not interested|pas interessee?|non merci|no thanks?|je t'?ai dit non|i said no|c'?est pas ok|not ok|not okay|creep\w*|gross|degueu\w*|je vais te (?:bloquer|signaler)|i'?ll (?:block|report)|report(?:ed|ing)? you|inappropri\w+|mal a l'?aise|uncomfortable|no means no|non c'?est non|don'?t send|n'?envoie (?:pas|plus)|please don'?t|do not|pervers?|perv|wtf)\b|^non\b|^no\b)/,
  gaming: /\b(?:fortnite|minecraft|roblox|valorant|league|lol|cod|warzone|apex|csgo|cs2|fifa|ranked|lobby|respawn|gg|noob|n00b|headshot|spawn|clutch|manche(?! (?:de |d'?)(?:pioche|hache|pelle|balai|marteau|couteau|batte))|game(?! (?:night|nights|day|days))|games|gamer|match|raid|boss fight|final boss|boss final|boss de fin|elden ring|dark souls|summon me|phase 2|loot|skin|skins|frag|kda|elo|1v1|pvp|camp(?:er)?|(?<!\b(?:le|au|un|ce|mon|ton|son|notre|de) )(?<!(?<!\bf(?:ai|er|o)\w* )\bdu )camping(?! car)|ez|rekt|team ?kill|tryhard|rush|aim|(?<!\b(?:sniffing|sniff|come|came|coming|go|going|went|hang|hanging|pop|popping|swing|swinging|turn|turned|wait|waiting|walk|walking|look|looking|ask|asking|mess|messing|anyone|anybody|someone|somebody|live|lives|living|based|staying) )round(?! (?:the (?:back|corner|side|front|bins|block|way)|here|there|mine|yours|his|hers|ours|theirs|my|your|her))|item shop|battle royale|sniper|fps|twitch|speedrun|quest|niveau(?! (?:a1|a2|b1|b2|c1|c2|debutant|intermediaire|avance|confirme|scolaire|bac|lycee|college|licence|master|de langue|de francais|de anglais|d'?anglais|d'?espagnol))|level up|squad|duo|trio)\b/,
  threat_anchor: /\b(?:je sais ou tu (?:habites|vis|bosses|travailles|dors|gares|te gares|es)|je sais ou c'?est|je sais (?:laquelle|quelle) est ta|i know where you (?:live|work|park|sleep|are)|i know (?:which|what) car|ta (?:porte|voiture|maison|rue|caisse|famille|fille|femme)|your (?:door|car|house|street|address|kids?|family|wife|mom|daughter|office)|ur (?:door|car|house|street|address|kids?|family|shift)|ton (?:adresse|immeuble|appart|boulot|travail|parking|ecole|lycee)|tes (?:enfants|gosses)|after (?:your|ur) (?:shift|work|class)|apres ton (?:service|taf|boulot|travail)|a la sortie (?:de|du)|devant chez toi|outside (?:your|ur)|en bas de chez toi|(?:son|leur|his|their|your|ur) (?:parking|garage|car ?park)|(?:parking|garage) (?:du |de la |de l'|des |de ton |de ta |de son |de sa |de leur |de chez |at your |of your |at his |of his |at the |of the )(?!maison\b|ma\b|mes\b|mon\b)\w+|(?:parking|garage) (?:souterrain|sous-sol)|(?:in the|dans le|au) garage|niveau -?\d|(?:au|a l'|on the) (?:\d+(?:e|eme|er|st|nd|rd|th)?|premier|deuxieme|troisieme|quatrieme|cinquieme) (?:etage|floor)|(?:ton|son) etage|underground (?:car ?park|garage|parking)|level \d|porte (?:gauche|droite)|\d(?:e|eme) porte|(?:je t'?attends|je te attends|on t'?attend|on te attend|je vais t'?attendre|je vais te attendre|i'?ll be waiting|waiting for (?:you|u)|wait for (?:you|u)) (?:\w+ ){0,2}(?:au|dans le|sur le|at the|in the|by the) (?:parking|car ?park|parking lot|garage|sous-sol))\b/,
  weapon: /\b(?:couteau|lame|knife|blade|flingue|pistolet|gun|rifle|fusil|shotgun|pied de biche|crowbar|barre a mine|batte|baseball bat|machette|hache|axe|acide|acid|essence|gasoline|molotov|grenade)\b/,
  // Stop 52 (det52): « je viens te chercher / prendre / récup / ramener » is a lift (a parent at the school gate), not « je viens
  // pour toi », unless the same message says the threat (« … avec mes gars, t'es mort », review of det52); « je viens te voir »,
  // « je viens te trouver » stay menace (« sinon je viens te voir à ton kot »).
  // Stop 53 (det53b, read52 L1): the threat said after the lift is a crew or a weapon, not « tu vas voir (mamie) » nor « avec mes
  // cousins / potes »; « regretter », « morfler », « prendre cher » and « on va te » are menace on their own (alternatives below).
// Stop 54 (fix54, read53b C13): « tu vas voir » ends the sentence (« …, tu vas voir. », « tu vas voir 😡 », « tu vas voir hein »,
// « tu vas voir ta gueule »); before a comma, or after « hein », it counts only when the sentence ends there (« tu vas voir, c'est trop
// beau », « tu vas voir hein, c'est génial » are praise: review of fix54).
  menace: /(?:\btu vas (?:le )?regretter\b|\btu vas (?:le payer|morfler|prendre cher|voir ce qui va t'?arriver|crever|mourir)\b|\bje vais te (?:tuer|buter|planter|crever|defoncer|fracasser|eclater|casser|retrouver|faire la peau|saigner|bruler|egorger)\b|\bje (?:te )?(?:bute|tue|plante|creve|defonce|fracasse|casse|brule|retrouve)\b|\bje (?:defonce|casse|brule|crame) ta\b|\bt'?es un homme mort\b|\bgare a toi\b|\bfais gaffe a toi\b|\bca va mal finir\b|\bje viens (?:pour toi\b|te\b(?! (?:chercher|prendre|recup\w*|recuperer|raccompagner|ramener|deposer)\b(?!.*\b(?:t'?es (?:mort|fini|cuit)|tu es (?:mort|fini|cuit)|avec (?:mes|des) (?:gars|reufs)|avec (?:une |la |ma |mon |le )?(?:batte|barre|lame|couteau|hache|machette|flingue|fer)|tu vas (?:comprendre|saigner)|tu vas voir(?=(?: *,)? *(?:[.!;]|$|hein *(?:[.!;]|$|😡|🤬|😠|👊|🔪|💀|😤)|ta (?:gueule|tronche|race)\b|😡|🤬|😠|👊|🔪|💀|😤)))\b)))|\bje monte\b|\bon va (?:te|venir)\b|\b(?:you|u)'?ll regret\b|\b(?:you|u)(?:'re| are| r)? (?:gonna|going to) (?:pay|regret|die|bleed|get hurt)\b|\bi(?:'m| am)? ?(?:gonna|going to|will) (?:kill|hurt|stab|shoot|beat|smash|find|burn|end|cut) (?:you|u|ur|your|him|her)\b|\bi'?ll (?:kill|hurt|stab|shoot|beat|smash|find|burn|end|cut) (?:you|u|ur|your)\b|\bwatch (?:your|ur) back\b|\bdead man\b|\bi'?m coming for (?:you|u)\b|\bi'?m coming (?:tonight|tomorrow)\b|\bsee (?:you|u) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tonight|soon)\b)/,
  perceived_threat: /\b(?:c'?est une menace|tu me menaces|vous me menacez|is that a threat|are you threatening|you'?re threatening|je garde les messages|i'?m keeping (?:the|these) messages|j'?appelle (?:la police|les flics)|i'?m calling the (?:police|cops)|je porte plainte)\b/,
  price: /(?:\b\d{2,4}\s?(?:€|\$|eur|euros?|dollars?|bucks|balles|e)\b|[€$]\s?\d{2,4}\b|\b\d{2,4} (?:per|par|la|le|an|the|a) ?(?:heure|hour|h|nuit|night|meet|rdv|passe|session|demi)\b|\bcash\b|\ben liquide\b|\btarifs?\b|\brates?\b|\bcombien\b|\bhow much\b)/,
  // Stop 53 (integration, fresh read): det53c's « mon frère », « ma sœur », « ma tante » are not a form of address: at the start of
  // « mon frère lit mes messages » they made a groomer family and capped his grooming; siblings are not kin_address.
  // Stop 54 (min54, read53b B11): naming a parent is not addressing him either (« papa lit mes messages », « maman est à
  // côté », « je dors chez mamie », "i'm at grandma's"): a bare kin word opens the message only as a call (« papa, … »,
  // « maman tu viens ? », "dad can you…"), and ends it only when no « chez », "at", « ma », "my"… names the place or the person.
  kin_address: /(?:^|[,.!?] ?)(?:(?:oui |ok |merci |thanks? |thank you |non |no |yes |bonne nuit |love you |je t'?aime )(?:maman|papa|mom|mum|mommy|dad|tonton|tata|mamie|papi|grandma|grandpa|granny|nana|auntie|aunt \w+|uncle \w+|tante \w+|oncle \w+|parrain|marraine)\b|(?:maman|papa|mom|mum|mommy|dad|tonton|tata|mamie|papi|grandma|grandpa|granny|nana|auntie|aunt \w+|uncle \w+|tante \w+|oncle \w+|parrain|marraine)(?= *(?:[,.!?]|$)| (?:je|j|tu|t|stp|svp|please|pls|plz|can|could|i|you|u|love|bisous|merci|thanks?|thank)\b))|(?<!\b(?:chez|at|with|avec|a|de|du|ma|mon|my|to|for|ta|ton|your|ur|la|le|the|by|from|par|pour|sa|son|his|her|our|notre) )\b(?:uncle|auntie|aunt|tonton|tata|parrain|marraine|mamie|papi|grandma|grandpa)(?: \w+)?(?: ?!+|$)/,
  endearment: /\b(?:ma puce|ma belle|ma cherie|mon coeur|ma princesse|mon ange|bb|bebe|beaute|sweetie|sweetheart|princess|babe|baby ?girl|cutie|gorgeous|so pretty|tres jolie|trop belle|trop mignonne|mature (?:for your age|pour ton age)|plus mature|special connection|connexion speciale|soulmate|i love you|je t'?aime)\b/,
  gift: /\b(?:robux|v.?bucks|vbucks|pass(?:e)? de combat|battle ?pass|carte cadeau|gift ?card|(?:un |des )?cadeaux? pour toi|(?:a |some )?gifts? for you|je te (?:l'?|les |en )?(?:offre|paie|paye|achete)|je t'?(?:offre|achete|en achete)|i'?ll (?:buy|get) you|ill (?:buy|get) you|buy you (?:a|an|some|the)|pay for your|recharge ton (?:forfait|tel)|recharge (?:de )?\d{1,3} ?(?:e|euros?|€)(?![^.!?]{0,40}\b(?:asso|association|foyer|budget|permanence|educ|prefecture)\b)|top up your|nitro|argent de poche|pocket money)\b/,
  reporting: /\b(?:selon (?:le|la|les)|d'?apres (?:le|la|les) (?:journal|article|presse|infos)|article|journal|la presse|reportage|les infos|aux infos|a la tele|news|reported(?! (?:you|u|me|him|her|them|us|ya|to (?:the )?(?:admins?|mods?|moderators?|hr|the group))\b)|reports|(?<!\b(?:to|you|u|just|then|i|we|pls|please|and) )press(?! (?:the|this|that|it|a|down|button|on|and|hard|play|start|enter|x|f)\b)|according to|demantel\w*|saisi(?:e|es|s)?\b|seized|seizure|raid|perquisition|coup de filet|(?:son|mon|ton|notre|votre|leur|nos|vos|ses|mes|tes) proces(?= (?:pour|s'?ouvre|s'?est ouvert|reprend|commence|a commence|debute|a lieu|aux assises|en appel|devant)\b|[^.!?]{0,60}\b(?:verdict|assises|temoign\w*|jures?|plaidoirie|requisitoire|tribunal|la cour)\b)|(?<!\b(?:son|mon|ton|notre|votre|leur|nos|vos|ses|mes|tes) )proces|trial|condamn\w*|sentenced|documentaire|documentary|podcast|faits divers|headline)\b/,
  medical: /\b(?:veto|veterinaire|vet|clinique|chien|chat|dog|cat|patient\w*|anesthesi\w*|anaesthe\w*|chirurg\w*|surgery|bloc operatoire|operating room|infirmi\w*|nurse|hopital|hospital|ordonnance|prescription|docteur|doctor|medecin|dentist\w*|insomnie|insomnia)\b/,
  // The speaker laughs at what they say (a tears-of-joy emoji, « mdr », "lol"): round 9, frames.ts.
  laughing: /(?:😂|🤣|😆|😹|\b(?:mdr+|ptdr+|xptdr|lol+|lool+|lmao+|lmfao|rofl|(?:ha){2,}h?|(?:hi){2,}|(?:he){2,}|jpp|xd)\b)/,
  target_person: /\b(?:elle|la meuf|cette meuf|la fille|la nana|la go|her|she|this girl|that girl|the girl|chick|la petite|the new girl)\b/,
  // A man or a boy as the one to dose (round 9 review: the sedation finding's "aimed at someone" must not be women only).
  target_other: /\b(?:him|he'?ll|he will|he won'?t|the (?:new )?(?:kid|guy|boy|dude|lad)|this (?:guy|dude|kid|lad)|that (?:guy|dude|kid)|my (?:date|stepdad|step-dad|husband|boyfriend|bf)|le (?:gars|mec|type|petit|nouveau)|ce (?:gars|mec|type|keum)|mon (?:beau-pere|beau pere|mari|copain|date)|il (?:dormira|dort|va dormir|va rien|se (?:rappellera|souviendra|reveillera)|captera))\b/,
};

/** A clock time as one token: « 16h30 », or an English "10pm", "7.30am" (round 15: the rules' `<num> pm` missed "10pm"). */
const CLOCK = /\b(?:(?:[01]?\d|2[0-3])h[0-5]\d|(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d)? ?[ap]m)\b/;
/** A third person leaving, closing, coming home... (read only beside a clock time). */
const CLOCK_ROUTINE = /\b(?:il|elle|y) (?:sort|finit|ferme|rentre|part|quitte|arrive|passe|ouvre|commence|termine|descend|prend)\b/;
const QUOTED = /"[^"]{12,}"/;
/**
 * A sentence in single quotes ('je vais te tuer ce soir'), not an elision (the opening quote follows a space or a colon).
 * Round 9: the quoted sentence may hold elisions itself ('i'll be outside, u can't block me'): an apostrophe between
 * two letters does not close the quotation. A dropped letter is not a quote mark: no quotation opens on 'til, 'cause,
 * 'em..., or a first-person threat ("wait 'til tonight, i'm comin' for you") would read as reported speech.
 */
// Stop 40 (detT40): a quoted span needs a space: a one-word scare-quoted cover name (« les deux 'sèche-cheveux' ») is no quotation.
const SINGLE_QUOTED = /(?:^|[\s:(])'(?!(?:til|cause|cos|coz|em|bout|round|n|tis|twas)\b)(?=(?:[^'\s]|(?<=[a-z])'(?=[a-z]))*\s)(?:[^']|(?<=[a-z])'(?=[a-z])){12,}'(?=$|[\s.,!?;:)])/;
/** ...unless the speaker quotes what they send or will say themselves ("sent it: '...'", « je lui dis '...' »). */
const OWN_WORDS = /\b(?:sent|send|sending|texted|envoye|envoie|j'?ai mis|je (?:lui )?mets|je vais mettre|i'?ll put|i put|i wrote|i'?ll (?:say|write)|i'?m sayin\w*|im sayin\w*|say|je (?:lui|leur) (?:dis|ecris)|dis lui|tell (?:him|her|them))\b/;

/** ...but someone else's words when a third person is the one who sent or said them ("he sent 'i'll be outside your work'"). */
const THIRD_PARTY_WORDS = /\b(?:he|she|they|il|elle|ils|elles|someone|somebody|this guy|that guy|my ex|mon ex|ce mec|ce type|quelqu'?un) (?:just |juste )?(?:sent|sends|texted|texts|wrote|writes|said|says|dm'?d|messaged|a envoye|m'?a envoye|a ecrit|m'?a ecrit|a dit|m'?a dit|a mis)\b/;

/** A minor addressing someone as family ("merci tonton"); tested only where it matters (observe.ts), not on every message. */
export function addressesKin(folded: string): boolean {
  return P.kin_address.test(folded);
}

/** The regex cues tested on every message, and their union: a text none of them matches (most) is scanned once, not once per cue. */
export const TEXT_CUES = CUES.filter((c) => c !== 'kin_address');
/** Exact only for patterns without flags or back-references (checked here: otherwise every cue is tested). */
export const ANY_TEXT_CUE = TEXT_CUES.every((c) => !P[c].flags && !/\\[1-9]/.test(P[c].source))
  ? unionOf(TEXT_CUES.map((c) => P[c].source)) : /(?:)/;
export const CUE_PATTERNS: Readonly<Record<(typeof CUES)[number], RegExp>> = P;
/**
 * Round 16: the cues of a text the union matches are found at the union's match starts. A union matches at a
 * position exactly when one of its patterns does there, so every position where some cue matches is one where the
 * union does: the union, searched again from one past each hit (`ANY_FROM`), lists those positions, and each cue not
 * found yet is tried there only, anchored (`P_AT`, sticky: assertions still read the text before the position).
 * Replaces round 14a's groups of three, each searched through the rest of the text: one pass of the union, then
 * anchored tests that fail on their first character. Same cues, added in TEXT_CUES order; exact under the same
 * condition as ANY_TEXT_CUE (otherwise every cue is tested on the whole text).
 */
const UNION_EXACT = ANY_TEXT_CUE.source !== '(?:)';
const ANY_FROM = new RegExp(ANY_TEXT_CUE.source, 'g');
const P_AT: readonly RegExp[] = TEXT_CUES.map((c) => new RegExp(P[c].source, P[c].flags.replace(/[gy]/g, '') + 'y'));
/** Scratch: which text cues were found by the current cuesOf call (cleared on entry; cuesOf does not reenter). */
const FOUND = new Uint8Array(TEXT_CUES.length);

/** Sets FOUND for each text cue that matches `folded`, whose first cue match starts at `first` (the union's first hit). */
function markCuesFrom(folded: string, first: number): void {
  FOUND.fill(0);
  let left = TEXT_CUES.length;
  if (!UNION_EXACT) {
    for (let ci = 0; ci < TEXT_CUES.length; ci++) if (P[TEXT_CUES[ci]!].test(folded)) FOUND[ci] = 1;
    return;
  }
  let p = first;
  while (p >= 0) {
    for (let ci = 0; ci < P_AT.length; ci++) {
      if (FOUND[ci] === 1) continue;
      const re = P_AT[ci]!;
      re.lastIndex = p;
      if (re.test(folded)) { FOUND[ci] = 1; left--; }
    }
    if (left === 0 || p >= folded.length) break;
    ANY_FROM.lastIndex = p + 1;
    const m = ANY_FROM.exec(folded);
    p = m === null ? -1 : m.index;
  }
  ANY_FROM.lastIndex = 0;
}

/**
 * The cues present in a folded text (all but kin_address, see addressesKin), plus those the rules found (`fromRules`).
 * With `into`, that Set is cleared and filled (observe's one Set, reused message after message: no Set per message,
 * issue 14 round 41) and returned; the caller must be done with its previous contents.
 */
export function cuesOf(folded: string, fromRules?: readonly Cue[], into?: Set<Cue>): Set<Cue> {
  // Indexed loops, no Set built from an iterable: no iterator objects while this runs in unoptimised code (same order).
  const out = into ?? new Set<Cue>();
  if (out.size) out.clear();
  if (fromRules !== undefined) for (let i = 0; i < fromRules.length; i++) out.add(fromRules[i]!);
  const first = folded.search(ANY_TEXT_CUE);
  if (first >= 0) {
    markCuesFrom(folded, first);
    for (let ci = 0; ci < TEXT_CUES.length; ci++) if (FOUND[ci] === 1) out.add(TEXT_CUES[ci]!);
  }
  // A clock time written as one token (« à 16h30 », « 7h30 »): the rules' `<num> h` does not see it (round 9).
  if (CLOCK.test(folded)) {
    out.add('when');
    // ... and a third person's comings and goings at that time are his routine (« elle ferme à 23h30 »).
    if (!out.has('routine') && CLOCK_ROUTINE.test(folded)) out.add('routine');
  }
  // A quotation (« ... » or a quoted sentence) relays someone else's words: the normaliser drops quote marks.
  if (!out.has('reported') && (folded.includes('«') || (folded.includes('"') && QUOTED.test(folded)) || (folded.includes("'") && SINGLE_QUOTED.test(folded) && (!OWN_WORDS.test(folded) || THIRD_PARTY_WORDS.test(folded))))) out.add('reported');
  return out;
}
