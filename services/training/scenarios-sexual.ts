import type { Scenario } from './scenario-types.js';

/** Grooming, sexual harassment, prostitution and drug-facilitated assault scenarios (FR + EN). */
export const SEXUAL_SCENARIOS: Scenario[] = [
  {
    id: 'grooming-arc',
    category: 'child_grooming',
    weight: 6,
    minors: ['B'],
    declared: { A: 'fake-minor', B: 'minor' },
    steps: [
      {
        who: 'A',
        fr: [
          '{hi} [ça va ?|tu vas bien ?|ça dit quoi ?]',
          '{hi} {=name} [je t\'ai vu sur {=game}|tu joues à {=game} ?|t\'es trop forte sur {=game}]'
        ],
        en: ['{hi} [how r u?|how are you doing?|whats up?]', '{hi} {=name} [saw you on {=game}|you play {=game}?|you\'re so good at {=game}]']
      },
      {
        who: 'B',
        fr: ['[ouais|oui|ça va] et toi ?', '{ok} [ça va|tranquille] [t\'es qui ?|on se connait ?]', 'jsp ça va'],
        en: ['[yeah|good] and you?', '{ok} [fine|im good] [who r u?|do i know you?]', 'im ok i guess']
      },
      {
        who: 'A',
        fr: [
          '[moi aussi|tranquille] [je joue à {=game} tous les soirs|je suis trop fan de ton profil]',
          'on a les mêmes goûts [c\'est ouf|trop bien]'
        ],
        en: ['[me too|chillin] [i play {=game} every night|love your profile]', 'we like the same stuff [thats crazy|so cool]'],
        p: 0.7
      },
      [
        {
          who: 'A',
          fr: [
            '[t\'as quel âge|tu as quel âge|t\'as quel age] [au fait|?|toi ?]',
            'tu es en quelle classe ?',
            't\'es au {school} ou au lycée ?',
            'tu as quel âge si c\'est pas indiscret'
          ],
          en: ['how old are you?', 'how old r u btw', 'what grade are you in?', 'are you in middle school or high school?', 'wait how old are u'],
          labels: ['age_inquiry']
        },
      ],
      [
        {
          who: 'B',
          fr: [
            '[j\'ai|jai] {=minorAge} ans',
            '{=minorAge} [ans|] et toi ?',
            'je suis en {=grade}',
            'j\'ai {=minorAge} ans [bientôt|] je suis en {=grade}',
            'bientôt {=minorAge} ans',
            'je suis au {school} en {=grade}'
          ],
          en: [
            'i\'m {=minorAge}',
            '{=minorAge} [and you?|wbu?]',
            'i\'m in {=grade}',
            'im {=minorAge} [in {=grade}|]',
            'gonna be {=minorAge} soon',
            'just turned {=minorAge}'
          ],
          labels: ['minor_disclosure']
        },
      ],
      {
        who: 'A',
        fr: ['moi j\'ai [17|16|18] [ans|] [mais je fais plus vieux|]', 'j\'ai {=adultAge} ans mais l\'âge c\'est qu\'un chiffre'],
        en: ['im [17|16|18] [lol|]', 'i\'m {=adultAge} but age is just a number'],
        p: 0.6
      },
      [
        {
          who: 'A',
          fr: [
            't\'es [très|super|trop] mature pour ton âge',
            't\'es {compliment} pour [une fille|un garçon] de {=minorAge} ans',
            'l\'âge c\'est qu\'un chiffre [tu sais|entre nous]',
            't\'es pas comme les autres de ton âge',
            'les filles de ton âge sont pas aussi {compliment} que toi'
          ],
          en: [
            'you\'re [so|really] mature for your age',
            'you\'re {compliment} for a {=minorAge} year old',
            'age is just a number [you know|between us]',
            'you\'re not like other kids your age',
            'girls your age aren\'t as {compliment} as you'
          ],
          labels: ['child_grooming']
        },
      ],
      { who: 'B', fr: ['[merci|mercii] {laugh}', 'ah bon ?', '{laugh} t\'es gentil', 'jsp'], en: ['[thanks|thx] {laugh}', 'really?', '{laugh} ur sweet', 'idk'], p: 0.8 },
      {
        who: 'A',
        fr: [
          'je peux t\'offrir {gift} si tu veux',
          'je t\'achète {gift} [si tu m\'envoies une photo|si t\'es sage|contre une petite photo]',
          'tu veux {gift} ? [je te les paie|c\'est cadeau]'
        ],
        en: [
          'i can get you {gift} if you want',
          'i\'ll buy you {gift} [if you send me a pic|if you\'re good|for a little pic]',
          'want {gift}? [i\'ll pay|my treat]'
        ],
        labels: ['child_grooming', 'payment_offer'],
        p: 0.6
      },
      [
        {
          who: 'A',
          fr: [
            '[dis rien|ne dis rien|parle pas de moi] à {parent} [ok ?|stp|ils comprendraient pas]',
            '{parent} doivent pas savoir qu\'on parle',
            'c\'est notre secret, [les adultes|{parent}] comprendraient pas'
          ],
          en: [
            'don\'t tell {parent} [ok?|pls|they wouldn\'t understand]',
            '{parent} can\'t know we talk',
            'this is our secret, [grown ups|{parent}] wouldn\'t understand'
          ],
          labels: ['child_grooming', 'secrecy_request']
        },
        {
          who: 'A',
          fr: ['c\'est notre secret [d\'accord ?|hein|]', 'efface nos messages après [stp|ok]', 'faut que ça reste entre nous [ok ?|]'],
          en: ['this is our [little|] secret [ok?|]', 'delete our messages after [pls|ok]', 'keep this between us [ok?|]'],
          labels: ['secrecy_request']
        },
      ],
      [
        {
          who: 'A',
          fr: [
            '[ajoute moi|ajoute-moi|viens] sur {=app} [c\'est mieux|on sera plus tranquilles|]',
            't\'as {=app} ?',
            'on parle sur {=app} [plutôt|] [les messages s\'effacent|]',
            'donne moi ton {=app}'
          ],
          en: [
            'add me on {=app} [its better|more private|]',
            'do you have {=app}?',
            'let\'s talk on {=app} [instead|] [messages disappear there|]',
            'what\'s your {=app}'
          ],
          labels: ['off_platform_contact']
        },
        {
          who: 'A',
          fr: ['viens sur {=app} [tes parents verront pas|comme ça personne voit|c\'est plus discret]'],
          en: ['come on {=app} [your parents won\'t see|so nobody sees|it\'s more private]'],
          labels: ['off_platform_contact', 'secrecy_request', 'child_grooming']
        },
      ],
      {
        who: 'B',
        fr: ['{ok} [c\'est quoi ton pseudo|]', 'jsp si j\'ai le droit', 'mes parents veulent pas'],
        en: ['{ok} [whats ur username|]', 'idk if im allowed', 'my parents dont let me'],
        p: 0.8
      },
      [
        {
          who: 'A',
          fr: ['envoie moi une photo de toi', 't\'as une photo ?', 'montre moi à quoi tu ressembles', 'envoie une pic {laugh}'],
          en: ['send me a pic of you', 'got a pic?', 'show me what you look like', 'send a selfie'],
          labels: ['image_request']
        },
        {
          who: 'A',
          fr: [
            'envoie une photo {clothes} [stp|]',
            'montre moi {body} [juste une fois|personne verra]',
            'une photo {clothes} [et je te donne {gift}|ça reste entre nous]'
          ],
          en: [
            'send a pic {clothes} [pls|]',
            'show me {body} [just once|no one will see]',
            'a pic {clothes} [and i\'ll get you {gift}|stays between us]'
          ],
          labels: ['image_request', 'sexual_content', 'child_grooming']
        },
      ],
      {
        who: 'A',
        fr: [
          'tu veux qu\'on se voie {=time} ? {=place}',
          'je viens te chercher {=place} [après les cours|]',
          'on se voit [sans le dire à personne|en secret] {=place} ?'
        ],
        en: [
          'wanna meet {=time}? {=place}',
          'i can pick you up {=place} [after school|]',
          'let\'s meet [without telling anyone|in secret] {=place}?'
        ],
        labels: ['meetup_request', 'child_grooming'],
        p: 0.6
      },
    ],
  },
  {
    id: 'grooming-direct',
    category: 'child_grooming',
    weight: 3,
    minors: ['B'],
    declared: { A: 'adult', B: 'minor' },
    steps: [
      { who: 'B', fr: ['[j\'ai|jai] {=minorAge} ans [au fait|]', 'je suis qu\'en {=grade} {laugh}'], en: ['im {=minorAge} btw', 'im only in {=grade} {laugh}'], labels: ['minor_disclosure'] },
      [
        {
          who: 'A',
          fr: [
            'c\'est pas grave [j\'aime bien les jeunes|t\'es déjà une femme]',
            'parfait [t\'as déjà embrassé quelqu\'un ?|t\'es encore vierge ?]',
            't\'as déjà vu un mec tout nu ?'
          ],
          en: [
            'that\'s fine [i like them young|you\'re already a woman]',
            'perfect [ever kissed anyone?|are you still a virgin?]',
            'have you ever seen a guy naked?'
          ],
          labels: ['child_grooming', 'sexual_content']
        },
      ],
      {
        who: 'A',
        fr: ['je te donne {=price} euros pour une photo {clothes}', '{gift} contre une vidéo de toi'],
        en: ['i\'ll give you {=price} dollars for a pic {clothes}', '{gift} for a video of you'],
        labels: ['child_grooming', 'payment_offer', 'image_request', 'sexual_content'],
        p: 0.7
      },
      { who: 'B', fr: ['euh non', 't\'es bizarre', 'jsp...', 'c\'est pour quoi faire ?'], en: ['uh no', 'ur weird', 'idk...', 'why?'] },
      {
        who: 'A',
        fr: ['supprime la conv après et dis rien à {parent}', 'si tu le dis à quelqu\'un t\'auras des problèmes'],
        en: ['delete the chat after and don\'t tell {parent}', 'if you tell anyone you\'ll get in trouble'],
        labels: ['child_grooming', 'secrecy_request']
      },
      { who: 'A', fr: ['on se retrouve {=place} {=time} [je te ramène après|]'], en: ['meet me {=place} {=time} [i\'ll drive you home after|]'], labels: ['meetup_request'], p: 0.5 },
    ],
  },
  {
    id: 'harassment',
    category: 'sexual_harassment',
    weight: 4,
    steps: [
      { who: 'A', fr: ['{hi} {pet}', '{hi} [t\'es {compliment}|jolie photo de profil]'], en: ['{hi} {pet}', '{hi} [ur {compliment}|nice profile pic]'] },
      { who: 'B', fr: ['on se connait ?', 'merci... ?', '?'], en: ['do i know you?', 'thanks...?', '?'], p: 0.7 },
      [
        {
          who: 'A',
          fr: [
            'j\'ai envie de [te baiser|te lécher partout|te prendre] [ce soir|]',
            'je pense à {body} [toute la journée|en me touchant]',
            'je veux voir {body}',
            't\'as un cul de [ouf|malade]'
          ],
          en: [
            'i wanna [fuck you|lick you all over|bend you over] [tonight|]',
            'i keep thinking about {body} [all day|while i touch myself]',
            'i wanna see {body}',
            'your ass is [insane|unreal]'
          ],
          labels: ['sexual_harassment', 'sexual_content']
        },
      ],
      {
        who: 'B',
        fr: ['[arrête|stop|laisse moi tranquille] [stp|c\'est dégueulasse|]', 'je suis pas intéressée', 'bloqué'],
        en: ['[stop|leave me alone] [pls|thats gross|]', 'not interested', 'blocked']
      },
      [
        {
          who: 'A',
          fr: [
            'envoie des nudes [salope|pétasse|]',
            'fais pas ta sainte nitouche et envoie une photo {clothes}',
            'je t\'envoie une photo de ma bite tu vas aimer'
          ],
          en: ['send nudes [bitch|slut|]', 'stop playing hard to get and send a pic {clothes}', 'im sending you a dick pic you\'ll like it'],
          labels: ['sexual_harassment', 'sexual_content', 'image_request']
        },
        {
          who: 'A',
          fr: ['[sale|petite] [pute|salope|chienne] [tu fais ta difficile|t\'aimes ça en vrai]', 'je sais que t\'en as envie [arrête de mentir|]'],
          en: ['[dumb|little] [whore|slut|bitch] [playing hard to get|you love it really]', 'i know you want it [stop lying|]'],
          labels: ['sexual_harassment', 'sexual_content']
        },
      ],
      {
        who: 'A',
        fr: ['réponds [salope|connasse] [je vois que t\'as lu|]', 'je vais continuer tant que tu réponds pas'],
        en: ['answer me [bitch|slut] [i see you read it|]', 'i\'ll keep messaging till you reply'],
        labels: ['sexual_harassment'],
        p: 0.6
      },
    ],
  },
  {
    id: 'prostitution-negotiation',
    category: 'prostitution',
    weight: 4,
    declared: { A: 'adult', B: 'adult' },
    steps: [
      {
        who: 'A',
        fr: ['{hi} t\'es dispo {=time} ?', 'bonsoir, je viens pour l\'annonce', '{hi} [c\'est toujours d\'actualité|tu reçois ?]'],
        en: ['{hi} are you available {=time}?', 'hi, about your ad', '{hi} [still available?|do you host?]']
      },
      [
        {
          who: 'B',
          fr: [
            'oui dispo. {=price} la demi-heure, {bigPrice} la nuit',
            '[{service}|massage] {=price} euros la demi heure, [{bigPrice}|200] l\'heure',
            'je reçois à {=city}, {=price} la demi, [pas de négo|cash uniquement]',
            'tarifs : 30 min {=price}, 1h [150|200|250], déplacement +50'
          ],
          en: [
            'yes available. {=price} half hour, {bigPrice} overnight',
            '{service} {=price} for 30 mins, [{bigPrice}|200] an hour',
            'incall in {=city}, {=price} half hour, [no haggling|cash only]',
            'rates: 30 min {=price}, 1h [150|200|250], outcall +50'
          ],
          labels: ['prostitution', 'payment_offer']
        },
      ],
      {
        who: 'A',
        fr: [
          'c\'est combien [sans capote|pour l\'amour complet|pour une fellation]',
          'tu fais [quoi comme prestations|le complet] ?',
          'je te donne {bigPrice} pour la nuit'
        ],
        en: ['how much [without a condom|for full service|for a bj]', 'what services do you do?', 'i\'ll give you {bigPrice} for the night'],
        labels: ['prostitution', 'payment_offer', 'sexual_content']
      },
      {
        who: 'B',
        fr: ['[+50|supplément] pour [sans|ça], [je fais pas ça|ok]', 'tout est dans l\'annonce bb'],
        en: ['[+50|extra] for [that|bareback], [i don\'t do that|ok]', 'everything is in the ad hun'],
        labels: ['prostitution'],
        p: 0.7
      },
      {
        who: 'B',
        fr: ['écris moi sur {=app} [pour l\'adresse|]', 'envoie un msg sur {=app}, je donne l\'adresse 30 min avant'],
        en: ['text me on {=app} [for the address|]', 'message me on {=app}, address given 30 mins before'],
        labels: ['off_platform_contact', 'prostitution'],
        p: 0.7
      },
      { who: 'A', fr: ['{ok} j\'arrive {=time}', 'on se voit où ?'], en: ['{ok} see you {=time}', 'where do we meet?'], labels: ['meetup_request'], p: 0.6 },
    ],
  },
  {
    id: 'prostitution-ad',
    category: 'prostitution',
    weight: 2,
    room: true,
    declared: { A: 'adult' },
    filler: 0.5,
    steps: [
      {
        who: 'A',
        fr: [
          '🌹 nouvelle à {=city} 🌹 [{service}|massage] [disponible|dispo] 7j/7, [{=price}|100] la demi-heure, [contact|écrivez] sur {=app}',
          'jeune femme [dispo|disponible] pour {service}, [rdv|plans] à {=city}, [tarifs|tarif] en privé',
          'escort {=city} [reçoit|se déplace], {=price}€ [30min|la demi-heure], {bigPrice}€ la nuit, {=app} en bio'
        ],
        en: [
          '🌹 new in {=city} 🌹 {service} available 24/7, [{=price}|100] per half hour, [hit me on|contact] {=app}',
          'young lady available for {service} in {=city}, rates in dm',
          'escort {=city} [incall|outcall], ${=price} 30min, ${bigPrice} overnight, {=app} in bio'
        ],
        labels: ['prostitution', 'payment_offer']
      },
      { who: 'B', fr: ['{laugh} encore ces annonces', 'les modos vous faites quoi ?', 'c\'est quoi ça'], en: ['{laugh} these ads again', 'mods wtf', 'what is this'], p: 0.5 },
      {
        who: 'A',
        fr: ['[contactez moi|écrivez moi] sur {=app} pour [les photos|l\'adresse], [discrétion assurée|100% réelle]'],
        en: ['message me on {=app} for [pics|the address], [discreet|100% real]'],
        labels: ['prostitution', 'off_platform_contact']
      },
    ],
  },
  {
    id: 'dfsa',
    category: 'drug_facilitated_assault',
    weight: 3,
    room: true,
    declared: { A: 'adult', B: 'adult', C: 'adult' },
    steps: [
      {
        who: 'A',
        fr: [
          '[y a|il y a] une meuf à la soirée {=time}, [elle me calcule pas|elle veut pas]',
          'vous savez comment on fait pour qu\'une fille se laisse faire ?'
        ],
        en: [
          'there\'s a girl at the party {=time}, [she won\'t give me a chance|she keeps saying no]',
          'anyone know how to make a girl go along with it?'
        ]
      },
      [
        {
          who: 'B',
          fr: [
            'mets {=sedative} dans son verre [elle se souviendra de rien|elle sera docile|elle dira pas non]',
            '[deux|2|quelques] gouttes de {=sedative} dans sa boisson et [c\'est réglé|elle est à toi]',
            'écrase {=sedative} dans son cocktail, [ça se sent pas|pas de goût]'
          ],
          en: [
            'put {=sedative} in her drink [she won\'t remember a thing|she\'ll be out of it|she won\'t say no]',
            '[two|a few] drops of {=sedative} in her drink and [she\'s yours|done]',
            'crush {=sedative} into her cocktail, [no taste|she won\'t notice]'
          ],
          labels: ['drug_facilitated_assault']
        },
      ],
      {
        who: 'A',
        fr: ['et ça agit en combien de temps ?', 'elle va pas se réveiller ?', 'combien il faut pour qu\'elle soit KO ?'],
        en: ['how long till it kicks in?', 'will she wake up?', 'how much to knock her out?'],
        labels: ['drug_facilitated_assault'],
        p: 0.7
      },
      {
        who: 'C',
        fr: [
          'j\'en vends {=sedative}, {=price} euros le flacon, [effet garanti|elle se souviendra de rien]',
          'je peux te dépanner, {=price} balles [la dose|le flacon]'
        ],
        en: ['i sell {=sedative}, ${=price} a bottle, [works every time|she won\'t remember]', 'i can hook you up, {=price} [a dose|a vial]'],
        labels: ['drug_facilitated_assault', 'drug_trafficking', 'payment_offer'],
        p: 0.6
      },
      {
        who: 'B',
        fr: [
          '[attends|fais gaffe] qu\'elle ait bu [avant|un peu] et [ramène-la|emmène-la] chez toi',
          'quand elle est KO [tu la ramènes|personne verra rien]'
        ],
        en: ['wait till she\'s had a few [first|] then take her home', 'once she\'s out [take her back to yours|nobody will notice]'],
        labels: ['drug_facilitated_assault'],
        p: 0.6
      },
    ],
  },
];
