/**
 * Round 38 (detD38) cue families of rules/r38.rules: FR/EN positives and hard negatives, matched as the engine does (rules on
 * the normalised text, then the regex cues on the folded text).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalise } from '../normalise.js';
import type { Cue } from './cues.js';
import { textCues as cues } from './replay.test-support.js';

/** [cue, positives, negatives] */
const FAMILIES: [Cue, string[], string[]][] = [
  ['weapon_item', ['il me faut un court, pas un de chasse', 'j ai un vieux barillet pour toi', '15 aks in the container', 'comes with 15 live, the box ones', '1200 avec les pruneaux'],
    ['on reserve un court pour samedi', 'un court entretien dans la petite salle', 'le court de tennis est libre', 'a 3 min court metrage', 'the band played 15 live shows']],
  ['arm_price', ['2500 pour un fer ? cher', 'got a nank for u, 40 and it is yours', 'he ll sell ye it wi 6 in it for 700', '900 usd with a box', 'je paie comptant', 'tu repars avec 150'],
    ['rdv a 18 h pour le match', 'on est 30 personnes', 'il fait 35 degres']],
  ['sw_cut', ['you sent me 450, wheres the rest', 'tomorrow you send me everything', '600, my 200 like always', 'you keep a bit, rest goes on his debt', 'je filtre les clients, toi tu fais les rdv, 50 50', 'tu me ramenes tout, tu gardes rien'],
    ['50/50 tbh', 'loyer 900, on fait 50 50', 'we split the pizza bill fifty fifty', 'send me everything for the essay by friday', 'my 200 like always for the lottery syndicate']],
  ['sw_trade', ['first two punters paid already', 'i do the bookings, the gents pay cash', 'keep the burner on'],
    ['police questioned the punters at the brothel, says the article', 'the dentist appointment is in room 214', 'the charity hands out condoms at the clinic', 'the new girl does 7', 'marriott rm 614 at 10pm']],
  ['clients_count', ['how many guys did you see tonight', 'combien de mecs t en as fait ce soir', '5 par jour facile'],
    ['how many did you see tonight at the cinema, 3 films?', 'how many did you see tonight', 'tomorrow you do 6', 'combien t en as fait ce soir', 'combien tu en as fait ce soir, des exercices ?']],
  ['lure', ['the dutch driver thinks hes meeting me friday', 'ur not actually buying it', 'on y a matche sur tinder avec le compte a sophie'],
    ['im not actually buying it, just looking, the movie was funny', 'matched on tinder with a guy from work lol']],
  ['outnumber', ['on l attend a 5 dans le bois', 'there ll be 6 of us'],
    ['on l attend a 4 a la gare, son train arrive a 18h', 'on la attend a 20 dans la salle derriere pour son anniversaire']],
];

for (const [cue, pos, neg] of FAMILIES) {
  test(`r38 cue family ${cue}: FR/EN positives found, hard negatives not`, async () => {
    for (const t of pos) assert.ok((await cues(t)).has(cue), `${cue} expected in ${JSON.stringify(t)} (tokens: ${normalise(t).tokens.join(' ')})`);
    for (const t of neg) assert.ok(!(await cues(t)).has(cue), `${cue} not expected in ${JSON.stringify(t)}`);
  });
}
