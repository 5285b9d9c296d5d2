/**
 * An engine thread (services/classifier-worker/engine-thread.ts) that dies, as a thread hit by a fatal
 * error would, when asked to classify a message whose text is "crash the thread": for the engine-pool tests.
 */
import { parentPort } from 'node:worker_threads';
import type { ThreadRequest } from '../../services/classifier-worker/engine-pool.js';

parentPort!.on('message', (req: ThreadRequest) => {
  if (req.op === 'classify' && req.messages.some((m) => m.text === 'crash the thread')) process.exit(7);
});
await import('../../services/classifier-worker/engine-thread.js');
