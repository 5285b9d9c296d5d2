/**
 * Frames: a message (or the last few messages of a conversation) that reports, quotes, warns, cites
 * the rules, talks medicine, looks after a drunk friend, jokes about family or trash-talks in a game
 * reuses the words of real offences without committing one. A live frame multiplies the message's
 * own evidence of the listed categories by `factor` (unless one of `unless` is present) and marks
 * them `framed`: the policy caps framed categories (policies/*.json `corroboration.framed`), and
 * derivations completed under a frame are held at review level (FRAMED_FINDING_MAX).
 * The cue words live in context/cues.ts (regex cues) and rules/context_cues.rules (`cue:<name>`).
 */
import type { Category, Signal } from '../../contracts/taxonomy.js';
import { LAUGH_LIFTS, REAL_ANCHORS, THREAT_CUES, THREAT_MARKS, carriesAny, type Cue } from './cues.js';
import type { Frame } from './frame.js';
import { HOSPITALITY_FRAMES } from './hospitality-frame.js';
import { KIN_MISHAP_FRAMES } from './kin-mishap-frame.js';
import { SURPRISE_FRAMES } from './surprise-frame.js';
import { P0_FRAMES } from './p0-frames.js';
import { CONSENTED_DOSE_FRAME } from './consented-dose.js';
import { PARENT_FRAMES } from './parent-frames.js';

export type { Frame } from './frame.js';

/** What makes a stage or page threat someone real (review S1): a laugh's lifts but the weapon words (the play's props), a set-up, a plan, a sale. */
const STAGE_LIFTS: readonly Cue[] = [
  ...LAUGH_LIFTS.filter((c) => c !== 'weapon' && c !== 'weapon_item' && c !== 'weapon_access' && c !== 'menace'), ...THREAT_CUES.setup, 'their_place', 'your_place', 'waiting', 'own_plan', 'at_you', 'illegal', 'cash', 'for_real',
];

/** What makes a past robbery story (cue victim_story) a plan or a menace all the same (stop 38). */
const VICTIM_STORY_LIFTS: readonly Cue[] = [...REAL_ANCHORS.filter((c) => c !== 'threat_anchor'), 'own_plan', 'menace', 'summon', 'cash'];

/**
 * Stop 44 (det44g): what says a game's, a shoot's or a song's harm is a real person's: « pour de vrai », "not foam" (for_real), a
 * wrong done to the speaker or the speaker's own (real_grievance, rules/r44g.rules). Not a wrong told of a character.
 */
const REAL_PERSON_LIFTS: readonly Cue[] = ['for_real', 'real_grievance'];

/** What makes a laughing "I know where you live" a threat (stop 45, det45b): a laugh's lifts but the claim's own place cues. */
const HOME_QUIP_LIFTS: readonly Cue[] = [
  'weapon', 'weapon_item', 'weapon_access', 'school_time', 'menace', 'doom', 'veiled', 'outnumber', 'grievance', 'real_grievance', 'blocked', 'refusal',
  'waiting', 'go_plan', 'harm', 'lasting_harm', 'real_harm', 'for_real', 'routine', 'their_place', 'alone', 'secluded', 'robbery', 'summon', 'perceived_threat', 'alarm',
];

const ALL: readonly Category[] = [
  'child_grooming', 'sexual_harassment', 'prostitution', 'ambush', 'drug_facilitated_assault', 'drug_trafficking', 'weapons_trafficking', 'violent_threat',
];
const NOT_HARASSMENT = ALL.filter((c) => c !== 'sexual_harassment');

export const FRAMES: readonly Frame[] = [
  // Stop 44 (det44g): the film, shoot and scene words are reporting cues too (« on tourne le clip », « le tournage »): a harm said
  // « pour de vrai » / "not a song", or of a wrong done to the speaker or the speaker's own (« qui a balancé mon frère », "who
  // fired me": real_grievance), is no news read nor a scene shot; the wrong for good once said (the exchange too: observe.ts
  // frameFindings reads liftedAfter), not « pour de vrai » ("for real?" is how news is met).
  { cue: 'reporting', categories: [...NOT_HARASSMENT], factor: 0.55, window: 2, unless: REAL_PERSON_LIFTS, liftedAfter: ['real_grievance'], reason: 'reads as a report or news, not an offer or plan' },
  // Round 17c: fans recapping a plot (a poisoning in a series: "she put the thing in his tea" … "since ep 2"): no plan of theirs;
  // and a spoiler threatened with death ("if he spoils the finale I will kill him"): a weapon, menace or a group lift it.
  // Both carry 2 messages (a recap spans a few lines) and are lifted by the speaker's own plan (`own_plan`: « je mets », "ill
  // slip", "we do the same"): "did u watch the finale" / "yeah" / "tonight ill slip a pill in her drink" was framed as a plot
  // (round 17 read-through). Threats are also lifted by harm said by its effect ("smash his face in"), not by a time: "im going
  // to murder him at lunch tomorrow" after a spoiled finale stays a joke.
  { cue: 'fiction', categories: ['drug_facilitated_assault'], factor: 0.55, window: 2, unless: ['sexual_content', 'isolate', 'own_plan'], reason: 'fans recapping a series or a film: a plot, not a plan' },
  { cue: 'fiction', categories: ['violent_threat', 'ambush'], factor: 0.55, window: 2, unless: ['weapon', 'weapon_item', 'weapon_access', 'menace', 'outnumber', 'grievance', 'threat_anchor', 'whereabouts', 'waiting', 'own_plan', 'harm'], reason: 'fans recapping a series or a film: a plot, not a plan' },
  // Round 19 (rules19 review): a victim's story told as a warning (« attention, ma pote s'est fait droguer au bar la semaine passée »):
  // its own narrow frame, not the news one (which nothing lifts): drugging, ambush and threats only, this message and the next,
  // lifted by a plan, an address, a weapon, a spike, a debt or menace (a past attack is how intimidation and confessions are worded).
  { cue: 'victim_report', categories: ['drug_facilitated_assault', 'ambush', 'violent_threat'], factor: 0.55, window: 1, unless: [...REAL_ANCHORS, 'weapon', 'weapon_item', 'menace', 'threat_anchor', 'whereabouts', 'own_plan', 'debt', 'doom', 'grievance', 'drink_push'], reason: 'a victim\'s story told as a warning, not a plan' },
  { cue: 'reported', categories: ALL, factor: 0.6, window: 0, reason: 'reported speech or a quotation: the speaker relays what someone else said' },
  { cue: 'warning', categories: ALL, factor: 0.6, window: 2, reason: 'a warning or prevention advice' },
  // Stop 36 (second review of rules21b, S3): « la police est prévenue, touchez pas au hall b » frames its own message only: said
  // first, it does not cover « 10 le pochon » or a gun's price two messages later.
  { cue: 'authorities_told', categories: ALL, factor: 0.6, window: 0, reason: 'a notice that the authorities were told' },
  // Round 18 (rules18b review): a sex workers' peer warning (a bad-client list, National Ugly Mugs) names prices and incalls to warn,
  // not to sell: prostitution only, on the warning's own message, lifted by a pimp's words, a quota, a debt, lodging or an image asked.
  { cue: 'peer_warning', categories: ['prostitution'], factor: 0.6, window: 0, unless: ['pimping', 'clients_count', 'debt', 'lodging', 'image_request'], reason: 'sex workers warning each other of a bad client' },
  // Stop 40 (detT40): a banned user's threat by its lasting harm ("u think a ban is bad … your face is all u got") is no rule quoted.
  { cue: 'moderation', categories: ALL, factor: 0.5, window: 3, unless: ['lasting_harm'], reason: 'a moderator or member quoting the rules' },
  { cue: 'medical', categories: ['drug_facilitated_assault', 'prostitution'], factor: 0.5, window: 6, unless: ['sexual_content', 'sw_frame', 'pimping', 'debt', 'clients_count', 'dfa_motive'], liftedAfter: ['dfa_motive'], reason: 'medical, veterinary or therapy talk (sedation, massage)' },
  // Stop 36 (second review of rules21b, S2): ward and animal words (r21b.rules `cue:ward`) frame a drugging only, and not once a
  // person's drink, tea, water or food is named as where it goes (`dose_aim`), nor with a spike or drinks pushed, in that message or
  // any later one: "i work on icu, i can get midaz" … "slip some in her tea on friday, she won't fight it" is no ward talk.
  { cue: 'ward', categories: ['drug_facilitated_assault'], factor: 0.5, window: 6, unless: ['sexual_content', 'spike', 'drink_push', 'dose_aim', 'dfa_motive'], liftedAfter: ['dose_aim', 'spike', 'drink_push', 'dfa_motive'], reason: 'ward or veterinary sedation talk' },
  // Stop 38: « on la ramène » is care and taking her away: her state wished for, taking her away or her refusal said lift it.
  { cue: 'care', categories: ['drug_facilitated_assault'], factor: 0.6, window: 4, unless: ['drink_push', 'sedative', 'spike', 'dfa_motive', 'want_out', 'isolate', 'reluctant'], reason: 'looking after a drunk or unwell friend' },
  // Round 17c: « je te raccompagne » offered with ideas for the back seat is no care; a remark on her body or waiting for her
  // at a time after she said no lifts the frame for harassment.
  // Stop 40 (detT40): nor once the rent is forgiven for an evening (`rent_sex`, rules/rent-favour.rules).
  { cue: 'care', categories: ['sexual_harassment'], factor: 0.6, window: 4, unless: ['drink_push', 'sedative', 'spike', 'body_comment', 'waiting', 'rent_sex'], reason: 'looking after a drunk or unwell friend' },
  { cue: 'gaming', categories: ['ambush'], factor: 0.6, window: 1, unless: ['cash', 'lure', 'alone', 'robbery'], reason: 'an ambush inside a game or an airsoft scenario' },
  { cue: 'medical', categories: ['drug_trafficking'], factor: 0.5, window: 6, unless: ['illegal'], reason: 'medical or pharmacy talk about medicines and doses' },
  { cue: 'care', categories: ['drug_trafficking'], factor: 0.6, window: 6, reason: 'looking after someone who took something' },
  { cue: 'listing', categories: ['drug_trafficking'], factor: 0.5, window: 0, unless: ['drug_item', 'drug_qty'], reason: 'a classified ad for an everyday item: an emoji beside its price is decoration' },
  { cue: 'figurative', categories: ['violent_threat'], factor: 0.5, window: 4, unless: ['weapon', 'weapon_access', 'threat_anchor', 'whereabouts'], reason: 'a figure of speech about family or friends, not a threat' },
  { cue: 'household', categories: ['prostitution', 'weapons_trafficking'], factor: 0.5, window: 4, unless: ['sexual_content', 'body_comment', 'illegal', 'arm_offer', 'pimping', 'debt', 'clients_count', 'rent_sex'], reason: 'a flat-share, a rent deal or kitchenware: an everyday listing' },
  { cue: 'household', categories: ['violent_threat'], factor: 0.6, window: 4, unless: [...REAL_ANCHORS, 'menace'], reason: 'kitchen or flat-share talk: a knife is a tool, "I\'ll kill him" a figure of speech' },
  // int18 review M1: an engine or a printer "I'll kill" (rules18c): threats only, so a gun-for-drugs swap said next keeps its weapons category.
  { cue: 'mechanics', categories: ['violent_threat'], factor: 0.6, window: 4, unless: [...REAL_ANCHORS, 'menace'], reason: 'an engine, a carburettor or a printer "I\'ll kill": a figure of speech' },
  // Round 14: cooking and butchering (« je vais le massacrer ce gigot », "gonna butcher it and slow cook it"): threats only,
  // on the message that speaks of the meat (review: a barbecue said earlier must not soften "bringing my dad's gun to school"),
  // lifted by a blow aimed at someone (« je vais te massacrer », « je vais la découper avec le couteau », "i'll carve you up").
  { cue: 'cooking', categories: ['violent_threat'], factor: 0.6, window: 0, unless: [...REAL_ANCHORS, 'menace', 'at_you'], reason: 'cooking or butchering: a knife is a tool, the meat is what gets cut' },
  // Round 9: the speaker laughs at their own words (« je vais te tuer en vrai 😂 », "i'll bury you if you score 😂"): a
  // joke between friends, listed for review, not held or escalated; lifted when the message itself names a weapon or
  // access to one (a laugh does not disarm a plan with means). Threats only: a set-up said laughing is still a set-up.
  // Lifted too when the message anchors the threat in the real world (an address, where the target is, a school time)
  // or brings menace, a fate, helpers or a grievance: "i'm gonna shoot up the school tomorrow lol" is not a joke to review later.
  // Round 15 (review): a danger that is not a person "will kill you" (the couloir, the heat, cigarettes): this message only, so a
  // threat said next is judged on its own words; lifted like a laugh, and by a time.
  { cue: 'hazard', categories: ['violent_threat'], factor: 0.5, window: 0, unless: [...LAUGH_LIFTS, 'when'], reason: 'a place, the weather or a habit that "will kill you": a figure of speech' },
  { cue: 'laughing', categories: ['violent_threat'], factor: 0.6, window: 0, unless: LAUGH_LIFTS, reason: 'said laughing: a joke between friends, not a threat' },
  // Stop 45 (det45b): "I know where you live" said laughing and bare (cue home_quip, home-quip.ts: no number, no other place of the
  // target's): the claim's own place cues do not lift the laugh. Lifted by what makes it a threat: a weapon, a menace or a fate, a
  // grievance (one's own wrong too), a block or a refusal, a group, a wait, a visit planned, a harm, a school time, an alarm.
  { cue: 'home_quip', categories: ['violent_threat'], factor: 0.6, window: 0, unless: HOME_QUIP_LIFTS, reason: 'said laughing: "I know where you live" between friends, not a threat' },
  { cue: 'legal_trade', categories: ['drug_trafficking'], factor: 0.5, window: 8, unless: ['illegal'], reason: 'the legal market or the law (a dispensary, a CBD shop, a decriminalisation debate), not a street deal' },
  // Round 16b: the licensed arms trade (a gun shop's consignment, a gunsmith's order): a weapon or ammunition named there is goods.
  // Its own cue (a refusal, a comparison, a theft or the back door of a gun shop do not name it), on this message and the next
  // (review: a gun shop named earlier softened the sale that followed), lifted by anything illegal, cash, a hand-over, a private
  // spot or a meeting: a licensed transfer does not happen behind a Lidl.
  { cue: 'arms_trade', categories: ['weapons_trafficking'], factor: 0.5, window: 1, unless: ['illegal', 'threat_anchor', 'cash', 'handover', 'private_place', 'meetup_request'], reason: 'the licensed arms trade (a gun shop, a gunsmith), not a sale under the counter' },
  // Round 13: the threat's object is beaten in a competition ("we'll murder u in the cup", « on vous défonce en finale »,
  // "i'll destroy you in ranked"): a figure of speech like the threat over a trifle, on its own message only (a later message
  // of the conversation is judged on its own words), lifted like a laugh by means, a real anchor, menace, helpers or a grievance,
  // and by a wait ("after the match I'll be waiting for you at the car park" names a time, not the contest, and does not match).
  { cue: 'contest', categories: ['violent_threat'], factor: 0.5, window: 0, unless: [...LAUGH_LIFTS, 'waiting'], reason: 'a figure of speech: beaten in a match or a game, not a threat' },
  // Round 20 (rules20 review §1): a game title (GTA, Red Dead) names a game for its own message (threats) and the next (an ambush
  // is a mission), not for the conversation: "gta online tonight" then "that snitch from year 11, i'm going to kill him" is a threat.
  // Lifted like a laugh, and by a wait, a harm, a victim alone or set up (« demain on attend le mec de la cité »).
  { cue: 'game_title', categories: ['violent_threat'], factor: 0.5, window: 0, unless: [...LAUGH_LIFTS, 'waiting', 'harm', 'alone'], reason: 'a game named: a threat inside the game' },
  // Round 21: a stage fight rehearsed or a verse written (`stage`: "fight call", "retractable blades", "the blood capsule", "my
  // bars", "the verse"): the stab, the blade and the death are the play's or the song's while a stage word was said in the last 4
  // messages (each new stage word re-arms it). Not lifted by a weapon word, a harm or a time alone, which are the play's words;
  // lifted (review S1) like a laugh but for the weapon words, at hand or not (a verse's "blade in my sleeve"), and menace (a
  // workshop's "see you thursday"): a school time, a grievance, where the target is), by a set-up (a
  // lure, a robbery, "comes alone", a secluded spot), the speaker's own plan, a sale, and someone's alarm (« t'es sérieux ? »:
  // nobody is alarmed by a rehearsal; `liftedAfter`: an alarm or a threat perceived since the stage word, in any message).
  { cue: 'stage', categories: ['violent_threat', 'ambush'], factor: 0.55, window: 4, unless: [...STAGE_LIFTS], liftedAfter: ['alarm', 'perceived_threat'], reason: 'a stage fight, a film set or lyrics being written: the play\'s violence, not a plan' },
  // A prop gun for the play is no gun sale: weapons on the stage word's own message only (review S1: "need a prop gun for the
  // play" / "got a real one, glock 19, 800" is a sale), and not with a price, an amount, a deal, a hand-over or a meeting.
  { cue: 'stage', categories: ['weapons_trafficking'], factor: 0.55, window: 0, unless: ['price', 'amount', 'deal_talk', 'handover', 'meetup_request', 'illegal', 'cash', 'for_real'], reason: 'a prop weapon for a play or a film, not a sale' },
  // Review S2: members warning of a scam (« attention arnaque », « ça sent le guet-apens »): an ambush named to warn, this message
  // and the next; lifted by where the target is (not a street named: the listing's), a set-up of the speaker's (a group, "comes alone", summoning him; not the robbery, lure
  // or secluded spot the warning is about), cash or the speaker's own plan. Not a span frame nor a relay cue.
  { cue: 'scam_warning', categories: ['ambush'], factor: 0.55, window: 1, unless: [...REAL_ANCHORS.filter((c) => c !== 'threat_anchor'), 'alone', 'summon', 'outnumber', 'own_plan', 'cash'], reason: 'members warning of a scam listing, not a set-up' },
  // Stop 38 (detE38): a robbery or set-up told as past, someone else's or one's own (« un pote s'est fait dépouiller », "same guy
  // tried me", « c'était un piège »; rules/victim_story.rules): the ambush words are the story's, this message and the next two
  // (the advice that follows). Lifted by where the target is, a weapon at hand, the speaker's own plan, a menace or a summons; the
  // next two messages also by a time, a set-up or a weapon of their own, and for good once a plan is said after the story
  // ("that lad got jumped last week" / "lets do it again, tell the new one to come alone at 9").
  { cue: 'victim_story', categories: ['ambush'], factor: 0.55, window: 0, unless: VICTIM_STORY_LIFTS, reason: 'a robbery or set-up told as a past story, not a plan' },
  { cue: 'victim_story', categories: ['ambush'], factor: 0.55, window: 2, unless: [...VICTIM_STORY_LIFTS, 'when', 'alone', 'waiting', 'weapon', 'weapon_item', 'outnumber', 'go_plan', 'robbery', 'op_cover', 'lure'], liftedAfter: ['own_plan', 'go_plan', 'op_cover'], reason: 'advice after a robbery or set-up told as a past story, not a plan' },
  // Stop 38 (detE38): a carcass, an animal for the table or a cut of meat named (rules/butchery.rules: « un porc entier », "the
  // lamb for eid"): the knife and "cut him in 8 pieces" of this message and the next three are the meat's. Unlike `cooking`
  // (this message only), not lifted by a place or a knife at hand (the garage, the butcher's knife), but by a blow said to
  // the listener, a menace, a grievance, where a person is, a group waiting or a set-up.
  { cue: 'meat', categories: ['violent_threat'], factor: 0.55, window: 3, unless: ['blow_at_you', 'menace', 'grievance', 'whereabouts', 'routine', 'school_time', 'doom', 'veiled', 'outnumber', 'for_real', 'waiting', 'alone', 'robbery', 'secluded', 'lure'], reason: 'butchering or cooking meat: the knife and the cutting are the meat\'s' },
  // Stop 43 (det43r): a game master's table or a scenario written for a room, a session or a larp (cue tabletop, rules/r43r.rules:
  // a dice roll asked, the master, a character played, « jdr », "escape room"): the ambush, the skull smashed and the potion in
  // the guard's wine are the game's for six messages (a session's turns). Not lifted by the game's own words (a weapon, a harm, a
  // set-up, a time for the next session) but by what leaves the table: where a real person is or will be (a place, a routine, a
  // school time), a weapon at hand, a grievance, cash, the target summoned (« je lui dis de venir seul »), sexual words,
  // « pour de vrai » or « laisse tomber le jeu » (for_real, also for good once said), and someone's alarm since; a real drug (GHB,
  // a roofie, a pill in her glass: consent_void, sedative; not « la fiole », a game's vial) is no potion of the game, for good once said (review det43r: P0 druggings lost).
  // Stop 44 (det44g, review det43r S2): nor a wrong done to the speaker or the speaker's own (« la quête c'est julien, il m'a
  // humilié », "the quest is my stepdad, he hit my mom": real_grievance, for good once said), a lasting harm in the real world (a
  // hospital, a wheelchair: real_harm) or the target's own home (« devant chez lui »: their_place). A character's wrong, a healer
  // and the castle stay the game's.
  { cue: 'tabletop', categories: ['violent_threat', 'ambush', 'drug_facilitated_assault'], factor: 0.55, window: 6, unless: [...REAL_ANCHORS, 'routine', 'knows_routine', 'grievance', 'cash', 'summon', 'sexual_content', 'for_real', 'dfa_motive', 'consent_void', 'sedative', 'real_grievance', 'real_harm', 'their_place'], liftedAfter: ['for_real', 'alarm', 'perceived_threat', 'consent_void', 'sedative', 'real_grievance'], reason: 'a game master\'s table or a scenario written for a game: the game\'s violence, not a plan' },
  // Stop 43 (det43r): "i know where u live, its bronze 2": the place promised is a game rank (cue rank_reply), this message only;
  // lifted by a weapon, a menace, a group, a grievance, a time or a wait said with it.
  { cue: 'rank_reply', categories: ['violent_threat'], factor: 0.5, window: 0, unless: ['weapon', 'weapon_item', 'weapon_access', 'school_time', 'menace', 'doom', 'outnumber', 'grievance', 'waiting', 'when', 'lasting_harm', 'for_real'], reason: 'a game rank said where an address was promised: ranked trash talk' },
  { cue: 'game_title', categories: ['ambush'], factor: 0.6, window: 1, unless: ['cash', 'lure', 'alone', 'robbery', 'waiting', 'grievance', 'whereabouts', 'school_time'], reason: 'a game mission: an ambush inside the game' },
  ...P0_FRAMES,
  CONSENTED_DOSE_FRAME,
  ...PARENT_FRAMES,
  ...KIN_MISHAP_FRAMES,
  ...SURPRISE_FRAMES,
  ...HOSPITALITY_FRAMES,
];

/**
 * Game and combat-sport banter: live for the whole conversation once the talk is about a game or a
 * fight (observe.ts reads the decayed conversation mark), lifted by a real-world anchor or a price.
 */
// Stop 40 (detT40): lifted too by a threat said by its lasting harm (`lasting_harm`, rules/harm-outcome.rules: "we break his hands"
// after "home games", "i want him in hospital" after a "lol"): no game leaves that.
// Stop 44 (det44g): nor a wrong done to the speaker's own (real_grievance): the game banter of a whole conversation does not cover
// « le mec qui a touché ma sœur, je le crève ce soir », nor, once said after the last game word, the threats that follow (« ton
// frère qui a parlé à ma meuf » … « il va finir à l'hôpital »). Not « pour de vrai » / "irl": trash talk says it laughing.
const BANTER_THREAT: Frame = { cue: 'gaming', categories: ['violent_threat'], factor: 0.5, window: 0, unless: [...REAL_ANCHORS, 'lasting_harm', 'real_grievance'], liftedAfter: ['real_grievance'], reason: 'game or sport banter without a real-world target' };
const BANTER_HARASSMENT: Frame = { cue: 'gaming', categories: ['sexual_harassment'], factor: 0.6, window: 0, unless: ['image_request', 'refusal', 'body_comment'], reason: 'game or sport trash talk, not a sexual approach' };
export const BANTER: readonly Frame[] = [
  BANTER_THREAT,
  // Stop 40 (detT40): a prohibited weapon sold by the box or a handgun with its magazine (`arm_offer`) is no game item.
  { cue: 'gaming', categories: ['weapons_trafficking'], factor: 0.6, window: 0, unless: ['illegal', 'threat_anchor', 'whereabouts', 'arm_offer'], reason: 'weapons talk inside a game (skins trade for money too)' },
  BANTER_HARASSMENT,
];
/**
 * Football talk (observe.ts reads the decayed conversation mark, as for a game): the same banter for threats and
 * harassment, but a weapons reading (tickets, a striker "a 9", flares) is damped only until a weapon is named for sale:
 * a derby is not a legal setting for weapons as a game, hunting or a shooting club is (round 14).
 */
export const FOOTBALL_BANTER: readonly Frame[] = [
  BANTER_THREAT,
  { cue: 'football', categories: ['weapons_trafficking'], factor: 0.6, window: 0, unless: ['illegal', 'threat_anchor', 'whereabouts', 'weapon_item'], reason: 'football talk: tickets, transfers and flares, not a weapons sale' },
  BANTER_HARASSMENT,
];

/** A derivation completed while a frame is live is listed for review, not acted on harder. */
export const FRAMED_FINDING_MAX = 0.6;

/**
 * Frames that hold for a whole exchange: a conversation about a trial, a staff training on spiked
 * drinks or a moderator's reminder reuses offence words over many messages, longer than the frame's own
 * window. A conversation-level finding (a derivation, accumulation) made while one of these cues is live
 * in the last `FRAME_SPAN` messages is framed too: listed for review (flag), never held or escalated.
 */
export const SPAN_FRAMES: readonly Cue[] = ['reporting', 'warning', 'moderation', 'legal_trade'];
export const FRAME_SPAN = 10;

/**
 * Reported speech carries the intent words of someone else ("one boy wrote 'wait for break tomorrow'",
 * then "also mentions his uncle's gun"): those cues are not the speaker's own intent. They are not
 * recorded on the speaker on a reporting message, nor on the speaker's next messages within
 * `RELAY_SPAN` while the speaker adds no menace or harm of their own.
 */
export const RELAYED_INTENT: ReadonlySet<Cue> = new Set<Cue>([
  ...THREAT_MARKS, ...THREAT_CUES.setup, 'when', 'blocked', 'go_plan', 'your_place',
  'sedative', 'incapacitate', 'drink_push', 'want_out', 'spike',
]);
export const RELAY_SPAN = 3;
/**
 * Relaying is said by reported speech, a quotation, a warning or a room's rules. News and court words (`reporting`) are
 * not: a threat to a witness or an ex names the judge, the statement, the trial ("tu croyais que le juge allait
 * m'arrêter"); a news talk is framed over the exchange instead (SPAN_FRAMES: its findings stay at review level).
 */
const RELAY_CUES: readonly Cue[] = ['reported', 'warning', 'moderation'];

/** The speaker relays or reports rather than speaks for themselves (this message, or a recent one of theirs). */
export function relaying(cues: ReadonlySet<Cue>, own: Partial<Record<Cue, { n: number }>>, n: number): boolean {
  if (carriesAny(cues, RELAY_CUES)) return true;
  // A plan in the first person (« on sera 5 », "we pull up") is the speaker's own voice again (round 7).
  if (cues.has('menace') || cues.has('harm') || cues.has('go_plan')) return false;
  for (let i = 0; i < RELAY_CUES.length; i++) { const m = own[RELAY_CUES[i]!]; if (m !== undefined && m.n >= n - RELAY_SPAN) return true; }
  return false;
}
