/**
 * Lookup tables used by `normalise()` (services/engine/normalise.ts). Data only: homoglyphs, emoji
 * meanings, SMS-speak and contraction expansions, digit words, unit suffixes. Keys are in the form
 * the tokeniser sees them: NFKC, lower case, accents stripped.
 */

/** Look-alike characters (after NFKC + lower case) mapped to the Latin letter they imitate. */
export const HOMOGLYPHS: Record<string, string> = {
  // Cyrillic
  'а': 'a', 'в': 'b', 'с': 'c', 'ԁ': 'd', 'е': 'e', 'ё': 'e', 'һ': 'h', 'і': 'i', 'ї': 'i', 'ј': 'j',
  'к': 'k', 'ӏ': 'l', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'ԛ': 'q', 'ѕ': 's', 'т': 't', 'у': 'y',
  'х': 'x', 'ѡ': 'w', 'ԝ': 'w', 'ь': 'b', 'п': 'n', 'г': 'r', 'з': '3', 'ч': '4', 'ө': 'o', 'ү': 'y',
  // Greek
  'α': 'a', 'β': 'b', 'γ': 'y', 'δ': 'd', 'ε': 'e', 'ζ': 'z', 'η': 'n', 'ι': 'i', 'κ': 'k', 'ν': 'v',
  'ο': 'o', 'ρ': 'p', 'σ': 'o', 'ς': 's', 'τ': 't', 'υ': 'u', 'χ': 'x', 'ω': 'w', 'μ': 'u', 'ϲ': 'c',
  // Latin look-alikes and IPA
  'ı': 'i', 'ɩ': 'i', 'ɡ': 'g', 'ɑ': 'a', 'ɐ': 'a', 'ǝ': 'e', 'ɛ': 'e', 'ɔ': 'c', 'ʀ': 'r', 'ʏ': 'y',
  'ᴀ': 'a', 'ʙ': 'b', 'ᴄ': 'c', 'ᴅ': 'd', 'ᴇ': 'e', 'ꜰ': 'f', 'ɢ': 'g', 'ʜ': 'h', 'ɪ': 'i', 'ᴊ': 'j',
  'ᴋ': 'k', 'ʟ': 'l', 'ᴍ': 'm', 'ɴ': 'n', 'ᴏ': 'o', 'ᴘ': 'p', 'ǫ': 'q', 'ꜱ': 's', 'ᴛ': 't', 'ᴜ': 'u',
  'ᴠ': 'v', 'ᴡ': 'w', 'ᴢ': 'z',
};

/** Ligatures and letters without a decomposition, for the accent-stripped form. */
export const STRIP_EXTRA: Record<string, string> = {
  'œ': 'oe', 'æ': 'ae', 'ß': 'ss', 'ø': 'o', 'đ': 'd', 'ł': 'l', 'ð': 'd', 'þ': 'th', 'ŀ': 'l',
  '’': "'", '‘': "'", '`': "'", '´': "'", 'ʼ': "'", '′': "'",
};

/** Emoji that carry meaning in this domain, mapped to a tag. The token emitted is `<emoji:TAG>`. */
export const EMOJI_TAGS: Record<string, string> = {
  '🍃': 'weed', '🌿': 'weed', '🍁': 'weed', '🌱': 'weed', '🥦': 'weed', '🌲': 'weed', '🌳': 'weed', '💨': 'smoke',
  '🚬': 'smoke', '❄': 'cocaine', '⛄': 'cocaine', '☃': 'cocaine', '🧊': 'ice', '💊': 'pills', '💉': 'syringe', '🍄': 'mushroom',
  '🍫': 'hash', '🟫': 'hash', '🍯': 'hash', '🧪': 'chemical',
  '🔫': 'gun', '💣': 'bomb', '🧨': 'bomb', '🔪': 'knife', '🗡': 'knife', '⚔': 'knife', '🪓': 'axe', '💀': 'skull', '☠': 'skull', '⚰': 'coffin', '🩸': 'blood',
  '👻': 'snapchat', '📷': 'photo', '📸': 'photo', '🤳': 'photo', '🎥': 'video', '📹': 'video',
  '🍆': 'sexual', '🍑': 'sexual', '💦': 'sexual', '👅': 'sexual', '🥵': 'sexual', '😈': 'sexual', '🔞': 'sexual', '🍒': 'sexual', '👙': 'swimsuit', '💋': 'kiss', '😘': 'kiss', '😏': 'smirk',
  '💰': 'money', '💵': 'money', '💸': 'money', '💶': 'money', '💷': 'money', '💴': 'money', '🤑': 'money', '💳': 'money', '🪙': 'money', '💲': 'money',
  '🌹': 'rose', '🥀': 'rose',
  '🚗': 'car', '🚙': 'car', '🚘': 'car', '🏎': 'car', '🛵': 'scooter', '📦': 'package', '🚚': 'delivery', '📍': 'location', '🗺': 'location', '🏠': 'home', '🏨': 'hotel', '🛏': 'bed',
  '🤫': 'secret', '🤐': 'secret', '🙊': 'secret', '🔒': 'secret',
  '📞': 'phone', '📱': 'phone', '☎': 'phone', '📲': 'phone',
  '🍺': 'alcohol', '🍻': 'alcohol', '🍷': 'alcohol', '🥃': 'alcohol', '🍸': 'alcohol', '🍹': 'alcohol', '🍾': 'alcohol', '🥂': 'alcohol',
  '😴': 'sleep', '💤': 'sleep', '🥱': 'sleep',
  '🎁': 'gift', '🎮': 'game', '🕹': 'game', '👶': 'baby', '🧒': 'child', '👧': 'child', '👦': 'child', '🎒': 'school', '🏫': 'school',
};

/**
 * SMS-speak, abbreviations and spelling variants (French and English) → canonical words. Applied to
 * whole tokens after squeezing; the value may be several words. Canonical forms are what rule files
 * use (rule phrases go through the same normalisation, so a rule may be written in either form).
 */
export const SMS: Record<string, string> = {
  // French
  asv: 'age sexe ville', c: 'ce est', t: 'tu es', jsp: 'je sais pas', jsais: 'je sais', chai: 'je sais', tkt: 'tu inquiete pas', tqt: 'tu inquiete pas',
  wsh: 'wesh', wesh: 'wesh', slt: 'salut', cc: 'coucou', cv: 'ca va', bcp: 'beaucoup', pk: 'pourquoi', pq: 'pourquoi',
  pkoi: 'pourquoi', pourkoi: 'pourquoi', prq: 'pourquoi', qd: 'quand', qnd: 'quand', kan: 'quand', kand: 'quand',
  stp: 'stp', svp: 'stp', plz: 'please', pls: 'please', plss: 'please', pliz: 'please', plis: 'please',
  rdv: 'rendez vous', rdz: 'rendez vous', dispo: 'disponible', dispos: 'disponible', dispon: 'disponible',
  jai: 'je ai', jsuis: 'je suis', jsui: 'je suis', chui: 'je suis', chuis: 'je suis', jss: 'je suis', jveux: 'je veux',
  jvais: 'je vais', jvai: 'je vais', jte: 'je te', jtm: 'je te aime', jtd: 'je te adore', jme: 'je me', jle: 'je le', jla: 'je la',
  jpeux: 'je peux', jpx: 'je peux', jpense: 'je pense', jcrois: 'je crois', jfais: 'je fais',
  tas: 'tu as', ta: 'ta', tes: 'tes', tinquiete: 'tu inquiete', tinkiet: 'tu inquiete', tkiete: 'tu inquiete',
  cest: 'ce est', sest: 'se est', ces: 'ces', ct: 'ce etait', cetait: 'ce etait', jetais: 'je etais', tetais: 'tu etais',
  ki: 'qui', koi: 'quoi', kwa: 'quoi', quoa: 'quoi', ke: 'que', kel: 'quel', kelle: 'quelle', kom: 'comme', komen: 'comment', cmt: 'comment', cmnt: 'comment',
  ajd: 'aujourd hui', auj: 'aujourd hui', ojd: 'aujourd hui', aujourdhui: 'aujourd hui', dem1: 'demain', '2m1': 'demain', dmain: 'demain',
  mtn: 'maintenant', mnt: 'maintenant', mntn: 'maintenant', tjr: 'toujours', tjrs: 'toujours', tjs: 'toujours',
  vrmt: 'vraiment', vrm: 'vraiment', pr: 'pour', ds: 'dans', dc: 'donc', pcq: 'parce que', pcque: 'parce que', psk: 'parce que', paske: 'parce que',
  qqn: 'quelqu un', qqun: 'quelqu un', quelquun: 'quelqu un', qq: 'quelques', qqch: 'quelque chose', qlq: 'quelque',
  bjr: 'bonjour', bsr: 'bonsoir', bnj: 'bonjour', slu: 'salut', biz: 'bisous', bisou: 'bisous', bzx: 'bisous',
  stv: 'si tu veux', ptet: 'peut etre', ptetre: 'peut etre', ptt: 'peut etre', dac: 'd accord', dacc: 'd accord', dak: 'd accord', daccord: 'd accord',
  oqp: 'occupe', ocp: 'occupe', tt: 'tout', tte: 'toute', tts: 'tous', ns: 'nous', vs: 'vous', msg: 'message', msgs: 'messages',
  telephone: 'telephone', tel: 'telephone', tele: 'telephone', tél: 'telephone', portable: 'telephone', port: 'port', phone: 'phone',
  num: 'numero', numéro: 'numero', nmr: 'numero', nméro: 'numero', numero: 'numero', numeros: 'numero', nums: 'numero',
  photos: 'photo', foto: 'photo', fotos: 'photo', tof: 'photo', tofs: 'photo', toph: 'photo',
  vid: 'video', vids: 'video', videos: 'video', vidéo: 'video',
  ado: 'ado', ados: 'ado', college: 'college', lycee: 'lycee', bahut: 'bahut',
  keuf: 'flic', keufs: 'flic', flics: 'flic', meuf: 'meuf', meufs: 'meuf', mec: 'mec', mecs: 'mec',
  thune: 'argent', thunes: 'argent', tune: 'argent', maille: 'argent', moula: 'argent', oseille: 'argent', blé: 'argent', fric: 'argent', biff: 'argent', sous: 'sous',
  balles: 'euros', boules: 'euros', euro: 'euros', eur: 'euros', eu: 'eu',
  // English
  u: 'you', ya: 'ya', yu: 'you', yoo: 'you', r: 'are', ur: 'your', youre: 'you are', yr: 'your', urs: 'yours', urself: 'yourself',
  rn: 'right now', rnn: 'right now', tmrw: 'tomorrow', tmr: 'tomorrow', tmrow: 'tomorrow', tomoro: 'tomorrow', '2moro': 'tomorrow',
  '2morrow': 'tomorrow', tonite: 'tonight', '2nite': 'tonight', '2night': 'tonight',
  pic: 'photo', pics: 'photo', pik: 'photo', piks: 'photo', pix: 'photo', picture: 'photo', pictures: 'photo', picz: 'photo',
  selfies: 'selfie', nude: 'nudes', nudez: 'nudes', nudz: 'nudes', noodz: 'nudes', noods: 'nudes', nood: 'nudes', nudess: 'nudes', newds: 'nudes',
  bc: 'because', bcuz: 'because', cuz: 'because', coz: 'because', cos: 'because', bcoz: 'because', becuz: 'because',
  wanna: 'want to', gonna: 'going to', gotta: 'got to', lemme: 'let me', gimme: 'give me', tryna: 'trying to', wana: 'want to', finna: 'going to',
  im: 'i am', ima: 'i am going to', imma: 'i am going to', ill: 'ill', ive: 'i have', dont: 'do not', doesnt: 'does not', didnt: 'did not',
  cant: 'can not', cannot: 'can not', wont: 'will not', wouldnt: 'would not', shouldnt: 'should not', isnt: 'is not', arent: 'are not',
  wasnt: 'was not', havent: 'have not', hasnt: 'has not', thats: 'that is', whats: 'what is', wat: 'what', wut: 'what', wht: 'what',
  ppl: 'people', tho: 'though', thx: 'thanks', ty: 'thank you', idk: 'i do not know', ik: 'i know', ofc: 'of course',
  bday: 'birthday', yrs: 'years', yo: 'yo', 'y/o': 'yo', yro: 'yo', yearsold: 'years old',
  gf: 'girlfriend', bf: 'boyfriend', bby: 'baby', babe: 'baby', bb: 'baby', luv: 'love', lov: 'love', luvs: 'love',
  sexy: 'sexy', secks: 'sex', seks: 'sex', sexe: 'sexe', smth: 'something', sth: 'something', sum: 'some', someth: 'something',
  addr: 'address', adress: 'address', addy: 'address', adresse: 'adresse', hmu: 'hit me up', lmk: 'let me know',
  wyd: 'what you doing', hbu: 'how about you', wbu: 'what about you', asl: 'age sex location',
  // Platforms (canonical names)
  snap: 'snapchat', snp: 'snapchat', snapp: 'snapchat', snaps: 'snapchat', snapch: 'snapchat', snapchats: 'snapchat', sc: 'snapchat', snpcht: 'snapchat', snapshat: 'snapchat', snapchat: 'snapchat',
  insta: 'instagram', ig: 'instagram', insto: 'instagram', instgram: 'instagram', instagramm: 'instagram', gram: 'gram',
  wa: 'whatsapp', whatsap: 'whatsapp', whatsapp: 'whatsapp', watsap: 'whatsapp', watsapp: 'whatsapp', wtsp: 'whatsapp', wsp: 'whatsapp',
  whatapp: 'whatsapp', wassap: 'whatsapp', whatsup: 'whatsup', wtsap: 'whatsapp',
  telegram: 'telegram', telegrame: 'telegram', tgram: 'telegram', tlgrm: 'telegram', telegramme: 'telegram',
  discord: 'discord', disc: 'discord', dscrd: 'discord', kik: 'kik', kk: 'kk', tiktok: 'tiktok', tik: 'tiktok',
  fb: 'facebook', messenger: 'messenger', signal: 'signal', skype: 'skype', viber: 'viber', wickr: 'wickr', threema: 'threema', session: 'session',
  dm: 'dm', dms: 'dm', pm: 'dm', mp: 'dm', pv: 'dm', privé: 'prive', inbox: 'dm',
};

/** Unit or ordinal suffixes glued to a number ("15ans", "10g", "4eme", "50e"): number and unit become two tokens. */
export const NUMBER_SUFFIXES: Record<string, string> = {
  ans: 'ans', an: 'ans', a: 'ans', yo: 'yo', yrs: 'years', y: 'yo', yr: 'years', yrsold: 'yo', yearsold: 'yo',
  eme: 'eme', em: 'eme', ieme: 'eme', e: 'e', er: 'er', ere: 'ere', re: 'ere', nd: 'nd', nde: 'nde', st: 'st', rd: 'rd', th: 'th',
  g: 'g', gr: 'g', grs: 'g', gramme: 'g', grammes: 'g', kg: 'kg', kilo: 'kg', kilos: 'kg', mg: 'mg', ml: 'ml', cl: 'cl', l: 'l', oz: 'oz', lb: 'lb',
  mm: 'mm', cm: 'cm', m: 'm', km: 'km', h: 'h', hr: 'h', hrs: 'h', min: 'min', mn: 'min', mins: 'min', s: 's', sec: 'sec', j: 'j', am: 'am', pm: 'pm',
  k: 'k', eur: 'euros', euro: 'euros', euros: 'euros', balles: 'euros', usd: 'dollars', dollars: 'dollars', bucks: 'dollars', x: 'x', f: 'f', p: 'p', cal: 'cal', mags: 'mags',
};

/** Leetspeak digits and symbols → letters, applied only inside otherwise alphabetic words. */
export const LEET: Record<string, string> = {
  '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g', '@': 'a', '$': 's', '!': 'i', '|': 'l', '€': 'e',
};

/** Digit words (French and English) used to spell phone numbers; value = digits. */
export const DIGIT_WORDS: Record<string, string> = {
  zero: '0', un: '1', une: '1', deux: '2', trois: '3', quatre: '4', cinq: '5', six: '6', sept: '7', huit: '8', neuf: '9',
  one: '1', two: '2', three: '3', four: '4', five: '5', seven: '7', eight: '8', nine: '9', oh: '0',
  dix: '10', onze: '11', douze: '12', treize: '13', quatorze: '14', quinze: '15', seize: '16',
  vingt: '20', trente: '30', quarante: '40', cinquante: '50', soixante: '60',
  ten: '10', eleven: '11', twelve: '12', thirteen: '13', fourteen: '14', fifteen: '15', sixteen: '16', seventeen: '17', eighteen: '18', nineteen: '19',
  twenty: '20', thirty: '30', forty: '40', fifty: '50', sixty: '60', seventy: '70', eighty: '80', ninety: '90',
};

/** Words that, right before a number, make it an age ("j'ai 14", "i am 15", "age 13"). Two-word keys joined by a space. */
export const AGE_BEFORE = new Set([
  'je ai',
  'i am',
  'age',
  'aged',
  'agee',
  'agé',
  'asv',
  'sexe ville',
  'sex location',
  'tu as',
  'you are',
  'il a',
  'elle a',
  'he is',
  'she is',
  'only',
  'seulement',
  'just',
  'turning',
  'turned',
  'bientot'
]);
/** Words that, right after a number, make it an age. */
export const AGE_AFTER = new Set(['ans', 'yo', 'years', 'year', 'yrs', 'ys']);
