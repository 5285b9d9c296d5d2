/**
 * Round 17c, benign conversations escalated P0, read end to end from the real rule files through the context stage:
 * a parent relaying to a child what a stranger asked them ("he asked you how old you are and if you have snapchat",
 * « il t'a demandé ton snap ») and asking to be told of the next approach ("tell me if anyone offers you robux",
 * « dis-moi si quelqu'un te propose des v-bucks »); teens discussing a series whose plot is a poisoning, with the
 * fan's short words for it ("since ep 2", « le prochain ep », "the finale", "that anime"). Conversations written for
 * this test (FR and EN), each beside the real thing with the same words.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { derivedMax, textCues as cues } from './replay.test-support.js';

test('a stranger\'s request relayed to the child it was sent to is reported speech; asking the child about it or making it is not', async () => {
  for (const t of [
    'he asked you how old you are and if you have snapchat. I saw it when I checked the ipad',
    'some guy messaged you asking for your address?? show me',
    'some guy sent you a gift card code, we are giving it back',
    'this creep offered you robux for a picture, I reported him',
  ]) assert.ok((await cues(t)).has('reported'), t);
  for (const t of [
    'did he ask you for pics too? send them to me instead',
    'he offered you robux for a pic, ill double it',
    'add me on snapchat, i will buy you robux',
    'you asked me for robux so here is a gift card',
  ]) assert.ok(!(await cues(t)).has('reported'), t);
});

test('a carer asking to be told of a stranger\'s approach is a warning; "if anyone asks" as a cover story is not', async () => {
  for (const t of [
    'yes but chat only with friends you know from school, and tell me if anyone offers you robux',
    'let me know if someone sends you gift cards or asks for your snapchat again',
    'dis-moi si quelqu\'un te propose des v-bucks ou un cadeau ok',
    'tu me préviens si un inconnu te demande ton âge',
  ]) assert.ok((await cues(t)).has('warning'), t);
  for (const t of [
    'if anyone asks you were at your friend\'s house ok',
    'tell me if you want robux, I can buy you some',
    'dis rien si on te demande, c\'est notre secret',
  ]) assert.ok(!(await cues(t)).has('warning'), t);
});

test('series talk: a poisoning plot recapped by fans ("since ep 2", « le prochain ep ») is no sedation plan held', async () => {
  for (const t of ['I KNEW the aunt was evil since ep 2', 'le prochain ep sort vendredi', 'that anime is wild', 'the finale is gonna be insane', 'le dernier ep m\'a tuée']) {
    assert.ok((await cues(t)).has('fiction'), t);
  }
  // a massage "with a finale" is no series (the paid-sex tariff must stay unframed)
  for (const t of ['massage + finale 200$', 'massage with happy ending finale included']) assert.ok(!(await cues(t)).has('fiction'), t);
  const show = [
    'a: NO BECAUSE she put the thing in his tea the whole time',
    'b: I KNEW the aunt was evil since ep 2',
    'a: the way he didn\'t remember anything 😭',
  ];
  assert.ok(await derivedMax(show, 'drug_facilitated_assault', 'context:', false) < 0.7);
  const showFr = [
    'a: dans le ep 3 elle met le somnifère dans son verre',
    'b: et il se souvient de rien le lendemain',
  ];
  assert.ok(await derivedMax(showFr, 'drug_facilitated_assault', 'context:', false) < 0.7);
  const plan = [
    'a: slip the pills in her drink tonight',
    'b: she wont remember anything',
  ];
  assert.ok(await derivedMax(plan, 'drug_facilitated_assault', 'context:', false) >= 0.8);
});

test('a refusal said as one already given is a refusal; the same words about a date or a plan are not', async () => {
  for (const t of [
    'non. je te l\'ai déjà dit en privé trois fois',
    'je t\'ai déjà dit non',
    'combien de fois je dois te le dire',
    'I said what I said',
    'stop messaging me',
    'i already told you no',
    'i told you 3 times',
  ]) { const c = await cues(t); assert.ok(c.has('refusal') || c.has('refused_again'), t); }
  for (const t of [
    'je te l\'ai déjà dit, le rdv est à 19h',
    'je t\'ai déjà dit que je venais samedi',
    'told you so lol',
    'i told you the party is at 8',
  ]) { const c = await cues(t); assert.ok(!c.has('refusal') && !c.has('refused_again'), t); }
});

test('an outfit asked for again, "thank me another way", back-seat ideas are remarks of a sexual kind; an outfit for a wedding is not', async () => {
  for (const t of [
    'mettez la tenue de la semaine dernière, elle vous allait si bien',
    'tu mets la jupe de la dernière fois?',
    'tu peux me remercier autrement 😉 ce soir dans la voiture',
    'j\'ai une voiture et pas mal d\'idées pour la banquette arrière',
    'wear the skirt from last time',
    'you can thank me another way tonight',
  ]) assert.ok((await cues(t)).has('body_comment'), t);
  for (const t of [
    'mets la robe bleue pour le mariage de ta cousine',
    'tu mets quoi ce soir ?',
    'wear the dress you want, it is your day',
    'pose tes sacs sur la banquette arrière',
  ]) assert.ok(!(await cues(t)).has('body_comment'), t);
});

test('waiting for her at a time after she objected to his remark is held; a date agreed after a match and a language workshop are not', async () => {
  const pressing = [
    'c: ce soir atelier conversation à la bibliothèque, 19h, niveau B1',
    'j: j\'y serai si c\'est toi qui animes 😍 tu mets la jupe de la dernière fois?',
    'c: on parle de la conversation en français, merci',
    'j: je te raccompagne après? j\'ai une voiture et pas mal d\'idées pour la banquette arrière',
    'c: non. je te l\'ai déjà dit en privé trois fois',
    'j: quatre fois c\'est la bonne 😘 je t\'attends à la sortie',
  ];
  assert.ok(await derivedMax(pressing, 'sexual_harassment', 'context:unwelcome', false) >= 0.7);
  const date = [
    'a: t\'étais le 12 qui a marqué en fin de match non ?',
    'b: coupable 😇',
    'a: pas mal du tout',
    'b: merci, tu viens à la troisième mi-temps ?',
    'a: je suis pas trop bière mais un verre de rosé pourquoi pas',
    'b: va pour le rosé, je t\'attends au bar',
  ];
  assert.ok(await derivedMax(date, 'sexual_harassment', 'context:', true) < 0.7);
  const workshop = [
    'c: ce soir atelier conversation à la bibliothèque, 19h, niveau B1',
    'j: j\'y serai, je t\'attends à la sortie du tram pour y aller ensemble ?',
    'c: non merci, je viens avec ma coloc',
    'j: ok pas de souci, à ce soir',
  ];
  assert.ok(await derivedMax(workshop, 'sexual_harassment', 'context:', false) < 0.6);
  assert.ok(!(await cues('atelier conversation niveau B1 ce soir')).has('gaming'));
  assert.ok((await cues('je suis bloqué au niveau 12 de ce jeu')).has('gaming'));
});

test('debt bondage: a debt for the journey or a room repaid by men counted by the night or a cut is held; a roommate\'s debt and a restaurant\'s covers are not', async () => {
  const fr = [
    'a: tu me dois le voyage et le visa, 6 millions',
    'b: comment je rembourse ça?',
    'a: avec tes soirées. 4 ou 5 messieurs par nuit, en deux ans c\'est fini',
  ];
  assert.ok(await derivedMax(fr, 'prostitution', 'context:debt-bondage') >= 0.75);
  const cut = [
    'a: tu me dois 900 pour la chambre et le telephone',
    'b: je trouve un travail je rembourse',
    'a: j ai des amis qui paient bien pour un rendez-vous de 1 heure a l hotel. 100 chacun, tu me donnes 80',
  ];
  assert.ok(await derivedMax(cut, 'prostitution', 'context:debt-bondage') >= 0.75);
  const en = [
    'a: you owe me for the flight and the visa, 4000',
    'b: how do i pay that',
    'a: easy, 5 clients a night at the hotel and in a month its done',
  ];
  assert.ok(await derivedMax(en, 'prostitution', 'context:debt-bondage') >= 0.75);
  assert.ok((await cues('kick me back 60 each')).has('pimping'));
  const roommate = ['a: tu me dois 300 pour le loyer de mars', 'b: je te rembourse vendredi promis', 'a: ok pas de souci'];
  assert.equal(await derivedMax(roommate, 'prostitution'), 0);
  const restaurant = ['a: on a fait 80 clients par soir ce week-end', 'b: trop bien, tu me dois toujours 20 pour le resto haha'];
  assert.equal(await derivedMax(restaurant, 'prostitution'), 0);
  const debate = ['a: debt bondage is how trafficking works, girls told they owe for the trip', 'b: yes and then 5 clients a night, NGOs report this'];
  assert.equal(await derivedMax(debate, 'prostitution', 'context:debt-bondage'), 0);
  const family = ['a: you still owe me for the flight to Lisbon, 300', 'b: i\'ll pay you back when i get paid', 'a: no rush, working nights this month?'];
  assert.equal(await derivedMax(family, 'prostitution', 'context:debt-bondage'), 0);
});

test('eye drops named with the state they will put her in are the drug of a drugging; allergy drops and a warning are not', async () => {
  for (const t of [
    'les gouttes pour les yeux dont parlait ton frère, ça donne mal au ventre mais surtout elle sera KO',
    'got the visine, she\'ll be out of it in 20 min',
    'how many drops for a 55kg girl',
  ]) assert.ok((await cues(t)).has('sedative'), t);
  for (const t of [
    'grab eye drops for your sister, her allergies are bad, she\'ll be fine tomorrow',
    'PSA: people put eye drops in drinks as a prank, it is dangerous',
    'après les gouttes pour les yeux chez l\'ophtalmo elle sera un peu floue',
  ]) assert.ok(!(await cues(t)).has('sedative'), t);
  const plan = [
    'a: t\'as trouvé ?',
    'b: quoi',
    'a: les gouttes pour les yeux dont parlait ton frère, ça donne mal au ventre mais surtout elle sera KO',
    'a: je veux juste qu\'elle soit calme samedi pour la raccompagner chez moi. personne saura',
  ];
  assert.ok(await derivedMax(plan, 'drug_facilitated_assault', 'context:sedation-plan', false) >= 0.8);
  const friend = [
    'a: she had too many shots, i\'m taking her home',
    'b: get her some water, je la ramène chez moi si tu veux, on reste avec elle',
  ];
  assert.ok(await derivedMax(friend, 'drug_facilitated_assault', 'context:', false) < 0.6);
});

test('"whether she wants it or not" is held only with a drug, a refusal or a time and a private place in the conversation', async () => {
  const drink = ['a: ce soir je vais me la faire qu\'elle le veuille ou non', 'a: je lui remplis son verre toute la soirée, elle tiendra pas'];
  assert.ok(await derivedMax(drink, 'sexual_harassment', 'context:consent-waived', false) >= 0.7);
  const plan = ['a: samedi 23h chez moi, je me la tape qu\'elle veuille ou pas'];
  assert.ok(await derivedMax(plan, 'sexual_harassment', 'context:consent-waived', false) >= 0.7);
  const sleep = ['a: once she\'s passed out i\'ll have my way with her, like it or not'];
  assert.ok(await derivedMax(sleep, 'sexual_harassment', 'context:consent-waived', false) >= 0.7);
  // words alone stay at the rule's flag level; a parent, the news and a coach carry no waived consent
  assert.equal(await derivedMax(['a: i\'m gonna smash her whether she wants it or not lol', 'b: bro you\'re disgusting'], 'sexual_harassment', 'context:consent-waived', false), 0);
  assert.equal(await derivedMax(['a: qu\'elle le veuille ou non elle ira à l\'école demain', 'b: oui et au lit à 21h'], 'sexual_harassment', 'context:consent-waived', false), 0);
  assert.equal(await derivedMax(['a: article: the accused told friends he would have his way with her like it or not, after spiking her drink', 'b: horrible, the trial starts monday'], 'sexual_harassment', 'context:consent-waived', false), 0);
  assert.equal(await derivedMax(['a: leg day tomorrow 7am, like it or not, i\'m going to nail her squat form', 'b: haha ok coach'], 'sexual_harassment', 'context:consent-waived', false), 0);
});

// Review of round 17c: what the first version got wrong, as rows (each failed before the fix).
test('review: money talk between friends, a food truck, a physio, a hairdresser, a driver is no debt bondage; the journey, the papers and men by the night are', async () => {
  for (const t of ['you owe me 45 each for the concert tickets btw', 'you owe me 25 each for the train tickets']) {
    const c = await cues(t);
    assert.ok(!c.has('pimping') && !c.has('debt'), t);
  }
  for (const conv of [
    ['a: you owe me 45 each for the concert tickets btw', 'b: yep sending now', 'a: you owe me 45 each for the concert tickets btw'],
    ['a: you still owe me 400 for the van', 'b: i know i know', 'a: we need like 20 customers a day to break even'],
    ['a: tu me dois encore 400 pour le loyer du cabinet', 'b: oui je te fais un virement', 'a: moi je fais 12 rdv par jour je suis crevé'],
    ['a: tu me dois encore 300 pour le fauteuil', 'b: fin du mois', 'a: moi je fais 8 clients par jour'],
    ['a: you owe me 30 for the gas', 'b: ok', 'a: 8 customers a night on avg'],
    ['a: tu me dois 50 pour l\'essence du voyage', 'b: oui', 'a: on était 4 mecs par soir dans l\'appart'],
  ]) assert.equal(await derivedMax(conv, 'prostitution', 'context:debt-bondage'), 0, conv.join(' / '));
  for (const conv of [
    ['a: t\'oublies pas que tu me dois 3000 pour les papiers et le billet', 'b: je sais', 'a: tu fais 6 clients chaque soir et je garde 70 sur chaque passe'],
    ['a: you owe me for the flight and the room, you work it off, 4 guys a night', 'b: please'],
  ]) assert.ok(await derivedMax(conv, 'prostitution', 'context:debt-bondage') >= 0.75, conv.join(' / '));
});

test('review: a refusal said as one already given does not make a sibling at the school gate or an ex returning belongings a stalker', async () => {
  for (const conv of [
    ['a: lache moi avec tes questions', 'b: je t\'attends à la sortie du collège à 17h, maman a dit'],
    ['a: je te l\'ai déjà dit trois fois, je viens pas à ton anniv', 'b: allez stp', 'b: je t\'attends à la sortie du lycée à 17h on en parle'],
    ['a: je te l\'ai déjà dit trois fois, c\'est fini entre nous', 'b: je t\'attends devant chez toi à 20h pour te rendre tes affaires'],
  ]) assert.ok(await derivedMax(conv, 'violent_threat', 'context:stalking') < 0.7, conv.join(' / '));
  const c = await cues('je te l\'ai déjà dit trois fois');
  assert.ok(c.has('refused_again') && !c.has('refusal'));
  assert.ok(!(await cues('lache moi avec tes questions')).has('refused_again'));
});

test('review: a show named beside a drugging plan or a located threat frames nothing', async () => {
  for (const t of [
    'like in ep 3 of that show, we do the same saturday',
    't\'as vu le prochain ep ? bref samedi je mets 2 xanax dans son verre',
    'comme dans le dernier ep de la série, on fait pareil samedi',
    'you\'re like the villain in that show, i know where you live',
    'you ruined my life, after the finale tonight i\'m waiting outside your house',
    'you won\'t see the ending coming',
  ]) assert.ok(!(await cues(t)).has('fiction'), t);
  const plan = [
    'a: like in ep 3 of that show, we do the same saturday',
    'b: the pills in her drink?',
    'a: yeah crush 2 xanax in her vodka, once she\'s out we take her upstairs',
  ];
  assert.ok(await derivedMax(plan, 'drug_facilitated_assault', 'context:', false) >= 0.8);
  // fans' recaps stay framed (above, 'series talk')
  assert.ok((await cues('le prochain ep sort vendredi')).has('fiction'));
});

test('review: "tell me if anyone offers you…" is no warning when the same speaker outbids, claims trust or asks for secrecy', async () => {
  for (const t of [
    'tell me if anyone offers you robux, ill give you more than them',
    'tell me if someone asks you for pics, i\'m the only one you can trust. send me one so i can check',
    'dis moi si quelqu\'un te propose des robux, je t\'en donne plus',
    'dis-moi si quelqu\'un te demande des photos, c\'est notre secret',
  ]) assert.ok(!(await cues(t)).has('warning'), t);
  assert.ok((await cues('tell me if anyone offers you robux for pics ok?')).has('warning'));
});

test('review: a drunk friend kept from her mother, a nurse\'s eye drops, drops dosed for a dog or a child are no drugging', async () => {
  const friend = ['a: she\'s drunk, let\'s get her home and in bed, nobody will know we let her drink at ours', 'b: ok i\'ll get water'];
  assert.ok(await derivedMax(friend, 'drug_facilitated_assault', 'context:', false) < 0.6);
  for (const t of [
    'give her the eye drops after dinner, she\'ll be drowsy from the anaesthetic anyway',
    'how many drops for a 30kg dog',
    'combien de gouttes pour une fille de 15 kilos',
    'how many drops for a 12kg girl',
  ]) assert.ok(!(await cues(t)).has('sedative'), t);
  assert.ok((await cues('how many drops for a 55kg girl')).has('sedative'));
});
