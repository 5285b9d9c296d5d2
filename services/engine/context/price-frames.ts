/**
 * What makes an off-scale unit price a shop's (stop 45, det45o): goods dear by that unit named in the priced message or in
 * the few messages before it (« le safran du marché ? » / « 30€ le gramme »), and, for a price by the pill, a pharmacy or a
 * doctor in the priced message (« pharmacie direct, 7 euros la pilule », "25 quid a pill at the chemist"). Read on `fold()`ed
 * texts. Pure.
 */

/** The unit an off-scale price is said for (unit-price.ts): a gram (or a counted weight), a volume, a pill, or a weight with a sum. */
export type PriceUnit = 'gram' | 'volume' | 'pill' | 'weight';

/** Messages before the priced one whose goods frame its price (any speaker: the question names the goods, the answer prices them). */
export const GOODS_SPAN = 3;

/**
 * Goods dear by the gram or a small weight: gold, jewellery, a watch, saffron, truffles, caviar, vanilla, CBD, perfume,
 * spirits, wine, olive oil; a plant's seeds sold by the gram (« graines de tomate »; not « une boîte de graines », ammunition),
 * rare teas, silver 925, a lab's reagent. "ring" as a jewel only (not
 * "ring me"), « parfum » not as « au parfum » (in the know).
 */
const DEAR_GOODS = /\b(?:(?:en|de l'|d'|l'|le cours de l') ?or\b|(?:achat|rachat|achete|vend|vendre|comptoir) or\b|gold|bijou|bijoux|jewel\w*|bague|(?:a|the|my|her|his|ur|your|this|gold|silver|wedding|engagement) ring|alliance|chaine|chain|collier|necklace|bracelet|gourmette|(?:la|une|ma|sa|ta|cette) montre|(?:a|the|my|ur|your|this) watch|rolex|lingot|bullion|platine|platinum|diamant|diamond|carat|argent massif|argent 925|en argent|sterling|silver|safran|saffron|truffe|truffle|caviar|vanille|vanilla|cbd|(?<!au )parfum|perfume|whisky|whiskey|cognac|champagne|rhum|rum|vodka|gin|vin|wine|huile d'olive|olive oil|meteorite|ambre gris|ambergris|graines? (?:de|d') ?[a-z]+|semences? (?:de|d') ?[a-z]+|(?:flower|tomato|vegetable|veg|herb|grass|wildflower|garden) seeds|pu[ -]?erh|oolong|matcha|reactifs?|reagents?)s?\b/;
/** Goods dear by the litre or the gallon: paint, varnish, essential and cosmetic oils, syrups, resins. */
const DEAR_LIQUIDS = /\b(?:peintures?|paints?|vernis|varnish|lasure|stain|laque|lacquer|resine epoxy|epoxy|huiles? essentielles?|essential oils?|argan|jojoba|huile de (?:rose|nigelle|ricin|coco|cbd)|sirop d'erable|maple syrup|miel|honey)\b/;
/**
 * A pharmacy or a doctor, or a medicine named by its generic name: a price by the pill there is a shop's. "Prescription"
 * is not in it: « sans ordonnance » and "no script" are how pills off a pharmacy's shelf are sold too.
 */
const PHARMACY = /\b(?:pharmacies?|pharmacien\w*|parapharmacie|pharmacy|pharmacies|pharmacist|chemist'?s?|drugstore|boots|medecin|docteur|doctor|gp|generique|generic|sildenafil|tadalafil|pilule du lendemain|morning after pill|contracepti\w*|paracetamol|doliprane|ibuprofene?|vermifuge|veto|vet|clinique|clinic|sante sexuelle|sexual health|planning familial)\b/;

/** Goods that are sold by the pill, a capsule or a gummy among the dear ones: CBD only. */
const PILL_GOODS = /\bcbd\b/;
/**
 * A pharmacy named as the spot of a hand-over (« devant la pharmacie à 22h », "outside boots at 3"), not as the seller:
 * a landmark frames no price (review det45o).
 */
const PHARMACY_AS_SPOT = /\b(?:devant|derriere|a cote de|pres de|en face de|en bas de|outside|behind|near|next to|opposite|round the back of|in front of) (?:la |le |l' ?|the |une |a )?(?:pharmacies?|pharmacy|chemist'?s?|boots)\b/;

/** A question about the price (« combien ? », "how much?"): it asks about the goods already named, not other ones. */
const PRICE_ASKED = /\b(?:combien|prix|tarif|how much|price|cost|hm)\b/;

/**
 * `goods`: named in the priced message (as det44d read them); `named_before`: named in one of the messages before it;
 * `pharmacy`: a pharmacy, a doctor or a medicine in the message that prices a pill. The last two are lifted by the trade
 * said in the conversation (off-scale-sale.ts): « la vraie ou que du cbd ? » two messages before a price is a dealer's
 * "not the CBD", and « la pharmacie de mon oncle » beside a drug named is pills off a pharmacy's shelf.
 */
export type PriceFrame = 'goods' | 'named_before' | 'pharmacy';

/**
 * The frame of an off-scale price said for `unit` in `folded` (the priced message), with `earlier` the folded texts of
 * the messages just before it (the last GOODS_SPAN of them are read) and `sameSpeaker[i]` whether `earlier[i]` is the
 * priced message's speaker's (all of them when not given); null when none.
 *
 * Goods named before frame the price only when they are what it is about (review det45o: "a rolex at the jeweller",
 * then "anyway u got cheese?", "60 a gram" is no watch's price): the message the price answers (the one just before,
 * unless the priced message asks a question itself: "sorted the whisky" / "what about the other stuff, 80 a g still?"),
 * or the price speaker's own earlier words with no question from another speaker in between (« on ramène du rhum » /
 * « et t'as du fromage ? » / « 10 le g » moves to other goods).
 */
export function priceFrame(unit: PriceUnit, folded: string, earlier: readonly string[], sameSpeaker?: readonly boolean[]): PriceFrame | null {
  if (dearFor(unit, folded)) return 'goods';
  if (unit === 'pill' && PHARMACY.test(folded) && !PHARMACY_AS_SPOT.test(folded)) return 'pharmacy';
  const last = earlier.length - 1;
  let askedBetween = false;
  for (let i = last; i >= Math.max(0, earlier.length - GOODS_SPAN); i--) {
    const same = sameSpeaker?.[i] ?? true;
    const answered = i === last && (same || !folded.includes('?'));
    if ((answered || (same && !askedBetween)) && dearFor(unit, earlier[i]!)) return 'named_before';
    if (!same && earlier[i]!.includes('?') && !PRICE_ASKED.test(earlier[i]!)) askedBetween = true;
  }
  return null;
}

function dearFor(unit: PriceUnit, t: string): boolean {
  // Gold, saffron or a watch are not sold by the pill: "the gold ones … 10 a pill" is a pill's colour. CBD is (gummies, capsules).
  if (unit === 'pill') return PILL_GOODS.test(t);
  return DEAR_GOODS.test(t) || (unit === 'volume' && DEAR_LIQUIDS.test(t));
}
