/**
 * Stop 43 (det43p): a drugging reaches P0 only when a plan is said (p0-context.ts `planSaid`, rules/d43p.rules `dose_plan`).
 * A friend telling what happened, a paramedic's shift, a student's question about GHB in a glass name a sedative, a drink and
 * her state like a plan does: they are held and escalated P1 (demoted, not dropped); their harmful twins, with the dose to come
 * or what it is for said, stay P0. Conversations of the det43p probes (kept outside the repository); shipped rules, policy and context, no model.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatMessage } from '../../contracts/types.js';
import { createEngine, createState } from '../engine.js';

type Case = [name: string, lines: string[]];

function messages(k: number, lines: string[]): ChatMessage[] {
  return lines.map((text, i) => ({
    messageId: `p43-${k}-${i}`, tenantId: null, conversationId: `p43-c${k}`, roomId: null,
    senderId: i % 2 ? `b${k}` : `a${k}`, recipientId: i % 2 ? `a${k}` : `b${k}`,
    text, sentAt: 1_767_600_000_000 + k * 3_600_000 + i * 60_000, senderIp: null, senderDeclaredAge: null, locale: null,
  }) as ChatMessage);
}

/** Per case: 'P0', 'P1' (escalated below P0) or 'none'. */
async function priorities(cases: readonly Case[]): Promise<string[]> {
  const engine = await createEngine({ modelDir: 'none', windowModelDir: 'none' });
  try {
    const out: string[] = [];
    for (const [k, [name, lines]] of cases.entries()) {
      const vs = await engine.classifyBatch(messages(k, lines), createState());
      const ps = vs.map((v) => v.escalation?.priority).filter((p): p is NonNullable<typeof p> => !!p).sort();
      out.push(`${name}: ${ps[0] ?? 'none'}`);
    }
    return out;
  } finally {
    await engine.close();
  }
}

const TOLD: Case[] = [
  ['FR: a friend tells what was done to Maëlle', ["t'as su pour Maëlle ?", 'non quoi', 'samedi on lui a mis un truc dans son verre', 'quoi ??',
    "elle s'est sentie partir, heureusement son copain l'a ramenée", 'elle a porté plainte ?', 'oui et les analyses ont trouvé du ghb']],
  ['FR: a student asks whether GHB shows in a glass', ["c'est vrai que le ghb ça se voit pas dans le verre ?", 'oui, incolore, goût légèrement salé',
    'et ça dure combien de temps dans le sang ?', "6 à 12h, d'où l'importance de faire les prélèvements vite si on pense avoir été droguée"]],
  ['EN: a paramedic tells his night shift', ['long shift', 'go on', 'bin fire at 10', 'classic', 'then a faint at the station', 'and then',
    '2am call from a club', 'girl unconscious, her friends said a guy bought her a drink', 'spiked?',
    "probably, she didn't remember anything at a&e", 'the guy?', 'police got him in the car park']],
  // Review (det43p): the friends' own outing (`go_plan`) is not a plan against her.
  ['EN: a weekend away, a sister spiked there last year', ["we're heading to brighton saturday", "staying at your aunt's?",
    "yes she's got a spare room", 'nice, clubbing saturday night?', 'yeah',
    'but my sister got spiked at a club there last year, someone put something in her drink',
    "she doesn't remember anything after midnight", "we'll stick together and watch our drinks"]],
  ['FR: un chalet, une fille droguée au bar du village', ['on monte au chalet vendredi', 'on couche là-bas ?', 'oui deux nuits',
    'on va au bar du village samedi ?', "oui mais attention, une fille s'est fait mettre du GHB dans son drink là l'an passé",
    'elle se rappelait de rien le lendemain', 'ok on reste en gang']],
];

const PLANNED: Case[] = [
  ['FR: something to relax her, she will remember nothing', ['samedi je ramène sarah chez moi', 'elle veut pas trop de toi mdr',
    "j'ai un truc pour la détendre, je le mets dans son verre", "t'es sûr", 'elle se souviendra de rien, tkt']],
  ['FR: the G in her glass, she will not say no', ['ce soir je ramène le G', 'pour toi ?', 'non pour elle, quelques gouttes dans son verre et elle dira plus non']],
  ['EN: put this in her tea, then her room', ['what time does your flatmate get home', '11', 'put this in her tea', 'what is it',
    "something to make her sleep deep, then i'll visit her room"]],
];

test('stop 43: a drugging told afterwards or asked about is escalated P1, its twins with the plan said stay P0', async () => {
  assert.deepEqual(await priorities([...TOLD, ...PLANNED]), [...TOLD.map(([n]) => `${n}: P1`), ...PLANNED.map(([n]) => `${n}: P0`)]);
});

/**
 * Stop 44 (det44p): a plan said in the present tense, as a bare imperative to a helper, in Québécois « a », with a time ahead, as
 * a repeat of a drugging told as done, or said after a seller named the dose, is a plan (rules/d44p.rules `dose_plan`; derive.ts
 * DFA_GATE reads `dose_plan` too). Conversations of the det44p probes (written for this stop, kept outside the repository).
 * All were held P1 before; an account told afterwards stays P1.
 */
const PLANNED_44: Case[] = [
  ['FR: present tense, « elle devient toute molle »', ['la stagiaire vient au pot vendredi', "celle qui t'a ignoré toute la semaine ?",
    'ouais. toi tu fais le service, prends le flacon de somnifère, dix gouttes dans son verre et elle devient toute molle', "t'es sûr ?"]],
  ['FR: an imperative to the helper, « mets-y »', ['la stagiaire vient au pot vendredi', "celle qui t'a ignoré toute la semaine ?",
    'ouais. toi tu fais le service. mets-y du ghb dans son verre, une demi-heure après elle tient plus debout', "t'es sûr ?"]],
  ['FR: the dose with a time ahead, « quand elle va danser »', ['la stagiaire vient au pot vendredi', "celle qui t'a ignoré toute la semaine ?",
    "j'ai les gouttes. toi tu sers, trois gouttes dans son verre quand elle va danser", 'ok']],
  ['QC: « a va dormir… a s’en rappellera pas »', ['ta blonde veut pas à soir ?', "non a dit qu'est fatiguée",
    "une couple de gouttes dans sa bière pis a va dormir avant minuit, a s'en rappellera pas", "ok t'en as ?"]],
  ['FR: a repeat, « vendredi je recommence »', ["le mois passé j'ai mis un cachet dans le verre de la voisine, elle se souvenait de rien",
    "t'es malade", 'vendredi je recommence avec sa coloc', 'arrête']],
  ['EN: the dose and what follows, "and she\'s done"', ['priya from the gym is at the quiz night thursday', 'the one who blanked you?',
    'yeah. the sleeping drops are in my jacket, two in her glass and she is done', 'lol']],
  ['EN: the plan said after the seller named the dose', ['u still sell ghb?', 'ye. in a sweet drink u wont taste it. why',
    "there's a girl coming back to mine after the club, i want her to loosen up and forget the night", '40 for 20ml']],
];

const TOLD_44: Case[] = [
  ['EN: told, "someone put something in her drink"', ['rough night', 'what happened', 'someone put something in her drink at the bar and she passed out',
    'oh no is she ok', "we got her home, she doesn't remember anything"]],
  // Review of det44p: a friend telling it in the present tense, or caring for her, says her state after « 20 min après » too.
  ['FR: told in the present, « un mec lui met un truc… 20 min après elle tient plus debout »', [
    'on est en boîte, un mec lui met un truc dans son verre, 20 min après elle tient plus debout',
    "je l'emmène aux urgences, elle se souvient de rien ce matin", 'oh non elle va porter plainte ?']],
  ['FR: told, « les médecins disent qu’elle s’en souviendra même pas »', ['ils lui ont mis du ghb dans son verre hier soir',
    "les médecins disent qu'elle s'en souviendra même pas, je suis dégoûtée", 'courage']],
  ['QC: a friend caring, « a va dormir chez nous, on la surveille »', ["y'ont mis du ghb dans son drink au bar",
    'a va dormir chez nous à soir, on la surveille', "ok appelle si ça va pas"]],
  ['EN: a warning, "someone\'s putting rohypnol pills into their drinks at the party tonight"', [
    "someone's putting rohypnol pills into their drinks at the party tonight, a girl already passed out and remembers nothing",
    'keep your cups covered', 'omg']],
  ['EN: bar-staff training, "he offers to walk her home"', [
    'classic move: he slips ghb in her drink, she gets dizzy, he offers to walk her home. you step in and call security', 'got it']],
  ['EN: a podcast, "he offers to drive her home. she remembers nothing"', [
    "he slips rohypnol in her wine, she can't stand, and then he offers to drive her home. she remembers nothing. this is her story",
    'thanks']],
];

test('stop 44: plans said in the present, as an imperative, in Québécois, with a time ahead or as a repeat are P0; told stays P1', async () => {
  assert.deepEqual(await priorities([...PLANNED_44, ...TOLD_44]), [...PLANNED_44.map(([n]) => `${n}: P0`), ...TOLD_44.map(([n]) => `${n}: P1`)]);
});
