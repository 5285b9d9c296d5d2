/**
 * The state keys observe builds from a message's ids, built once per sender and kept (issue 14, round 46): the
 * participant key `p:<sender>`, the sender's cross-conversation key `s:<tenant>\0<sender>` (no tenant: `s:<sender>`),
 * the pair key `<sender>\0<recipient or *>` and, for a direct message, the addressee's participant key `p:<recipient>`.
 * Built per message they were new strings each time (template joins, then flattened and looked up in V8's string table
 * at the first property access: the pair lookup alone was ~0.7 % of the engine's profile); kept, the same string is
 * handed out again and its lookups go straight to the property. Same strings, same keys: a pure memo.
 *
 * The last tenant and recipient are kept per sender (a sender writes in one tenant and mostly to one person at a time);
 * another one rebuilds that entry's keys. At most `max` senders: the memo is emptied when full (no recency order kept).
 */

/** The keys of one sender id, for the tenant and recipient last seen with it. */
export interface IdKeys {
  /** `p:<senderId>`: the sender in the conversation's people. */
  readonly person: string;
  /** `s:` + tenant scope + senderId: the sender's record across conversations. */
  sender: string;
  /** `<senderId>\0<recipientId or *>`: the sender and the addressee in the conversation's pairs. */
  pair: string;
  /** `p:<recipientId>`, or '' when there is no recipient. */
  toPerson: string;
  /**
   * `[toPerson]`, frozen: a direct message's targets in observe (issue 14, round 50), made when the recipient is set,
   * not a new array a message. Read only (observe and the derivations read targets; a write throws).
   */
  toPersonList: readonly string[];
  tenant: string | null;
  recipient: string | null | undefined;
}

/** Keys built from scratch (what observe built on every message before the memo). */
export function freshKeys(senderId: string, tenantId: string | null, recipientId: string | null | undefined): IdKeys {
  const scope = tenantId ? `${tenantId}\u0000` : '';
  const toPerson = recipientId === null ? '' : `p:${String(recipientId)}`;
  return {
    person: `p:${senderId}`,
    sender: `s:${scope}${senderId}`,
    pair: `${senderId}\u0000${recipientId ?? '*'}`,
    toPerson,
    toPersonList: Object.freeze([toPerson]),
    tenant: tenantId,
    recipient: recipientId,
  };
}

export class KeyMemo {
  private readonly byId = new Map<string, IdKeys>();
  constructor(private readonly max: number) {}

  get size(): number { return this.byId.size; }

  /** The keys of `senderId` writing in `tenantId` to `recipientId` (null: a room or no addressee). */
  of(senderId: string, tenantId: string | null, recipientId: string | null | undefined): IdKeys {
    const k = this.byId.get(senderId);
    if (k === undefined) {
      if (this.byId.size >= this.max) this.byId.clear();
      const fresh = freshKeys(senderId, tenantId, recipientId);
      this.byId.set(senderId, fresh);
      return fresh;
    }
    if (k.tenant !== tenantId) {
      k.tenant = tenantId;
      k.sender = `s:${tenantId ? `${tenantId}\u0000` : ''}${senderId}`;
    }
    if (k.recipient !== recipientId) {
      k.recipient = recipientId;
      k.pair = `${senderId}\u0000${recipientId ?? '*'}`;
      k.toPerson = recipientId === null ? '' : `p:${String(recipientId)}`;
      k.toPersonList = Object.freeze([k.toPerson]);
    }
    return k;
  }
}
