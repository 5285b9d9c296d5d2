import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATEGORIES, type Category, type Signal } from '../../contracts/taxonomy.js';
import type { Cue } from './cues.js';
import { contextBefore, observe, type ContextInput } from './observe.js';
import { compileContextBounds, createState, restoreState, serialiseState, type EngineState } from './state.js';

const ASSERT_AT = Object.fromEntries(CATEGORIES.map((c) => [c, 0.5])) as Record<Category, number>;

const BOUNDS = compileContextBounds();

/**
 * One scripted message: who → whom, text, optional declared age, signals/categories a rule would give; `cues`: context
 * cues the rule files would give (rules/context_cues.rules).
 */
interface Step { from: string; to?: string | null; text: string; age?: number; sig?: Signal[]; cat?: Partial<Record<Category, number>>; cues?: Cue[]; expect: Category[] }
interface Case { name: string; room?: boolean; steps: Step[] }

function input(conv: string, i: number, s: Step, room: boolean): ContextInput {
  return {
    messageId: `${conv}-m${i}`, conversationId: conv, roomId: room ? 'room' : null, senderId: s.from, recipientId: room ? null : (s.to ?? null),
    text: s.text, sentAt: 1_700_000_000_000 + i * 60_000, senderDeclaredAge: s.age ?? null,
    signals: Object.fromEntries((s.sig ?? []).map((g) => [g, { score: 0.8, sources: [`rule:test.${g}`] }])),
    categories: Object.fromEntries(Object.entries(s.cat ?? {}).map(([c, v]) => [c, { score: v, sources: [`rule:test.${c}`] }])),
    ...(s.cues ? { ruleCues: s.cues } : {}),
  };
}

const CASES: Case[] = [
  {
    name: 'adult asks a minor for a photo after the age exchange → grooming at the request',
    steps: [
      { from: 'a', to: 'k', text: 'salut, tu as quel age ?', age: 31, expect: [] },
      { from: 'k', to: 'a', text: '13', expect: [] },
      { from: 'a', to: 'k', text: 'tu es tres jolie, envoie une photo', sig: ['image_request'], expect: ['child_grooming'] },
      { from: 'a', to: 'k', text: 'et on parle sur snap', sig: ['off_platform_contact'], expect: ['child_grooming'] },
    ],
  },
  {
    name: 'profile says 17 but he writes his real age; target is in 6eme',
    steps: [
      { from: 'g', to: 'v', text: "yo t'es en quelle classe ?", age: 17, expect: [] },
      { from: 'v', to: 'g', text: 'je suis en 6eme', expect: [] },
      { from: 'g', to: 'v', text: "en vrai j'ai 38 ans", age: 17, expect: [] },
      { from: 'g', to: 'v', text: "je t'achete des skins si tu veux, mais tu le dis a personne", age: 17, sig: ['secrecy_request', 'payment_offer'], expect: ['child_grooming'] },
    ],
  },
  {
    name: 'solicitation first, minor disclosure after → grooming asserted at the disclosure (sender is the target)',
    steps: [
      { from: 'a', to: 'k', text: 'envoie une photo de toi', age: 25, sig: ['image_request'], expect: [] },
      { from: 'a', to: 'k', text: 'et garde ça entre nous', age: 25, sig: ['secrecy_request'], expect: [] },
      { from: 'k', to: 'a', text: "mais j'ai 12 ans", expect: ['child_grooming'] },
    ],
  },
  {
    name: 'round 6: an adult who names the girl\'s school year back ("t\'es en 3e alors") is not taken for a pupil himself → grooming at the secrecy',
    steps: [
      { from: 'p', to: 'd', text: "tu prends des cours ? t'as quel age ?", expect: [] },
      { from: 'd', to: 'p', text: "oui au conservatoire, j'ai 14 ans", sig: ['minor_disclosure'], expect: [] },
      { from: 'p', to: 'd', text: "t'es en 3e alors. t'es super mature", sig: ['minor_disclosure'], expect: [] },
      { from: 'p', to: 'd', text: "c'est une surprise pour ta mere, on garde ca entre nous", sig: ['secrecy_request'], expect: ['child_grooming'] },
    ],
  },
  {
    name: 'round 6: a school year said as "grade 7" answers a grade question; gifts and secrecy → grooming',
    steps: [
      { from: 'j', to: 's', text: 'thats crazy talent. what grade r u in', expect: [] },
      { from: 's', to: 'j', text: 'grade 7', expect: [] },
      { from: 'j', to: 's', text: 'dont tell ur parents about the robux k', sig: ['secrecy_request', 'payment_offer'], expect: ['child_grooming'] },
    ],
  },
  {
    name: 'round 6: "so ur year 11?" asks the school year; "year 10 lol, we have them early" answers it → grooming at the secrecy',
    steps: [
      { from: 'j', to: 'b', text: 'mocks?? so ur year 11?', expect: [] },
      { from: 'b', to: 'j', text: 'year 10 lol, we have them early', expect: [] },
      { from: 'j', to: 'b', text: 'dont tell anyone we talk k', sig: ['secrecy_request'], expect: ['child_grooming'] },
    ],
  },
  {
    name: 'round 6: sextortion across messages: the photos kept, then "I send them to your mother" → harassment at the threat',
    steps: [
      { from: 'x', to: 'm', text: "les photos que tu m'as envoyées en juin", cues: ['held_images'], expect: [] },
      { from: 'm', to: 'x', text: 'je veux plus te parler', expect: [] },
      { from: 'x', to: 'm', text: 'ok alors je les envoie à ta mère et à ton chef', cues: ['spread_threat'], expect: ['sexual_harassment'] },
    ],
  },
  {
    name: 'round 6: a threat to spread an image in the message that demands nude photos → harassment',
    steps: [
      { from: 'x', to: 'c', text: "tu m'envoies 3 vraies photos nue avant minuit ou je l'envoie à tes abonnés", sig: ['image_request'], cues: ['spread_threat'], expect: ['sexual_harassment'] },
    ],
  },
  {
    name: 'round 6 hard negative: holiday photos sent on to the family, nothing kept of the target → nothing',
    steps: [
      { from: 'x', to: 'm', text: 'trop bien la rando, je trie les photos', expect: [] },
      { from: 'x', to: 'm', text: 'je les envoie à ta mère ce soir', cues: ['spread_threat'], expect: [] },
    ],
  },
  {
    name: 'round 6: a guess at the age ("ur what 17?") asks it; "14 lol year 10" answers → grooming at the gift and secrecy',
    steps: [
      { from: 'r', to: 'e', text: 'ur what 17?', expect: [] },
      { from: 'e', to: 'r', text: '14 lol year 10', expect: [] },
      { from: 'r', to: 'e', text: 'sent u a voucher, just dont mention me to ur parents', sig: ['secrecy_request'], expect: ['child_grooming'] },
    ],
  },
  {
    name: 'hard negative: two 13-year-olds plan the cinema',
    steps: [
      { from: 'n', to: 'i', text: 'on va au cine samedi ?', age: 13, sig: ['meetup_request'], expect: [] },
      { from: 'i', to: 'n', text: "ouais j'ai 13 ans donc ma mere nous depose", age: 13, expect: [] },
      { from: 'n', to: 'i', text: 'rdv devant le cine a 14h, ajoute moi sur snap', age: 13, sig: ['meetup_request', 'off_platform_contact'], expect: [] },
    ],
  },
  {
    name: "hard negative: a father talks about his daughter's age and contact",
    room: true,
    steps: [
      { from: 'p', text: 'ma fille a 17 ans, elle fait du baby-sitting', age: 44, sig: ['minor_disclosure'], expect: [] },
      { from: 's', text: 'super, tu peux me donner son whatsapp ?', age: 39, sig: ['off_platform_contact'], expect: [] },
      { from: 'p', text: 'je lui demande ce soir', age: 44, expect: [] },
    ],
  },
  {
    name: 'hard negative: adults meet for a run',
    steps: [
      { from: 'x', to: 'y', text: 'on se retrouve a l entree du parc dimanche 8h ?', age: 34, sig: ['meetup_request'], expect: [] },
      { from: 'y', to: 'x', text: 'ok, je prends de l eau, envoie ton numero', age: 29, sig: ['off_platform_contact'], expect: [] },
    ],
  },
  {
    name: 'hard negative: game trash talk (threat words, no real-world target)',
    steps: [
      { from: 'x', to: 'y', text: 'gg noob, next game je vais te demonter', cat: { violent_threat: 0.6 }, expect: [] },
      { from: 'y', to: 'x', text: "t'es mort au prochain round en ranked", cat: { violent_threat: 0.6 }, expect: [] },
    ],
  },
  {
    name: 'real threat with a place and a weapon is kept',
    steps: [
      { from: 'x', to: 'y', text: 'je sais ou tu habites, ce soir je monte avec le pied de biche', cat: { violent_threat: 0.75 }, expect: ['violent_threat'] },
    ],
  },
  {
    name: 'ambush: sale as a lure, come alone with cash to a secluded place',
    steps: [
      { from: 's', to: 'b', text: 'les sneakers sont dispo, 200', expect: [] },
      { from: 'b', to: 's', text: 'ok on se voit ou ?', sig: ['meetup_request'], expect: [] },
      { from: 's', to: 'b', text: 'derriere le vieux hangar abandonne, viens seul', sig: ['meetup_request'], expect: [] },
      { from: 's', to: 'b', text: 'et ramene le cash en liquide', expect: ['ambush'] },
    ],
  },
  {
    name: 'drug-facilitated assault planned across messages',
    steps: [
      { from: 'm', to: 'f', text: 'samedi je la fais boire', expect: [] },
      { from: 'm', to: 'f', text: "et je mets un truc dans son verre, t'as du ghb ?", expect: [] },
      { from: 'm', to: 'f', text: 'comme ca elle dira pas non et se souviendra de rien', expect: ['drug_facilitated_assault'] },
    ],
  },
  {
    name: 'hard negative: a vet sedates a dog',
    steps: [
      { from: 'v', to: 'w', text: 'on a du sedater le chien pour lui couper les griffes', expect: [] },
      { from: 'w', to: 'w2', text: 'le veto a donne un tranquillisant, il dormira une heure', expect: [] },
    ],
  },
  {
    name: 'sexual harassment: keeps going after a refusal',
    steps: [
      { from: 'h', to: 'w', text: 'envoie une photo de tes seins', age: 40, sig: ['image_request', 'sexual_content'], expect: [] },
      // The objection itself is listed against the remark's author (derive.ts unwelcome, flag level).
      { from: 'w', to: 'h', text: 'non, arrete, ca me met mal a l aise', age: 35, expect: ['sexual_harassment'] },
      { from: 'h', to: 'w', text: 'allez juste une', age: 40, sig: ['image_request'], expect: ['sexual_harassment'] },
    ],
  },
  {
    name: 'class answer after a class question marks a minor; gifts for a photo and secrecy → grooming',
    steps: [
      { from: 'g', to: 'v', text: "t'es en quelle classe ?", age: 17, expect: [] },
      { from: 'v', to: 'g', text: '5ème', expect: [] },
      { from: 'g', to: 'v', text: "je t'offre des robux si tu m'envoies une photo", age: 17, sig: ['image_request'], expect: ['child_grooming'] },
    ],
  },
  {
    name: 'a real-world threat with a place, and the target taking it as one',
    steps: [
      { from: 'x', to: 'y', text: "i know which car is yours. you'll regret talking to HR", expect: ['violent_threat'] },
      { from: 'y', to: 'x', text: 'is that a threat?', expect: ['violent_threat'] },
    ],
  },
  {
    name: 'hard negative: "je vais te défoncer" in a game is not harassment',
    steps: [
      { from: 'x', to: 'y', text: 'je vais te défoncer sur fortnite mdr', cat: { sexual_harassment: 0.75 }, expect: [] },
    ],
  },
  {
    name: 'hard negative: a parent asks their child for a photo and keeps a gift secret (listed at most, never escalated)',
    steps: [
      { from: 'mum', to: 'kid', text: "n'oublie pas ta photo pour la carte de bus", age: 41, expect: [] },
      { from: 'kid', to: 'mum', text: 'oui maman, j ai 14 ans je sais', age: 14, expect: [] },
      { from: 'mum', to: 'kid', text: 'envoie la photo et garde le cadeau de papa secret', age: 41, sig: ['image_request', 'secrecy_request'], expect: ['child_grooming'] },
    ],
  },
  {
    name: 'weak evidence of the same category adds up over messages',
    steps: [
      { from: 'd', to: 'c', text: 'j ai de la bonne', cat: { drug_trafficking: 0.35 }, expect: [] },
      { from: 'd', to: 'c', text: '10 le g, livraison', cat: { drug_trafficking: 0.4 }, expect: ['drug_trafficking'] },
    ],
  },
  {
    name: 'sexual offer, price and meeting over several messages between adults → paid sex',
    steps: [
      { from: 'x', to: 'y', text: 'tu veux passer un bon moment ce soir ?', age: 35, sig: ['sexual_content'], expect: [] },
      { from: 'y', to: 'x', text: 'ok on se voit ou', age: 40, sig: ['meetup_request'], expect: [] },
      { from: 'x', to: 'y', text: 'ce sera 150 la nuit', age: 35, sig: ['payment_offer'], expect: ['prostitution'] },
    ],
  },
  {
    name: 'unwelcome remarks in a room: a bystander objects, the author carries on → harassment (flag at the objection)',
    room: true,
    steps: [
      { from: 's', text: 'nouvelle coupe, vous en pensez quoi ?', age: 30, expect: [] },
      { from: 'f', text: 'moi je regarde pas la coupe, envoie en maillot en mp', age: 35, cues: ['body_comment'], expect: [] },
      { from: 'a', text: 'bande de porcs, laissez la tranquille', age: 30, cues: ['refusal'], expect: ['sexual_harassment'] },
      { from: 'f', text: 'fais pas ta prude, tu postes pour ca', age: 35, cues: ['body_comment'], expect: ['sexual_harassment'] },
    ],
  },
  {
    name: 'hard negative: a compliment welcomed is not harassment',
    steps: [
      { from: 'a', to: 'b', text: 'love those leggings in your photo', age: 30, cues: ['body_comment'], expect: [] },
      { from: 'b', to: 'a', text: 'haha thanks, they were on sale', age: 29, expect: [] },
      { from: 'a', to: 'b', text: 'come on, lets run together saturday', age: 30, cues: ['insist', 'when'], expect: [] },
    ],
  },
  {
    name: 'surveillance: routine and children named back to the target → threat',
    steps: [
      { from: 'x', to: 'y', text: 'tu finis a 4h30 le samedi', age: 40, cues: ['whereabouts', 'when'], expect: [] },
      { from: 'x', to: 'y', text: 'ta fille est en ce2 a jules ferry non', age: 40, cues: ['whereabouts', 'threat_anchor'], expect: ['violent_threat'] },
    ],
  },
  {
    name: 'hard negative: a friend offering a lift names the schedule once',
    steps: [
      { from: 'x', to: 'y', text: 'tu finis a 18h ? je passe te prendre', age: 30, cues: ['whereabouts', 'when'], expect: [] },
      { from: 'y', to: 'x', text: 'oui merci trop gentil', age: 30, expect: [] },
    ],
  },
  {
    name: 'drug deal across messages (code word, price, hand-over) → drug trafficking',
    steps: [
      { from: 'b', to: 's', text: 'ta toujours de la c ?', age: 25, cues: ['drug_item'], expect: [] },
      { from: 's', to: 'b', text: 'ouais 70 le g, 45 balles les carts', age: 25, cues: ['drug_qty', 'amount', 'drug_item'], expect: ['drug_trafficking'] },
      { from: 's', to: 'b', text: 'tu descends quand je tecris, liquide ou lydia', age: 25, cues: ['handover'], expect: ['drug_trafficking'] },
    ],
  },
  {
    name: 'hard negative: cocktail shopping with coke and a price is not a drug deal',
    steps: [
      { from: 't', to: 'g', text: 'i picked up coke and rum for the cocktails', age: 25, expect: [] },
      { from: 't', to: 'g', text: '£40 each, send it on paypal whenever', age: 25, cues: ['amount', 'handover'], expect: [] },
    ],
  },
  {
    name: 'threat read from the target\'s reaction: a weapon and a time, then "are you threatening me" → threat',
    steps: [
      { from: 'p', to: 'r', text: 'lundi 7h je serai a l atelier avec le fusil', age: 50, cues: ['when', 'weapon_item'], expect: [] },
      { from: 'r', to: 'p', text: 'vous me menacez ? je vais porter plainte', age: 45, cues: ['perceived_threat'], expect: ['violent_threat'] },
    ],
  },
  {
    name: 'alarm raised by a friend in a room: harm said, then "that\'s not funny, delete that" → threat against the speaker (flag level)',
    room: true,
    steps: [
      { from: 'b', text: 'he is getting it, him first', age: 15, cues: ['harm'], expect: [] },
      { from: 'j', text: 'bro thats not funny delete that', age: 15, cues: ['alarm'], expect: ['violent_threat'] },
    ],
  },
  {
    name: 'hard negative: alarm after a figure of speech about family is no threat',
    steps: [
      { from: 'a', to: 'b', text: 'ma mere va me tuer', age: 16, cues: ['harm', 'figurative'], expect: [] },
      { from: 'b', to: 'a', text: "t'es serieux", age: 16, cues: ['alarm'], expect: [] },
    ],
  },
  {
    name: 'hard negative: alarm in game banter without a real-world anchor is no threat',
    steps: [
      { from: 'a', to: 'b', text: 'ranked tonight', age: 17, cues: ['gaming'], expect: [] },
      { from: 'a', to: 'b', text: 'he is getting it next round', age: 17, cues: ['harm'], expect: [] },
      { from: 'b', to: 'a', text: 'not funny', age: 17, cues: ['alarm'], expect: [] },
    ],
  },
  {
    name: 'alarm raised at pushed drinks: "that\'s not ok, reporting you" → drugging against the speaker (flag level)',
    room: true,
    steps: [
      { from: 't', text: 'keep refilling that one all night', age: 30, cues: ['drink_push'], expect: [] },
      { from: 'c', text: 'thats not ok, reporting you', age: 28, cues: ['alarm'], expect: ['drug_facilitated_assault'] },
    ],
  },
  {
    name: 'sleeping pills then crushed into someone\'s drink → sedation plan, no incapacitation word needed',
    steps: [
      { from: 'k', to: 's', text: 'tu as encore ceux pour dormir', age: 30, cues: ['sedative'], expect: [] },
      { from: 'k', to: 's', text: "t'en ecrases deux dans son whisky", age: 30, cues: ['spike'], expect: ['drug_facilitated_assault'] },
    ],
  },
  {
    name: 'hard negative: "je vais le tuer" over a kitchen knife left in the sink is kitchen talk, not a plan',
    steps: [
      { from: 'c', to: 'm', text: 'je pensais m offrir un santoku en acier carbone', age: 30, cues: ['household'], expect: [] },
      { from: 'c', to: 'm', text: 'le commis qui laisse trainer son couteau dans la plonge, je vais le tuer', age: 30, cues: ['household', 'harm'], cat: { violent_threat: 0.75 }, expect: [] },
    ],
  },
  {
    name: 'the same words with a knife outside kitchen talk stay a threat',
    steps: [
      { from: 'c', to: 'm', text: 'le mec qui laisse trainer son couteau, je vais le tuer', age: 30, cues: ['harm'], cat: { violent_threat: 0.75 }, expect: ['violent_threat'] },
    ],
  },
  {
    name: 'violence by hint, then the target frightened: "I\'ll have something for him", "you scare me" → threat against the first speaker',
    steps: [
      { from: 'd', to: 'r', text: 'tell him monday. i will have something for him', age: 40, cues: ['veiled'], expect: [] },
      { from: 'r', to: 'd', text: 'you are scaring me', age: 38, cues: ['perceived_threat'], expect: ['violent_threat'] },
    ],
  },
  {
    name: 'a car and a lonely path named back, then "are you threatening my daughter" → threat (a trap named back is a mark)',
    steps: [
      { from: 'g', to: 'm', text: 'silver corsa in bay 4 is yours aye', age: 50, cues: ['threat_anchor'], expect: [] },
      { from: 'g', to: 'm', text: 'and yer wee lassie walks along the canal path', age: 50, cues: ['secluded'], expect: [] },
      { from: 'm', to: 'g', text: 'are you threatening my daughter??', age: 45, cues: ['perceived_threat'], expect: ['violent_threat'] },
    ],
  },
  {
    name: 'court words do not make a threat relayed speech: "the judge", then the school gate and the nanny, then "I am calling the police" → threat',
    steps: [
      { from: 's', to: 'a', text: 'tu croyais que le juge allait m arreter', age: 40, cues: ['reporting'], expect: [] },
      { from: 's', to: 'a', text: 'ecole jules ferry, sortie 16h30', age: 40, cues: ['whereabouts'], expect: [] },
      { from: 's', to: 'a', text: 'la nounou elle porte toujours son manteau rouge', age: 40, cues: ['threat_anchor'], expect: [] },
      { from: 'a', to: 's', text: 'j appelle la police', age: 38, cues: ['perceived_threat'], expect: ['violent_threat'] },
    ],
  },
  {
    name: 'hard negative: one classified ad carrying sexual words, a price and photos, then a pick-up',
    steps: [
      { from: 's', to: 'b', text: 'sexy outfit for sale 40 $, pics on request', age: 29, sig: ['sexual_content', 'payment_offer', 'image_request'], expect: [] },
      { from: 'b', to: 's', text: 'can we meet at the station to pick it up', age: 33, sig: ['meetup_request'], expect: [] },
      { from: 's', to: 'b', text: 'ok, the sexy outfit for 40 $ then', age: 29, sig: ['sexual_content', 'payment_offer', 'image_request'], expect: [] },
    ],
  },
  {
    name: 'one-message escort ad (sex-work vocabulary of its own) after a meeting request → paid sex',
    steps: [
      { from: 'b', to: 's', text: 'on peut se voir ?', age: 33, sig: ['meetup_request'], expect: [] },
      { from: 's', to: 'b', text: 'massage complet 100 la demi heure, photos dispo', age: 29, sig: ['sexual_content', 'payment_offer', 'image_request'], cat: { prostitution: 0.3 }, expect: ['prostitution'] },
    ],
  },
  {
    name: 'round 7: a grievance, the group will be there, a place where he is and a time → threat plan at the plan (no harm word)',
    room: true,
    steps: [
      { from: 'a', text: 'le mec qui a frappé mon frère', cues: ['grievance'], expect: [] },
      { from: 'b', text: 'karim ?', expect: [] },
      { from: 'a', text: 'ouais. on sera 5 en bas de chez lui à 19h', cues: ['go_plan', 'outnumber', 'their_place', 'when'], expect: ['violent_threat'] },
    ],
  },
  {
    name: 'round 7: the same plan with no grievance (a party at his place) → nothing',
    room: true,
    steps: [
      { from: 'a', text: 'on sera 5 en bas de chez lui à 19h', cues: ['go_plan', 'outnumber', 'their_place', 'when'], expect: [] },
      { from: 'b', text: 'je ramène les gars', expect: [] },
    ],
  },
  {
    name: 'round 7: a grievance and a plan in game banter → nothing',
    room: true,
    steps: [
      { from: 'a', text: 'ce bouffon en ranked', cues: ['grievance', 'gaming'], expect: [] },
      { from: 'a', text: 'on sera 5 en bas de chez lui à 19h', cues: ['go_plan', 'outnumber', 'their_place', 'when'], expect: [] },
    ],
  },
  {
    name: 'round 7: a blocked sender names the target\'s workplace and a time → stalking (no whereabouts phrase)',
    steps: [
      { from: 'k', to: 'i', text: 'you blocked me everywhere', cues: ['blocked'], expect: [] },
      { from: 'k', to: 'i', text: 'still at your salon', cues: ['your_place'], expect: [] },
      { from: 'k', to: 'i', text: 'friday 6pm then', cues: ['when'], expect: ['violent_threat'] },
    ],
  },
  {
    name: 'round 7: the workplace and a time without a block or refusal (a friend) → nothing',
    steps: [
      { from: 'k', to: 'i', text: 'still at your salon', cues: ['your_place'], expect: [] },
      { from: 'k', to: 'i', text: 'friday 6pm then', cues: ['when'], expect: [] },
    ],
  },
];

function run(c: Case, state: EngineState, conv: string, roundTrip = false): { got: Category[][]; state: EngineState } {
  const got: Category[][] = [];
  c.steps.forEach((s, i) => {
    if (roundTrip) state = restoreState(serialiseState(state));
    got.push(observe(state, input(conv, i, s, c.room ?? false), ASSERT_AT, BOUNDS).asserted);
  });
  return { got, state };
}

for (const c of CASES) {
  test(`context: ${c.name}`, () => {
    const { got } = run(c, createState(), 'c1');
    c.steps.forEach((s, i) => assert.deepEqual(got[i], s.expect, `step ${i}: "${s.text}" gave ${JSON.stringify(got[i])}`));
  });
}

test('context: outcomes are identical when the state is serialised and restored between messages', () => {
  for (const c of CASES) {
    const direct = run(c, createState(), 'c1');
    const viaJson = run(c, createState(), 'c1', true);
    assert.deepEqual(viaJson.got, direct.got, c.name);
    assert.equal(serialiseState(viaJson.state), serialiseState(direct.state), c.name);
  }
});

test('context: the sender being the target caps nothing here but is reported', () => {
  const state = createState();
  const c = CASES[2]!;
  let last;
  c.steps.forEach((s, i) => { last = observe(state, input('c9', i, s, false), ASSERT_AT, BOUNDS); });
  assert.equal(last!.victim, true);
});

test('context: one account asking many people their age and moving them to snapchat raises risk', () => {
  const state = createState();
  let risk = 0;
  let asserted: Category[] = [];
  for (let k = 0; k < 5; k++) {
    const steps: Step[] = [
      { from: 'z', to: `t${k}`, text: 'how old are you', expect: [] },
      { from: 'z', to: `t${k}`, text: 'add me on snap', sig: ['off_platform_contact'], expect: [] },
    ];
    steps.forEach((s, i) => {
      const o = observe(state, input(`conv${k}`, i + k * 2, s, false), ASSERT_AT, BOUNDS);
      risk = o.senderRisk;
      asserted = o.asserted;
    });
  }
  assert.ok(risk >= 0.6, `risk ${risk}`);
  assert.deepEqual(asserted, ['child_grooming']);
});

test('context: the audit window holds the previous K messages, truncated', () => {
  const state = createState();
  const b = compileContextBounds({ recentMessages: 2, recentTextChars: 5 });
  let w;
  for (let i = 0; i < 4; i++) {
    w = contextBefore(observe(state, input('cw', i, { from: 'a', to: 'b', text: `message number ${i}`, expect: [] }, false), ASSERT_AT, b));
  }
  assert.deepEqual(w!.map((m) => [m.messageId, m.text]), [['cw-m1', 'messa'], ['cw-m2', 'messa']]);
});

test('context: family address caps grooming below escalation level', () => {
  const c = CASES.find((x) => x.name.startsWith('hard negative: a parent asks'))!;
  const state = createState();
  let score = 0;
  c.steps.forEach((s, i) => { score = observe(state, input('ck', i, s, false), ASSERT_AT, BOUNDS).categories.child_grooming?.score ?? 0; });
  assert.ok(score > 0.5 && score <= 0.55, `score ${score}`);
});

test('context: a staff training on spiked drinks frames the sedation plan over the exchange (review only); the same plan without it is not framed', () => {
  const steps = (training: boolean): Step[] => [
    { from: 'm', to: 't', text: training ? 'rappel formation ce soir, on parle des verres drogues' : 'ce soir on sort', cues: training ? ['warning'] : [], expect: [] },
    { from: 't', to: 'm', text: 'ok', expect: [] },
    { from: 'm', to: 't', text: 'si elle se sent ko', cues: ['incapacitate'], expect: [] },
    { from: 't', to: 'm', text: 'ca va', expect: [] },
    { from: 't', to: 'm', text: 'le ghb ca se sent pas au gout', cues: ['sedative'], expect: [] },
  ];
  for (const training of [true, false]) {
    const state = createState();
    const s = steps(training);
    let out = observe(state, input('cs', 0, s[0]!, false), ASSERT_AT, BOUNDS);
    for (let i = 1; i < s.length; i++) out = observe(state, input('cs', i, s[i]!, false), ASSERT_AT, BOUNDS);
    const score = out.categories.drug_facilitated_assault?.score ?? 0;
    assert.ok(score >= 0.5, `training=${training}: sedation plan still listed (${score})`);
    assert.equal(out.framed.includes('drug_facilitated_assault'), training, `training=${training}: framed ${JSON.stringify(out.framed)}`);
  }
});

test('context: only a corroborated, unframed assertion makes its author the offender that `ongoing` follows', () => {
  const run = (corroborated: boolean): string[] => {
    const state = createState();
    const first: ContextInput = {
      ...input('og', 0, { from: 's', to: 'b', text: 'je vends un glock propre 900 et un chargeur', cat: { weapons_trafficking: 0.6 }, expect: [] }, false),
      ...(corroborated ? { disjointRules: ['weapons_trafficking'] as Category[] } : {}),
    };
    if (corroborated) { first.categories.weapons_trafficking!.sources.push('rule:test.second'); first.categories.weapons_trafficking!.score = 0.8; }
    observe(state, first, ASSERT_AT, BOUNDS);
    observe(state, input('og', 1, { from: 'b', to: 's', text: 'ok', expect: [] }, false), ASSERT_AT, BOUNDS);
    const later = observe(state, input('og', 2, { from: 's', to: 'b', text: 'et une lame aussi', cat: { weapons_trafficking: 0.3 }, expect: [] }, false), ASSERT_AT, BOUNDS);
    return later.categories.weapons_trafficking?.sources ?? [];
  };
  assert.ok(!run(false).includes('context:ongoing'), 'one rule on one message (a flag) establishes no offender');
  assert.ok(run(true).includes('context:ongoing'), 'two independent rules (hold level) do');
});

test('context: the legal market (a state store, a dispensary) frames a drug price over the exchange (review only); a street price is not framed', () => {
  for (const legal of [true, false]) {
    const state = createState();
    observe(state, input('lt', 0, { from: 'a', to: 'b', text: legal ? 'la sqdc a encore monte ses prix' : 'ton gars a encore monte ses prix', cues: legal ? ['legal_trade'] : [], expect: [] }, false), ASSERT_AT, BOUNDS);
    const out = observe(state, input('lt', 1, { from: 'a', to: 'b', text: '7,50 le gramme de weed', cues: ['drug_item', 'drug_qty', 'amount'], cat: { drug_trafficking: 0.75 }, expect: [] }, false), ASSERT_AT, BOUNDS);
    const score = out.categories.drug_trafficking?.score ?? 0;
    assert.equal(out.framed.includes('drug_trafficking'), legal, `legal=${legal}: framed ${JSON.stringify(out.framed)}`);
    assert.ok(legal ? score <= 0.6 : score >= 0.7, `legal=${legal}: score ${score}`);
  }
});

test('context: a derivation completed by model scores alone on a message is no `context` support (no P0 from one model score); a rule on the same words is', () => {
  const run = (byRule: boolean): string[] => {
    const state = createState();
    // A 20-year-old asks her 13-year-old brother (ages from the profiles) who he talks to; "montre moi" is
    // read by the model as an image request and sexual content.
    observe(state, input('mo', 0, { from: 'n', to: 'j', text: 'tu parles a qui sur ton tel depuis 1h', age: 20, expect: [] }, false), ASSERT_AT, BOUNDS);
    observe(state, input('mo', 1, { from: 'j', to: 'n', text: 'un pote de fortnite', age: 13, expect: [] }, false), ASSERT_AT, BOUNDS);
    const m = input('mo', 2, { from: 'n', to: 'j', text: 'montre moi', age: 20, expect: [] }, false);
    const src = byRule ? 'rule:test.image_request' : 'model:test@1';
    m.signals = { image_request: { score: 1, sources: [src] }, sexual_content: { score: 0.9, sources: [src] } };
    const out = observe(state, m, ASSERT_AT, BOUNDS);
    assert.ok(out.categories.child_grooming?.sources.includes('context:minor-solicited'), `byRule=${byRule}: the derivation still lists it`);
    return out.support.child_grooming ?? [];
  };
  assert.ok(!run(false).includes('context'), 'model scores alone: no derivation support');
  assert.ok(run(true).includes('context'), 'a rule on the message: derivation support');
});

test('context: an ambush by its set-up (round 5): someone brought to a spot, deceived about the meeting, beaten or robbed on arrival; football banter with the same words is none', () => {
  const run = (steps: Step[]): number => {
    const state = createState();
    let best = 0;
    steps.forEach((s, i) => { best = Math.max(best, observe(state, input('ab', i, s, true), ASSERT_AT, BOUNDS).categories.ambush?.score ?? 0); });
    return best;
  };
  const setUp: Step[] = [
    { from: 'a', text: 'le type du forum pense qu il achete un vieux scooter', cues: ['lure'], expect: [] },
    { from: 'b', text: 'et tu lui dis quoi', expect: [] },
    { from: 'a', text: 'je lui ai dit de venir au garage jeudi 22h', cues: ['summon'], expect: [] },
    { from: 'c', text: 'on le met a terre et on filme', cues: ['harm'], expect: [] },
  ];
  assert.ok(run(setUp) >= 0.75, `set-up: ${run(setUp)}`);
  const banter: Step[] = [
    { from: 'a', text: 'dimanche on va les massacrer 3-0', cues: ['harm', 'sport'], expect: [] },
    { from: 'b', text: 'dis lui de venir au bar on regarde ensemble', cues: ['summon'], expect: [] },
    { from: 'c', text: 'mes potes les attendent au bar', cues: ['outnumber'], expect: [] },
  ];
  assert.ok(run(banter) < 0.5, `banter: ${run(banter)}`);
});
