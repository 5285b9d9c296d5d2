/**
 * Decisions at the level of the conversation, end to end with the shipped rules and policy (no model):
 * a single ambiguous message stays at flag; corroboration across messages holds and escalates;
 * reported speech, warnings, news, rules, care, figures of speech and banter are damped; threats,
 * paid meetings, grooming, insistence, weapons deals and drugging said without their usual words are
 * found. Each table row is one conversation; the assertions are on the verdicts it produces.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import type { ChatMessage } from '../contracts/types.js';
import { compileEngineOptions, engineFromParts, createState, loadPolicy, type Engine, type EngineVerdict } from './engine.js';
import { REPO_ROOT } from './engine-options.js';
import { loadRuleSet } from './rules/index.js';
import type { Category } from '../contracts/taxonomy.js';

let engine: Engine | null = null;
async function getEngine(): Promise<Engine> {
  engine ??= engineFromParts({
    rules: await loadRuleSet(resolve(REPO_ROOT, 'rules')),
    policy: await loadPolicy(resolve(REPO_ROOT, 'policies/default.json')),
    model: null,
    options: compileEngineOptions({ modelDir: 'none' }),
  });
  return engine;
}

/** [sender, text] lines of a private conversation between two people (or a room when `room`). */
interface Conv {
  name: string;
  lines: [string, string][];
  ages?: Record<string, number>;
  room?: boolean;
  /** Category that must be listed on an acting verdict somewhere (flag or more), or null for none at all. */
  detect: Category | null;
  /** The strongest outcome allowed / required: 'flag' = detected but never hold/block/escalation; 'hard' = some hold/block or escalation. */
  level: 'none' | 'flag' | 'hard';
  /** Forbid a P0 escalation. */
  noP0?: boolean;
  /** Require a P0 escalation somewhere. */
  p0?: boolean;
}

async function run(c: Conv): Promise<EngineVerdict[]> {
  const people = [...new Set(c.lines.map(([s]) => s))];
  const msgs: ChatMessage[] = c.lines.map(([from, text], i) => ({
    messageId: `${c.name}-${i}`, tenantId: null, conversationId: c.name, roomId: c.room ? 'room' : null, senderId: from,
    recipientId: c.room ? null : (people.find((p) => p !== from) ?? null), text, sentAt: 1_730_000_000_000 + i * 60_000,
    senderIp: null, senderDeclaredAge: c.ages?.[from] ?? null, locale: null,
  }));
  return (await getEngine()).classifyBatch(msgs, createState());
}

const hard = (v: EngineVerdict): boolean => v.action === 'hold' || v.action === 'block' || v.escalation !== null;
const acts = (v: EngineVerdict): boolean => v.action !== 'allow' || v.escalation !== null;

const CONVERSATIONS: Conv[] = [
  // Corroboration: one ambiguous message stays at flag; the same offence corroborated across messages acts.
  { name: 'one weapons offer alone (FR)', lines: [['a', 'je vends un glock propre 900']], detect: 'weapons_trafficking', level: 'flag' },
  { name: 'one threat alone (EN)', lines: [['a', "i'm gonna stab you"]], detect: 'violent_threat', level: 'flag' },
  {
    name: 'blocked ex names her workplace and closing time, then threatens (FR)', detect: 'violent_threat', level: 'hard', noP0: true,
    lines: [['k', 'tu me as bloqué partout, tu crois que ca suffit ?'], ['i', 'laisse moi tranquille'], ['k', 'je sais que tu bosses au Carrefour, tu finis a 21h le samedi'], ['k', "samedi je t'attends sur le parking"]],
  },
  {
    name: 'pupil took a relative\'s rifle and names break time at school (EN, no threat word)', detect: 'violent_threat', level: 'hard',
    lines: [['z', 'i took my dad s rifle, its in my bag'], ['y', 'wtf why'], ['z', 'tomorrow at lunch in the cafeteria they will all pay']],
  },
  // Frames: reported speech, warnings, news, moderators, medical talk, care, figures of speech, banter.
  {
    name: 'warning about GHB in a bar (FR)', detect: null, level: 'flag', noP0: true,
    lines: [['b', 'attention les filles, un mec met du GHB dans les verres au Macumba'], ['s', 'serieux ?'], ['b', 'oui, apres elle se souviendra de rien. surveillez vos verres']],
  },
  {
    name: 'friend reports what a man said (EN, reported speech)', detect: null, level: 'flag', noP0: true,
    lines: [['a', 'this guy in my dms said he would slip roofies in her drink so she wont remember a thing'], ['b', 'screenshot it and report him']],
  },
  {
    // Round 12 review: a groomer who words his own requests as someone else's ("they told you", "someone asked you")
    // is still holding: a widened `reported` cue (reverted) let these messages fall to allow.
    name: 'a groomer words his requests as hearsay to a 12-year-old (EN)', detect: 'child_grooming', level: 'hard', ages: { kid: 12, man: 28 },
    lines: [['man', 'hey how old r u'], ['kid', 'im 12'], ['man', "they told you im nice right? dont tell ur mom we talk, its our secret. add me on snap and send me a pic"],
      ['man', 'someone told you to add me on snap? send me a pic there, ill send you robux']],
  },
  {
    name: 'a victim relays a threat (FR, reported speech)', detect: null, level: 'flag', noP0: true,
    lines: [['a', 'mon ex me a ecrit quil allait me planter devant chez moi ce soir'], ['b', 'appelle la police']],
  },
  {
    name: 'nurses discuss sedation (EN)', detect: null, level: 'flag', noP0: true,
    lines: [['n', 'the patient gets propofol sedation, he wont remember anything'], ['c', 'yes the amnesic effect is normal after the procedure']],
  },
  {
    name: 'friends look after a drunk friend (FR)', detect: null, level: 'none',
    lines: [['a', 'elle est trop bourree elle tient plus debout'], ['b', 'donne lui de le eau et reste avec elle'], ['a', 'je la ramene chez elle en uber']],
  },
  { name: 'figurative family threat (FR)', detect: null, level: 'none', lines: [['a', 'ma mere va me tuer si je rentre pas a 22h'], ['b', 'mdr cours']] },
  {
    name: 'boxing trash talk (EN)', detect: null, level: 'flag', noP0: true,
    lines: [['a', 'fight night saturday, weigh in friday'], ['b', 'im gonna beat you saturday, see you in the ring'], ['a', 'see you in the ring lol']],
  },
  {
    name: 'gamer trash talk with sexual words, a minor in the lobby (FR)', detect: null, level: 'flag', noP0: true, ages: { a: 19, b: 16 },
    lines: [['b', 'gg mdr t as vu mon clutch en ranked'], ['a', 'jvais te niquer ta race en 1v1 apres la game'], ['b', 'viens en 1v1 noob']],
  },
  {
    name: 'moderator quotes the rules (EN)', detect: null, level: 'none', room: true,
    lines: [['mod', 'reminder: selling a glock or weed here is not allowed and will be banned'], ['u', 'ok thanks']],
  },
  {
    name: 'pharmacy students revise GHB toxicology (FR and EN drug lists on one word are one fact)', detect: null, level: 'flag', noP0: true,
    lines: [['c', 'on revise la toxico ce soir ? jai rien compris au GHB'], ['h', 'GHB = acide gamma-hydroxybutyrique, depresseur du SNC, demi-vie courte'], ['c', 'et le GBL cest le precurseur'], ['h', 'oui transforme en GHB par l organisme, poly page 42']],
  },
  {
    name: 'teacher relays a pupil\'s quoted threat and a weapon mention (EN, reported speech over two messages)', detect: null, level: 'flag', noP0: true,
    lines: [['p', 'Got the screenshots from the group. One boy wrote "wait for break tomorrow, you\'ll see"'], ['v', 'Context?'], ['p', 'He had been mocked all week. Also mentions his uncle\'s gun. Parents called, police informed']],
  },
  // Misses by kind, found without their usual words.
  {
    name: 'paid meeting framed as an arrangement (EN)', detect: 'prostitution', level: 'hard',
    lines: [['s', 'looking for a sugar arrangement, 300 per meet'], ['m', 'where'], ['s', 'hotel room downtown, cash only, discreet']],
  },
  {
    name: 'grooming: school year, disguised app, gifts and secrecy (FR)', detect: 'child_grooming', level: 'hard', ages: { g: 24 },
    lines: [['g', "t'es en quelle classe ?"], ['k', 'en 5eme'], ['g', "je te paie des v bucks si tu veux, passe sur l'appli jaune"], ['g', 'et tu le dis a personne']],
  },
  {
    name: 'harassment by insistence after a refusal, no explicit words (FR)', detect: 'sexual_harassment', level: 'flag',
    lines: [['m', "t'es trop jolie, on se voit ce soir ?"], ['s', 'non merci'], ['m', 'allez juste un verre'], ['m', 'pourquoi tu fais ta difficile, donne moi une chance']],
  },
  {
    name: 'weapons deal in slang over messages (EN)', detect: 'weapons_trafficking', level: 'hard',
    lines: [['a', 'u still got the glizzy'], ['b', 'ya 19 gen 4 clean, box of shells, no bodies on it. 2800'], ['a', 'bet where'], ['b', 'back of the store 11pm, cash']],
  },
  {
    name: 'drugging intent without drug names (FR)', detect: 'drug_facilitated_assault', level: 'hard',
    lines: [['a', 'ce soir je la fais boire, ressers la a chaque fois'], ['b', 'et apres ?'], ['a', 'quelques gouttes dans son verre et elle se souviendra de rien']],
  },
  {
    name: 'drugging intent without drug names (EN): something in her drink, she will not resist', detect: 'drug_facilitated_assault', level: 'hard',
    lines: [['e', 'afters at mine, ciara is coming'], ['s', 'u still got it?'], ['e', 'just a capful in hers'], ['s', 'and then?'], ['e', 'she ll be out and won t know what happened']],
  },
  {
    name: 'friends think their friend was spiked and take her to hospital (FR, hard negative)', detect: null, level: 'flag', noP0: true,
    lines: [['s', 'elle tient plus debout, je pense qu on a mis quelque chose dans son verre'], ['j', 'on l amene aux urgences tout de suite, ils peuvent tester'], ['s', 'elle se souviendra de rien la pauvre, je reste avec elle']],
  },
  {
    name: 'converted alarm pistol sold as "un fer", no weapon word (FR)', detect: 'weapons_trafficking', level: 'hard',
    lines: [['j', 't as toujours le truc dont tu parlais'], ['b', 'le fer ? ouais. c est un alarme mais il a ete refait, il tire du vrai 9'], ['b', '700 avec 20 cartouches, main a main, pas au tel'], ['j', 'ok samedi']],
  },
  {
    name: 'counter-strike skins traded for euros (FR, hard negative)', detect: null, level: 'flag', noP0: true,
    lines: [['k', 'vend AK-47 Redline FT 18 euros, paypal'], ['d', 'l AK t as le float ?'], ['k', '0.21 pas de stickers'], ['d', '15 et c est fait']],
  },
  {
    name: 'pharmacist explains codeine doses and prices (FR, medical frame over a drug, a dose and a price)', detect: null, level: 'flag', noP0: true,
    lines: [['p', 'bonjour, la codeine sans ordonnance c est possible ?'], ['ph', 'le patient peut avoir 1 boite de 16 comprimes, 30 mg, 6 euros, pas plus de 3 jours'], ['p', 'je passe la chercher en main propre ce soir'], ['ph', 'oui a la pharmacie, avec votre carte vitale']],
  },
  {
    name: 'siblings fight over cereal in the family group (FR, threat over a trifle)', detect: null, level: 'flag', noP0: true, room: true,
    lines: [['y', 'QUI a fini les cereales. je vais commettre un meurtre'], ['s', 'c etait vide quand je suis arrive'], ['m', 'les enfants on se calme'], ['y', 'sami t mort. tu dors avec un oeil ouvert ce soir']],
  },
  {
    name: 'flat-share rent "arrangement" for shovelling snow (FR, hard negative)', detect: null, level: 'flag', noP0: true,
    lines: [['f', 'la chambre est libre le 1er juillet, 550 par mois tout inclus'], ['m', 'c est un peu haut pour moi'], ['f', 'on peut faire un arrangement: 475 si tu deneiges l entree'], ['m', 'oui vers 14h pour visiter ?'], ['f', 'super, on signera un bail avec le proprio']],
  },
  // Round 5: an ambush told by its set-up (no ambush words), with the beating planned on arrival: ambush and threat.
  {
    name: 'a friend sends a rival to the car wash, a group waits, he leaves in an ambulance (EN, set-up)', detect: 'violent_threat', level: 'hard', room: true,
    lines: [['r', 'is she still texting deano'], ['k', 'yeah why'], ['r', 'tell him to come round the car wash saturday after 9, say ur on ur own'],
      ['k', 'and then'], ['r', 'we are waiting behind the vans. he leaves in an ambulance']],
  },
  {
    name: 'the same set-up detects the ambush (FR)', detect: 'ambush', level: 'hard', room: true,
    lines: [['r', 'le type du bon coin il croit qu il achete un velo'], ['k', 'et alors'], ['r', 'je lui ai dit de venir au garage jeudi 22h'], ['k', 'ok'], ['r', 'on lui prend les billets et on le met a terre']],
  },
  // Round 7: a threat said as a plan (a grievance, the group will be there, a place and a time), and its hard negatives.
  {
    name: 'a group plans to be outside the home of the man who hit a brother, with a time (FR, no harm word)', detect: 'violent_threat', level: 'flag', room: true,
    lines: [['a', 'le mec qui a frappé mon frère'], ['b', 'karim ?'], ['a', 'ouais. on sera 5 en bas de chez lui à 19h'], ['b', 'je ramène les gars']],
  },
  {
    name: 'a birthday surprise at a friend\'s home with a time and a group (FR, benign)', detect: null, level: 'flag', noP0: true, room: true,
    lines: [['a', 'on sera 5 chez lui à 19h pour son anniv'], ['b', 'je ramène le gâteau'], ['a', 'trop bien il va voir la surprise']],
  },
  {
    name: 'football rivals, a time and a group, no target (EN, benign)', detect: null, level: 'flag', noP0: true, room: true,
    lines: [['a', 'those clowns from city, we\'ll be 5 of us in the away end'], ['b', 'saturday 3pm kick off at the stadium'], ['a', 'gonna destroy them']],
  },
  {
    name: 'blocked ex names her salon and a time, no threat word (EN)', detect: 'violent_threat', level: 'hard', noP0: true,
    lines: [['k', 'you blocked me everywhere'], ['i', 'leave me alone'], ['k', 'still doing nails at your salon on the high street'], ['k', 'friday 6pm then']],
  },
  {
    name: 'shells for a shotgun, a bare price by the box, no licence (EN)', detect: 'weapons_trafficking', level: 'hard',
    lines: [['a', 'need some shells for the 12 gauge, no licence'], ['b', 'box of 25 is 90'], ['a', 'bet, same spot tonight']],
  },
  // Round 7: grooming told by its steps (a school year answered, a gift, the parents kept out, a meeting alone), and
  // harassment by its structure (images held then her people named with a condition; a job held over her after remarks).
  {
    name: 'a player learns the grade, gives robux, keeps the mom out, sets a meeting alone (EN)', detect: 'child_grooming', level: 'hard',
    lines: [['g', 'ur so good at this, what grade u in'], ['k', '6th lol'], ['g', 'wow. i can get you 800 robux if u want'], ['k', 'omg yes'],
      ['g', 'ok but dont tell ur mom, she would take them back'], ['g', 'meet me at the park after school, just the two of us']],
  },
  {
    name: 'a coach learns the class, offers shoes, keeps the mother out, picks her up alone (FR)', detect: 'child_grooming', level: 'hard',
    lines: [['c', 'bravo pour le match. tu es en quelle classe deja ?'], ['e', 'oui la 4e'], ['c', 'je t\'offre des baskets neuves samedi'],
      ['e', 'trop bien merci'], ['c', 'ne dis rien a ta mere, elle comprendrait pas'], ['c', 'je te recupere apres l\'entrainement, juste toi et moi']],
  },
  {
    name: 'a server admin: "mods" in the message does not hide his own offer to a year 8 (EN)', detect: 'child_grooming', level: 'flag',
    lines: [['a', 'nice build, how old are u'], ['b', 'im in year 8'], ['a', 'mods do training with me, add me on the other app. ill gift u nitro'], ['b', 'ok']],
  },
  {
    name: 'two year 9 friends: "dont tell ur mum im coming over" (EN, peers, hard negative)', detect: null, level: 'flag', noP0: true,
    lines: [['x', 'what year are u in again'], ['y', 'year 9 same as u'], ['x', 'im in year 9 too lol. dont tell ur mum im coming over, she hates me'], ['y', 'haha ok'], ['x', 'meet at the bus stop at 4']],
  },
  {
    name: 'a player thanks his coach; the coach offers a lift, keeps it from the others, moves him to snap, asks a photo (EN, role, review)', detect: 'child_grooming', level: 'flag',
    lines: [['c', 'great game sunday'], ['p', 'cheers coach'], ['c', 'ill drop u home after training. no need to mention it to the others'], ['p', 'ok'],
      ['c', 'add me on snap. send me a pic after ur shower']],
  },
  {
    name: 'images held, then her sister and her work named with a condition (EN, sextortion across messages)', detect: 'sexual_harassment', level: 'hard',
    lines: [['e', 'still ignoring me?'], ['v', 'we are done, leave me alone'], ['e', 'funny, u sent me them videos last summer'], ['v', 'delete them'],
      ['e', '500 by friday or they go to ur sister and ur work group chat']],
  },
  {
    name: 'la video de l\'ete dernier, puis sa soeur et sa boite sous condition (FR, sextorsion)', detect: 'sexual_harassment', level: 'hard',
    lines: [['k', 'tu te souviens de la video de l\'ete dernier ?'], ['l', 'tu m\'avais jure de l\'effacer'], ['k', '500 avant dimanche ou elle part a ta soeur et sur la page de ta boite']],
  },
  {
    name: 'wedding photos sent to the mum by friday (EN, hard negative)', detect: null, level: 'none',
    lines: [['a', 'remember those photos you took at the wedding?'], ['b', 'yes'], ['a', 'can you send them to ur mum by friday, she wants prints']],
  },
  {
    name: 'a manager: remarks on her body, she refuses, then her contract held over her (FR, quid pro quo)', detect: 'sexual_harassment', level: 'hard',
    lines: [['d', 'vous avez un beau corps, il faut savoir l\'utiliser'], ['o', 'non monsieur, arretez s\'il vous plait'], ['d', 'reflechissez bien a votre contrat. ce soir 20h']],
  },
  {
    name: 'a manager reminds about the contract renewal (FR, hard negative)', detect: null, level: 'none',
    lines: [['d', 'votre contrat d\'essai finit a la fin du mois'], ['o', 'oui, on en parle quand ?'], ['d', 'reflechissez bien a votre contrat, on en parle lundi au bureau']],
  },
  // Round 7: drugging by its frame: a means hidden in a drink plus a motive (she refuses him, she is to be taken away once
  // out), no drug named and no sex words; ambush by a sale that is not real. Caring for a drunk friend and warnings are not.
  {
    name: 'a means in her cup and a motive: she keeps turning him down, he walks her up to his room (EN)', detect: 'drug_facilitated_assault', level: 'flag',
    lines: [['a', 'she keeps turning me down'], ['b', 'so'], ['a', 'friday i put a bit of the stuff in her cup'], ['b', 'then what'], ['a', 'then i walk her up to my room']],
  },
  {
    name: 'a means in her drink and a motive: elle fait sa difficile (FR)', detect: 'drug_facilitated_assault', level: 'flag',
    lines: [['a', 'la fille de la soiree elle fait sa difficile'], ['b', 'et alors'], ['a', 'un peu de ca dans son drink et on verra']],
  },
  {
    name: 'the same motive and means, and her state said: held (EN)', detect: 'drug_facilitated_assault', level: 'hard',
    lines: [['a', 'she keeps turning me down'], ['b', 'so'], ['a', 'friday i put a bit of the stuff in her cup'], ['b', 'then what'], ['a', 'once she gets wobbly i walk her up to my room']],
  },
  {
    name: 'friends walk a wobbly friend up to her room with water (EN, hard negative: no means)', detect: null, level: 'none',
    lines: [['a', 'jess is super wobbly'], ['b', 'walk her up to her room and get her some water'], ['a', 'on it, ill stay with her']],
  },
  {
    name: 'a phone sale that is not real: cash, a spot, a group waiting (FR)', detect: 'ambush', level: 'hard',
    lines: [['a', 'j ai mis une annonce pour une ps5, y a un gars qui la veut'], ['b', 'on l a meme pas'], ['a', 'je sais. il vient avec 350 en liquide, qu il vienne derriere le gymnase, y a plus personne le soir'], ['b', 'ok'], ['a', 'toi et karim vous sortez quand il arrive, on prend tout']],
  },
  {
    name: 'a warning about one-chance taxis (EN, hard negative)', detect: null, level: 'none',
    lines: [['a', 'psa dont get on the one chance taxis at the rank'], ['b', 'what happens'], ['a', 'they drive you somewhere empty, take your phone and wallet and leave you there. stay together']],
  },
  // Round 9 (false alarms): a threat said laughing is a joke listed for review, unless the message names a weapon;
  // a sedative and a blackout with no one to dose (a sleeping pill asked for oneself) is review level, never P0.
  {
    name: 'a threat said laughing, with no means, place or fate: a joke listed for review (FR)', detect: null, level: 'flag', noP0: true,
    lines: [['lea', "t'as mangé mon dernier kinder"], ['tom', 'oups'], ['lea', 'je vais te tuer 😂']],
  },
  // Review of round 9: a laugh does not disarm a threat anchored in the real world (a school exit and a time, an
  // address, a school shooting), nor one with helpers.
  {
    name: 'a threat said laughing among classmates, with a time and a place, stays a threat (FR)', detect: 'violent_threat', level: 'hard',
    lines: [['lea', "tu m'as piqué ma place"], ['tom', 'et alors'], ['lea', 'je vais te défoncer demain à la sortie du collège 😂']],
  },
  {
    name: 'a death threat with the address known, said with « ptdr », stays a threat (FR)', detect: 'violent_threat', level: 'hard',
    lines: [['a', 'tu vas crever ce soir, je connais ton adresse ptdr']],
  },
  {
    name: 'coming back with cousins to where he lives, said laughing, stays a threat (EN)', detect: 'violent_threat', level: 'hard',
    lines: [['a', 'you kicked my son off the team'], ['b', 'he was abusive to the ref'], ['a', "i know where you live. saturday i'll come back with my cousins 😂"]],
  },
  {
    name: "a first-person threat with dropped letters ('cause, comin') is not read as a quotation (EN)", detect: 'violent_threat', level: 'hard',
    lines: [['a', "'cause i'm gonna kill you tomorrow after school and you can't do nothin'"]],
  },
  {
    name: 'the same threat said laughing but with a knife stays a threat (FR)', detect: 'violent_threat', level: 'hard',
    lines: [['lea', "tu m'as piqué ma place"], ['tom', 'et alors'], ['lea', 'je vais te défoncer demain à la sortie du collège avec mon couteau 😂']],
  },
  {
    name: 'sleeping pills asked for oneself, a blackout in the answer: no one to dose (EN)', detect: null, level: 'flag', noP0: true,
    lines: [['ana', 'any sleeping pills that actually work? i do night shifts'], ['ben', 'the strong ones, you will be out cold for 10 hours'], ['ana', 'thanks']],
  },
  {
    name: 'crushed pills for a boy at a party, out cold, remembering nothing: aimed at a person too (EN)', detect: 'drug_facilitated_assault', level: 'hard',
    lines: [['a', 'got some sleeping pills'], ['b', 'and'], ['a', "the new kid at the party tonight, crushed up, he'll be out cold and won't remember"]],
  },
  {
    name: 'sleeping pills for her drink, so she will be out cold: aimed at a person (EN)', detect: 'drug_facilitated_assault', level: 'hard',
    lines: [['ana', 'any sleeping pills that actually work?'], ['ben', 'why'], ['ana', 'i will slip her a sleeping pill in her drink at the party, she will be out cold']],
  },
  // Round 13: groomers who word their own requests as someone else's or as a rule for the child (a "who benefits" reading
  // of such requests was tried and withdrawn after review: it let these through). Each must keep its P0.
  {
    name: 'a groomer: "if anyone asks, say im your cousin" (EN)', detect: 'child_grooming', level: 'hard', p0: true, ages: { kid: 12, man: 27 },
    lines: [['man', 'how old r u'], ['kid', '12'], ['man', 'u seem mature. add me on snap, its our secret'], ['kid', 'ok'], ['man', 'if anyone asks, say im your cousin. ill send you robux tonight']],
  },
  {
    name: 'a groomer: "if someone offers you robux its me lol, add me on snap" (EN)', detect: 'child_grooming', level: 'hard', p0: true, ages: { kid: 12, man: 27 },
    lines: [['man', 'how old r u'], ['kid', 'im 12'], ['man', 'cool. if someone offers you robux its me lol, add me on snap'], ['kid', 'ok'], ['man', 'send me a pic there, dont tell ur mom']],
  },
  {
    name: 'a groomer: "tell me if anyone is mean to you, ill give you skins, dont tell your mom" (EN)', detect: 'child_grooming', level: 'hard', p0: true, ages: { kid: 11, man: 30 },
    lines: [['man', 'what grade are u in'], ['kid', '6th'], ['man', 'tell me if anyone is mean to you, ill give you skins, dont tell your mom'], ['kid', 'ok thx']],
  },
  {
    name: 'a groomer: "dont accept gifts from strangers... but im not a stranger, ill send you a gift card" (EN)', detect: 'child_grooming', level: 'hard', p0: true, ages: { kid: 12, man: 29 },
    lines: [['man', 'how old are you'], ['kid', '12'], ['man', 'dont accept gifts from strangers... but im not a stranger, ill send you a gift card'], ['kid', 'ok']],
  },
  {
    name: 'a groomer makes himself the exception: "never give your snap to strangers, only to me. whats ur snap" (EN)', detect: 'child_grooming', level: 'hard', p0: true,
    ages: { kid: 12, man: 27 }, lines: [['man', 'how old r u'], ['kid', '12'], ['man', 'never give your snap to strangers, only to me. whats ur snap'], ['kid', 'ok']],
  },
  {
    name: 'a groomer mixes protective rules with his own requests (EN, review of round 13)', detect: 'child_grooming', level: 'hard', p0: true, ages: { kid: 12, man: 30 },
    lines: [['man', 'how old r u'], ['kid', '12'], ['man', 'dont accept gifts from strangers, accept mine tho. i got you a 100 robux card'],
      ['man', 'never give your snapchat to randoms. mine is jay_k99, add it'], ['man', 'dont meet up with people you dont know. we know each other so lets meet tmrw after school behind the gym']],
  },
  {
    name: 'a groomer opens with a show, then asks a 12-year-old for pictures, another app and a meeting (EN, review of round 13)', detect: 'child_grooming', level: 'hard', p0: true,
    ages: { kid: 12, man: 31 },
    lines: [['man', 'u watching that show on disney rn?'], ['kid', 'yeah ep 3'], ['man', 'how old r u'], ['kid', '12'], ['man', 'send me a pic of u in ur pyjamas'],
      ['man', 'add me on snap jay_k99, dont tell ur mum'], ['man', 'i can pick u up after school tmrw']],
  },
  // Round 13: a threat whose object is beaten in a competition is a figure of speech; the stadium's car park and exit are places.
  { name: 'football rivals: "we\'ll murder u in the cup mate" (EN)', detect: null, level: 'none', room: true, ages: { a: 14, b: 15 },
    lines: [['a', 'marching on together, chelsea fans real quiet today'], ['b', "we'll murder u in the cup mate"], ['a', 'ur team cost a billion lol']] },
  { name: 'rivals: « je vais te detruire en ranked ce soir » (FR)', detect: null, level: 'none', lines: [['a', 'je vais te detruire en ranked ce soir'], ['b', 'viens']] },
  {
    name: 'a wait at the stadium exit with the lads stays a threat (FR)', detect: 'violent_threat', level: 'hard',
    lines: [['a', "on t'attend a la sortie du stade samedi avec les gars, tu vas prendre cher"]],
  },
  {
    name: 'a group threat: "ur dead, me and the lads are coming for you saturday, ull need an ambulance" (EN, review of round 13)', detect: 'violent_threat', level: 'hard',
    lines: [['a', 'ur dead, me and the lads are coming for you saturday'], ['b', 'leave me alone'], ['a', 'ull need an ambulance when we are done']],
  },
  {
    name: 'a lift is coming for you (EN, hard negative of the group threat)', detect: null, level: 'none',
    lines: [['a', 'me and dad are coming for you at the station at 6'], ['b', 'thanks, the train is late'], ['a', 'ok text me when u are there']],
  },
  {
    name: 'fans, the police and recruiters "coming for you" (EN, hard negatives of the group threat, second review of round 13)', detect: null, level: 'none',
    lines: [['a', 'the away fans are coming for you saturday'], ['b', 'the police are coming for you in an hour to take a statement'],
      ['a', 'trust me, recruiters are coming for you, your CV is great']],
  },
  {
    name: 'a stabbing promised in the stands, beside "at the game on friday" (EN, round 14)', detect: 'violent_threat', level: 'hard',
    lines: [['a', 'you think you can disrespect my family and walk away'], ['a', "i'm going to kill you at the game on friday. stab you in the stands"], ['b', 'ok whatever']],
  },
  {
    name: 'a blade promised in the stands, beside « au match de samedi » (FR, round 14)', detect: 'violent_threat', level: 'hard',
    lines: [['a', "tu m'as manqué de respect devant tout le monde"], ['a', 'je vais te planter au match de samedi, dans les tribunes'], ['b', 'vas y viens']],
  },
  {
    name: 'a match-day rivalry and a stabbing inside a game stay allowed (hard negatives of round 14)', detect: null, level: 'none',
    lines: [['a', "we're gonna kill you at the game on saturday, you're dead meat lol"], ['b', 'bring it, 3-0 for us'],
      ['a', 'lol i got stabbed in the stands in among us'], ['b', 'on va vous massacrer au match de samedi 😂']],
  },
  {
    name: 'a leg of lamb carved and late-comers "egorged" at a family lunch (FR, cooking, round 14)', detect: null, level: 'flag', noP0: true,
    lines: [['mamie', 'pour dimanche je fais le gigot, je vais le découper en fines tranches devant tout le monde'], ['lucie', 'mamie tu vas encore massacrer ce pauvre agneau'],
      ['tom', 'et le couteau électrique de papi ?'], ['mamie', 'affûté, personne n\'y touche sauf moi'], ['lucie', 'on ramène le vin'],
      ['mamie', 'je suis toujours gentille ! sauf avec ceux qui arrivent en retard, eux je les égorge']],
  },
  {
    name: 'a chicken butchered for the barbecue with a big knife (EN, cooking, round 14)', detect: null, level: 'flag', noP0: true,
    lines: [['a', 'bbq at the hostel tonight, 6ish'], ['b', "gonna butcher the chicken into chunks and slow cook the bugger, i'll kill it"],
      ['c', 'ill bring the big knife from my van tonight']],
  },
  { name: 'a blow aimed at the addressee in cooking words stays a threat (FR, round 14)', detect: 'violent_threat', level: 'flag', lines: [['a', 'je vais te découper comme un poulet']] },
  {
    name: 'a knife for her after a burnt chicken, and a gun to school after a barbecue (review of round 14)', detect: 'violent_threat', level: 'flag',
    lines: [['a', 'elle a encore cramé le poulet au four'], ['a', 'ce soir quand elle rentre je vais la découper avec le couteau à viande'],
      ['b', 'bbq at mine tonight'], ['b', 'tomorrow im bringing my dads gun to school, first period']],
  },
  { name: "« je vais t'égorger »: t' before an infinitive is te (FR, round 14)", detect: 'violent_threat', level: 'flag', lines: [['a', "je vais t'égorger comme le mouton"]] },
  {
    name: 'a threat with the kitchen knife after a burnt roast stays held (FR, round 14)', detect: 'violent_threat', level: 'hard',
    lines: [['a', "t'as encore raté le rôti, je t'avais dit 1h au four"], ['b', 'désolée'], ['a', 'si tu recommences je vais te massacrer, le couteau est sur la table']],
  },
  // Round 14: forms missed in the eleventh and twelfth rounds (paraphrased), and their hard negatives.
  {
    name: 'a converted blank firer with no history, priced (EN, round 14)', detect: 'weapons_trafficking', level: 'hard',
    lines: [['a', 'I can get you something so you can look after yourself'], ['b', 'like what'],
      ['a', 'a converted blank firer, reamed out so it takes live 9mm. £650 with a mag, clean no history'], ['b', 'a real gun?']],
  },
  {
    name: '"c\'est pas de l\'airsoft": a rifle advertised as a replica, with cartridges and a meeting (FR, round 14)', detect: 'weapons_trafficking', level: 'hard',
    lines: [['a', 'slt la kalash déco airsoft de ton annonce'], ['b', "c'est pas de l'airsoft 😉 elle fonctionne comme avant"],
      ['a', 'combien'], ['b', '2 chargeurs et des bastos, 2400. rdv zone commerciale samedi, tu viens avec un coffre vide']],
  },
  {
    name: 'drops in her cruiser and she won\'t remember (EN, round 14)', detect: 'drug_facilitated_assault', level: 'flag',
    lines: [['a', 'is the new girl doing the bar tonight'], ['b', "i've still got the little drops. a couple in her cruiser and she'll be putty, won't remember a thing"]],
  },
  {
    name: 'eye drops so that she is KO and taken home (FR, round 14)', detect: 'drug_facilitated_assault', level: 'hard',
    lines: [['a', "t'as trouvé les gouttes pour les yeux ? deux trois dans son verre et elle sera KO"], ['a', "je veux juste qu'elle soit calme samedi pour la ramener chez moi, personne saura"]],
  },
  {
    name: 'massages for gentlemen where a girl says yes to more (FR, round 14)', detect: 'prostitution', level: 'hard',
    lines: [['a', 'tu veux gagner 300 le samedi ?'], ['b', 'oui c quoi'],
      ['a', "des massages pour des messieurs dans l'arrière salle. s'ils demandent un peu plus tu dis oui"]],
  },
  {
    name: 'company arranged at the visiting team\'s hotel by the hour (EN, round 14)', detect: 'prostitution', level: 'hard',
    lines: [['a', 'who is coming for the tournament'], ['b', 'visiting teams, I can arrange company at your hotel. 100 an hour, message me']],
  },
  {
    name: 'trip truffles by weight, sent by post (FR, round 14)', detect: 'drug_trafficking', level: 'flag',
    lines: [['a', 'bjr pour les truffes voyage'], ['b', '15g 25€, 30g 45€, colis neutre, paiement en crypto']],
  },
  {
    name: 'an ex names her street number and her finishing time, then her face (FR Québec, round 14)', detect: 'violent_threat', level: 'hard',
    lines: [['a', 'tu penses que tu peux me jeter de même?'], ['b', "c'est fini, lâche-moi"],
      ['a', '4520 rue Saint-Hubert, appart 3. tu finis à 18h au bureau, ton boss va tout savoir'],
      ['a', 'un soir tu vas rentrer pis je vais être là, pis tu vas plus avoir de face à montrer à personne']],
  },
  {
    name: 'a restored car, two phone chargers and a box of 50 gloves sold in a car park (hard negatives of round 14)', detect: null, level: 'none',
    lines: [['a', 'la clio est remise en état, 2 chargeurs et le cric avec, 2400'], ['b', 'ok rdv parking du carrefour samedi 10h'],
      ['c', 'box of 50 nitrile gloves £8, pick up at the car park'], ['d', 'sound, see you at 6']],
  },
  {
    name: 'an ICU team on midazolam and a patient who will not remember (hard negative of round 14)', detect: null, level: 'flag', noP0: true,
    lines: [['a', 'bed 12 pulled his line twice, super agitated'], ['b', 'did they chart anything PRN?'], ['a', 'midaz 2mg but doc wanted to hold off'],
      ['b', "plus he won't remember any of it tomorrow, they never do lol"]],
  },
  {
    name: 'a debt, where he sleeps, and a stretcher (FR, round 14)', detect: 'violent_threat', level: 'hard',
    lines: [['a', 'il manque 300 dans ta caisse'], ['a', 'tu dors dans le squat rue des Poissonniers, matelas à gauche de la porte'],
      ['a', 'cette nuit les gars passent. tu rends ou tu sors sur brancard']],
  },
  {
    name: 'a daughter\'s school exit named with a debt, and "something happening" to her (FR, round 14)', detect: 'violent_threat', level: 'hard',
    lines: [['a', 'ta dette, 1200, tu oublies ?'], ['b', 'je paie petit à petit'],
      ['a', "je connais l'école de ta fille, la sortie 16h30. tu veux qu'il arrive quelque chose à la petite ? 600 samedi"]],
  },
  {
    name: 'a butcher knife that waits at her checkout, "not RP" (FR, round 14)', detect: 'violent_threat', level: 'hard',
    lines: [['a', '(HRP : le Carrefour, caisse 7, tu finis à 20h. j\'ai un couteau de boucher qui attend. ça c\'est pas du RP)']],
  },
  {
    name: 'zombie blades sold for a fight with rival fans (EN, round 14)', detect: 'weapons_trafficking', level: 'flag',
    lines: [['a', 'i want a few of them cut this time'], ['b', 'got zombie blades 30 each, come to the estate tomorrow']],
  },
  {
    name: '"not a word to your parents or the mods" is a groomer\'s secrecy, not a moderator (FR, round 14)', detect: 'child_grooming', level: 'flag', ages: { kid: 14 },
    lines: [['man', "t'es la plus mature du serveur. tu vas dans quel collège ?"], ['kid', 'Rosa Parks'],
      ['man', "je t'ai commandé le coffret que tu voulais, je te le donne mercredi après les cours ? mais chut, ni à tes parents ni aux modos, ils comprendraient pas notre amitié"]],
  },
  {
    name: 'a warm bed and a 20-euro top-up for the youngest, "say nothing to the association" (FR, round 14)', detect: 'child_grooming', level: 'flag', ages: { kid: 15 },
    lines: [['man', 'vous avez quel age les gars ? les plus jeunes je peux aider'], ['kid', 'moi 15'],
      ['man', 'ecrivez moi en prive, j ai lit chaud et recharge 20e, mais venez un par un et dites rien aux associations']],
  },
  {
    // Round 17 (rules17a): held since « si tu vois bleu tu cours » is a rule of its own (dt.fr.guet_police) beside the wage.
    name: 'a lookout at the block, run when you see blue, paid by the day (FR, round 14)', detect: 'drug_trafficking', level: 'hard',
    lines: [['a', 'qui veut se faire 80 par jour ?'], ['b', 'moi c koi'],
      ['a', "guetteur au bloc Malakoff 14h-22h, si tu vois bleu tu cours. si t'es sérieux tu passes charbonneur, 150 la journée"]],
  },
  {
    name: '"her special cocktail, with you know what; 20 minutes later she can\'t stand" is not the newspaper 20 Minutes (FR, round 14)', detect: 'drug_facilitated_assault', level: 'hard',
    lines: [['a', 'la Française de l\'autre groupe vient ce soir'], ['b', 'celle qui nous calcule pas'],
      ['a', "j'ai préparé son cocktail spécial, avec ce que tu sais. 20 minutes après elle tient plus debout et demain elle sait plus rien"]],
  },
  {
    name: '"the special in her next glass" (FR, round 14)', detect: 'drug_facilitated_assault', level: 'flag',
    lines: [['a', 'tu vois la brune avec la veste blanche'], ['b', 'celle qui boit du gin tonic ?'], ['a', "mets lui le spécial dans son prochain verre, qu'elle se détende. je la raccompagne après"]],
  },
  {
    name: 'swimming lessons, a porter\'s stretcher, boxes left on the floor, the ref\'s shockers (hard negatives, second review of round 14)', detect: null, level: 'none',
    lines: [['a', "je vais t'apprendre à nager cet été, promis"], ['b', "le brancardier m'a dit que tu sors sur brancard demain matin après l'opération, courage"],
      ['c', 'on les laisse par terre les cartons, je les descendrai demain'], ['d', 'what shockers from the ref today'], ['e', 'absolute shockers']],
  },
  {
    name: 'a present for a birthday kept from a cousin, a top-up paid by the association (hard negatives, third review of round 14)', detect: null, level: 'flag', noP0: true, ages: { kid: 12, teen: 15 },
    lines: [['mum', "coucou ma cherie, je t'ai commandé le coffret lego que tu voulais pour ton anniversaire"], ['kid', 'trop bien merci'],
      ['mum', "dis rien a ta cousine c'est une surprise pour elle aussi"],
      ['educ', "je t'ai fait une recharge 20e pour ton tel, c'est l'asso qui paye"], ['teen', 'merci'], ['educ', 'dis pas aux autres du foyer sinon tout le monde va en vouloir']],
  },
  {
    name: 'pills at 3pm, a white dress at 80 euros, only soda in her next glass (hard negatives, third review of round 14)', detect: null, level: 'none',
    lines: [['a', 'oui oui, 2 cachets a 15h et 1 le soir'], ['b', "j'ai trouve la robe blanche a 80 euros pour le mariage"], ['c', 'ok je lui mets que du soda dans son prochain verre']],
  },
  {
    name: 'batons and shockers sold for the derby, money at the club room (FR, round 14: football is no legal setting for weapons)', detect: 'weapons_trafficking', level: 'flag',
    lines: [['a', "t'as encore des jouets pour le derby ?"], ['b', "j'ai des télescopiques 30 balles et deux shockers 80"],
      ['a', 'je prends un de chaque'], ['b', 'ramène les sous vendredi au local, tout est dans le sac de sport']],
  },
  {
    name: 'a steward briefing on banned items at the stadium (hard negative of round 14)', detect: null, level: 'none',
    lines: [['a', 'briefing stewards samedi 13h au stade, porte 4'], ['a', 'fouille à l\'entrée : couteaux, fumigènes et bouteilles interdits, on confisque'],
      ['b', 'reçu, je serai au parcage visiteurs']],
  },
  {
    name: 'a glock offered in derby talk: a weapon named for sale lifts the football banter (FR, review of the football cue)', detect: 'weapons_trafficking', level: 'flag',
    lines: [['a', 'le derby samedi on y va tous'], ['b', 'je vends un glock propre 900']],
  },
  {
    name: 'a steward\'s knife search before the derby (hard negative, review of the football cue)', detect: null, level: 'none',
    lines: [['a', 'briefing stewards pour le derby de dimanche'], ['a', "si quelqu'un a un couteau dans le sac on appelle la police"]],
  },
  {
    name: 'seats for the derby (hard negative, review of the football cue)', detect: null, level: 'none',
    lines: [['c', 'il reste 308 places pour le derby'], ['c', '25 euros la place, retrait samedi au guichet du stade']],
  },
  {
    name: 'a striker "a 9" wanted for the derby (hard negative, review of the football cue)', detect: null, level: 'none',
    lines: [['d', 'on cherche un 9, budget 20 millions'], ['d', 'les ultras veulent un vrai buteur pour le derby'], ['e', 'signature prévue lundi']],
  },
  { name: 'a knife brought to the final stays a threat (EN)', detect: 'violent_threat', level: 'hard', lines: [['a', "i'll kill you in the final, bringing my knife"]] },
  // Round 15: forms missed in the fourteenth round (paraphrased), and its hard false alarms' kin.
  {
    name: 'a gully in avalanche risk "will kill you" (FR, a danger that is not a person, round 15)', detect: null, level: 'none',
    lines: [['a', "quelqu'un est passé par la combe nord ce matin ?"], ['b', "non ! cette pente va te tuer mon vieux, risque 4 aujourd'hui"],
      ['a', "ok je reste sur les pistes aujourd'hui"]],
  },
  {
    name: 'the heat and cigarettes "will kill you" (EN, round 15)', detect: null, level: 'none',
    lines: [['a', 'anyone skied the north gully this morning?'], ['b', 'NO. that gully will kill you today mate, avalanche risk 4'], ['c', 'and this heat will kill ya tomorrow']],
  },
  {
    name: 'a person who "will kill you" tonight at your door stays a threat (FR, round 15)', detect: 'violent_threat', level: 'hard',
    lines: [['a', 'ce soir la route va être longue pour toi. je vais te tuer, je sais où tu habites']],
  },
  {
    name: 'neighbours set up a group walk after muggings, a mother gives her daughter\'s hours (EN, round 15)', detect: null, level: 'flag', noP0: true,
    lines: [['a', 'two lads mugged in the car park this month, one at knife point'], ['b', "let's set up a group walk from the station at 10pm for late shifts"],
      ['c', 'yes please, my daughter finishes at the Co-op at 10'], ['b', "i'll put a list by the lifts"]],
  },
  {
    name: 'a hunting shotgun sold to a licence holder through the gunsmith (FR, round 15): listed at most', detect: null, level: 'flag', noP0: true,
    lines: [['a', 'je vends mon fusil juxtaposé calibre 12, 550€'], ['b', "ça m'intéresse, j'ai mon permis de chasser validé"],
      ['a', "on fait ça chez l'armurier, il déclare la cession sur le SIA"], ['b', 'parfait, samedi 10h']],
  },
  {
    name: 'a hunting shotgun sold without papers or licence stays acted on (FR, round 15)', detect: 'weapons_trafficking', level: 'hard',
    lines: [['a', 'je vends un fusil superposé calibre 12, 600€, sans papiers, pas besoin de permis']],
  },
  {
    name: 'shockers and a big pepper spray with no invoice, left in a locker (FR, round 15)', detect: 'weapons_trafficking', level: 'hard',
    lines: [['a', 'il te faut du matos pour la sécu du bar ?'], ['b', "ouais mais c'est interdit non ?"],
      ['a', 'shocker 70, gazeuse gros calibre 35, sans facture. je te les pose dans ton casier lundi']],
  },
  {
    name: 'a stun gun at 50k volts, "illegal here so keep it hush" (EN, round 15)', detect: 'weapons_trafficking', level: 'hard',
    lines: [['a', 'u wanted something for the walk home'], ['b', 'yeah'], ['a', 'looks like a torch, 50k volts, £40, illegal here so keep it hush']],
  },
  {
    name: 'the girls put back in a lent flat at a rate by the hour and a cut (FR, round 15)', detect: 'prostitution', level: 'hard',
    lines: [['a', "l'appart du 4e il est libre ?"], ['b', 'ouais le proprio est parti un mois'],
      ['a', 'je remets les filles dedans samedi, 100 de l heure, 250 la nuit, tu me fais 30%']],
  },
  {
    name: 'the girls picked up and the nanny paid by the hour (FR, hard negative of round 15)', detect: null, level: 'none',
    lines: [['a', 'je récupère les filles à 18h'], ['b', 'la nounou prend 12 de l heure, tu me fais le virement ?']],
  },
  {
    name: 'a deal point\'s hours and price list with its lookouts (FR, round 15)', detect: 'drug_trafficking', level: 'flag',
    lines: [['a', 'le four est ouvert demain ?'], ['b', '13h-minuit. la 20 à 15, la 50 à 40. chouf en bas du bâtiment C']],
  },
  {
    name: 'a pizza oven and its prices (FR, hard negative of round 15)', detect: null, level: 'none',
    lines: [['a', 'le four à pizza ouvre à 18h, la 25 à 20, la 50 à 40 pour les grandes']],
  },
  {
    name: 'a CBD forum runs down a rival shop\'s prices and smell (FR, round 15): never held', detect: null, level: 'flag', noP0: true,
    lines: [['a', "la boutique d'en face vend du foin à 9€ le g mdr"], ['b', 'leur amnesia sent le grenier'], ['c', 'on évite de nommer les boutiques svp']],
  },
  // Round 15 review: bypasses of the hazard frame, the group walk, the hunting paperwork and the CBD shop (kept at the base's
  // verdict), and the deal-point and pimping false alarms (allowed).
  {
    name: "a person \"after the job\" who will kill you stays a threat (FR, review 15)", detect: 'violent_threat', level: 'flag',
    lines: [['a', "après le taf on va te buter, t'inquiète"], ['b', "quoi ??"]],
  },
  {
    name: "\"on the road we will kill you\" stays a threat (EN, review 15)", detect: 'violent_threat', level: 'flag',
    lines: [['a', "on the road we will kill you tonight"], ['b', "who is this"]],
  },
  {
    name: "a bike \"will kill you\", then a stabbing promised stays held (EN, review 15)", detect: 'violent_threat', level: 'hard',
    lines: [['a', "ur bike is gonna kill u one day"], ['a', "I'm gonna stab you next time I see you"], ['b', "chill"]],
  },
  {
    name: "a storm joke then a shooting at school in the same message stays held (EN, review 15)", detect: 'violent_threat', level: 'hard',
    lines: [['a', "the storm could kill us all lol. anyway I'm going to shoot you at school tomorrow"], ['b', "not funny"]],
  },
  {
    name: "the black run \"will kill you\", \"or I will, I'll find you\" stays held (FR, review 15)", detect: 'violent_threat', level: 'hard',
    lines: [['a', "la piste noire va te tuer"], ['a', "et si elle le fait pas, moi je le ferai, je te retrouverai"]],
  },
  {
    name: "walking together behind him to jump him stays held (EN, review 15)", detect: 'ambush', level: 'hard',
    lines: [['a', "he's the one who snitched on my brother"], ['b', "so what we doing"], ['a', "we walk together from the station behind him, 4 of us, and when he turns into the alley we jump him"], ['b', "bring the bats"]],
  },
  {
    name: "going home as a group behind him to beat him stays held (FR, review 15)", detect: 'ambush', level: 'hard',
    lines: [['a', "c'est lui qui a balancé mon frère"], ['b', "on fait quoi"], ['a', "vendredi on rentre en groupe derrière lui depuis la gare et dans la ruelle on le défonce"], ['b', "je ramène la barre"]],
  },
  {
    name: "several of us at his place tonight, then an uncle's gun stays held (FR, review 15)", detect: 'violent_threat', level: 'hard',
    lines: [['a', "on va rentrer à plusieurs chez lui cette nuit, il sort à 23h"], ['a', "je prends le flingue de mon oncle, il va comprendre"], ['b', "grave"]],
  },
  {
    name: "\"neighborhood watch my ass\", his address and a stabbing stays held (EN, review 15)", detect: 'violent_threat', level: 'hard',
    lines: [['a', "neighborhood watch my ass. he lives at 14 Elm st, leaves at 7. we'll be waiting with the boys and he's getting stabbed"], ['b', "say less"]],
  },
  {
    name: "a pistol sold \"the SIA transfer, who cares\" stays flagged (FR, review 15)", detect: 'weapons_trafficking', level: 'flag',
    lines: [['a', "j'ai un pistolet, je te le fais 700, la cession sur le SIA on s'en fout"], ['b', "dispo ce soir ?"], ['a', "oui devant le lidl"]],
  },
  {
    name: "a cut-down side by side the gunsmith \"doesn't need to know\" (EN, review 15)", detect: 'weapons_trafficking', level: 'flag',
    lines: [['a', "side by side shotgun, barrels cut down, 350, the gunsmith doesn't need to know"], ['b', "deal, where"], ['a', "behind the pub at 11"]],
  },
  {
    name: "an over under with no licence needed, then the meeting, stays held (EN, review 15)", detect: 'weapons_trafficking', level: 'hard',
    lines: [['a', "over under 12 gauge for sale, 500 cash, no licence needed, keep it hush"], ['b', "where can we meet"], ['a', "car park behind the leisure centre, friday 9pm"]],
  },
  {
    name: "a betting \"over under\" does not excuse a gun brought to the school gate (EN, review 15)", detect: 'violent_threat', level: 'hard',
    lines: [['a', "the over under on tonight's game is 2.5"], ['b', "taking the over"], ['a', "whatever. I have my dad's gun in my bag"], ['a', "tomorrow at 8 at the school gate, everyone who laughed at me"]],
  },
  {
    name: "the rival shop's price then \"mine is the real stuff, delivered tonight\" stays flagged (FR, review 15)", detect: 'drug_trafficking', level: 'flag',
    lines: [['a', "la boutique d'en face vend à 8€ le g, moi j'ai de la vraie, 10 le g, livraison ce soir"], ['b', "ok 5g, tu passes vers 22h ?"], ['a', "oui, on continue sur signal, paiement paylib"]],
  },
  {
    name: "\"the shop near the station\", white 60 a gram stays flagged (EN, review 15)", detect: 'drug_trafficking', level: 'flag',
    lines: [['a', "the shop near the station, I'm there till 2am, white 60 a gram, text me first"], ['b', "coming at 1"]],
  },
  {
    name: "a five-a-side pitch opening hours with « chouf » (FR, hard negative of review 15)", detect: null, level: 'none',
    lines: [['a', "chouf, le terrain ouvre à 9h demain, on fait un five"], ['b', "vas y"]],
  },
  {
    name: "a campsite's pitches priced « la 2 à 15 la 4 à 25 » (FR, hard negative of review 15)", detect: null, level: 'none',
    lines: [['a', "le terrain de camping ouvre à 14h, la 2 à 15 la 4 à 25 pour les emplacements"], ['b', "ok"]],
  },
  {
    name: "a shawarma promo with « chouf » (FR, hard negative of review 15)", detect: null, level: 'none',
    lines: [['a', "chouf la promo : la 1 à 5, la 3 à 12 les chawarma, ça ouvre à 18h"], ['b', "wallah j'arrive"]],
  },
  {
    name: "a kebab's menus with « chouf » (FR, hard negative of review 15)", detect: null, level: 'none',
    lines: [['a', "chouf le kebab ouvre à 11h demain, la 1 à 6 la 2 à 10 les menus"], ['b', "vas y on y va"]],
  },
  {
    name: "a festival info point and a day pass (FR, hard negative of review 15)", detect: null, level: 'none',
    lines: [['a', "le point info du festival ouvre à 9h, le bracelet 1 jour à 35"], ['b', "ok merci"]],
  },
  {
    name: "tennis courts by the hour (FR, hard negative of review 15)", detect: null, level: 'none',
    lines: [['a', "le terrain de tennis ouvre à 8h, la 1 à 10 la 2 à 18 les heures de location"], ['b', "je réserve"]],
  },
  {
    name: "\"girls\", 20 percent off at Sephora (FR, hard negative of review 15)", detect: null, level: 'none',
    lines: [['a', "les filles, 20 pour cent de réduction chez Sephora ce weekend"], ['b', "trop bien"]],
  },
  {
    name: "the girls' flat-share rent and your share (FR, hard negative of review 15)", detect: null, level: 'none',
    lines: [['a', "les filles, le loyer de l'appart c'est 1200, ta part c'est 400"], ['b', "ok je vire demain"]],
  },
  {
    name: "a flat-share room, the girls pay 450, 50 for the bills (FR, hard negative of review 15)", detect: null, level: 'none',
    lines: [['a', "pour la coloc : chambre dispo, les filles paient 450, je prends 50 pour les charges"], ['b', "ça me va"]],
  },
  {
    name: "karaoke by the hour for the girls (FR, hard negative of review 15)", detect: null, level: 'none',
    lines: [['a', "les meufs, la soirée au bar c'est 20 l'heure le karaoké, je prends 3 heures"], ['b', "go"]],
  },
];

for (const c of CONVERSATIONS) {
  test(`conversation decisions: ${c.name}`, async () => {
    const vs = await run(c);
    const acted = vs.filter(acts);
    if (c.level === 'none') assert.deepEqual(acted.map((v) => v.reasons), [], 'no verdict acts');
    if (c.detect) assert.ok(acted.some((v) => v.categories.some((x) => x.category === c.detect)), `${c.detect} on some acting verdict; got ${JSON.stringify(vs.map((v) => [v.action, v.categories.map((x) => x.category)]))}`);
    if (c.level === 'flag' || c.level === 'none') assert.deepEqual(vs.filter(hard).map((v) => v.reasons), [], 'no hold, block or escalation');
    if (c.level === 'hard') assert.ok(vs.some(hard), `some hold/block/escalation; got ${JSON.stringify(vs.map((v) => [v.action, v.reasons]))}`);
    if (c.noP0) assert.ok(!vs.some((v) => v.escalation?.priority === 'P0'), 'no P0');
    if (c.p0) assert.ok(vs.some((v) => v.escalation?.priority === 'P0'), `some P0; got ${JSON.stringify(vs.map((v) => [v.action, v.escalation?.priority, v.reasons]))}`);
  });
}
