/**
 * A job held over someone (round 7): the speaker ties a contract, a post, shifts, overtime or a career to what he asks
 * (« réfléchis bien à ton CDI », "saturdays go to somebody friendlier", « il faut être gentille avec le patron », "think
 * about your contract"). Read by derive.ts unwelcome together with a remark of a sexual kind or a private meeting and the
 * target's refusal: quid pro quo harassment. Input is `fold()`ed text.
 */
const WORK_WORD = /contrat|contract|cdi|cdd|poste|carriere|career|avenir|promo|augmentation|raise|overtime|shift|heures sup|stage|internship|probation|periode d'?essai|patron|boss|friendlier|plus gentille|be nice to|filles a|girls who/;
/** The job, contract or shifts, in the second person. */
const JOB = /\b(?:ton|ta|tes|votre|vos|ur|your|that|the) (?:contrat|cdi|cdd|poste|carriere|avenir|promotion|promo|augmentation|stage|periode d'?essai|contract|job|position|raise|review|shifts?|overtime|hours|career|internship|probation|heures sup)\b/;
/** Held over her: "think hard about", « réfléchis bien à », "help me out with", "depends on". */
const PRESSURE = /\b(?:reflechi(?:s|ssez) bien|pense(?:z)? bien a|think (?:hard |carefully )?about|depends? on|depend de|could help me out|help me out with|si (?:tu veux|vous voulez) (?:garder|rester)|if you want to keep|pour rester)\b/;
/** Said outright: the shifts go to someone friendlier, be nice to the boss, fifty girls want her post. */
const OUTRIGHT = /\b(?:(?:go|goes|will go) to (?:somebody|someone) (?:friendlier|nicer)|(?:somebody|someone) friendlier|il faut etre gentille?|etre gentille? avec (?:le|ton|votre) (?:patron|chef|boss|directeur)|be nice to (?:the|your|ur) boss|(?:cinquante|des dizaines de|plein de) filles (?:qui attendent|a)|(?:fifty|plenty of|lots of) girls (?:who|would|waiting))\b/;

/** True when the message holds the addressee's job, contract or shifts over them. */
export function holdsJobOver(folded: string): boolean {
  return WORK_WORD.test(folded) && (OUTRIGHT.test(folded) || (JOB.test(folded) && PRESSURE.test(folded)));
}
