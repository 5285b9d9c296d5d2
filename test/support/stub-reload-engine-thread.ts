/**
 * An engine thread (engine-thread-serve.ts) with a stub engine steered by files in the folder named by
 * `workerData.rulesDir`, for the engine-pool tests of failed loads and reloads:
 * - `version`: the policy version the engine reports;
 * - `fail-load`: a load fails (every thread's);
 * - `die-on-load`: a load kills the thread (exit code 7, as an out-of-memory or a native abort would);
 * - `split`: the first thread to load after it appears reports another version (files changed mid-reload);
 * - `die-on-commit`: the first thread to switch engines after it appears dies while closing its old engine.
 * - `hang`: a load reads `version`, then waits until `hang` is removed (a mount that answers late);
 * - `fail-one`: the first thread to load after it appears fails (once the load ends, after `hang`).
 * A classify of the text "crash the thread" kills the thread (as crashing-engine-thread.ts).
 */
import { openSync, closeSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { EngineOptions } from '../../services/engine/engine.js';
import type { EngineVerdicts } from '../../services/classifier-worker/engine-holder.js';
import { serveEngineThread } from '../../services/classifier-worker/engine-thread-serve.js';

const dir = (workerData as EngineOptions).rulesDir ?? '.';
/** True for the first thread only that asks (an exclusive create). */
function claim(name: string): boolean {
  if (!existsSync(join(dir, name))) return false;
  try { closeSync(openSync(join(dir, `${name}.claimed`), 'wx')); return true; } catch { return false; }
}

serveEngineThread(parentPort!, workerData as EngineOptions, async () => {
  if (existsSync(join(dir, 'fail-load'))) throw new Error('policy file: Unexpected token');
  if (existsSync(join(dir, 'die-on-load'))) process.exit(7);
  const policy = readFileSync(join(dir, 'version'), 'utf8').trim() + (claim('split') ? '-other' : '');
  while (existsSync(join(dir, 'hang'))) await new Promise((r) => setTimeout(r, 20));
  if (claim('fail-one')) throw new Error('policy file: Unexpected end of JSON input');
  return {
    versions: { model: 'stub', rules: 'stub', policy },
    async close() { if (claim('die-on-commit')) process.exit(3); },
    async classifyBatch(messages) {
      if (messages.some((m) => m.text === 'crash the thread')) process.exit(7);
      return messages.map((m) => ({ messageId: m.messageId, policyVersion: policy })) as unknown as EngineVerdicts;
    },
  };
});
