import type { Scenario } from './scenario-types.js';

/** More wording for the labels the first corpus under-covered, and generic small talk as negatives. */
export const EXTRA_SCENARIOS: Scenario[] = [
  {
    id: 'grooming-gamer',
    category: 'child_grooming',
    weight: 3,
    minors: ['B'],
    declared: { A: 'fake-minor', B: 'minor' },
    steps: [
      {
        who: 'A',
        fr: ['bien joué pour le top 1 {laugh}', 't\'es dans quelle équipe sur {=game} ?', 'tu veux que je te carry ce soir ?'],
        en: ['gg on the win {laugh}', 'what squad are you in on {=game}?', 'want me to carry you tonight?']
      },
      { who: 'B', fr: ['merci {laugh}', 'grave !', 'jsp je suis nul'], en: ['thx {laugh}', 'sure!', 'idk im bad'] },
      {
        who: 'A',
        fr: ['t\'es [en|dans quelle] classe ?', 'tu vas à l\'école où ?', 'tes parents te laissent jouer tard ?'],
        en: ['what grade r u in?', 'which school do you go to?', 'do your parents let you play late?'],
        labels: ['age_inquiry'],
        p: 0.8
      },
      {
        who: 'B',
        fr: ['[en|] {=grade} [mdr|]', 'j\'ai que {=minorAge} ans [lol|]', 'ma mère me laisse jusqu\'à 21h [j\'ai {=minorAge} ans|]'],
        en: ['{=grade} [lol|]', 'im only {=minorAge}', 'my mom lets me till 9 [im {=minorAge}|]'],
        labels: ['minor_disclosure']
      },
      [
        {
          who: 'A',
          fr: [
            'je peux te payer {gift}, faut juste que tu sois [sympa|gentille|gentil] avec moi',
            'tu veux {gift} ? je te les offre mais [c\'est entre nous|tu dis rien]'
          ],
          en: ['i can pay for {gift}, you just gotta be nice to me', 'want {gift}? i\'ll get them for you but [it stays between us|don\'t tell]'],
          labels: ['child_grooming', 'payment_offer']
        },
        {
          who: 'A',
          fr: [
            '[t\'es|tu es] [vraiment|trop] [spéciale|spécial] [pour ton âge|], [j\'ai jamais ressenti ça|je pense qu\'à toi]',
            'je t\'aime bien [tu sais|], même si t\'as que {=minorAge} ans'
          ],
          en: [
            'you\'re [really|so] special [for your age|], [never felt like this|can\'t stop thinking about you]',
            'i really like you [you know|], even if you\'re only {=minorAge}'
          ],
          labels: ['child_grooming']
        },
      ],
      {
        who: 'A',
        fr: [
          '[montre|fais voir] [ta tête|à quoi tu ressembles|ta tenue] [en photo|] ?',
          'tu peux m\'envoyer [un selfie|une photo] [là maintenant|ce soir] ?',
          'prends toi en photo dans ta chambre'
        ],
        en: [
          'show me [your face|what you look like|your outfit]?',
          'can u send [a selfie|a pic] [rn|tonight]?',
          'take a pic of yourself in your room'
        ],
        labels: ['image_request'],
        p: 0.8
      },
      {
        who: 'A',
        fr: [
          '[si tu dis rien|si tu gardes le secret] je t\'en donne encore',
          'ta mère [fouille|regarde] ton tel ? [efface|supprime] [tout|nos msgs] alors'
        ],
        en: [
          '[if you keep quiet|if you keep our secret] i\'ll get you more',
          'does your mom check your phone? [delete|clear] [everything|our msgs] then'
        ],
        labels: ['child_grooming', 'secrecy_request']
      },
      {
        who: 'A',
        fr: ['[on continue|on parle mieux] sur {=app}, [ici c\'est surveillé|c\'est plus privé]'],
        en: ['[let\'s continue|talk better] on {=app}, [this app is monitored|it\'s more private]'],
        labels: ['off_platform_contact'],
        p: 0.7
      },
    ],
  },
  {
    id: 'drug-menu',
    category: 'drug_trafficking',
    weight: 3,
    room: true,
    filler: 0.4,
    steps: [
      {
        who: 'A',
        fr: [
          '🍃 [MENU|CARTE] 🍃 {drug} / {drug} / {drug} — [prix|tarifs] en [mp|privé] — livraison [{city}|toute la ville]',
          '[le four|le terrain|le point] est ouvert [jusqu\'à 2h|24/24|dès 14h], {drug} [de qualité|frappe|bien chargé]',
          '[grosse|bonne] promo sur [la|le] {drug} : {price}€ {qty}, [passez commande|dm]'
        ],
        en: [
          '🍃 [MENU] 🍃 {drug} / {drug} / {drug} — prices in dm — delivery [all over {city}|city wide]',
          '[plug|trap] open [till 2|24/7|from noon], {drug} [fire|top shelf|loud]',
          '[big|sweet] deal on {drug}: ${price} {qty}, [dm to order|hmu]'
        ],
        labels: ['drug_trafficking', 'payment_offer']
      },
      { who: 'B', fr: ['[t\'as|il te reste] [du|de la] {drug} ?', '[combien|c\'est combien] {qty} ?'], en: ['[got|still have] {drug}?', 'how much for {qty}?'], labels: ['drug_trafficking'], p: 0.6 },
      {
        who: 'A',
        fr: ['[commande|écris] sur {app} [uniquement|], [pas de vocal|pas d\'appel]'],
        en: ['[order|text] on {app} [only|], [no calls|no voice notes]'],
        labels: ['drug_trafficking', 'off_platform_contact'],
        p: 0.7
      },
    ],
  },
  {
    id: 'dfsa-private',
    category: 'drug_facilitated_assault',
    weight: 2,
    steps: [
      {
        who: 'A',
        fr: ['[frère|mec] j\'ai besoin d\'un [conseil|truc] pour samedi', 'tu sais où trouver {=sedative} ?'],
        en: ['[bro|dude] need [advice|something] for saturday', 'know where to get {=sedative}?']
      },
      [
        {
          who: 'A',
          fr: [
            'elle veut pas coucher, [je vais la droguer|je vais lui mettre un truc] [dans son verre|dans sa boisson]',
            '[si je lui mets|avec] {=sedative} [dans son coca|dans son verre], elle [résistera plus|se laissera faire] ?'
          ],
          en: [
            'she won\'t sleep with me, [gonna drug her|gonna put something in her drink]',
            '[if i put|with] {=sedative} [in her soda|in her drink], will she [stop resisting|go along with it]?'
          ],
          labels: ['drug_facilitated_assault']
        },
      ],
      {
        who: 'B',
        fr: ['[mets-en|verse] [pas trop|juste un peu], [sinon elle tombe direct|attends qu\'elle ait bu], [et elle se souviendra de rien|elle sera dans le gaz]'],
        en: ['[don\'t use too much|just a little], [or she passes out right away|wait till she\'s had drinks], [she won\'t remember|she\'ll be out of it]'],
        labels: ['drug_facilitated_assault']
      },
      {
        who: 'A',
        fr: ['[et le lendemain|après] elle va [se douter|porter plainte] ?'],
        en: ['will she [suspect anything|go to the cops] [the next day|after]?'],
        labels: ['drug_facilitated_assault'],
        p: 0.5
      },
    ],
  },
  {
    id: 'harassment-short',
    category: 'sexual_harassment',
    weight: 3,
    steps: [
      { who: 'B', fr: ['[merci de pas m\'écrire|je te connais pas|j\'ai un copain]'], en: ['[please don\'t message me|i don\'t know you|i have a boyfriend]'], p: 0.6 },
      [
        {
          who: 'A',
          fr: [
            '[je veux|j\'ai envie de] [te sucer|te prendre|te doigter] [salope|]',
            'montre [ta chatte|tes seins|ton cul] [ou je continue|sinon je publie ta photo]',
            't\'es qu\'une [traînée|pute|chaudasse], [envoie des photos|réponds]'
          ],
          en: [
            '[i want to|gonna] [suck you|take you|finger you] [slut|]',
            'show me [your pussy|your tits|your ass] [or i keep going|or i post your pic]',
            'you\'re just a [whore|slut|tease], [send pics|answer me]'
          ],
          labels: ['sexual_harassment', 'sexual_content']
        },
      ],
      {
        who: 'A',
        fr: ['[je sais où tu bosses|je t\'attends à ta sortie] [et tu vas voir|tu peux pas m\'ignorer]'],
        en: ['[i know where you work|i\'ll wait for you outside] [you\'ll see|you can\'t ignore me]'],
        labels: ['sexual_harassment'],
        p: 0.4
      },
    ],
  },
  {
    id: 'smalltalk',
    category: null,
    weight: 6,
    filler: 0.6,
    steps: [
      {
        who: 'A',
        fr: ['{hi} [ça va ?|ça va toi ?|quoi de neuf ?|bien ou quoi ?|]', 'bonjour [à tous|tout le monde|]', 'bonsoir {name}'],
        en: ['{hi} [how are you?|whats new?|how\'s it going?|]', 'good morning [all|everyone|]', 'evening {name}']
      },
      {
        who: 'B',
        fr: ['[ça va|tranquille|bien] et toi ?', '{ok} [je rentre du boulot|je suis chez moi|je sors du sport]'],
        en: ['[good|fine|not bad] u?', '{ok} [just got home|at work|back from the gym]']
      },
      {
        who: 'A',
        fr: [
          '[moi ça va|ça va] [je suis crevé|long journée|tranquille]',
          't\'as [regardé|vu] [le match|le film|la série] ?',
          '[bonne soirée|bonne nuit|à plus]'
        ],
        en: [
          '[im ok|fine] [so tired|long day|chill day]',
          'did you [watch|see] [the game|the movie|the show]?',
          '[have a good night|good night|later]'
        ]
      },
      { who: 'B', fr: ['[oui|ouais|non] [c\'était|trop] [nul|bien|long]', '[merci|bisous] [à demain|]'], en: ['[yeah|nah] [it was|so] [bad|good|long]', '[thanks|xo] [see you tomorrow|]'], p: 0.7 },
    ],
  },
  {
    id: 'classifieds',
    category: null,
    weight: 4,
    room: true,
    filler: 0.3,
    steps: [
      {
        who: 'A',
        fr: [
          '[vends|je vends|à vendre] [mon|un] [vélo|iphone 12|scooter|canapé|ps5|lot de livres|frigo|casque] [{price}|{bigPrice}] [euros|balles|€] [état neuf|très bon état|à débattre|]',
          '[dispo|disponible] : [poussette|table basse|console|trottinette électrique] [{price}|{bigPrice}] [balles|€], [remise en main propre|envoi possible]'
        ],
        en: [
          '[selling|for sale] [my|a] [bike|iphone 12|scooter|couch|ps5|box of books|fridge|headset] [${price}|${bigPrice}|{price} bucks] [like new|good condition|obo|]',
          'available: [stroller|coffee table|console|e-scooter] [{price}|{bigPrice}] [bucks|dollars], [local pickup|can ship]'
        ]
      },
      {
        who: 'B',
        fr: ['[toujours dispo ?|je prends !|tu fais [un prix|{price}] ?]', 'il a combien de kilomètres ?', 'tu livres à {city} ?'],
        en: ['[still available?|i\'ll take it!|would you take {price}?]', 'how old is it?', 'can you ship to {city}?']
      },
      {
        who: 'A',
        fr: ['[oui|ok] [passe le chercher|on se retrouve] {place} {time}', 'écris moi sur {app} [pour les photos|]'],
        en: ['[yes|ok] [pick it up|meet] {place} {time}', 'message me on {app} [for pics|]'],
        labels: ['meetup_request'],
        p: 0.5
      },
    ],
  },
  {
    id: 'grooming-isolation',
    category: 'child_grooming',
    weight: 3,
    minors: ['B'],
    declared: { A: 'adult', B: 'minor' },
    steps: [
      {
        who: 'B',
        fr: ['[j\'en ai marre|ça va pas] [mes parents me saoulent|je me suis disputée avec ma mère|personne me comprend]'],
        en: ['[im so done|not ok] [my parents are annoying|had a fight with my mom|nobody gets me]']
      },
      [
        {
          who: 'A',
          fr: [
            '[tes parents|les adultes|tes profs] [te comprennent pas|te traitent comme une gamine], [moi je te comprends|moi je suis là pour toi]',
            't\'as besoin de personne d\'autre, [t\'as moi|je serai toujours là]',
            '[tes copines|tes potes] sont jalouses de toi, [parle qu\'à moi|elles te méritent pas]'
          ],
          en: [
            '[your parents|adults|your teachers] [don\'t get you|treat you like a kid], [i get you|i\'m here for you]',
            'you don\'t need anyone else, [you have me|i\'ll always be there]',
            '[your friends|those girls] are jealous of you, [only talk to me|they don\'t deserve you]'
          ],
          labels: ['child_grooming']
        },
      ],
      {
        who: 'A',
        fr: ['t\'es [toute seule|seul] chez toi [ce soir|là] ?', 'tes parents rentrent à quelle heure ?', 'tu dors dans ta chambre toute seule ?'],
        en: ['are you home alone [tonight|rn]?', 'what time do your parents get home?', 'do you sleep in your own room?'],
        p: 0.7
      },
      { who: 'B', fr: ['[oui|ouais] jusqu\'à [19h|20h|tard]', 'pourquoi ?'], en: ['[yeah|yes] till [7|8|late]', 'why?'] },
      [
        {
          who: 'A',
          fr: ['t\'as déjà eu un [copain|amoureux] ?', 'ton corps [change|a changé] [non ?|, t\'es une vraie femme]'],
          en: ['ever had a boyfriend?', 'your body is [changing|growing up] [right?|, you\'re a real woman]'],
          labels: ['child_grooming', 'sexual_content']
        },
        { who: 'A', fr: ['allume ta [cam|caméra] [juste pour moi|deux minutes]'], en: ['turn on your [cam|camera] [just for me|for a minute]'], labels: ['image_request'] },
      ],
      {
        who: 'A',
        fr: ['je peux venir te chercher en voiture [après l\'école|ce soir], [personne le saura|on fera un tour]'],
        en: ['i can pick you up in my car [after school|tonight], [nobody will know|we\'ll go for a drive]'],
        labels: ['child_grooming', 'meetup_request'],
        p: 0.6
      },
    ],
  },
  {
    id: 'sextortion',
    category: 'sexual_harassment',
    weight: 2,
    steps: [
      {
        who: 'A',
        fr: ['[j\'ai|je garde] tes photos [intimes|]', 'tu te souviens de la vidéo [d\'hier|que tu m\'as envoyée] ?'],
        en: ['[i have|i kept] your [nudes|pics]', 'remember the video [from yesterday|you sent me]?'],
        labels: ['sexual_harassment']
      },
      {
        who: 'A',
        fr: [
          '[envoie|renvoie] [d\'autres photos|une vidéo] [nue|à poil] [ou je les envoie à tous tes contacts|sinon je publie tout]',
          '[paie|envoie] {=price} euros ou [ta famille|tout ton lycée] [verra tes photos|recevra la vidéo]'
        ],
        en: [
          'send [more pics|a video] [naked|nude] [or i send them to all your contacts|or i post everything]',
          '[pay|send] {=price} or [your family|your whole school] [sees the pics|gets the video]'
        ],
        labels: ['sexual_harassment', 'sexual_content', 'image_request']
      },
      { who: 'B', fr: ['[s\'il te plaît|stp] [supprime|efface] [tout|les photos]', 'je vais porter plainte'], en: ['[please|pls] [delete|remove] [everything|the pics]', 'im going to the police'] },
    ],
  },
  {
    id: 'surprise-party',
    category: null,
    weight: 2,
    room: true,
    steps: [
      {
        who: 'A',
        fr: ['on organise une fête surprise pour {name} {time} [chez moi|au bar|]', 'cagnotte pour le cadeau de {name}, [10|20] euros chacun'],
        en: ['planning a surprise party for {name} {time} [at my place|at the bar|]', 'collecting for {name}\'s gift, [10|20] each']
      },
      {
        who: 'A',
        fr: [
          '[chut|surtout] dis rien à {name} [c\'est une surprise|]',
          'ça reste entre nous [jusqu\'à samedi|hein], c\'est une surprise',
          'effacez le groupe après la fête {laugh}'
        ],
        en: [
          '[shh|seriously] don\'t tell {name} [it\'s a surprise|]',
          'keep it between us [till saturday|ok], it\'s a surprise',
          'delete the group after the party {laugh}'
        ],
        labels: ['secrecy_request']
      },
      { who: 'B', fr: ['{ok} [motus|bouche cousue] {laugh}', 'je ramène [le gâteau|les boissons]'], en: ['{ok} [my lips are sealed|won\'t say a word] {laugh}', 'i\'ll bring [the cake|drinks]'] },
      { who: 'C', fr: ['on se retrouve {place} {time} pour tout préparer ?'], en: ['meet {place} {time} to set up?'], labels: ['meetup_request'], p: 0.6 },
    ],
  },
];
