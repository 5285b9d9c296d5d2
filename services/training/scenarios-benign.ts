import type { Scenario } from './scenario-types.js';

/** Benign conversations and hard negatives: same vocabulary as the harmful ones, no offence. */
export const BENIGN_SCENARIOS: Scenario[] = [
  {
    id: 'parents',
    category: null,
    weight: 4,
    declared: { A: 'adult', B: 'adult' },
    steps: [
      {
        who: 'A',
        fr: [
          '{hi}, [ma fille|mon fils|mon petit] a {minorAge} ans [maintenant|depuis hier], il rentre en {grade}',
          '[ma fille|mon fils] entre au {school} en septembre, [il a|elle a] {minorAge} ans [déjà|]'
        ],
        en: [
          '{hi}, my [daughter|son] turned {minorAge} [today|yesterday], starting {grade}',
          'my [daughter|son] starts {school} in september, [she\'s|he\'s] {minorAge} [already|]'
        ]
      },
      {
        who: 'B',
        fr: [
          '[ça passe vite|ils grandissent trop vite] ! le mien a {minorAge} ans',
          'tu l\'as inscrit [au foot|à la danse|au judo] ?',
          'quel âge a ton grand ?'
        ],
        en: ['[time flies|they grow up so fast]! mine is {minorAge}', 'did you sign them up for [soccer|dance|judo]?', 'how old is your oldest?']
      },
      {
        who: 'A',
        fr: ['[on se voit|on se retrouve] {place} avec les enfants {time} ?', 'tu peux récupérer les petits à l\'école {time} ?'],
        en: ['[wanna meet|let\'s meet] {place} with the kids {time}?', 'can you pick up the kids from school {time}?'],
        labels: ['meetup_request'],
        p: 0.6
      },
      {
        who: 'B',
        fr: ['{ok} [je t\'envoie les photos de la fête|je t\'envoie la photo de classe]', 'n\'oublie pas la réunion parents-profs'],
        en: ['{ok} [i\'ll send you the party pics|i\'ll send the class photo]', 'don\'t forget the parent-teacher meeting'],
        p: 0.7
      },
    ],
  },
  {
    id: 'teens',
    category: null,
    weight: 4,
    minors: ['A', 'B'],
    declared: { A: 'minor', B: 'minor' },
    steps: [
      {
        who: 'A',
        fr: ['{hi} t\'as fait le devoir de maths ?', '{hi} t\'étais au {school} aujourd\'hui ?', 'tu joues à {game} ce soir ?'],
        en: ['{hi} did you do the math homework?', '{hi} were you at school today?', 'u playing {game} tonight?']
      },
      { who: 'B', fr: ['non {laugh} [la prof est trop relou|j\'ai rien compris]', 'ouais on se fait une game ?'], en: ['no {laugh} [teacher is so annoying|i didnt get it]', 'yeah wanna play?'] },
      {
        who: 'A',
        fr: ['au fait t\'as quel âge ? [moi|] {minorAge}', 't\'es en quelle classe déjà ?'],
        en: ['btw how old are u? [im|] {minorAge}', 'what grade are you in again?'],
        labels: ['age_inquiry', 'minor_disclosure'],
        p: 0.4
      },
      { who: 'B', fr: ['j\'ai {minorAge} ans [et toi ?|]', 'je suis en {grade} {laugh}'], en: ['im {minorAge} [wbu?|]', 'im in {grade} {laugh}'], labels: ['minor_disclosure'], p: 0.5 },
      {
        who: 'A',
        fr: ['ajoute moi sur {app} [c\'est mon pseudo|] {laugh}', 'tu m\'ajoutes sur {app} ?'],
        en: ['add me on {app} {laugh}', 'can u add me on {app}?'],
        labels: ['off_platform_contact'],
        p: 0.5
      },
      {
        who: 'B',
        fr: ['on se voit [à la récré|au city|au parc] {time} ?', 'tu viens à l\'anniv de {name} ?'],
        en: ['see u [at recess|at the park] {time}?', 'you coming to {name}\'s party?'],
        labels: ['meetup_request'],
        p: 0.5
      },
    ],
  },
  {
    id: 'adult-meetup',
    category: null,
    weight: 4,
    declared: { A: 'adult', B: 'adult' },
    steps: [
      {
        who: 'A',
        fr: [
          '{hi} [on se fait un verre|on se voit] {time} ?',
          'ça te dit un resto {time} ?',
          'on se retrouve {place} {time} pour [le ciné|courir|le match] ?'
        ],
        en: ['{hi} [drinks|wanna meet up] {time}?', 'dinner {time}?', 'meet {place} {time} for [the movie|a run|the game]?'],
        labels: ['meetup_request']
      },
      {
        who: 'B',
        fr: ['{ok} [avec plaisir|carrément] [je ramène {name}|]', 'je peux pas {time}, [plutôt {weekday} ?|une autre fois ?]'],
        en: ['{ok} [sounds good|sure] [i\'ll bring {name}|]', 'can\'t {time}, [{weekday} instead?|another time?]']
      },
      {
        who: 'A',
        fr: ['je t\'envoie l\'adresse sur {app}', 'donne moi ton {app} je t\'envoie le lien de la résa'],
        en: ['i\'ll send the address on {app}', 'give me your {app} i\'ll send the booking link'],
        labels: ['off_platform_contact'],
        p: 0.4
      },
      { who: 'B', fr: ['[parfait|top], à {time} !', 'je te paie le premier verre {laugh}'], en: ['[perfect|great], see you {time}!', 'first round is on me {laugh}'] },
    ],
  },
  {
    id: 'gaming-trash-talk',
    category: null,
    weight: 4,
    room: true,
    filler: 0.3,
    steps: [
      {
        who: 'A',
        fr: [
          '[je vais te tuer|je vais te détruire|je vais te défoncer] [au prochain round|sur {game}|en 1v1] {laugh}',
          't\'es mort [en ranked|au prochain match] {laugh}',
          'je t\'ai tué [3 fois|en deux balles] [noob|sale bot]'
        ],
        en: [
          '[i\'m gonna kill you|gonna destroy you|gonna wreck you] [next round|in {game}|1v1] {laugh}',
          'you\'re dead [in ranked|next match] {laugh}',
          'killed you [3 times|with two shots] [noob|bot]'
        ]
      },
      {
        who: 'B',
        fr: ['[même pas en rêve|t\'es nul] {laugh}', 'viens [1v1|on se fait une game] ce soir', 'le boss m\'a tué [10 fois|en boucle] jpp'],
        en: ['[in your dreams|ur trash] {laugh}', 'come [1v1|play] tonight', 'that boss killed me [10 times|again] lmao']
      },
      {
        who: 'C',
        fr: [
          '[j\'ai|je suis] mort de rire',
          'ce sniper [est une arme de ouf|tue tout]',
          'il faut acheter le nouveau [fusil|skin] dans la boutique du jeu'
        ],
        en: ['im dead {laugh}', 'that sniper [is busted|kills everything]', 'you gotta buy the new [rifle|skin] in the item shop']
      },
      { who: 'A', fr: ['on se retrouve sur discord pour la game ?'], en: ['jump on discord for the game?'], labels: ['off_platform_contact'], p: 0.3 },
    ],
  },
  {
    id: 'news-drugs',
    category: null,
    weight: 3,
    room: true,
    steps: [
      {
        who: 'A',
        fr: [
          't\'as vu ? la police a saisi [2 tonnes|500 kg|une tonne] de {drug} au [port du Havre|à {city}]',
          'encore un point de deal démantelé à {city}'
        ],
        en: ['did you see? police seized [2 tons|500 kg|a ton] of {drug} [at the port|in {city}]', 'another drug ring busted in {city}']
      },
      {
        who: 'B',
        fr: [
          'la drogue [détruit|ravage] les quartiers',
          'faut plus de prévention pour les jeunes',
          'le trafic d\'armes aussi [explose|augmente] d\'après le reportage'
        ],
        en: ['drugs are [ruining|wrecking] neighborhoods', 'we need more prevention for kids', 'the documentary said gun trafficking is up too']
      },
      {
        who: 'C',
        fr: [
          'mon cousin est [infirmier|pompier], il dit que les overdoses [augmentent|c\'est terrible]',
          'l\'article parle de GHB dans les boîtes, faites gaffe à vos verres les filles'
        ],
        en: ['my cousin is a [nurse|paramedic], says overdoses are [rising|terrible]', 'the article is about ghb in clubs, watch your drinks girls'],
        p: 0.7
      },
    ],
  },
  {
    id: 'cooking',
    category: null,
    weight: 3,
    steps: [
      {
        who: 'A',
        fr: ['je fais {food} ce soir, tu mets quoi comme herbes ?', 'j\'ai planté du {herb} sur le balcon [il pousse trop bien|]'],
        en: ['making {food} tonight, what herbs do you use?', 'planted {herb} on the balcony [it\'s growing like crazy|]']
      },
      {
        who: 'B',
        fr: [
          'un peu de {herb} et [du sel|de l\'ail], [c\'est top|trop bon]',
          'mets l\'herbe fraîche à la fin',
          'écrase [l\'ail|le poivre] et mets-le dans la sauce'
        ],
        en: ['a bit of {herb} and [salt|garlic], [so good|great]', 'add the fresh herbs at the end', 'crush [the garlic|some pepper] into the sauce']
      },
      { who: 'A', fr: ['je t\'envoie une photo du plat {laugh}', 'viens goûter {time} !'], en: ['i\'ll send you a pic of the dish {laugh}', 'come taste it {time}!'], p: 0.6 },
    ],
  },
  {
    id: 'selling-bike',
    category: null,
    weight: 3,
    declared: { A: 'adult', B: 'adult' },
    steps: [
      {
        who: 'A',
        fr: ['{hi}, [le vélo|la table|le canapé|la console] est toujours dispo ?', 'bonjour, je suis intéressé par [votre annonce|le vélo]'],
        en: ['{hi}, is the [bike|table|couch|console] still available?', 'hello, interested in [your listing|the bike]']
      },
      {
        who: 'B',
        fr: ['oui, {price} euros, [il est comme neuf|bon état]', 'oui toujours, je peux faire {price}'],
        en: ['yes, {price}, [like new|good condition]', 'still available, i can do {price}']
      },
      { who: 'A', fr: ['je peux passer le voir {time} ?', 'on se retrouve {place} ?'], en: ['can i come see it {time}?', 'meet {place}?'], labels: ['meetup_request'], p: 0.7 },
      {
        who: 'B',
        fr: [
          '{ok}, [envoie moi un msg avant|je vous envoie l\'adresse]',
          'vous pouvez m\'envoyer une photo de la pièce d\'identité ? non je rigole {laugh}'
        ],
        en: ['{ok}, [text me before|i\'ll send the address]', 'bring cash or paypal is fine']
      },
    ],
  },
  {
    id: 'adult-flirt',
    category: null,
    weight: 3,
    declared: { A: 'adult', B: 'adult' },
    steps: [
      { who: 'A', fr: ['t\'étais {compliment} hier soir {pet}', 'j\'ai [trop hâte|hâte] de te revoir {pet}'], en: ['you looked {compliment} last night {pet}', 'can\'t wait to see you again {pet}'] },
      { who: 'B', fr: ['toi aussi {laugh} [tu me manques|]', 'arrête tu me fais rougir'], en: ['you too {laugh} [miss you|]', 'stop you\'re making me blush'] },
      { who: 'A', fr: ['on se voit {time} chez moi ?', 'dîner {time} puis on verra {laugh}'], en: ['come over {time}?', 'dinner {time} then we\'ll see {laugh}'], labels: ['meetup_request'], p: 0.7 },
      { who: 'B', fr: ['avec plaisir [mon coeur|bébé]', 'envoie moi une photo de ta tenue'], en: ['love to [babe|hun]', 'send me a pic of your outfit'], p: 0.6 },
    ],
  },
  {
    id: 'work',
    category: null,
    weight: 3,
    declared: { A: 'adult', B: 'adult' },
    steps: [
      {
        who: 'A',
        fr: ['tu peux m\'envoyer le rapport {time} ?', 'la réunion est décalée à {weekday}', 'le client veut une réponse {time}'],
        en: ['can you send me the report {time}?', 'meeting moved to {weekday}', 'client wants an answer {time}']
      },
      { who: 'B', fr: ['{ok} je te l\'envoie par mail', 'je suis en télétravail {time}', 'on peut s\'appeler ?'], en: ['{ok} i\'ll email it', 'i\'m remote {time}', 'can we call?'] },
      { who: 'A', fr: ['parfait merci', 'n\'oublie pas de valider les congés'], en: ['perfect thanks', 'don\'t forget to approve the leave'] },
    ],
  },
  {
    id: 'medical',
    category: null,
    weight: 2,
    steps: [
      {
        who: 'A',
        fr: [
          'le médecin m\'a prescrit des somnifères, [je dors enfin|ça m\'assomme]',
          'je prends du xanax pour mes crises d\'angoisse [depuis un mois|]'
        ],
        en: ['doctor gave me sleeping pills, [finally sleeping|they knock me out]', 'i take xanax for my panic attacks [since last month|]']
      },
      { who: 'B', fr: ['fais attention à pas mélanger avec l\'alcool', 'ça va mieux alors ?'], en: ['careful not to mix with alcohol', 'feeling better then?'] },
      { who: 'A', fr: ['ouais, [pharmacie de garde|rdv chez le doc] {time}'], en: ['yeah, [pharmacy|doctor appt] {time}'] },
    ],
  },
];

/** Generic chit-chat used as filler between scripted steps (no labels). */
export const FILLER: Record<'fr' | 'en', readonly string[]> = {
  fr: [
    '{laugh}',
    '{ok}',
    'ah ouais ?',
    'jsp',
    'trop bien',
    't\'as vu le match hier ?',
    'je suis crevé',
    'attends je reviens',
    'mdr t\'es bête',
    'grave',
    'ah ok',
    'il fait trop chaud',
    'j\'ai cours demain',
    'tu fais quoi ?',
    'rien et toi',
    'je mange',
    'c\'est ouf',
    'trop drôle',
    'sérieux ?',
    'bon',
    'vas-y',
    'je regarde une série',
    'oui oui',
    'non',
    'peut-être',
    'je sais pas trop'
  ],
  en: [
    '{laugh}',
    '{ok}',
    'oh really?',
    'idk',
    'nice',
    'did you see the game last night?',
    'so tired',
    'brb',
    'lol ur dumb',
    'true',
    'oh ok',
    'it\'s so hot',
    'got school tomorrow',
    'wyd?',
    'nothing wbu',
    'eating',
    'crazy',
    'so funny',
    'for real?',
    'anyway',
    'go on',
    'watching a show',
    'yeah yeah',
    'no',
    'maybe',
    'not sure'
  ],
};
