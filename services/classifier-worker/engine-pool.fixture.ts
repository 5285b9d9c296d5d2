/**
 * Test double of the engine factory for engine-pool.test.ts, loaded inside engine threads by URL.
 * State = the message ids seen, in order. Each batch waits a random few ms before touching the
 * state, so batches run concurrently would reorder it. Text "crash-thread" ends the thread
 * (process.exit inside a worker thread), "uncaught" throws outside any promise, "boom" makes the
 * engine call fail.
 */
import type { ChatMessage, Verdict } from '../contracts/types.js';
import type { EngineFactory, WorkerEngine } from './engine-holder.js';

export type FakeState = { seen: string[] };

export function createEngineFactory(): EngineFactory<FakeState> {
  const engine: WorkerEngine<FakeState> = {
    versions: { model: 'fake@1', rules: 'r', policy: 'p' },
    async classifyBatch(messages: ChatMessage[], state: FakeState) {
      await new Promise((r) => setTimeout(r, Math.random() * 4));
      for (const m of messages) {
        if (m.text.includes('crash-thread')) process.exit(9);
        if (m.text.includes('uncaught')) { setImmediate(() => { throw new Error('engine exploded outside a promise'); }); await new Promise(() => undefined); }
        if (m.text.includes('boom')) throw new Error('model exploded');
      }
      return messages.map((m): Verdict => {
        state.seen.push(m.messageId);
        return {
          messageId: m.messageId, tenantId: m.tenantId, conversationId: m.conversationId, roomId: m.roomId, senderId: m.senderId, recipientId: m.recipientId,
          sentAt: m.sentAt, action: 'allow', categories: [], signals: [], escalation: null, enforcement: null, reasons: [`seen ${state.seen.length}`],
          modelVersion: 'fake@1', rulesVersion: 'r', policyVersion: 'p', textTruncated: false, textRepaired: false, decidedAt: null,
        };
      });
    },
  };
  return {
    load: async () => engine,
    newState: () => ({ seen: [] }),
    restoreState: (raw) => JSON.parse(Buffer.from(raw as Uint8Array).toString('utf8')) as FakeState,
    encodeState: (s) => Buffer.from(JSON.stringify(s), 'utf8'),
    watchPaths: [],
  };
}
