import type { Scenario } from './scenario-types.js';

/** Ambush, drug and weapon trafficking, and violent threat scenarios (FR + EN). */
export const CRIME_SCENARIOS: Scenario[] = [
  {
    id: 'ambush-lure',
    category: 'ambush',
    weight: 3,
    declared: { A: 'adult', B: 'adult' },
    steps: [
      {
        who: 'A',
        fr: [
          '{hi} [beau gosse|toi] [t\'es mignon|ton profil me plaît]',
          '{hi} [je vends|j\'ai] [une PS5|un iphone|une trottinette] [pas cher|à {=price}] [ça t\'intéresse ?|]'
        ],
        en: [
          '{hi} [handsome|you] [you\'re cute|love your profile]',
          '{hi} [selling|i have] [a ps5|an iphone|a scooter] [cheap|for {=price}] [interested?|]'
        ]
      },
      { who: 'B', fr: ['{ok} [on se voit ?|dispo quand ?]', 'grave [t\'es où ?|]'], en: ['{ok} [wanna meet?|when?]', 'yeah [where are you?|]'] },
      [
        {
          who: 'A',
          fr: [
            'viens {=isolated} {=time}, [viens seul|seul stp|pas de potes]',
            'rdv {=isolated} {=time}, [viens tout seul|seul hein] et prends [du cash|ton tel|la thune]',
            'passe {=isolated} [vers|à] {=time}, [n\'en parle à personne|viens seul]'
          ],
          en: [
            'come {=isolated} {=time}, [come alone|alone pls|no friends]',
            'meet {=isolated} {=time}, [come alone|alone ok] and bring [cash|your phone|the money]',
            'swing by {=isolated} {=time}, [don\'t tell anyone|come alone]'
          ],
          labels: ['ambush', 'meetup_request']
        },
      ],
      { who: 'B', fr: ['{ok} j\'arrive', 'c\'est un peu isolé non ?', 'pourquoi seul ?'], en: ['{ok} omw', 'kinda isolated no?', 'why alone?'] },
      { who: 'A', fr: ['t\'inquiète c\'est tranquille là-bas', 'c\'est plus discret {laugh}'], en: ['don\'t worry it\'s chill there', 'it\'s more discreet {laugh}'], p: 0.6 },
    ],
  },
  {
    id: 'ambush-crew',
    category: 'ambush',
    weight: 3,
    room: true,
    minors: ['A', 'B', 'C'],
    declared: { A: 'minor', B: 'minor', C: 'minor' },
    steps: [
      {
        who: 'A',
        fr: [
          '[le mec|le pigeon|le gars] [a mordu|est chaud|a dit oui], il vient {=isolated} {=time}',
          'j\'ai fait un faux profil, [le mec|un mec] veut me voir {=time}'
        ],
        en: [
          '[the guy|our mark] [took the bait|is down], he\'s coming {=isolated} {=time}',
          'made a fake profile, [some guy|a guy] wants to meet {=time}'
        ],
        labels: ['ambush']
      },
      {
        who: 'B',
        fr: [
          '[on le|on se le] [cale|chope|coince] {=isolated}, [cagoules|gants] et on prend [son tel|sa thune|tout]',
          'on l\'attend à [trois|plusieurs] derrière et on [le dépouille|le sèche|lui prend tout]'
        ],
        en: [
          'we [jump|corner|grab] him {=isolated}, [masks|gloves] on and take [his phone|his cash|everything]',
          'we wait behind in a group and [rob him|take everything]'
        ],
        labels: ['ambush']
      },
      {
        who: 'C',
        fr: [
          '[s\'il résiste|s\'il bouge] [on le frappe|on le défonce|je sors la lame]',
          'grave, la dernière fois [on a pris|le mec a lâché] {bigPrice} balles'
        ],
        en: ['[if he fights|if he moves] [we beat him|we smash him|i pull the blade]', 'bet, last time [we got|he gave up] {bigPrice} bucks'],
        labels: ['ambush', 'violent_threat'],
        p: 0.7
      },
      {
        who: 'A',
        fr: ['{ok} je lui dis de venir seul', 'je le fais venir {=isolated}, vous êtes cachés'],
        en: ['{ok} i\'ll tell him to come alone', 'i\'ll get him {=isolated}, you hide'],
        labels: ['ambush']
      },
    ],
  },
  {
    id: 'drug-sale',
    category: 'drug_trafficking',
    weight: 5,
    declared: { A: 'adult' },
    steps: [
      [
        {
          who: 'B',
          fr: ['t\'as [de la|du] {=drug} ?', 'tu peux me [dépanner|trouver] {=qty} de {=drug} ?', 'frère t\'as quoi en ce moment ?'],
          en: ['you got {=drug}?', 'can you [hook me up with|sort me] {=qty} of {=drug}?', 'bro what you got rn?'],
          labels: ['drug_trafficking']
        },
        {
          who: 'A',
          fr: [
            '[dispo|le drive est ouvert] {=drug} [frais|de qualité|la meilleure], {=price}€ {=qty}, livraison [7j/7|toute la nuit|rapide]',
            'nouvel arrivage de {=drug} 🔥 {=price} le g, [livraison|livré] sur {=city}'
          ],
          en: [
            '{=drug} [available|plug open], [fresh|top quality], ${=price} {=qty}, [delivery 24/7|fast delivery]',
            'new batch of {=drug} 🔥 {=price} a g, delivery around {=city}'
          ],
          labels: ['drug_trafficking', 'payment_offer']
        },
      ],
      {
        who: 'A',
        fr: ['{=price} {=qty}, [pas moins|c\'est le prix|je te fais un prix]', 'ouais {=drug} [dispo|tranquille], {=price} balles {=qty}'],
        en: ['{=price} {=qty}, [no less|that\'s the price|i\'ll do you a deal]', 'yeah {=drug} [ready|got you], {=price} for {=qty}'],
        labels: ['drug_trafficking', 'payment_offer']
      },
      {
        who: 'B',
        fr: ['{ok} je prends', 'tu livres à {=city} ?', 'tu fais {=qty} pour [{price}|moins] ?'],
        en: ['{ok} i\'ll take it', 'you deliver to {=city}?', 'can you do {=qty} for [{price}|less]?'],
        labels: ['drug_trafficking'],
        p: 0.8
      },
      {
        who: 'A',
        fr: ['passe sur {=app} [pour la commande|c\'est plus sûr]', 'ajoute {=app} on voit le reste là-bas'],
        en: ['hit me on {=app} [to order|it\'s safer]', 'add my {=app}, we sort the rest there'],
        labels: ['off_platform_contact'],
        p: 0.6
      },
      {
        who: 'A',
        fr: ['rdv {=place} {=time}, [cash|espèces] [uniquement|]', 'je te [retrouve|rejoins] {=place}, [prends l\'appoint|pas de billets de 100]'],
        en: ['meet {=place} {=time}, cash [only|]', 'i\'ll meet you {=place}, [exact change|no big bills]'],
        labels: ['meetup_request', 'drug_trafficking'],
        p: 0.7
      },
    ],
  },
  {
    id: 'weapon-sale',
    category: 'weapons_trafficking',
    weight: 3,
    steps: [
      [
        {
          who: 'B',
          fr: ['tu peux me trouver {=weapon} ?', 'je cherche {=weapon} [propre|sans numéro|pas tracé]', 'qui a {=weapon} à vendre ?'],
          en: ['can you get me {=weapon}?', 'looking for {=weapon} [clean|no serial|untraceable]', 'who\'s selling {=weapon}?'],
          labels: ['weapons_trafficking']
        },
        {
          who: 'A',
          fr: ['[vends|v3nds|dispo] {=weapon} {=bigPrice} [balles|€|cash]', '{=weapon} [à vendre|dispo], {=bigPrice}'],
          en: ['[selling|got] {=weapon} {=bigPrice} [cash|bucks|]', '{=weapon} for sale, {=bigPrice}'],
          labels: ['weapons_trafficking', 'payment_offer']
        },
        {
          who: 'A',
          fr: [
            '[vends|je vends|dispo] {=weapon} [+|avec] [2 chargeurs|des munitions|une boîte de balles], {=bigPrice}€ [pas de questions|sans papiers|numéro limé]',
            '{=weapon} dispo, {=bigPrice} [cash|balles], [jamais servi|propre]'
          ],
          en: [
            '[selling|got] {=weapon} [+|with] [2 mags|ammo|a box of rounds], ${=bigPrice} [no questions|no paperwork|serial filed off]',
            '{=weapon} available, {=bigPrice} [cash|], [never used|clean]'
          ],
          labels: ['weapons_trafficking', 'payment_offer']
        },
      ],
      {
        who: 'A',
        fr: ['j\'ai {=weapon}, {=bigPrice} [et je rajoute les balles|à débattre]', 'ça part à {=bigPrice}, [propre|jamais tiré]'],
        en: ['got {=weapon}, {=bigPrice} [and i\'ll throw in rounds|obo]', 'goes for {=bigPrice}, [clean|never fired]'],
        labels: ['weapons_trafficking', 'payment_offer']
      },
      {
        who: 'B',
        fr: ['il est [tracé|déclaré] ?', '{ok} tu peux livrer ?', 't\'as des munitions avec ?'],
        en: ['is it traceable?', '{ok} can you deliver?', 'comes with ammo?'],
        labels: ['weapons_trafficking'],
        p: 0.7
      },
      { who: 'A', fr: ['[on voit|on parle] sur {=app} [pas ici|c\'est surveillé ici]'], en: ['[let\'s talk|move] to {=app} [not here|this app is watched]'], labels: ['off_platform_contact'], p: 0.6 },
      { who: 'A', fr: ['rdv {=place} {=time}, viens avec [le cash|la somme]'], en: ['meet {=place} {=time}, bring [the cash|the money]'], labels: ['meetup_request'], p: 0.6 },
    ],
  },
  {
    id: 'threat',
    category: 'violent_threat',
    weight: 4,
    steps: [
      {
        who: 'A',
        fr: ['[tu m\'as|t\'as] [balancé|trahi|manqué de respect]', 'pourquoi t\'as parlé de moi [aux flics|à tout le monde]'],
        en: ['you [snitched on me|disrespected me|betrayed me]', 'why did you talk about me [to the cops|to everyone]']
      },
      { who: 'B', fr: ['[j\'ai rien fait|de quoi tu parles]', 'laisse moi tranquille'], en: ['[i did nothing|what are you talking about]', 'leave me alone'] },
      [
        {
          who: 'A',
          fr: [
            'je vais {threatVerb} [sale merde|fils de pute|]',
            'je sais où tu habites, je vais {threatVerb}',
            'je vais venir chez toi et {threatVerb}',
            't\'es mort, [je vais|on va] {threatVerb} [à la sortie|demain|ce soir]'
          ],
          en: [
            'i\'m going to {threatVerb} [you piece of shit|]',
            'i know where you live, i\'m gonna {threatVerb}',
            'i\'ll come to your house and {threatVerb}',
            'you\'re dead, [i\'m|we\'re] gonna {threatVerb} [after school|tomorrow|tonight]'
          ],
          labels: ['violent_threat']
        },
      ],
      {
        who: 'A',
        fr: ['[fais gaffe à ta famille|ta soeur aussi va payer]', 'j\'ai [un flingue|une lame] et je vais m\'en servir'],
        en: ['[watch your family|your sister will pay too]', 'i have [a gun|a knife] and i\'ll use it'],
        labels: ['violent_threat'],
        p: 0.7
      },
      { who: 'B', fr: ['je vais porter plainte', '...'], en: ['i\'m calling the police', '...'], p: 0.5 },
    ],
  },
];
