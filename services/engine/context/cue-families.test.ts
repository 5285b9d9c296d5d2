/**
 * Cue families read from rules/context_cues.rules (`cue:<name>`) and context/cues.ts: one table of
 * FR/EN (SMS-speak) positives and hard negatives per family, matched as the engine does (rules on the
 * normalised text, then the regex cues on the folded text).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { REPO_ROOT } from '../engine-options.js';
import { normalise } from '../normalise.js';
import { loadRuleSet, type RuleSet } from '../rules/index.js';
import { cuesOf, type Cue } from './cues.js';
import { fold } from './fold.js';

let rules: RuleSet | null = null;
async function cues(text: string): Promise<Set<Cue>> {
  rules ??= await loadRuleSet(resolve(REPO_ROOT, 'rules'));
  const fromRules = rules.match(normalise(text)).filter((h) => h.kind === 'cue').map((h) => h.label.slice(4) as Cue);
  return cuesOf(fold(text), fromRules);
}

/** [cue, positives, negatives] */
const FAMILIES: [Cue, string[], string[]][] = [
 
    ['reported', ['il m a dit quil allait me planter', 'un mec ma ecrit ca hier', 'this guy in my dms said he would find me', 'she told me he sent her that', 'il a dit « je vais te retrouver »'],
    ['je vais te dire un truc', 'i said no', 'tell me more', 'i asked you how old you are', 'how old are you, do you have snapchat',
      // Round 12 review: a groomer's own words in the second person are not reported speech (they would discount his requests).
      'they told you im nice right? add me on snap', 'someone told you to add me on snap? send me a pic there', 'he offered you robux for a pic, ill double it', "je mets 'porte cassée, montez au 3e' dans la commande", "walk her up when she's wobbly, nobody goes up there"]],
 
    ['warning', ['surveillez vos verres ce soir', 'faites gaffe au mec du parking', 'psa watch your drink at the union', 'heads up, its a scam', 'si doute : appelez le 17'],
    ['fais gaffe a toi', 'watch me win']],
  ['moderation', ['rappel : la vente est interdite sur ce serveur', 'reminder: no selling, you will be banned', 'regle n 3 pas de pub'], ['on se voit demain']],
 
    ['care', ['donne lui de leau et reste avec elle', 'on la ramene chez elle en uber', 'get her home and give her some water', 'put her in the recovery position'],
    ['fais la boire encore', 'get her drunk']],
  ['figurative', ['ma mere va me tuer', 'ptdr tu me tues', 'my mom is gonna kill me lol', 'im gonna kill my brother he ate my fries'],
    ['je vais te tuer', 'im gonna kill you']],
  ['sport', ['pesee vendredi, combat samedi', 'sparring ce soir au club de boxe', 'fight night saturday at the ufc gym', 'deer season opens monday'],
    ['on se voit au parc']],
 
    ['weapon_access', ["j'ai pris le fusil de mon pere", 'le couteau de mon frere est dans mon sac', 'i took my dads rifle', 'ive got my uncles gun in my backpack'],
    ['le fusil de mon pere pour la chasse', 'my dads rifle for hunting season']],
  ['school_time', ['demain a la recre', 'jeudi devant le lycee', 'tomorrow at lunch in the cafeteria', 'at recess'], ['demain au resto']],
  ['whereabouts', ['je sais que tu finis a 21h', 'tu fermes a 19h le samedi', 'i know where you work', 'you close at 9 on fridays'],
    ['tu finis a quelle heure ?']],
  ['blocked', ['tu mas bloque partout', 'jai un nouveau numero, tu peux pas mignorer', 'you blocked me everywhere', 'stop ignoring me'],
    ['je bloque le week end pour toi']],
  ['waiting', ['je tattendrai en bas', 'ill be waiting outside', 'see you after your shift'], ['jattends le bus']],
  ['insist', ['allez juste un verre', 'donne moi une chance', 'come on just one pic', 'dont be like that'], ['merci beaucoup']],
  ['sw_frame', ['sugar daddy genereux cherche arrangement', 'petit cadeau 150 la soiree', '300 per meet, discreet', 'seeking arrangement, allowance weekly'],
    ['un cadeau pour ma mere']],
  ['lodging', ['chambre dhotel payee', 'motel on route 9', 'i got a hotel room'], ["rdv a l'hotel de ville", 'escape room saturday']],
  ['drink_push', ['fais la boire toute la soiree', 'ressers la a chaque fois', 'get her drunk first', 'keep her drinking'], ['bois de leau']],
  ['want_out', ['elle se souviendra de rien', 'la mettre ko', 'i want her out cold', 'she wont remember a thing'], ['je me souviens de rien du film']],
  ['sedative', ['quelques gouttes dans son verre', 'un cachet dans sa boisson', 'a few drops in her drink', 'ghb'], ['un verre de vin']],
  ['harm', ['on le demonte', 'je lui casse la gueule', 'hes getting wet up', 'ur getting poked in the lot'], ['je casse la croute', 'photo shoot tomorrow']],
  ['body_comment', ['t as un cul de ouf', 'envoie la version sans short', 'nice body for 16', 'bet u look better with it off'], ['nice pic of the dog']],
  ['refusal', ['cest deplace, merci darreter', 'je te signale', 'she said stop', 'not interested'], ['ok super']],
  ['weapon_item', ['glizzy 19 gen 4', 'pistolet d alarme converti', 'zoraki, tire du 9 court', '2 mags and a box of shells'],
    ['un chargeur de telephone', 'the 9 bus']],
  ['illegal', ['sans papier, jamais declare', 'no paperwork, we never met', 'came over the bridge, nothing on file'], ['papier toilette']],
  ['gift', ['je te paie des v bucks', 'des robux pour toi', 'ill top up your phone', 'carte psn 20'], ['bon anniversaire']],
  ['gaming', ['goulag', 'ak redline ft float 0.2', 'ranked ce soir ?', 'on refait une partie ?'], ['on mange ou', 'ma femme est partie']],
  // 2026.12.3: remarks, objections, cold threats, the target's alarm, sextortion, drug deals, surveillance, paid exchanges
  ['body_comment', ['montre tes pieds pour 5 subs', 'love those leggings in your photo', 'wear them tighter, give us something to look at'], ['ferme ta bouche', 'im in bed already']],
  ['refusal', ['vous etes des porcs', 'laissez la tranquille serieux', 'thats not really appropriate', 'give it a rest mate'], ['on se voit a 8h']],
  ['menace', ['ce serait dommage pour lui aussi', 'shame if anything happened to it', 'its not a threat its a promise'], ['tu verras cest trop bien', 'ils osent venir vous voir']],
  ['perceived_threat', ['vous venez de menacer mes enfants', 'comment tu sais ou je bosse', 'youre threatening me', 'leave my mum out of it'], ['je te menace de te battre a mario kart lol']],
  // round 6: sextortion across messages, remarks without explicit words
  ['held_images', ["j'ai encore toutes tes photos de quand on était ensemble", "les photos que tu m'as envoyées en juin", 'i still have your pics from last summer', 'the pics u sent me are still on my phone'],
    ["j'ai encore tes photos de vacances à imprimer ?", 'i still have your charger']],
  ['spread_threat', ["ok alors je les envoie à ta mère et à ton chef", 'sinon elles partent sur le groupe de ta promo', "i'll send them to your dad tonight", 'everyone will see them'],
    ['je les envoie demain par la poste', 'send them to me when you can', "i'll send it by email"]],
  ['body_comment', ['tu as vraiment un corps de femme maintenant', 'thats what u do to me', 'bet youd be wild in bed', 'u sound hot on vc', 'your body looks older than 13'],
    ['ce short est en solde', 'im going to bed', 'u sound tired']],
  ['body_comment', ['tu fais quelle taille de soutien-gorge ?', "t'es encore vierge ou t'as déjà fait des trucs ?", 'u got a girlfriend? ever done anything?', 'send a pic with ur shirt off'],
    ['mon soutien de famille', 'done with homework', 'take your shoes off']],
  ['refusal', ["c'est trop perso ça", 'ça te regarde pas', 'why do u wanna know', 'umm idk, id rather not'], ['je prefere le bleu', 'i dont know the answer']],
  ['insist', ['allez tout le monde le fait', 'everyone does it, dont be boring'], ['tout le monde est la', 'everyone is here']],
  ['amount', ["cinq l'unité, trente les dix", 'ten a pill', 'vingt le g'], ['cinq minutes et j arrive', 'ten of us at the party']],
  ['drug_qty', ['je te fais une avance de 50g', 'i can front you 28 g'], ['une avance de 50 euros sur ton salaire']],
  ['drug_item', ['tu la vends 40, je te fais une avance de 50g', 'i can front you 28 g'], ["c'est là que je bosse", 'une avance de 50 euros']],
  ['body_comment', ['avec ce petit pantalon moulant les clients reviennent', "on peut s'arranger pour tes horaires si t'es gentille", 'wear the tight jeans tomorrow'], ['ce pantalon est trop petit pour lui', 'be nice to your sister']],
  ['refusal', ['Monsieur je ne suis pas à vendre', "i'm not for sale"], ['la maison est à vendre', 'this bike is for sale']],
  ['insist', ['réfléchis, y a plein de filles qui veulent ta place', 'everyone has a price sweetheart', 'réfléchissez bien, le bail est pas encore signé'], ['je réfléchis au menu', 'i will think about the price']],
  ['gift', ['sent u a £20 amazon voucher for new pens', 'je te fais une recharge de 10 euros', 'i can top up your phone'], ['amazon a livré le colis', 'my phone battery is dead']],
  ['endearment', ['ur very pretty for year 10 btw', 'u seem so grown up', "t'es super mature"], ['pretty good game', 'grown ups only at the bar']],
  ['spread_threat', ['would be a shame if ur whole school saw it', 'tout ton lycée va les voir'], ['ur whole school saw the class photo', 'your whole class is invited']],
  ['held_images', ['u already sent me one', 'the pic u sent in ur school uniform'], ['you already sent me the address']],
  ['sextortion', ['jles supprime si tu men envoies des nouvelles sinon tes photos partent sur le groupe', 'send more or your nudes go to your parents'], ['tes photos de vacances sont trop belles']],
  ['drug_item', ['ta toujours de la c ?', 'des carts thc', 'u still do the sleepy stuff?'], ['coke and rum for the cocktails', 'cbd legal a 7 euros']],
  ['amount', ['45 balles', '£300 cash', 'quarante la fiole'.replace('quarante', '40')], ['a 20 minutes de chez moi']],
  ['handover', ['tu descends quand je tecris', 'en main propre', 'liquide ou lydia'], ['on descend au parc']],
  ['whereabouts', ['tu finis a 4h30 le samedi', 'ta fille est en ce2 a jules ferry', 'you still get the 6 from the stop at 7.50', 'you park the red fiesta behind it'], ['tu finis ton assiette']],
  // 2026.12.4: classified ads (a frame for drug_trafficking), friends' warnings, conditional threats, game words
  ['listing', ['concert tickets, 2 for 80', 'velo de course a vendre', 'winter tyres for sale'], ['20 le g ce soir', 'dispo en dm']],
  ['warning', ['vas y pas, cest un piege', 'tu laches pas ton verre hein'], ['vas y fonce']],
  ['figurative', ['if you scrape the alloys again im going to kill you', 'si tu touches a mon yaourt je te tue'], ['im going to kill you tonight']],
  ['gaming', ['je te defonce en mid', 'encore un smurf', 'il a ragequit'], ['le milieu de la rue']],
  ['sw_frame', ['je fais que des plans tarifes', 'instead of 750 a month you keep me company', 'je paie ta scolarite et 150 000 le mois'], ['un peu de sucre dans le cafe']],
  // 2026.12.5: a newspaper's name is not "everyone"
  ['reporting', ["jai lu dans le monde que le proces commence", 'selon le monde, 12 ans de prison'], ['il dira oui a tout le monde', 'tout le monde est la ?']],
  ['reporting', ['vous avez vu le verdict dans l affaire de Namur', '12 ans de prison pour lui', 'he was sentenced to 9 years in prison'], ['je te juge pas', 'on se voit apres le cours']],
  ['medical', ['massage thai traditionnel 60 min', 'jai le dos en compote', 'deep tissue or swedish massage?', 'receipts are available for insurance', 'il est au bloc depuis 2h'], ['massage avec finition', 'full service massage', 'tu fais le guet au bloc 4']],
  ['care', ['je la ramene chez elle', 'reste avec elle, de l eau'], ['mon frere ramene le huile d espagne', 'il ramene le sac ce soir']],
  ['warning', ['tu le bloques et on le signale ensemble', 'parles en a un adulte de confiance', "please don't send any pictures", 'tell a trusted adult today'], ["dis rien a tes parents", "don't tell your mom", 'send me a pic']],
  // 2026.12.5: drugging said without drug names
  ['spike', ['just a capful in hers', 'ill stick a bump in her cider', 'crush two in her prosecco', 'how many would i need to put in a girls drink', 'si je lui en mets dans sa tisane', 'ca tient combien de temps dans un verre de vin'],
    ['put ice in her drink', 'someone put something in her drink, get her to a&e', 'je pense qu on a mis quelque chose dans son verre', 'un peu de sirop dans son verre', 'watch your drink tonight']],
  ['sedative', ['something that makes a girl sleepy', 'crush 2 sleeping tablets', 'un petit cachet qui rend tout plus doux', 'je te ferai mon petit cocktail maison'], ['i make her laugh', 'un cocktail sans alcool']],
  ['want_out', ['she ll be too fucked to say no', 'she wont fight me on anything', 'one sip and she stops saying no', 'out like a light', 'elle dira plus non', 'tu te rappelleras meme plus', 'elle sera a moitie endormie'],
    ['i dont remember the film', 'we fought about it', 'dis moi non si tu veux pas']],
  // 2026.12.5: weapons in slang and by calibre, sums without a currency, illegality in street words
  ['weapon_item', ['the .38 with 12 rounds', 'j ai un 7.65 propre avec un chargeur', 'its a 9, no bodies on it', 'des alarmes modifies, ca tire du vrai 9', 'got a 40 with a full clip', 'zombie knife 45', 't as toujours le fer ?', '12 rounds'],
    ['le fer a repasser est casse', 'the 9 bus was late', 'j ai eu 9 sur 10', 'deux noeuds papillon pour le mariage', '40 minutes de retard']],
  ['amount', ['2.6 final', '900 avec une boite', '60 for both', 'call it 850'], ['on est 2 ce soir', 'rdv a 21h']],
  ['illegal', ['its dirty so dont get caught with it', 'if anyone asks u got it before the ban', 'pas au tel, main a main', 'ca vient du bled pas de numero'], ['dont get lost', 'on se parle au tel ce soir ?']],
  // 2026.12.5: violence announced by its outcome; the routine of the target or their family named back
  ['harm', ['il rentrera pas chez lui samedi', 'he aint making it home tonight', 'tu repars sans tes dents', 'im burning his house down tonight', 'ce serait triste qu elle se fasse mal', 'une chute est si vite arrivee'],
    ['je rentre pas chez moi ce soir', 'she made it home safe', 'on brule des calories', 'fais attention tu vas te faire mal au dos']],
  ['whereabouts', ['ta mere fait ses courses au carrefour le mardi matin', 'vos deux filles prennent le bus 14 a 7h40', 'samedi il sort de la chicha vers 2h', 'ur shift ends at 3', 'he finishes at the carwash at 10', 'tu habites toujours rue des tanneurs ?'],
    ['ma mere fait ses courses le mardi', 'le bus 14 passe a 7h40', 'my shift ends at 3']],
  ['waiting', ['je l attends devant', 'on l attend derriere les bennes'], ['j attends le bus', 'on attend la suite']],
  // 2026.12.5: threats over a trifle, game nights, sport shooting, everyday deals, relayed and single-quoted words
  ['figurative', ['QUI a fini les cereales', 't as pris ma robe verte ?', 'who ate my chips', 'wheres my north face'], ['je vais te tuer ce soir', 'i know where you live']],
  ['gaming', ['ce soir FC 25 je vous demonte', 'c etait la manette', 'grenades de peinture au terrain'], ['on se voit au bar']],
  ['sport', ['licencie depuis 8 mois au club de tir', 'la prefecture met 2 mois', 'range day saturday, bring your firearms licence'], ['on passe chez toi']],
  ['household', ['la coloc est a 550 par mois tout inclus', 'on signera le bail avec le proprio', 'set de 5 couteaux de cuisine', 'the landlord wants a deposit'], ['sugar arrangement 300 per meet', 'glock 19 clean']],
  ['reported', ["Lucas a dit a un camarade 'je vais te tuer ce soir' dans la cour", "the one wi 'catch him slippin, leave him leakin'", 'he told a classmate he would bring it'],
    ["sent it: 'cant wait to meet u come alone im shy'", "j'ai vu qu'il l'a pris", "c'est l'heure d'aller au lit"]],
  // 2026.12.5: routines named back in any register, outcomes of violence, described cars and houses
  ['whereabouts', ['ye finish at 3 on the velvet door', 'you lock the gate at 1', 'kyle closes alone on tuesdays at 10', 'vous sortez du cabinet tous les soirs vers 19h', 'tu prends toujours le bus de 7h12'],
    ['tu prends le bus ou le metro ?', 'i take the train to work']],
  ['harm', ['this friday yer gettin done', 'hes gonna need dental work after', 'tu vas avoir du monde a enterrer', 'toi tu vas marcher en bequilles'], ['the job is getting done', 'jai un rdv chez le dentiste']],
  ['threat_anchor', ['white hilux right', 'le bungalow blanc avec le ram'], ['a white wine please', 'le vin blanc']],
  ['menace', ["je n'ai plus rien a perdre", "they'll come once"], ['on a rien perdu', 'come once more']],
  // 2026.12.5: weapons by make, in patois and pidgin, rented out; prohibited sprays; plain illegality; sums by the week
  ['weapon_item', ['the M&P 40', 'I get local pistol, Awka make', 'mi have one ting fi rent', 'stun torches 60, PAVA sprays 25', 'the pump action plus 20 cartridges'],
    ['razor blade refills', 'printer ink cartridges 20', 'on loue un velo']],
  ['illegal', ['no paper no wahala', 'he cant pass the check', 'no bill of sale', 'if it come back wid a body price double'], ['paper towels', 'no id needed for the gym']],
  ['amount', ['300 la semaine', '800 il veut', '30 grand fi di weekend'], ['3 la semaine prochaine', 'il veut venir']],
  // Elisions typed with and without the apostrophe (the normaliser turns "qu'elle" into "que elle", "l'" into "le")
  ['harm', ["ce serait triste qu'elle se fasse mal", 'ce serait triste qu elle se fasse mal'], ['elle se fait un the']],
  ['waiting', ["je l'attends devant", 'je l attends devant'], ["je l'ai vu devant"]],
  ['reporting', ["c'est pour l'exposé d'EMC", 'c pour l expose de svt'], ['je t expose mon plan']],
  // 2026.12.6: the others' alarm; a weapon by where it is kept or that it will be brought; sleeping pills by their use;
  // into a drink by any verb; a victim unaware; violence by its outcome (not making it to a day); someone else's home named
  ['alarm', ["t'es malade ou quoi", 'c est pas drole, supprime ca', 'dont say things like that', 'thats not funny', 'please talk to someone', "c'est une agression sexuelle"],
    ["t'es malade mdr", 'not funny lol', 'je suis malade depuis hier', 'thats funny']],
  ['weapon_access', ['my step dads AR is in his truck on sundays', "le fusil est dans l'armoire du garage", 'got the pistol, im bringing it'],
    ['le fusil de chasse est au club de tir', 'my dad keeps the hunting rifle in the cabinet']],
  ['sedative', ['les cachets pour dormir de ma mere', 'tu as encore ceux pour dormir', 'something that knocks her out'], ['je prends un cachet pour la tete', 'pills for my back']],
  ['spike', ["t'en ecrases quelques uns dans son whisky", 'un peu dans la gourde de chacune'], ['ecrase les biscuits dans le bol', 'un peu de citron dans son the']],
  ['want_out', ["elles se rappelleront pas qui a fait quoi", "il se reveillera pas avant midi", "she won't be in a state to argue", 'si a dort assez dur'], ['je me rappelle pas', 'i sleep through the alarm sometimes']],
  ['harm', ['he aint makin it to the weekend', 'he is not making it to monday'], ['we are making it to the weekend', 'not making it to the party sorry lol']],
  // Round 17 (rules17b): what the target will no longer do or how he will leave, said as intent; not news of an injury or a broken thing.
  ['harm', ['il rejouera plus jamais de sa vie', 'tu marcheras plus jamais droit', 'il repartira pas sur ses jambes', 'he\'ll no ref again', 'him nah walk out a deh', 'or yuh son come home inna bag'],
    ['les medecins disent qu il rejouera plus jamais apres sa blessure', 'cette tondeuse elle marchera plus jamais', 'that teacher is retiring, he won\'t be teaching anyone anything after june', 'my phone will never work again']],
  ['weapon', ['bring the hurl', 'bring the bar from the van', 'on arrive avec les poings et la barre'], ['meet you at the bar', 'une barre de cereales']],
  ['whereabouts', ['i know where quez stay', 'je sais ou il habite'], ['i know where the key is']],
  ['legal_trade', ['la sqdc a encore monte ses prix', 'licensed dispensary, we check your id', 'fleurs CBD sous 0,3% de THC', 'possession is a misdemeanor again'], ["c'est pas legal ton truc", 'le gars du quartier']],
  ['household', ['un santoku en acier carbone', 'le commis laisse trainer son couteau dans la plonge'], ['un couteau dans la poche']],
  ['drug_item', ['u still got blues', 'ye do the blue vallies', 'a bag of ching and a few yokes', 'il me faut du vert'], ['the sky is blue', 'le feu est vert']],
  ['weapon_item', ['a wee revolver, comes wi six', 'blank gun made into a real one, 1200 with 20 rounds', 'un 40 qui est rentre'], ['round of drinks on me', 'on a 40 minutes']],
  ['perceived_threat', ['how do you know that', 'are you following me??', 'why are u watching my wife'], ['how do you know him']],
  ['harm', ['im gonna rearrange that pretty face'], ['rearrange the furniture']],
  ['menace', ['la police elle sera pas dans ton escalier', 'or u find out what happens'], ['la police est passee']],
  ['waiting', ['on se reverra', "next time i'll say it in person"], ['on se voit demain']],
  ['drink_push', ['je lui commande des doubles sans lui dire', 'on va la charger'], ['je commande des doubles pour tout le monde']],
  ['sedative', ['un verre de ma speciale', 'un petit truc a moi'], ['la speciale du chef est une pizza']],
  ['want_out', ['tu sentiras rien', 'tu te reveilleras chez moi'], ['je sens rien']],
  // 2026.12.6: violence by hint; settling a score is not a rule of the room; covert drugging; crushed pills; doubles rung as singles
  ['veiled', ["I'll have something for him and everybody who laughed", "j'ai ce qu'il faut dans le coffre", 'then keep them safe', "dis lui qu'on l'a vue"], ['i have something for you, happy birthday!!', "j'ai ce qu'il faut pour la raclette"]],
  ['moderation', ['rappel des regles du serveur', 'regle n 2 : pas de pub'], ['on regle ca a 17h', 'je lui regle son compte']],
  ['perceived_threat', ["comment t'as eu mon adresse", 'laisse la petite en dehors de ca'], ['comment tu as eu ton permis']],
  ['alarm', ['tu vas tirer sur ton cousin ?', 'fabien arrete tu me fais peur la'], ['tu vas tirer au but ?']],
  ['spike', ["un truc pour faire dormir quelqu'un sans qu'il capte", 'she wont taste it in a paloma', 'few shots of the good stuff in yer drink'], ['un cadeau sans qu elle le voie venir', 'a lime in your drink']],
  ['sedative', ["I've got the pink ones crushed in a paper", 'the good stuff in her glass'], ['crushed ice please']],
  ['drink_push', ['pour her doubles and ring em as singles', 'once shes sloppy we go'], ['doubles tennis tomorrow']],
  ['want_out', ['ye ll no be saying no', '20 minutes and she s a rag doll'], ['she will say no']],
  ['whereabouts', ['yer wee lassie walks tae school along the canal path'], ['i walk to school with my mates']],
  ['perceived_threat', ['leave my ma out of it', 'Are you threatening my daughter??', 'Je prends ça comme une menace.'], ['leave my bag here']],
  ['harm', ["ye'll be leaving in a box, not with a passport"], ['the parcel is in a box']],
  ['veiled', ['je viendrai avec de quoi vous faire comprendre', 'its a lonely path'], ['je viendrai avec de quoi manger']],
  ['spike', ["one in a vodka and coke she'd never taste it", 'what can u put in a drink so a girl is out'], ['what can you put in a cocktail for a party']],
  // Round 5: ambush set-ups by meaning.
  ['summon', ['dis lui de venir au garage vers minuit', "tu l'as fait venir où ?", 'il viendra seul avec les billets', 'tell him to come round the back after 10', "he'll come running"],
    ['je viens seule ce soir', 'tell me when you come']],
  ['outnumber', ['mes cousins l’attendent derrière le gymnase', 'on sera 5 à l’attendre', "we're waiting by the bins", "there'll be four of us"],
    ['on sera 7 au resto', 'waiting for the bus']],
  ['lure', ['il pense qu’il va voir une fille de 19 ans', 'pour qu’il croie que le vélo existe', 'anyone bit yet?', 'she thinks she is meeting a model scout', 'the scooter we dont have lol'],
    ['il pense que tu as raison', 'i think she is right']],
  ['robbery', ['on lui prend les clés et la moto', 'quand il sort les billets on part avec', 'we grab his wallet and keys and go', 'vous le sortez de la voiture'],
    ['on prend le bus', 'grab your keys we are late']],
  ['harm', ['on le met à terre direct'], ['on met la table']],
  ['secluded', ["le hall où la lumière marche pas", 'round the back of the shops, no cams'], ['turn the lights on please']],
  // Round 5: violence by meaning.
  ['weapon_access', ['ramenez les barres de fer samedi', 'you bring the blade, i drive'], ['ramène ta batte pour le match de baseball', 'bring the knife for the cake']],
  ['harm', ['on le laisse pas repartir debout, on le laisse plus marcher', 'we give him a proper beating', "he won't walk out of there"], ['on le laisse marcher seul', 'give him a proper welcome']],
  ['menace', ["il va payer pour ce qu'il a dit", "she'll pay for what she wrote"], ['il va payer le resto', 'he will pay for dinner']],
  // Round 5: drugging by meaning.
  ['drink_push', ['keep topping up her glass, she wont notice', 'continue à lui remplir son verre'], ['can you top up the printer', 'remplir le formulaire']],
  ['want_out', ["she won't be able to say no by midnight", 'elle pourra plus rien dire'], ['she will be able to say no', 'il pourra dire ce qu il veut']],
  // 2026.12.9-2: sales told by their logistics; paid sex told as paid time
  ['goods_code', ['de la neige comme la derniere fois', 'white and brown, same as last time', 'an ounce of the good stuff', 'u got food?', '100g de jaune'],
    ['200 g de chocolat blanc et noir, du bon beurre', 'white and dark chocolate for the cake', 'hit me on tiktok']],
  ['deal_talk', ['t as besoin de quoi', 'going country this weekend, u hold the line phone', 'mon fournisseur passe jeudi', 'how many u want'],
    ['le drive du mcdo', 'answer the line at the call centre', 'tu as besoin de quoi pour le gateau ?']],
  ['paid_time', ['200 pour une heure', '300 euro, one night', 'tu en fais 3, 150 chacun', '500 for an evening', '200$ chaque fois'],
    ['collecting for the gift, 20 each', 'billets 40 euros chacun', 'parking 15 euros pour une heure']],
  ['private_place', ['une soiree chez moi', 'at my place', 'dans ma suite'], ['chez toi ou chez lui', 'the meeting place']],
  ['discreet', ['personne le saura', 'no one finds out', 'ca reste entre nous'], ['tout le monde le saura', 'everyone knows']],
  ['sw_frame', ['you keep 60 percent', 'we take 40', 'send it all to my cashapp', 'quota is 6', 'whatever they want'], ['we take the train', 'send it to me']],
  // 2026.12.10-2: the trade's staff and hardware told without names
  ['pay_rate', ['80 par jour', '150 a day', '100 a run', '200 par semaine en liquide'], ['2 fois par jour', 'take 2 a day', 'open 7 days a week']],
  ['police_dodge', ['si tu vois les bleus tu cries', 'if the feds stop you', 'what if i get stopped', 'voiture banalisee tu cries'], ['si tu vois un voleur tu appelles la police', 'what if the police stop me? show them your id', 'la police a saisi']],
  ['cover_story', ['tu dis que tu traines avec tes potes', 'tell ur mum ur staying at ur cousin s', 'mieux vous savez pas', 'say nothing, no comment'], ['dis moi ce que tu penses', 'tell me about your day']],
  ['weapon_item', ['12 bore, barrel s been done', 'carcasses imprimees en 3d', '3 blickys left', 'a ghost gun from a parts kit'], ['la pompe du velo', 'print the 3 documents']],
  ['illegal', ['sawn off', 'pas de numero de serie', 'no numbers on em'], ['numero de serie sur la facture', 'the serial is on the box']],
  // round 7: threats said as a plan, a bare price beside a box
  ['grievance', ['le mec qui a frappé mon frère', 'apres ce quil nous a fait', 'that boy who ran his mouth', 'the guy who jumped my cousin', 'he owes us'],
    ['il a frappé à la porte', 'who ate my cereal', 'he is nice']],
  ['go_plan', ['on sera 5 en bas', 'on passe chez lui ce soir', 'we ll be outside at 7', 'we pulling up tonight'],
    ['on passe chez lui pour son anniv', 'we ll be there with the cake', 'je mange']],
  ['their_place', ['en bas de chez lui', 'devant son taf', 'outside his work', 'at his house'], ['chez moi', 'my house']],
  ['your_place', ['ta boutique', 'ton salon de coiffure', 'your salon', 'ur work'], ['ma boutique', 'my work']],
  ['amount', ['box of 25 is 90', '60 la boite'], ['box of chocolates']],
  ['amount', ['je te le prends 700', 'take it for 600'], ['je te le prends demain']],
  ['weapon_item', ['tas toujours le 38', 'u still got the 9'], ['tas toujours le numero', 'you got the 9 o clock bus']],
  ['weapon', ['ramene le schlass', 'bring the ting', 'ramenez les barres de fer'], ['ramene le pain', 'bring the thing']],
  ['outnumber', ['me and 6 of the boys', 'we go 6 deep', 'moi et 5 reufs'], ['me and my mum', 'deep down']],
  ['grievance', ['le voisin qui a appele les flics sur nous', 'he called the cops on us', 'il a insulte ma soeur'], ['il a appele sa mere', 'she called me back']],
  ['harm', ['ce soir on crame sa voiture', 'we torch his car'], ['on lave sa voiture', 'we wash his car']],
  ['refusal', ['je veux plus te parler', 'do not contact me again'], ['je veux te parler']],
  ['blocked', ['tas change de numero', 'thought a new number would stop me'], ['mon numero']],
  // Round 7: drugging by its frame (a means hidden in a drink, a victim who cannot refuse, a motive), ambush by set-up.
  ['spike', ["t'as encore de l'affaire qui goûte rien ?", 'un peu de ça dans son drink', 'tastes like juice, hits like a truck', "she can't even taste it"],
    ['ce gâteau a un goût de rien', 'tastes like juice', 'un peu de sucre dans son café']],
  ['want_out', ["j'veux juste qu'elle dise pu non", 'elle va être toute molle', 'quand elle sera bien partie', "walk her up when she's wobbly", 'once she gets loopy'],
    ['elle dit non', 'la pâte est molle', "she's wobbly on her new skates"]],
  ['drink_push', ['make sure the freshman gets a cup early', "fais en sorte qu'elle boive son verre", 'donne lui le rouge', 'the red one for the girls'],
    ['make sure you get a cup', 'le rouge te va bien']],
  ['reluctant', ['elle fait sa difficile', 'elle me calcule même pas', "she's playing hard to get", 'she keeps turning me down'],
    ['il fait sa difficile sur la bouffe', 'she turned the music down']],
  ['isolate', ['je la monte dans ma chambre', "walk her up to the 3rd floor, nobody goes up there", 'get her alone', "j'ai un rencard samedi avec la meuf du taf", 'got a date friday with that girl from the gym'],
    ['je monte dans ma chambre', 'walk up to the 3rd floor', 'i have a date friday']],
  ['sedative', ['where can i get something that makes someone sleepy'], ['something that makes me sleepy']],
  ['lure', ["je lui ai écrit en tant qu'acheteur", 'je fais semblant de compter le cash', "thinks im feeling him", 'we dont even have a polo', "on l'a même pas"],
    ['je fais semblant de dormir', 'on a pas de pain', "we don't have class"]],
  ['summon', ["qu'il vienne dans le stationnement", 'i send him the pin', "say come up the back stairs", 'tu l invites samedi'],
    ['je vienne demain', 'send me the pin']],
  ['outnumber', ["toi t'attends dans la cage d'escalier", "we'll be on the 3rd floor landing", 'toi pis Kev vous sortez de l’escalier'],
    ["je t'attends au centre du ring", 'on est 5 avec ines', 'there are 4 of us for dinner']],
  ['robbery', ['we take everything, car keys too', 'whoever come w the cash, we run it', 'on le fait retirer', "qu'on le coince dans l'escalier"],
    ['je prends la carte de ma soeur', 'we take turns']],
  ['secluded', ["y'a pas de lumières là", "l'immeuble vide derrière", 'the open ground, no houses there'], ['il y a des lumières partout']],
  // 2026.12.10-1: a planned attack told through its logistics (covert-plan)
  ['op_cover', ['masks on, we swap plates', 'gloves n new sims for everyone', 'toi tu fais le chouf', 'pas de tel sur nous samedi', 'on met les cagoules'],
    ['masking tape', 'i drive to work', 'mon tel est mort']],
  ['hidden_means', ["who's holding the thing", "got my dad's truck and what's under his seat", "Junior amene l'affaire", "j'vais chercher la batte"],
    ['the thing is i forgot', "l'affaire classée", 'the big one']],
  ['doom', ["he ain't walking home friday", "il va comprendre ce soir", 'y reviendra pu jamais', 'she will talk to me one way or another'],
    ['he is walking home friday', 'il a compris la lecon de maths']],
  ['routine', ['goes chicken shop every friday after 9', 'il sort a 17h30 le mardi', 'he close at 11', 'y finit a 18h le samedi'],
    ['i close at 11', 'je sors a 17h30', 'the shop closes soon']],
  ['grievance', ['il doit toujours 800', 'that yute who ran up on lil D', 'the store man called 12 on lil Ju', "qui m'a fait virer"],
    ['il doit venir a 8h', 'i ran up the stairs']],
  ['weapon_access', ["my uncle's .22 is in the shed"], ["my uncle's 22nd birthday"]],
  // round 9 (2026.12.11-d): couriers, edibles, the police by other names, defence weapons
  ['blind_cargo', ['dont ask. the phone goes with u', 'never open them', 'tu ouvres jamais le sac', 'pose pas de questions'],
    ['dont ask me why lol', 'open the box on your birthday', 'ouvre la fenetre']],
  ['stash_hide', ['keep them in ur sock', 'bag under the spare wheel', 'keep the bag in the glovebox', 'tu les caches dans ta chaussette', 'dans une boite de biscuits normaux'],
    ['my sock has a hole', 'the spare wheel is flat', 'les biscuits sont dans la boite']],
  ['pay_rate', ['60 la soiree', 'my cut?', '1.5k at the end', '400 a trip, cash'], ['la soiree etait top', 'cut the onions', 'at the end of the day']],
  ['police_dodge', ['if the peelers stop u', 'and if im stopped', 'we sort the solicitor'], ['the peelers are rubbish at football', 'if im stopped at the border i show my passport']],
  ['drug_item', ['ceux qui te font decoller', 'space cake 10 balles', 'that half you sold me', 'le quart que je t ai avance'], ['l avion va decoller', 'she sold me a half price ticket', 'a quarter past nine']],
  ['amount', ['400 piasses', 'want my 120 back'], ['i want my life back', '400 personnes']],
  ['goods_code', ['pink ones or the blue ones', '20 pinks then'], ['the pink ones or the blue shoes', 'les roses du jardin']],
  ['drug_qty', ['last batch was strong so half one to start', 'en mange pas plus d un d un coup'], ['half time score', 'the last batch of cookies was burnt']],
  ['illegal', ['pas besoin de carte d identite', 'on le declare perdu a l inventaire', 'no id needed, cash only'], ['pas besoin de sucre', 'ma carte d identite est perdue', 'id needed at the door']],
  ['weapon_item', ['baton 3 millions de volts', 'la bombe poivre 20', 'tu voulais un truc pour te defendre', 'short one, locally made but strong'],
    ['un cours pour te defendre', 'locally made cheese', 'bear spray for the hike in bear country']],
  ['school_time', ['second break by the canteen'], ['a second break in the bone']],
  // Round 9 (2026.12.11-f): a count of pills into her drink, said without a verb (the count is the dose).
  ['spike', ['deux-trois dans sa bière pis a dormira', 'trois dans son verre et c est reglé'], ['deux glaçons dans son verre', 'trois amis dans sa voiture']],
  // Round 12 (2026.12.12-1): his end said as a fact without a harm verb, guns sold off the register, ammunition by everyday words,
  // and gloves alone are no longer boxing (a plan's cover wears gloves too).
  ['doom', ['il redescendra pas vivant de la montagne', "she won't make it to the car", 'they dont make it home tonight', 'he leaves on a stretcher', 'accidents happen on that road'],
    ['il redescend a 18h', "i won't make it to the party, sorry", 'the bus wont make it on time', 'ca arrive a tout le monde']],
  ['illegal', ['jamais passe en prefecture', "never been on any register", 'nothing on paper anywhere', "i cant fill out the paper at the gun shop"],
    ['je passe a la prefecture demain', 'fill out the paperwork at the front desk', 'the cash register is broken']],
  ['weapon_item', ['une boite de pruneaux avec', 'a box of the little brass ones', 'les deux tirent encore nickel', 'both go bang'],
    ['une boite de chocolats', 'des pruneaux pour le dessert', 'the little ones go to bed']],
  ['weapon_item', ['got a toolie for sale', 'une petoire de grand pere'], ['on va au cine avec nina et adam', 'a toolbox for sale']],
  ['sport', ['sparring ce soir, ramene tes gants de boxe', 'boxing gloves and a gumshield'], ['gloves, masks and no phones', 'des gants et des cagoules']],
  // Round 13: the injury promised to the addressee.
  ['harm', ['ull need an ambulance', "you're gonna need stitches after saturday", 'yall need a doctor when we are done'],
    ['she might need an ambulance', 'do you need an ambulance?', 'call an ambulance now', 'i need a doctor']],
  // Round 13: the threat's object beaten in a competition; "after the match" or « à la sortie du stade » is a time or a place, not the contest.
  ['contest', ['we ll murder u in the cup mate', 'im gonna destroy you on the pitch sunday', 'gonna end ur team in the next round', 'ill batter u at fifa',
    'on va vous defoncer en finale', 'je vais te detruire en ranked ce soir', 'on vous ecrase au prochain match', 'jvais te tuer a la prochaine partie',
    "i'll batter u 5-0", 'jte defonce 4-0 ce soir', 'on va les defoncer au beer pong cette annee', 'gonna murder you at the pub quiz'],
  ['after the match ill wait for you at the car park with the lads', 'ill kill you after the game', 'on t attend a la sortie du stade', 'je vais te tuer apres le match',
    'the final is on saturday', 'on a perdu la finale', 'je vais te tuer a 18 30', 'ill kill you at 10 30 tonight']],
  // Round 15 (review): a danger that is not a person "will kill you" is a figure of speech (its own cue, this message only); a
  // person, a weapon, "I"/"we" or "when I" is not.
  ['hazard', ['ce couloir va te tuer mon grand', 'arrete la clope ca va te tuer', 'cette chaleur va nous tuer', 'that gully will kill you today',
    'this heat is gonna kill ya', 'that job is going to kill you'],
  ['ce mec va te tuer', 'je vais te tuer', 'ce flingue va te tuer', 'this guy will kill you', 'my gun will kill you',
    'apres le taf on va te buter', 'on the road we will kill you tonight', "that couloir is where we'll kill you",
    'la descente va te tuer quand je te pousserai', 'the river will kill you when i throw you in it', 'the cold will kill you before i do',
    "the storm could kill us all lol. anyway i'm going to shoot you at school tomorrow"]],
  ['figurative', [], ['apres le taf on va te buter', 'on the road we will kill you tonight', 'la piste noire va te tuer', 'ur bike is gonna kill u one day']],
  // Round 15 (review): neighbours organising their safety: read by the covert-plan finding only, never a warning that damps;
  // never beside a target, a blow or a weapon.
  ['group_walk', ["let's do a group walk from the tram stop at 11pm", 'on peut rentrer en groupe depuis l arret de bus', 'walking buddies from the station'],
    ["i've logged it with the council", 'meet me at the tram stop at 11pm', 'we do a group walk from the station behind him and jump him',
      'neighborhood watch my ass. he lives at 14 elm st', 'group walk from the bus stop at 6, we all go together to his house']],
  ['warning', [], ['we walk together from the station behind him, 4 of us', 'vendredi on rentre en groupe derriere lui depuis la gare',
    'on va rentrer a plusieurs chez lui cette nuit', "walk in pairs tonight, you take his left, i take his right", "let's do a group walk from the tram stop at 11pm"]],
  // Round 15: weapons under the counter, stun guns by their voltage; a hunting gun by its paperwork.
  ['illegal', ['shocker 60, sans facture', 'illegal here so keep it hush'], ['facture envoyee par mail', 'is it illegal here?']],
  ['weapon_item', ['looks like a phone, 50k volts', 'gazeuse gros calibre 40'], ['a 12 volts charger', 'une batterie 12 volts pour la moto']],
  ['sport', ["j'ai mon permis de chasser valide", 'hunting rifle with its firearms certificate'], ['je vends mon velo 600',
    "j'ai un pistolet, je te le fais 700, la cession sur le SIA on s'en fout", "side by side shotgun, barrels cut down, 350, the gunsmith doesn't need to know",
    'over under 12 gauge for sale, 500 cash, no licence needed, keep it hush', 'the over under on tonight\'s game is 2.5', 'got the rifle back from the gunsmith today']],
  // Round 15: a shop selling by the gram is the legal market (a CBD forum running down a rival shop).
  ['legal_trade', ["la boutique de l'autre cote du port vend du foin a 8 euros le g", 'the shop by the harbour does it at 10 a gram'], ['amnesia 10 le g, je livre ce soir', 'mon plug fait 10 le g',
    "la boutique d'en face vend a 8 euros le g, moi j'ai de la vraie, 10 le g, livraison ce soir", "the shop near the station, i'm there till 2am, white 60 a gram, text me first"]],
  // Round 15: "the girls" placed at a rate and a cut; not a nanny, a team or lessons by the hour.
  ['pimping', ['je remets les filles dedans ce weekend, 120 l heure, 200 avec nuit, tu me fais 30%', 'the girls are back in the flat, 150 an hour, you keep 30 percent'],
    ['les filles du hand ont reserve le gymnase, 60 l heure', 'la nounou garde les filles, 12 de l heure', 'the girls have dance lessons, the studio is 50 an hour',
      'les filles, 20 pour cent de reduction chez Sephora ce weekend', "les filles, le loyer de l'appart c'est 1200, ta part c'est 400",
      'pour la coloc : chambre dispo, les filles paient 450, je prends 50 pour les charges', "les meufs, la soiree au bar c'est 20 l'heure le karaoke, je prends 3 heures",
      'my girls, 30 percent off at Zara today']],
  // Round 18 (rules18b): control of a paid woman, her debt and papers, a quota per woman, a peer warning among sex workers, massage extras,
  // a cut handed over, a remark on where his eyes will be.
  ['pimping', ['she is free tonight, 250 an hour, she does what i tell her', 'elle a pas son mot a dire, tu me donnes 300 en liquide a moi pas a elle',
    'they hand me 60 every 2 hours, 80 a car date', 'je prends ma part sur chaque, 200 la soiree'],
    ['she does what i tell her at work, 120 a day, i m her manager', 'the girls hand me 5 each for the kitty', 'DJ 300 la soiree, mon agent prend sa part']],
  ['debt', ['she owes 6k for the flight and the room', 'elle doit 5000 pour le voyage', 'tell her i got her passport'],
    ['she owes me 40 for the flight to Lisbon', 'j ai ses papiers pour le renouvellement a la mairie']],
  ['clients_count', ['8 clients each minimum', '10 clients chacune minimum'], ['each rep needs 10 clients each minimum this month', 'au salon 10 clients chacune minimum']],
  ['peer_warning', ['warning: guy calling himself Omar, turns up with a mate', 'added to the private list, report to National Ugly Mugs', 'attention les filles, un client part sans payer, je le mets sur la liste noire'],
    ['incall with a friend in the next room', 'the guest list is private', 'you re on the private list now, how old are you', 'she is on my bad date list, a pill in her drink tonight', 'attention les filles, soldes chez Zara']],
  ['sw_frame', ['50 le massage et 40 en liquide pour le bonus', '160 with the happy finish'], ['60 le massage, 15 pour les pierres chaudes', 'the massage chair bonus is a free cushion']],
  ['body_comment', ['je vais regarder ton derriere', 'ill be watching your arse'], ['je vais regarder ton derriere, t as un bleu', 'ill be watching your back']],
  // Round 18a: drug units, steroids and growth hormone, resale margins, the search avoided, a gun by its carry, a pinch in her glass.
  ['drug_item', ['order a nine bar off him', 'trenbolone 200mg x100', 'stylo hormone de croissance'], ['nine bags of shopping', 'is trenbolone worth the sides', 'dbol got him banned, sad', 'el tren sale a las 8', 'la blanche 6 euros, la blonde 5', 'my son is on growth hormone, the pens are 1400 dh a month']],
  ['drug_qty', ['anavar 10mg x100', '2 plaques de jaune'], ['2 plaques de chocolat', 'fentanyl 50 mcg/h on the pump']],
  ['amount', ['1400 dh', '3500 le kilo', '800 and i throw in a box'], ['le kilo de tomates', 'i throw in a box of chocolates']],
  ['deal_talk', ['on les paye 4 on revend 10', 'sous vide ca sent rien', 'des petits sachets', 'tu tiens le hall du batiment c, tu cries si tu vois les bleus', 'tu tiens le hall de la cite, si tu vois la police tu cries', 'you hold the stairwell and shout if you see the police'], ['sous vide pour la cuisson', 'tu tiens le hall d accueil du salon', 'des sachets de the', 'je fais des petits sachets de lavande', 'little baggies of sweets', 'vous tenez le hall de la tour, si la police arrive vous les accompagnez', 'you hold the stairwell and text if you see the police arrive, they need the lift']],
  ['goods_code', ['la recolte est seche', 'the harvest is dry', '20 g de blanche'], ['la recolte est bonne', 'dry harvest season ends soon', 'notre recolte est seche, les morilles sont magnifiques', 'ma recolte est seche, je fais des sachets de lavande']],
  ['pay_rate', ['50 par tour', '40 a lap'], ['3 tours de piste', 'un tour de manege a 2', 'runners from the van to the stall, 5 a trip']],
  ['police_dodge', ['personne vous fouille', 'security never search staff', 'ils fouillent jamais'], ['la douane ne vous fouille pas a l aeroport', 'personne vous attend', 'les souks ils ouvrent pas avant 10h', 'le badge pour la fouille a l entree']],
  ['weapon_item', ['the kind u carry in ur waist', 'got a ting 7 shot', 'need food for it'], ['carry it in your waist bag', 'a 7 shot tequila night', 'need food for the dog', 'i keep my phone tucked in my waistband when i run', 'got a hamster, need food for it']],
  ['illegal', ['les 2 fusils, personne les a declares ?', 'the guns, nobody registered them'], ['tout est declare', 'nobody knows they exist', 'les heures sup, personne les a declarees', 'les deux chats, personne les a declares a la mairie']],
  ['spike', ['une pointe dans son verre de rose', 'sa bouteille de eau avec 2 ml de g dedans', 'a pinch in her wine'], ['une pointe de citron dans son verre de rose', 'a pinch of salt in her soup']],
  ['want_out', ['une pointe dans son verre et elle est dans le gaz pendant 2h', "slip it in her drink, she'll be out for two hours"], ['elle est dans le gaz ce matin', 'she is gone for the weekend', "she'll be gone for two hours at the spa", "i put honey in her tea, she's out for two hours now", "he'll be out for two hours after his nap bottle", 'une larme dans son cafe sinon il est hs pendant toute la reunion', 'un peu de miel dans sa tisane, elle est hs pendant 3 jours avec la gastro']],
  ['handover', ['800 and i throw in a box dm me'], ['dm me for details']],
  // rules20: an au pair's rematch is no game; a pick handle is no game round
  ['gaming', ['ready for the rematch tonight', 'troisieme manche ce soir'],
    ['i am going to rematch with another family next week', 'apporte le manche de pioche', 'la mission locale m a rappele', 'gta online tonight boys']],
  // rules20 review §1: a game title is its own cue (a frame on its message and the next); bare mission talk is none
  ['game_title', ['vous etes a quelle mission dans gta ?', 'which mission are you on in red dead', 'gta online tonight boys'], ['quelle mission ce soir', 'what mission tonight', 'la mission locale m a rappele']],
  // rules20: a roast in the fridge to carve for the children
  ['cooking', ['y a un poulet roti dans le frigo, tu peux le decouper pour les enfants', 'the ham is in the fridge, carve it for the kids'], ['le couteau est dans le tiroir', 'the knife is in the drawer']],
  // rules20: a friend's suspicion that someone else spiked her; not "we will", not tonight
  ['reported', ['je crois que quelqu un a mis un truc dans son verre', 'i think someone put something in her drink', 'je crois que quelqu un lui a mis un truc'],
    ['je pense qu on a mis un truc dans son verre', 'je pense qu on a mis trop de sel', 'on lui a mis un truc dans son verre mdr', 'i think someone will put something in her drink tonight']],
  // rules20: "the girls from the institute" (a beauty salon) on an after-work is no medical frame
  ['medical', ['rdv a l institut pour le massage', 'l infirmiere passe demain'], ['afterwork jeudi avec les filles de l institut', 'soiree avec les collegues de l institut']],
  // rules21: a stage fight rehearsed, a verse written (a frame); not gun or street slang
  ['stage', ['fight call at 6, the prop knives are the retractable ones', 'combat scenique ce soir, le faux sang est dans sa main', 'wrote my bars for the workshop', 'mon couplet pour l atelier d ecriture'],
    ['bring the piece tonight', 'the track is dead tonight', 'he got stabbed at the scene', 'on va au spectacle samedi']],
  // rules21: members warning of a scam; not a robbery planned under the same words
  ['scam_warning', ['attention arnaque : annonce kot 250 euros', 'ca sent le guet apens a plein nez', 'scam alert: room at 400, wants a deposit'],
    ['attention arnaque lol, on lui donne rdv au parking, on le depouille', 'c est pas une arnaque promis', 'attention arnaque mdr', 's il te dit que ca sent le guet apens dis lui que ta mere est la']],
  // rules21: a converted blank-firing pistol is a weapon and an illegal one; a starter pistol or a film's blank firer is not
  ['weapon_item', ['used to be a blank one, my lad sorted the barrel', 'c etait un a blanc, mon frere a perce le canon'], ['my mind went blank, i converted the file to pdf']],
  ['illegal', ['used to be a blank one, my lad sorted the barrel, works proper', 'un pistolet d alarme modifie, il tire du vrai', 'the kind that go bang, 600, dm only'], ['the starter pistol is a blank one, never converted', 'the kind that go bang, fireworks, 40 a box', 'my blank firer for the gundog training works proper again', 'the kind that goes bang every 20 min, 150 quid']],
  // rules21: prohibited weapons priced as a list
  ['amount', ['zombie knives 60, knuckledusters 25', 'poings americains 25, crans d arret 40'], ['foam zombie knives 12, plastic knuckle dusters 5 for halloween']],
  // rules21: a dose unseen in a glass, a victim who will blame the drink
  ['spike', ['dans une coupe de champagne ca se voit pas', 'in a glass of wine you can t tell'], ['un trait de grenadine dans une coupe de champagne ca se voit pas', 'the lidl one, in a glass of prosecco you can t tell the difference']],
  ['incapacitate', ['demain elle croira qu elle a abuse du champagne', 'tomorrow she ll think she had one too many'], ['elle a abuse du champagne hier', 'i think i had one too many']],
  // rules21: a car park where the target is; not one proposed to meet a buyer
  ['whereabouts', ['your car is parked in the car park behind the pub', 'hes leaving that car park on a stretcher'], ['can meet in the car park behind the pub at 2']],
  // rules21: a classified sale and a discount are no paid arrangement; a rent "instead of" is
  ['sw_frame', ['pour toi 300 au lieu de 550', 'you pay 200 instead of 600', 'i ll pick you up in my car, 200 per meet', 'la chambre 200 au lieu de 500, c est une offre speciale pour toi'], ['selling my bike, 60, can meet saturday', 'vends mon velo 90, rdv dimanche', 'massage 30 min a 40 euros au lieu de 50']],
  // rules21: a back yard is no school playground; a building site is no secluded spot unless deserted or at night
  ['school_time', ['demain dans la cour je le plante'], ['je vais l enterrer dans la cour arriere avec le compost']],
  ['secluded', ['derriere le chantier ce soir', 'au chantier abandonne'], ['quelqu un a ete paye sur le chantier de pessac ?']],
  // rules21b (cue:ward since stop 36): ward talk by its own words, an animal sedated to be treated; not a car's reg, not « c'est quoi ton délire », not a farm
  ['ward', ['the lady in bay 4 pulled her line out twice', 'delirium? low dose midaz in the end', 'faut la endormir pour la soigner', 'we need to knock her out to treat her', 'the mangy wombat is back'],
    ['text me the reg number of your car', 'c est quoi ton delire', 'samedi on mange chez moi', 't as mange ?', 'on l emmene au delirium cafe vendredi', 'une delirium tremens au bar', 'la brebis a mis bas cette nuit', 'knock her out and take her to mine']],
  // rules21b: a victim's own robbery story; not when the revenge is planned
  ['victim_report', ['ils m ont pris l argent et le telephone', 'they took my wallet and my phone', 'je me suis fait depouiller au parking'], ['ils m ont pris 200, ce soir on se venge', 'they robbed me, tonight we get him back', 'il m a pris la main']],
  // rules21b (cue:authorities_told since stop 36): the authorities told, with a do-not-touch; the notice alone is not a warning
  ['authorities_told', ['gendarmerie maritime prevenue, on ne touche pas', 'coastguard has been informed, dont touch them'], ['la police est prevenue pour le hall, on bouge', 'la police est prevenue pour le hall b, touchez pas au stock la bas', 'coastguard has been informed about the other bay, dont touch it there', 'the police have been told about the old spot']],
  // rules21b: drugging told as her state after it, said ahead; not a dog at the groomer's, not a victim's story in the present
  ['incapacitate', ['c est la seule facon qu elle se laisse faire', 'elle sera beaucoup moins farouche', 'demain elles sauront meme pas comment elles sont rentrees', 'she wont fight it'],
    ['le chien se laisse pas faire chez le toiletteur', 'oui, faut qu elle se laisse faire pour la toilette ce soir', 'il se laissera faire le petit ?', 'yeah she ll let me know when they re ready', 'he ll let me have one if i can t sleep', 'elle se souvient de rien a partir de 1h']],
  ['sedative', ['ramene le sirop de ta grand mere, celui pour dormir', 'bring her nans pills, the ones for sleeping'], ['le sirop pour dormir du petit, le medecin a dit une cuillere', 'la voisine m a file le sirop pour dormir de sa fille']],
  ['spike', ['broye fin, ca fond dans le sirop', 'crushed up it dissolves in the punch'], ['le sucre broye fin fond dans le sirop', 'crushed garlic melts into the butter']],
  // rules21b: a harm told by its outcome; not after surgery
  ['harm', ['he ll not be lifting his hands to anyone again', 'i want him not able to use that pretty face for a while', 'il levera plus jamais la main sur personne'], ['after the surgery he won t be lifting his arms again till june', 'with that cast he won t be able to use his hands for a while']],
  // rules21b: a blade in the car; not a fisherman's or a chef's
  ['weapon_access', ['got the old filleting knife in the car', 'j ai la machette dans le coffre'], ['got the filleting knife in the van for the catch', 'got my knife roll in the car, service at 5', 'got my bat in the car, see you at the club', 'got a stanley knife in the van, i ll cut the carpet']],
  // rules21b: a ride home is no blow
  // stop 36 (second review of rules21b, S2, S4): a person's drink, tea or water named as where it goes; a drop with blades or off a bridge
  ['dose_aim', ['put some in her drink with plenty of ice friday', 'slip some in her tea', 'drop a couple in her water bottle', 'quelques gouttes dans son the ce soir'], ['put it in the fridge', 'dans le verre doseur', 'pour it in a glass']],
  ['harm', ['we drop him off the bridge, bring the bars', 'we drop him at his door tonight, bring the blades'], ['ill drop her off at yours by 6', 'ill drop him at his mum s after school']],
  ['harm', ['gonna drop him, he aint walking home', 'we drop him at the car park before he knows what s happening', 'we drop him back of the alley, bring the bars'], ['ill drop him home after training', 'ill drop her off at yours by 6']],
  // stop 36 (review of rules21b, minors): a crowbar or a machete for the brambles in the boot is a tool; a boxing gala's outcome is sport;
  // a sleeping remedy fetched by « je » for someone else is still one (only "for me", "bring me", "i can't sleep" make it one's own)
  ['weapon_access', ['got the old filleting knife in the car'], ['i ve got the crowbar in the boot, i ll come round at 6', 'got the machete in the car, i ll clear the brambles saturday']],
  ['harm', ['apres ce que je vais lui mettre il pourra plus se servir de ses bras'], ['samedi au gala, apres ce que je vais lui mettre il pourra plus se servir de ses bras']],
  ['sedative', ['je ramene le sirop pour dormir de ma tante pour lina'], ['ramene moi le sirop pour dormir, j arrive pas a dormir']],
  // Stop 40 (detT40)
  ['more_images', ["si tu m'envoies pas d'autres photos", 'send me more pics tonight'], ["envoie d'autres photos des vacances", 'send more pics from the trip']],
  ['lasting_harm', ['on lui casse les mains', 'i want him in hospital', "next one who steps on our corner won't go home in one piece"], ['au rugby on lui a cassé le nez', 'we want her in hospital for tests', 'leg day, you wont walk straight for a week']],
  ['arm_offer', ['des bombes au poivre 25 pièce, en stock', 'un 7.65 avec chargeur, 700'], ['une bombe au poivre au magasin de sport, 15 euros', 'réplique airsoft 9mm avec 2 chargeurs, 120']],
  // Stop 44 (det44p, rules/d44p.rules): a drugging plan said in the present, as an imperative, in Québécois, after the dose, as a
  // repeat; never an account's past, a present « elle s'en souvient pas », care, a friend taking her home, « toute seule »
  ['dose_plan', ['trois gouttes dans sa vodka et elle devient toute calme', 'deux gouttes dans son verre quand elle va aux toilettes',
    'une heure après elle tient plus debout', 'mets-y ça dans son verre', 'a va dormir avant minuit', "y s'en rappellera pas",
    'samedi je recommence avec sa cousine', 'few drops in her lemonade and she gets woozy', 'she gets all floppy', 'slip the stuff in her drink',
    'then we take her to my place', 'gonna do it again'],
  ['quelqu\'un a mis des gouttes dans son verre et elle est tombée', "elle s'en souvient pas", 'someone put something in her drink',
    'if she gets sleepy call an ambulance', "i'll take her home", 'je la ramène chez elle', 'elle sera toute seule chez elle ce soir',
    'she got spiked again on saturday', 'un mec lui met un truc dans son verre, 20 min après elle tient plus debout',
    "les médecins disent qu'elle s'en souviendra même pas", 'a va dormir chez nous à soir, on la surveille',
    "someone's putting pills into their drinks at the party tonight", 'she comes home with me tonight so i can watch her',
    'he offers to walk her home', 'he slips it in her wine and she remembers nothing']],
  // Stop 44 (det44t, rules/d44t.rules): a wrong done to the speaker's things or people; not a repair, not gossip about a stranger's couple
  ['grievance', ['le type qui a crevé les pneus de mon scoot', 'the guy who keyed my truck', 'le mec qui trompe ma sœur', 'the guy cheating on Becky', 'he put his hands on my sister'],
    ['le gars qui a réparé ma caisse', 'the guy who fixed my truck', 'il trompe sa femme avec la serveuse', 'he put his hands on the wheel']],
  // ... the target asleep or parked at a spot; not oneself asleep, not a parked car for sale
  ['their_place', ['il dort dans son camion devant le portail', "he's parked at the Flying J, sleeping till 5", 'the foreman is asleep in his van at the lay-by'],
    ['je dors chez ma mère ce soir', 'the car is parked outside, 3000 ono', 'il se gare devant mon taf tous les soirs', "he's parked outside my flat again"]],
  // ... his lasting harm as the outcome; not an injury told after a sport or an operation, not oneself
  ['doom', ['il marchera avec une canne après', 'tu conduis plus jamais de ta vie', "he won't be keying anybody after", 'he will be walking with a cane', "he'll be in a wheelchair the rest of his life"],
    ['il a fait une entorse, il marchera avec une canne pendant 2 semaines', 'my brother broke his ankle at rugby, he will be walking with a cane for a month', 'je conduis plus jamais de ma vie mdr', "she won't be seeing anybody this weekend, she's sick"]],
  // ... a group at the target's place; not a shift, a match or a surprise
  ['outnumber', ['on est trois au quai 6 à ta prise de poste', 'on est cinq devant ta porte à 21h', 'three of us are at the depot at 6', 'me and Rob will be there at 10'],
    ['on est trois au chargement lundi', 'on sera quatre au virage avec les drapeaux', 'three of us are at the surprise party', 'me and Rob will be there at 10 for the birthday', 'samedi on sera trois chez moi pour la clôture', 'three of us are at my place at 10']],
  // ... the victim's valuables asked for; not one's own wallet
  ['cash', ['make sure he brings his card', 'vérifie qu il ramène sa carte bleue', 'he keeps the fuel money in the cab'], ['make sure you bring your card for the deposit', 'il ramène le dessert']],
  // ... plotters' secrecy and a trapped exit; not a door held open, not a phone off at the cinema
  ['op_cover', ["you didn't hear nothing", "i'll keep the CB off", 'tu bloques la porte côté passager', 'a chain for the door'], ['tu peux bloquer la date du 14 ?', 'keep the door open for the delivery', 'je coupe mon tel au ciné', "désolée j'étais pas là hier"]],
  // ... fuel beside a trapped or sleeping target; not fuel for a generator
  ['hidden_means', ['j ai deux bidons de 20 litres. toi tu bloques la porte', 'two gas cans and a chain for the door'], ['deux bidons de 20 litres de gazole pour le groupe électrogène', 'filled two gas cans for the generator']],
  // ... a striking tool brought along; not a tool named for its job without « avec »
  ['weapon', ["i'll be there at 3 with the tire thumper", 'j y serai à 3h avec la barre de fer'], ['the tire thumper is in the door pocket', 'the hammer is in the toolbox', "j'arrive avec le marteau et la perceuse pour les étagères", "i'll be there at 10 with the hammer and the fence posts"]],
  // ... the target's shift start
  ['routine', ['à ta prise de poste à 4h', 'when you clock in at 4'], ['je prends mon poste à 4h', 'i clock in at 4']],
];

for (const [cue, pos, neg] of FAMILIES) {
  test(`cue family ${cue}: FR/EN positives found, hard negatives not`, async () => {
    for (const t of pos) assert.ok((await cues(t)).has(cue), `${cue} expected in ${JSON.stringify(t)} (tokens: ${normalise(t).tokens.join(' ')})`);
    for (const t of neg) assert.ok(!(await cues(t)).has(cue), `${cue} not expected in ${JSON.stringify(t)}`);
  });
}
