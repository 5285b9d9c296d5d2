/**
 * Stop 40 (detD40): set f's kinds for drug trafficking, prostitution, ambush and drug-facilitated assault, and the spa worker
 * whose documents are held (review detF39 S4), each with its harmful variants and benign twins (none of them set f's texts).
 * - A worker offered with her documents held lifts the hospitality frame and holds (rules/d40.rules docs_held, new arrival,
 *   "whatever the client wants"; context/controlled-worker.ts); a hotel's passport copy, a new colleague, a massage's pressure
 *   "as the client wants" do not.
 * - A hotel night booked for relatives, guests or a couple (hospitality cue) does not complete the paid-meeting derivation
 *   (context/hotel-stay.ts).
 * - Drugs named by colour or purity with a count and a bare price; a woman's time priced with a place; a robbery planned on a
 *   lure said by its pieces (rules/d40.rules).
 */
import { actSuites, type ActCase } from './dialogue.test-support.js';

const SPA_HARMFUL: ActCase[] = [
  ['EN: a new arrival, her passport stays with me, whatever the client wants', ['do you have a slot for a massage tonight?', 'full body massage 1h 90, we have a new arrival this week, very young, just came from Thailand', 'ok', 'her passport stays with me so she does not go anywhere. she does whatever the client wants, extra 100 cash'], 'prostitution', true],
  ['FR: une nouvelle fille, ses papiers chez moi, tout ce que le client demande', ['toujours les massages au salon ?', 'oui, soin du visage ou massage 60 euros, et on a une nouvelle fille depuis lundi, toute jeune, elle parle pas français', 'ok', 'ses papiers sont chez moi. elle accepte tout ce que le client demande, tu paies en cash'], 'prostitution', true],
  ['EN: hot stone, the boss keeps her papers, she can\'t say no', ['is the spa open sunday?', 'open till 10, hot stone 60 min 85. new girl started, 19, from Vietnam', 'nice', 'the boss keeps her papers in the office, anything the customer wants, she can\'t say no, cash only'], 'prostitution', true],
  ['FR: je garde son passeport, une nouvelle arrivée', ['tu as de la place demain pour un massage ?', 'oui 18h, 80 euros. on a une nouvelle arrivée de Chine, très jeune', 'ah oui', 'je garde son passeport, elle bouge pas. elle fait tout ce que le client veut'], 'prostitution', true],
];

const SPA_BENIGN: ActCase[] = [
  ['FR: a real spa booking with a new beautician', ['bonjour, je voudrais réserver un massage relaxant samedi', 'bien sûr, 1h à 80 euros, soin du visage offert pour la première visite', 'parfait, 15h ça va ?', "c'est noté, notre nouvelle esthéticienne Julie s'occupera de vous, elle est diplômée"], 'prostitution', false],
  ['EN: the hotel keeps a passport copy at check-in', ['checking in tonight, booking for 2 adults under Martin', 'welcome! at the front desk we will need your passport, we keep a copy for the police register', 'do you keep the passport itself?', 'no, just a copy, you keep the passport with you. breakfast included, room 214'], 'prostitution', false],
  ['EN: a new arrival welcomed at the spa\'s front desk', ['team, please welcome Sofia, our new arrival at the spa front desk from Monday', "welcome Sofia! she'll do the facials, 45 min 55", 'hi everyone', 'HR has her passport copy and contract, she starts 9am'], 'prostitution', false],
  ['EN: the therapist does whatever the client wants for pressure', ['booked a couples massage at the hotel spa', 'what did you get', 'hot stone 60 min, 120 each, the therapist does whatever the client wants for pressure, soft or deep', 'sounds relaxing'], 'prostitution', false],
  ['FR: school trip, the teacher keeps the passports', ['pour le voyage scolaire à Londres, 350 euros par élève', 'et les papiers ?', 'je garde leurs passeports jusqu\'à l\'aéroport, les élèves les récupèrent au retour', 'parfait merci'], 'prostitution', false],
];

const HOTEL_BENIGN: ActCase[] = [
  ['EN: a couple\'s weekend, 189 a night split', ['so I booked the hotel for the weekend, 189 a night, I\'ll split it with you', 'yay, I\'ll bring cash for dinner', 'meet you at the station at 6?', 'yes!'], 'prostitution', false],
  ['FR: wedding guests pay the hotel themselves', ['pour les invités du mariage: les chambres c\'est 89 la nuit, vous réglez à l\'hôtel directement', 'merci, on paie en liquide ?', 'comme vous voulez, rendez-vous à la mairie à 15h', 'parfait'], 'prostitution', false],
  ['EN: an airbnb paid in cash to the host', ['the airbnb is 140 a night, cash to the host at check-in', 'ok', 'we meet at the station at 6', 'see you there'], 'prostitution', false],
];

const DRUGS_HARMFUL: ActCase[] = [
  ['FR: 5 de la verte 40, behind the station', ["t'as encore de la verte ?", 'ouais, 5 de la verte 40, je suis derrière la gare dans 10 min'], 'drug_trafficking', true],
  ['EN: 3 big ones, bring the scale', ['3 big ones 270, usual spot behind the bowling at 9', "ok, bring the scale i'm not paying for air"], 'drug_trafficking', true],
  ['FR: les blanches pour rouler sans dormir, 10 pour 80', ['des vitamines pour la route ce soir ?', 'les blanches, celles pour rouler sans dormir, 10 pour 80, aire de Beaune à 2h'], 'drug_trafficking', true],
  ['EN: 10 of the green, window down', ['got any of the green? 10 of the green 90', 'yea pull up by the side door at 8, window down'], 'drug_trafficking', true],
];

const DRUGS_BENIGN: ActCase[] = [
  ['FR: salads at the market', ['tu prends quoi au marché ?', '5 de la verte 40 ... non je rigole, 5 salades vertes et des tomates'], 'drug_trafficking', false],
  ['EN: the bathroom scale', ['the new bathroom scale says 80, bring the scale to the gym', 'haha ok'], 'drug_trafficking', false],
  ['EN: a lego stepped on', ['I stepped on a lego hard this morning', 'ouch. mine\'s clean now, I vacuumed'], 'drug_trafficking', false],
  ['EN: green tea on sale', ['the tea shop has a sale, 10 of the green 40, the jasmine one', "nice, I'll pick some up saturday at 10"], 'drug_trafficking', false],
];

const PAID_HARMFUL: ActCase[] = [
  ['FR: 30 in her car, 60 if she gets in your truck', ['la blonde du parking de la zone, elle y est encore ?', 'oui après 21h, 30 dans sa voiture, 60 si elle monte dans ton camion'], 'prostitution', true],
  ['EN: the girlfriend experience, I handle her bookings', ['she does massage, 1h 200, the girlfriend experience is 80 more, cash', 'ok', 'I handle her bookings, text me not her'], 'prostitution', true],
  ['EN: the evening for the rent', ["you can't pay? spend the evening with me and I'll forget the rent this month", 'no'], 'prostitution', true],
];

const PAID_BENIGN: ActCase[] = [
  ['FR: moving a sofa in the van', ['combien pour déménager le canapé ?', "40 dans la camionnette si tu m'aides, 70 si je monte tout seul au 4e"], 'prostitution', false],
  ['FR: a guitar lesson at home', ["le cours de guitare c'est 30 euros pour 45 minutes chez moi", 'super, mardi ?'], 'prostitution', false],
  ['FR: the hall\'s rent waived for volunteers', ['on oublie le loyer de la salle pour la soirée des bénévoles, la mairie paie', 'génial'], 'prostitution', false],
  ['EN: booking my mother\'s appointments', ["I book her appointments, she's my mum and can't use the phone, text me not her", 'ok will do'], 'prostitution', false],
  ['EN: a film title', ['the girlfriend experience is a film by Soderbergh, seen it?', 'no, any good?'], 'prostitution', false],
];

const AMBUSH_HARMFUL: ActCase[] = [
  ['EN: the road is closed, three in the van, grab his bag', ['you tell him the road is closed and take the back lane to the loading bay', "we'll be three in the van, grab his bag and his watch"], 'ambush', true],
  ['FR: un faux accident, vous êtes deux derrière sa remorque', ["Mélanie s'allonge au bord de la route, on simule un accident, il s'arrête", 'vous êtes deux derrière sa remorque, on prend tout, carte, liquide, téléphone'], 'ambush', true],
];

const AMBUSH_BENIGN: ActCase[] = [
  ['FR: three in the car for the wedding', ['on sera trois dans la voiture pour le mariage, je prends son cadeau', 'super, rdv 14h'], 'ambush', false],
  ['EN: the road is closed, the truck unloads at the loading bay', ['the road is closed, take the service road to the loading bay, the truck unloads at 6', 'ok thanks'], 'ambush', false],
  ['FR: a first-aid drill simulates an accident', ["exercice de secourisme samedi: une victime s'allonge sur la route, on simule un accident", 'je viens avec les pompiers'], 'ambush', false],
  ['EN: just the bag at the cloakroom', ['just the bag, not the coat, the cloakroom is full', 'ok'], 'ambush', false],
];

const SUITES: [string, string, readonly ActCase[], 'flag' | 'hold'][] = [
  ['a spa worker offered with her documents held is held', 'cw-h', SPA_HARMFUL, 'hold'],
  ['a spa booking, a passport copy, a new colleague, a school trip are not held', 'cw-b', SPA_BENIGN, 'hold'],
  ['a hotel night for relatives, guests or a couple is no paid meeting', 'hs-b', HOTEL_BENIGN, 'flag'],
  ['drugs named by colour or purity with a count and a price act', 'dc-h', DRUGS_HARMFUL, 'flag'],
  ['salads, a bathroom scale, a lego and white wine do not', 'dc-b', DRUGS_BENIGN, 'flag'],
  ['a woman\'s time priced with a place, GFE, bookings, rent let off act', 'pt-h', PAID_HARMFUL, 'flag'],
  ['a removal van, a lesson, a hall\'s rent, a mother\'s bookings, a film do not', 'pt-b', PAID_BENIGN, 'flag'],
  ['a robbery planned on a lure said by its pieces holds', 'rl-h', AMBUSH_HARMFUL, 'hold'],
  ['a wedding car, a loading bay, a drill, a cloakroom are not held', 'rl-b', AMBUSH_BENIGN, 'hold'],
];

actSuites('stop 40 (detD40)', SUITES);
