/**
 * The one frozen empty list of the engine (issue 14; mend51 folded the separate ones of rounds 49 and 50 into it): what
 * a record's list holds while it has no entry (a new sender's conversation lists, an outcome's reason lines, the
 * targets that are minors when none is), shared by every such record where each had an empty array of its own.
 * Typed read only, so a write into it is a compile error; frozen, so one that slipped past the types throws instead of
 * giving its entry to every record that shares it. Whoever adds to such a list first replaces it with an array of its
 * own (`remembered` in observe.ts); `list === EMPTY_LIST` tells the shared one apart without `Object.isFrozen`.
 */
export const EMPTY_LIST: readonly never[] = Object.freeze([]);
