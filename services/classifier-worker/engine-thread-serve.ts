/**
 * The request loop of an engine thread (engine-thread.ts is the entry; tests serve a stub engine with it): holds the
 * conversation state of each input partition the pool assigns to this thread, and answers the pool's requests strictly
 * one after another in arrival order, so a partition's calls see its state exactly as the in-process engine would.
 *
 * Reload is two-step so that every thread switches or none does: `prepare` loads a candidate engine
 * (its versions answered; outside the queue, so the current engine goes on answering while it loads), then `commit`
 * swaps it in or `discard` drops it.
 *
 * A first load that fails is reported to the pool (`{ failed }` instead of `{ ready }`) and the thread stays up:
 * every partition request is then answered "state lost" (with the load error), never left unanswered; a later
 * reload (`prepare` + `commit`) that loads gives the thread its engine.
 */
import type { MessagePort } from 'node:worker_threads';
import { createState, encodeState, restoreState, type Engine, type EngineOptions, type EngineState } from '../engine/engine.js';
import type { ThreadReply, ThreadRequest } from './engine-pool.js';

export type ThreadEngine = Pick<Engine, 'versions' | 'classifyBatch' | 'close'>;

/** Serves the pool's requests on `port` with engines made by `load` (the real one in engine-thread.ts; tests give a stub engine). */
export function serveEngineThread(port: MessagePort, options: EngineOptions, load: (o: EngineOptions) => Promise<ThreadEngine>): void {
  const states = new Map<number, EngineState>();
  let engine: ThreadEngine | undefined;
  let candidate: ThreadEngine | null = null;
  /** Why the first load failed (until a reload loads). */
  let loadError: string | null = null;

  async function handle(req: ThreadRequest): Promise<unknown> {
    if (!engine && (req.op === 'open' || req.op === 'classify' || req.op === 'snapshot')) throw new LostState(`engine not loaded in this thread: ${loadError ?? 'still loading'}`);
    switch (req.op) {
      case 'open':
        states.set(req.partition, req.restored === null ? createState() : restoreState(req.restored as Uint8Array | object));
        return null;
      case 'classify': {
        const state = states.get(req.partition);
        if (!state) throw new LostState();
        return engine!.classifyBatch(req.messages, state);
      }
      case 'snapshot': {
        const state = states.get(req.partition);
        if (!state) throw new LostState();
        return encodeState(state, options.stateFormat);
      }
      case 'clear':
        states.clear();
        return null;
      case 'prepare':
        await candidate?.close();
        candidate = null;
        candidate = await load(options);
        return candidate.versions;
      case 'commit': {
        if (!candidate) throw new Error('no engine prepared');
        const old = engine;
        engine = candidate;
        candidate = null;
        loadError = null;
        // The new engine is in place: an old one that fails to close must not make the pool think this thread did not switch.
        await old?.close().catch(() => undefined);
        return engine.versions;
      }
      case 'discard':
        await candidate?.close();
        candidate = null;
        return null;
    }
  }

  let tail: Promise<unknown> = load(options).then((e) => {
    engine = e;
    port.postMessage({ ready: e.versions });
  }, (err: unknown) => {
    loadError = (err as Error)?.message ?? String(err);
    port.postMessage({ failed: { message: loadError, name: (err as Error)?.name ?? 'Error', stack: (err as Error)?.stack } });
  });
  port.on('message', (req: ThreadRequest) => {
    const answer = async () => {
      let reply: ThreadReply;
      try {
        reply = { id: req.id, ok: true, value: await handle(req) };
      } catch (err) {
        reply = { id: req.id, ok: false, lost: err instanceof LostState, message: (err as Error)?.message ?? String(err), name: (err as Error)?.name ?? 'Error', stack: (err as Error)?.stack };
      }
      port.postMessage(reply);
    };
    // A reload's load runs beside the queue: it touches only the candidate, and the pool sends `commit` or `discard`
    // once it has answered. Queued, a load hung on a mount that does not answer held every partition of the thread
    // behind it, while the reload deadline's line said the previous engine was kept (review of stop 53).
    if (req.op === 'prepare') void answer();
    else tail = tail.then(answer);
  });
}

class LostState extends Error {}
