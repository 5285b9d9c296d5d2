/**
 * The worker's engine factory (rules + policy + models from their paths), built the same way on the
 * main thread (`engineThreads` 0) and inside each engine thread (engine-thread.ts imports this module
 * by URL and calls `createEngineFactory` with the same plain-data parameters).
 */
import { createEngine, createState, encodeState, restoreState, type EngineState } from '../engine/engine.js';
import type { EngineFactory } from './engine-holder.js';

export interface EngineParams {
  rulesDir: string;
  policyFile: string;
  /** Model directory, or 'none'. */
  modelDir: string;
  /** Conversation-window model directory, or 'none'. */
  windowModelDir: string;
}

export function createEngineFactory(p: EngineParams): EngineFactory<EngineState> {
  return {
    load: () => createEngine({ rulesDir: p.rulesDir, policyFile: p.policyFile, modelDir: p.modelDir, windowModelDir: p.windowModelDir }),
    newState: createState,
    restoreState: (s) => restoreState(s as Uint8Array | object),
    encodeState,
    watchPaths: [p.rulesDir, p.policyFile, ...(p.modelDir !== 'none' ? [p.modelDir] : []), ...(p.windowModelDir !== 'none' ? [p.windowModelDir] : [])],
  };
}
