import type { Producer } from '@platformatic/kafka';
import type { BlocklistEntry, Codecs } from '../contracts/index.js';
import type { Category } from '../contracts/taxonomy.js';
import { expireEnforcements, markPublished, pendingEnforcement } from './store-cases.js';
import type { AuditStore } from './store.js';

/**
 * Publishes enforcement changes from the store's outbox to the compacted blocklist topic (key user id):
 * the current sanction as a BlocklistEntry, or a tombstone (null value) once it has expired. A state is
 * marked published only after the broker acknowledged it, so a crash re-publishes (harmless on a
 * compacted topic: the latest value per key wins).
 */
export async function publishBlocklist(store: AuditStore, producer: Producer, codecs: Codecs, topic: string, now: number, expire: boolean): Promise<number> {
  if (expire) await expireEnforcements(store.db, now);
  let total = 0;
  for (;;) {
    const pending = await pendingEnforcement(store.db, 500);
    if (!pending.length) return total;
    // The factory's producers send with acks all; no value = a tombstone (null on the wire).
    await producer.send({
      messages: pending.map((s) => {
        if (s.expired) return { topic, key: Buffer.from(s.userId) };
        const entry: BlocklistEntry = { userId: s.userId, action: s.action, until: s.until, reason: s.reason, categories: s.categories as Category[], updatedAt: now };
        return { topic, key: Buffer.from(s.userId), value: codecs.BlocklistEntry.encodeAvro(entry) };
      }),
    });
    await markPublished(store.db, pending);
    total += pending.length;
  }
}
