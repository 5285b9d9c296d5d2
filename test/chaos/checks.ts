/**
 * The end-of-run checks of the chaos run, as pure functions of what was read back (topics through kcat,
 * the store through the audit store's own reads and chain verification).
 */
export interface Check { name: string; ok: boolean; detail: string }

export interface Observed {
  /** Message ids sent (the generated traffic, poison excluded). */
  sentIds: string[];
  /** Poison values injected. */
  poisonValues: Buffer[];
  /** Input topic read back: message ids of decodable records, and how many poison values came back. */
  inputIds: string[];
  inputPoison: number;
  verdictIds: string[];
  auditTopicIds: string[];
  /** message_id of every audit_rows row. */
  auditRowIds: string[];
  /** originalValue of every DeadLetter on the DLQ topic. */
  dlqValues: Buffer[];
  chain: { ok: boolean; rows: number; detail: string };
  /** Latest blocklist topic value per user (tombstones removed) and the store's current enforcement, both as "user action until". */
  blocklistTopic: string[];
  storeEnforcement: string[];
  /** Enforcement states the sink has not published yet. */
  blocklistPending: number;
}

function counts(ids: Iterable<string>): Map<string, number> {
  const m = new Map<string, number>();
  for (const id of ids) m.set(id, (m.get(id) ?? 0) + 1);
  return m;
}

/** Every id of `expected` exactly once in `got`, and nothing else; a short description of the first differences. */
export function exactlyOnce(expected: string[], got: string[]): { ok: boolean; missing: number; duplicated: number; unexpected: number; sample: string[] } {
  const exp = new Set(expected);
  const c = counts(got);
  const missing = [...exp].filter((id) => !c.has(id));
  const duplicated = [...c].filter(([, n]) => n > 1).map(([id, n]) => `${id}x${n}`);
  const unexpected = [...c.keys()].filter((id) => !exp.has(id));
  return { ok: !missing.length && !duplicated.length && !unexpected.length && exp.size === expected.length,
    missing: missing.length, duplicated: duplicated.length, unexpected: unexpected.length,
    sample: [...missing.slice(0, 3).map((m) => `missing ${m}`), ...duplicated.slice(0, 3).map((d) => `dup ${d}`), ...unexpected.slice(0, 3).map((u) => `unexpected ${u}`)] };
}

function idCheck(name: string, expected: string[], got: string[]): Check {
  const r = exactlyOnce(expected, got);
  return { name, ok: r.ok, detail: `${got.length} of ${expected.length}; missing ${r.missing}, duplicated ${r.duplicated}, unexpected ${r.unexpected}${r.sample.length ? ` (${r.sample.join(', ')})` : ''}` };
}

export function runChecks(o: Observed): Check[] {
  const poisonSet = new Set(o.poisonValues.map((b) => b.toString('base64')));
  const dlqKnown = o.dlqValues.filter((v) => poisonSet.has(v.toString('base64')));
  const dlqDistinct = new Set(dlqKnown.map((v) => v.toString('base64')));
  const topicSet = new Set(o.blocklistTopic);
  const storeSet = new Set(o.storeEnforcement);
  const onlyTopic = o.blocklistTopic.filter((e) => !storeSet.has(e));
  const onlyStore = o.storeEnforcement.filter((e) => !topicSet.has(e));
  return [
    idCheck('input topic = messages sent', o.sentIds, o.inputIds),
    { name: 'input topic holds every poison record once', ok: o.inputPoison === o.poisonValues.length, detail: `${o.inputPoison} of ${o.poisonValues.length}` },
    idCheck('verdicts = inputs (minus poison), each once', o.inputIds, o.verdictIds),
    idCheck('audit records on the topic = inputs, each once', o.inputIds, o.auditTopicIds),
    idCheck('audit store rows = inputs, each once', o.inputIds, o.auditRowIds),
    { name: 'DLQ = exactly the injected poison', ok: o.dlqValues.length === o.poisonValues.length && dlqKnown.length === o.dlqValues.length && dlqDistinct.size === o.poisonValues.length,
      detail: `${o.dlqValues.length} dead letters for ${o.poisonValues.length} poison records; ${o.dlqValues.length - dlqKnown.length} not poison, ${dlqKnown.length - dlqDistinct.size} repeated` },
    { name: 'audit hash chain verifies', ok: o.chain.ok, detail: o.chain.detail },
    { name: 'blocklist topic = store enforcement', ok: onlyTopic.length === 0 && onlyStore.length === 0 && o.blocklistPending === 0,
      detail: `${o.storeEnforcement.length} enforced users in the store, ${o.blocklistTopic.length} on the topic; ${onlyStore.length} only in the store, ${onlyTopic.length} only on the topic, ${o.blocklistPending} unpublished${[...onlyStore.slice(0, 2), ...onlyTopic.slice(0, 2)].map((e) => `; ${e}`).join('')}` },
  ];
}
