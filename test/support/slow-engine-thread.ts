/**
 * An engine thread (engine-thread-serve.ts) with a stub engine whose classify waits a random 0–5 ms before it
 * appends each message id to the partition's state and answers, per message, the ids the state held before it:
 * if two calls ever ran interleaved, a partition's answers would not be its own messages in order (engine-pool tests).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { EngineOptions, EngineState } from '../../services/engine/engine.js';
import type { EngineVerdicts } from '../../services/classifier-worker/engine-holder.js';
import { serveEngineThread } from '../../services/classifier-worker/engine-thread-serve.js';

const seen = new WeakMap<EngineState, string[]>();
serveEngineThread(parentPort!, workerData as EngineOptions, async () => ({
  versions: { model: 'stub', rules: 'stub', policy: 'stub' },
  async close() {},
  async classifyBatch(messages, state) {
    let ids = seen.get(state);
    if (!ids) seen.set(state, ids = []);
    const out: unknown[] = [];
    for (const m of messages) {
      await new Promise((r) => setTimeout(r, Math.random() * 5));
      out.push({ messageId: m.messageId, before: ids.join(',') });
      ids.push(m.messageId);
    }
    return out as EngineVerdicts;
  },
}));
