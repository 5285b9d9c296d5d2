/**
 * Stop 50 (det50): a request to a child arranged with the family escalates P1, not P0 (context/family-arranged.ts;
 * docs/engine.md "Stop 50 (det50)"). Shipped rules and policy, no model. A coach's or a teacher's « envoie moi une photo de
 * ta licence, on se voit samedi au stade avec tes parents » after a child's age made `minor-solicited` fire alone: P0.
 * The harmful twins keep P0: what a legitimate adult never needs from a minor (images of the child, his place or car with a
 * claimed consent, a meeting alone, a gift, secrecy, contact moved off the platform), and the older "whats ur snap".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatMessage, Verdict } from '../contracts/types.js';
import { fileURLToPath } from 'node:url';
import { createEngine, createState } from './engine.js';
import { normalise } from './normalise.js';
import { loadRuleSet } from './rules/index.js';

type Conv = [name: string, lines: string[]];

function messages(k: number, lines: string[]): ChatMessage[] {
  const senders = lines.map((l) => /^([^:#]+)/.exec(l)![1]!);
  return lines.map((line, i) => {
    const [, sender, age, text] = /^([^:#]+)(?:#(\d+))?: (.*)$/.exec(line)!;
    return {
      messageId: `s50-${k}-${i}`, tenantId: null, conversationId: `s50-c${k}`, roomId: null, senderId: sender!,
      recipientId: senders.find((s) => s !== sender) ?? 'nobody', text: text!, sentAt: 1_767_600_000_000 + k * 3_600_000 + i * 60_000,
      senderIp: null, senderDeclaredAge: age ? Number(age) : null, locale: null,
    } as ChatMessage;
  });
}

/** Per conversation, the escalation of each message ('-' for none). */
async function escalations(convs: readonly Conv[]): Promise<string[]> {
  const engine = await createEngine({ modelDir: 'none', windowModelDir: 'none' });
  try {
    const out: string[] = [];
    for (const [k, [name, lines]] of convs.entries()) {
      const vs: Verdict[] = await engine.classifyBatch(messages(k, lines), createState());
      out.push(`${name}: ${vs.map((v) => v.escalation?.priority ?? '-').join(' ')}`);
    }
    return out;
  } finally {
    await engine.close();
  }
}


const BENIGN: Conv[] = [
  ['a coach answers a 14-year-old', [
    'lucas#14: coach j\'ai 14 ans je peux m\'inscrire en U15 ?',
    'coach_nico: oui, envoie moi une photo de ta licence, on se voit samedi au stade avec tes parents',
  ]],
  ['a piano teacher answers a 12-year-old', [
    'ines#12: bonjour j\'ai 12 ans, c\'est pour les cours de piano',
    'prof_piano: bonjour ines, envoie moi une photo de ta partition et on se voit mercredi 14h au conservatoire avec ta maman',
  ]],
  ['a coach in English', [
    'maya#13: hi coach im 13, can i join the u14 squad?',
    'coach_dan: sure, send me a photo of your licence and meet me saturday at the pitch, bring your mum',
  ]],
];

const HARMFUL: Conv[] = [
  ['a "teacher": a photo of her and his place, her mother "agrees"', [
    'ines#12: bonjour j\'ai 12 ans, c\'est pour les cours de piano',
    'prof_piano: bonjour ines, envoie moi une photo de toi et on se voit mercredi 14h chez moi, ta maman est d\'accord',
  ]],
  ['a "coach": the licence, then a photo of her and alone', [
    'lucas#14: coach j\'ai 14 ans je peux m\'inscrire en U15 ?',
    'coach_nico: oui, envoie moi une photo de ta licence, on se voit samedi au stade avec tes parents',
    'lucas#14: ok merci',
    'coach_nico: et envoie une photo de toi aussi, et viens seul samedi, pas besoin de tes parents',
  ]],
  ['the family named, and a remark on her body', [
    'chloe#13: j\'ai 13 ans pour la danse',
    'prof: envoie moi une photo de ton certificat et on se voit samedi avec ta maman, t\'as un joli corps pour la danse',
  ]],
  ['the family named, and a secret', [
    'maya#13: hi coach im 13, can i join the u14 squad?',
    'coach_dan: sure, send me a photo of your licence and meet me saturday at the pitch, bring your mum. and keep this between us ok',
  ]],
  ['never give your snap to strangers', [
    'kid#12: im 12',
    'guy: never give your snap to strangers, only to me. whats ur snap',
  ]],
];

test('stop 50: a document photo and a meeting with the family named escalate P1, not P0', async () => {
  assert.deepEqual(await escalations(BENIGN), [
    'a coach answers a 14-year-old: - P1',
    'a piano teacher answers a 12-year-old: - P1',
    'a coach in English: - P1',
  ]);
});

test('stop 50: what a legitimate adult never needs from a minor keeps P0 (claimed consent, alone, a secret, snap)', async () => {
  const out = await escalations(HARMFUL);
  assert.equal(out[0], 'a "teacher": a photo of her and his place, her mother "agrees": - P0');
  assert.equal(out[1], 'a "coach": the licence, then a photo of her and alone: - P1 - P0');
  assert.equal(out[2], 'the family named, and a remark on her body: - P0');
  assert.equal(out[3], 'the family named, and a secret: - P0');
  assert.equal(out[4], 'never give your snap to strangers: - P0');
});

// Stop 50: « dis rien à tes parents » and its SMS forms (no « ne »): the addressee is taken for a child (parents.ts).
const SECRET_NO_AGE: Conv[] = [
  ['no age, « dis rien à tes parents »', [
    'zoe: tu fais quoi ce soir',
    'mec: envoie moi une photo de toi en pyjama et dis rien à tes parents',
  ]],
  ['no age, « le dis pas à ton père »', [
    'zoe: tu fais quoi ce soir',
    'mec: envoie moi une photo de toi en pyjama, le dis pas à ton père',
  ]],
];

test('stop 50: hiding it from the parents without « ne » says the addressee is a child', async () => {
  const out = await escalations(SECRET_NO_AGE);
  for (const line of out) assert.match(line, / - P0$/, line);
});

const RULES_DIR = fileURLToPath(new URL('../../../rules', import.meta.url));

/** Each d50p rule and a text of its kind, in both languages where it has two. */
const FIRES: [id: string, texts: string[]][] = [
  ['d50p_cue.doc_photo_fr', ['envoie moi une photo de ta licence', 'un scan de ton certificat médical stp', 'photo du formulaire signé', 'une photo de ton dernier contrôle']],
  ['d50p_cue.doc_photo_en', ['send me a photo of your licence', 'a pic of your consent form please', 'a photo of your last test']],
  ['d50p_cue.family_present_fr', ['on se voit samedi au stade avec tes parents', 'je vois avec ta mère pour le trajet', 'ton père peut venir aussi']],
  ['d50p_cue.family_present_en', ['see you saturday, bring your mum', "i'll sort the lift with your dad", 'your parents can come too']],
  ['d50p.sr_reste_entre_nous', ['ça reste entre nous hein', 'tout ça reste entre toi et moi']],
  ['d50p_cue.body_fr', ["t'as un joli corps pour la danse", 'bien foutue pour ton âge']],
  ['d50p_cue.body_en', ['you have such a pretty body', 'so developed for your age']],
];

/** Same shapes that are not the kind: no d50p rule may match them. */
const SPARED: string[] = [
  'envoie moi une photo de toi', 'send me a pic of you', 'ta maman est d\'accord', 'your mum said its fine', 'photo de ta chambre',
  'entre nous, il est nul ce prof', 'between us the ref was awful', 'je suis avec ma mère', 'i live with my dad',
  'un joli dessin', 'le corps du texte', 'a pretty drawing', 'the body of the essay',
];

test('stop 50 (det50): each d50p rule reads its kind, and none matches the hard negatives of the same shape', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  const missed = FIRES.flatMap(([id, texts]) => texts.filter((x) => !rs.match(normalise(x)).some((h) => h.ruleId === id)).map((x) => `${id}: ${x}`));
  const spurious = SPARED.flatMap((x) => rs.match(normalise(x)).filter((h) => h.ruleId.startsWith('d50p')).map((h) => `${h.ruleId}: ${x}`));
  assert.deepEqual([...missed, ...spurious], []);
});

// Review det50: the family negated or only claimed to consent is no frame, and kind words a coach never needs lift it.
const REVIEW_TWINS: Conv[] = [
  ['"don\'t bring your mum"', [
    'coach: hi, how old are you?',
    'girl#13: 13',
    'coach: send me a photo of your licence and meet me saturday at the park, don\'t bring your mum',
  ]],
  ['« pas besoin de venir avec ta mère »', [
    'coach: t\'as quel âge ?',
    'fille#13: 13 ans',
    'coach: envoie moi une photo de ta licence et on se voit samedi au parc, pas besoin de venir avec ta mère',
  ]],
  ['"with your mum\'s ok": a consent claimed, not the family in the plan', [
    'coach: hey, how old are you?',
    'girl#14: 14',
    'coach: send me a photo of your licence and meet me saturday at the park, with your mum\'s ok',
  ]],
  ['the family named, then "babe, i think about you"', [
    'coach: how old are you?',
    'girl#13: 13',
    'coach: send me a photo of your licence, see you saturday with your mum',
    'girl#13: here',
    'coach: you\'re so beautiful babe, I think about you all the time',
  ]],
];

test('review det50: the family negated or claimed, or a coach\'s endearment, keeps P0', async () => {
  const out = await escalations(REVIEW_TWINS);
  assert.deepEqual(out.map((l) => l.includes('P0') && !l.includes('P1')), [true, true, true, true], out.join('\n'));
});

test('review det50: family_present does not read the family negated or a claimed consent', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  const spurious = ["don't bring your mum", 'no need to ask your parents', "with your mum's ok", 'pas besoin de venir avec ta mère',
    'demande pas à ta mère', 'viens pas avec ta mère', 'avec ta mère au courant', 'tes parents peuvent signer plus tard']
    .flatMap((x) => rs.match(normalise(x)).filter((h) => h.ruleId.startsWith('d50p_cue.family_present')).map((h) => `${h.ruleId}: ${x}`));
  assert.deepEqual(spurious, []);
});

// Review det51a: an identity document is not a club's paperwork, and a bare photo asked after the document's is no longer it.
const DET51A: Conv[] = [
  ['"send me a pic of your id" with a meeting with her parents', [
    'girl#13: hi im 13',
    'guy: send me a pic of your id and meet me saturday at the park with your parents',
  ]],
  ['« une photo de ta carte » with a meeting with his parents', [
    'lucas#14: coach j\'ai 14 ans je peux m\'inscrire en U15 ?',
    'coach_nico: oui, envoie moi une photo de ta carte, on se voit samedi au stade avec tes parents',
  ]],
  ['the licence and the family, later "send me a pic 😘"', [
    'maya#13: hi coach im 13, can i join the u14 squad?',
    'coach_dan: sure, send me a photo of your licence and meet me saturday at the pitch, bring your mum',
    'maya#13: ok',
    'coach_dan: send me a pic 😘',
  ]],
  ['la licence et les parents, puis « envoie moi une photo stp »', [
    'lucas#14: coach j\'ai 14 ans je peux m\'inscrire en U15 ?',
    'coach_nico: oui, envoie moi une photo de ta licence, on se voit samedi au stade avec tes parents',
    'lucas#14: ok merci',
    'coach_nico: envoie moi une photo stp',
  ]],
];

test('review det51a: an identity document, or a bare photo asked after the document\'s, keeps P0', async () => {
  assert.deepEqual(await escalations(DET51A), [
    '"send me a pic of your id" with a meeting with her parents: - P0',
    '« une photo de ta carte » with a meeting with his parents: - P0',
    'the licence and the family, later "send me a pic 😘": - P1 - P0',
    'la licence et les parents, puis « envoie moi une photo stp »: - P1 - P0',
  ]);
});

test('review det51a: doc_photo reads no identity document', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  const spurious = ['send me a pic of your id', 'a photo of your passport', 'a pic of your id card', 'une photo de ta carte d\'identité',
    'envoie une photo de ta carte', 'une photo de ton passeport']
    .flatMap((x) => rs.match(normalise(x)).filter((h) => h.ruleId.startsWith('d50p_cue.doc_photo')).map((h) => `${h.ruleId}: ${x}`));
  assert.deepEqual(spurious, []);
});

// Stop 51 (det51, docs/engine.md "Stop 51 (det51)"): a later lift re-checks the family frame; the reason line names the
// frame; an identity document asked of a child with a meeting is held at P1 (context/id-document.ts, rules/d51.rules).
const DET51_LIFT: Conv[] = [
  ['FR: la licence avec les parents au 3, « bien foutu pour ton âge » au 7', [
    'lucas#14: coach jai 14 ans je peux faire le tournoi ?', 'lucas#14: mes parents sont ok',
    'coach_nico: oui envoie moi une photo de ta licence stp, on se voit samedi au stade avec tes parents',
    'lucas#14: ok je te l\'envoie', 'coach_nico: merci', 'lucas#14: voila', 'coach_nico: t\'es bien foutu pour ton age toi',
  ]],
  ['EN: the licence with mum at 3, "such a pretty body" at 7', [
    'maya#13: hi coach im 13', 'maya#13: can i join the u14 squad?',
    'coach_dan: sure, send me a photo of your licence and meet me saturday at the pitch, bring your mum',
    'maya#13: ok', 'coach_dan: great', 'maya#13: sent it', 'coach_dan: you have such a pretty body',
  ]],
  ['FR benign: la licence avec les parents, puis « bravo pour ton match »', [
    'lucas#14: coach jai 14 ans je peux faire le tournoi ?', 'lucas#14: mes parents sont ok',
    'coach_nico: oui envoie moi une photo de ta licence stp, on se voit samedi au stade avec tes parents',
    'lucas#14: ok je te l\'envoie', 'coach_nico: merci', 'lucas#14: voila', 'coach_nico: bravo pour ton match de dimanche, t\'as bien joué',
  ]],
  ['EN benign: the licence with mum, then the kit', [
    'maya#13: hi coach im 13, can i join the u14 squad?',
    'coach_dan: sure, send me a photo of your licence and meet me saturday at the pitch, bring your mum',
    'maya#13: ok', 'coach_dan: that top is the old kit, the new one is blue',
  ]],
  ['FR benign: la fiche avec la maman, puis la tenue de danse', [
    'lea#13: bonjour jai 13 ans pour le stage de danse',
    'prof_danse: ok envoie moi une photo de ta fiche sanitaire et viens mercredi avec ta maman',
    'lea#13: daccord', 'prof_danse: prévois ta tenue de danse et des chaussons',
  ]],
];

test('det51: a body remark after a request the family frame held escalates P0 on the remark', async () => {
  assert.deepEqual(await escalations(DET51_LIFT), [
    'FR: la licence avec les parents au 3, « bien foutu pour ton âge » au 7: - - P1 - - - P0',
    'EN: the licence with mum at 3, "such a pretty body" at 7: - - P1 - - - P0',
    'FR benign: la licence avec les parents, puis « bravo pour ton match »: - - P1 - - - -',
    'EN benign: the licence with mum, then the kit: - P1 - -',
    'FR benign: la fiche avec la maman, puis la tenue de danse: - - - -',
  ]);
});

test('det51: the reason line of a finding the family frame holds at P1 names the frame', async () => {
  const engine = await createEngine({ modelDir: 'none', windowModelDir: 'none' });
  try {
    const vs = await engine.classifyBatch(messages(90, BENIGN[0]![1]), createState());
    const line = vs[1]!.reasons.find((r) => r.startsWith('child_grooming'));
    assert.equal(vs[1]!.escalation?.priority, 'P1');
    assert.match(line ?? '', /escalate P1 \(held at P1: arranged with the family; no secrecy, private place, gift or body remark seen\)/);
    assert.doesNotMatch(line ?? '', /purpose said/);
  } finally {
    await engine.close();
  }
});

const DET51_ID: Conv[] = [
  ['FR: photo de ta carte d\'identité et rdv au parc', [
    'ines#13: slt jai 13 ans', 'recruteur: envoie moi une photo de ta carte d\'identité et on se voit samedi au parc',
  ]],
  ['FR SMS: ton passeport en photo, rdv devant la gare', [
    'ines#13: jai 13 ans cest pour le casting', 'agent: ok envoie ton passeport en photo, on se retrouve mercredi 15h devant la gare',
  ]],
  ['FR SMS: une tof de ta carte d\'identité et on se capte', [
    'zoe#12: jai 12 ans', 'mec: envoi une tof de ta carte d\'identité stp et on se capte demain a 17h au city',
  ]],
  ['EN SMS: pic of ur passport n we meet up', [
    'jay#13: im 13 lol', 'guy22: k send pic of ur passport n we meet up friday after school',
  ]],
  ['EN: the id asked, the meeting later', [
    'jay#14: im 14', 'guy: send me a pic of ur id card first', 'jay#14: why', 'guy: lets meet saturday at the mall',
  ]],
  ['benign FR: un club demande aux parents la carte d\'identité de l\'enfant', [
    'coach_club: bonjour aux parents, pour le tournoi en espagne envoyez moi une photo de la carte d\'identité de votre enfant, rdv samedi 7h au club',
    'parent_marie: c\'est envoyé, merci coach',
  ]],
  ['benign EN: a landlord asks an adult for an id', [
    'tom: hi im interested in the flat, can i view it saturday?',
    'landlord: sure, send me a pic of your id and proof of income, we can meet saturday 10am at the flat',
  ]],
  ['benign FR: une banque', [
    'client: bonjour je voudrais ouvrir un compte',
    'conseiller: bonjour, envoyez une photo de votre pièce d\'identité, rdv jeudi en agence',
  ]],
  ['benign EN: a teacher, the passport through the parents', [
    'emma#12: miss im 12 can i come on the paris trip',
    'teacher: yes, ask your parents to send a photo of your passport, we meet at school friday with your parents',
  ]],
];

test('det51: an identity document asked of a child with a meeting escalates P1; an adult\'s or a family\'s ID check does not', async () => {
  assert.deepEqual(await escalations(DET51_ID), [
    'FR: photo de ta carte d\'identité et rdv au parc: - P1',
    'FR SMS: ton passeport en photo, rdv devant la gare: - P1',
    'FR SMS: une tof de ta carte d\'identité et on se capte: - P1',
    'EN SMS: pic of ur passport n we meet up: - P1',
    'EN: the id asked, the meeting later: - - - P1',
    'benign FR: un club demande aux parents la carte d\'identité de l\'enfant: - -',
    'benign EN: a landlord asks an adult for an id: - -',
    'benign FR: une banque: - -',
    'benign EN: a teacher, the passport through the parents: - -',
  ]);
});

test('det51: id_doc reads the addressee\'s identity document, not a child\'s asked of the parents', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  const hits = (x: string): boolean => rs.match(normalise(x)).some((h) => h.ruleId.startsWith('d51_cue.id_doc'));
  const read = ['une photo de ta carte d\'identité', 'envoie ton passeport', 'ton passeport en photo', 'send me a pic of your id', 'pic of ur passport', 'send ur id'];
  const unread = ['une photo de la carte d\'identité de votre enfant', 'a photo of the passport', 'photo de ta licence', 'a pic of your licence'];
  assert.deepEqual(read.filter((x) => !hits(x)), []);
  assert.deepEqual(unread.filter(hits), []);
});

test('det51: looks_remark reads a remark on the body or looks, not the kit nor a negated remark', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  const hits = (x: string): boolean => rs.match(normalise(x)).some((h) => h.ruleId.startsWith('d51_cue.looks'));
  const read = ['t\'es bien foutu pour ton âge toi', 't\'as un joli corps', 't es trop belle', 'you have such a pretty body', 'ur so hot', 'you look so grown up'];
  const unread = ['that top is the old kit', 'prévois ta tenue de danse', 'tu es pas belle la', 'you played so well', 'un beau but', 'nice pass'];
  assert.deepEqual(read.filter((x) => !hits(x)), []);
  assert.deepEqual(unread.filter(hits), []);
});

const DET51_ID_LIFT: Conv[] = [
  ['FR: carte d\'identité et rdv au parc au 2, « bien foutue pour ton âge » au 4', [
    'ines#13: slt jai 13 ans', 'recruteur: envoie moi une photo de ta carte d\'identité et on se voit samedi au parc',
    'ines#13: pk', 'recruteur: t\'es bien foutue pour ton age',
  ]],
  ['EN: pic of ur passport and a meeting at 2, "such a pretty body" at 4', [
    'jay#13: im 13 lol', 'guy22: k send pic of ur passport n we meet up friday after school', 'jay#13: why',
    'guy22: you have such a pretty body',
  ]],
];

test('review det51: a remark on the looks after an identity document and a meeting held at P1 escalates P0 on the remark', async () => {
  assert.deepEqual(await escalations(DET51_ID_LIFT), [
    'FR: carte d\'identité et rdv au parc au 2, « bien foutue pour ton âge » au 4: - P1 - P0',
    'EN: pic of ur passport and a meeting at 2, "such a pretty body" at 4: - P1 - P0',
  ]);
});

test('review det51: looks_remark reads the plural adjectives (« des jolies formes », « de belles jambes »)', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  const hits = (x: string): boolean => rs.match(normalise(x)).some((h) => h.ruleId.startsWith('d51_cue.looks'));
  assert.deepEqual(['t\'as des jolies formes', 't\'as de belles jambes', 't\'as des beaux yeux et de jolies petites fesses'].filter((x) => !hits(x)), []);
});
