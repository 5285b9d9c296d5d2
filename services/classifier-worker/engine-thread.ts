/**
 * Entry of one engine thread (engine-pool.ts; main-level code of a worker_threads Worker): loads the engine from
 * the options in `workerData` and serves the pool's requests (engine-thread-serve.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine, type EngineOptions } from '../engine/engine.js';
import { serveEngineThread } from './engine-thread-serve.js';

serveEngineThread(parentPort!, workerData as EngineOptions, createEngine);
