/**
 * An engine thread (engine-thread-serve.ts) with a stub engine whose classify answers, per message, the thread's V8
 * resource limits and young generation as the thread sees them (engine-pool tests: the pool's limits reach the thread).
 */
import { getHeapSpaceStatistics } from 'node:v8';
import { parentPort, resourceLimits, workerData } from 'node:worker_threads';
import type { EngineOptions } from '../../services/engine/engine.js';
import type { EngineVerdicts } from '../../services/classifier-worker/engine-holder.js';
import { serveEngineThread } from '../../services/classifier-worker/engine-thread-serve.js';

serveEngineThread(parentPort!, workerData as EngineOptions, async () => ({
  versions: { model: 'stub', rules: 'stub', policy: 'stub' },
  async close() {},
  async classifyBatch(messages) {
    // Garbage enough to grow the young generation to its bound.
    let keep: unknown[] = [];
    for (let i = 0; i < 2_000_000; i++) { keep.push({ i, s: `x${i}` }); if (keep.length > 50_000) keep = []; }
    const newSpace = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_size;
    return messages.map((m) => ({ messageId: m.messageId, limits: { ...resourceLimits }, newSpace })) as unknown as EngineVerdicts;
  },
}));
