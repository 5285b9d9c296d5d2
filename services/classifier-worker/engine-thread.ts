/**
 * An engine thread (node:worker_threads) of engine-pool.ts: loads its own engine, owns the
 * EngineStates of the partitions the pool routes to it and runs their engine batches one after
 * another in the order they arrive (partition-engines.ts), so each partition's records reach its
 * state in offset order. Decoding, classification and the encoding of every output record happen
 * here; the main thread only moves packed buffers to and from Kafka.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { VigieError } from '../contracts/errors.js';
import { createCodecs } from '../contracts/index.js';
import { createLogger } from '../common/logger.js';
import { packResult, unpackRecords } from './buffer-pack.js';
import { EngineHolder, type EngineFactory } from './engine-holder.js';
import type { Reply, Request, ThreadData, WireError } from './engine-thread-protocol.js';
import { PartitionEngines, serialized } from './partition-engines.js';
import { EngineBatchError } from './process-batch.js';

const data = workerData as ThreadData;
const port = parentPort!;
const send = (r: Reply, transfer: ArrayBuffer[] = []) => port.postMessage(r, transfer);

export function wireError(err: unknown): WireError {
  const e = err as Error & { retriable?: boolean };
  return {
    name: e?.name ?? 'Error', message: e?.message ?? String(err), retriable: e instanceof VigieError ? e.retriable : true,
    ...(err instanceof EngineBatchError ? { batch: { size: err.size, cause: (err.cause as Error)?.message ?? String(err.cause) } } : {}),
  };
}

async function main(): Promise<void> {
  const log = createLogger(data.log).child({ component: 'engine-thread', thread: data.index });
  const mod = await import(data.factoryModule) as { createEngineFactory(p: unknown): EngineFactory<unknown> };
  const factory = mod.createEngineFactory(data.factoryParams);
  let lastReload: 'ok' | 'error' = 'ok';
  let holder: EngineHolder<unknown>;
  try {
    holder = await EngineHolder.create(factory, log, (outcome) => { lastReload = outcome; });
  } catch (err) {
    send({ type: 'failed', error: wireError(err) });
    process.exit(1);
  }
  const runner = serialized(new PartitionEngines(holder, createCodecs(), data.opts));
  const handle = async (m: Request): Promise<void> => {
    try {
      switch (m.op) {
        case 'reset': await runner.reset(); return send({ type: 'reply', id: m.id, ok: true, result: null });
        case 'restore': await runner.restore(m.partition, m.raw); return send({ type: 'reply', id: m.id, ok: true, result: null });
        case 'replay': return send({ type: 'reply', id: m.id, ok: true, result: await runner.replay(m.partition, unpackRecords(m.records)) });
        case 'process': {
          const { wire, transfer } = packResult(await runner.process(m.partition, unpackRecords(m.records), m.now));
          return send({ type: 'reply', id: m.id, ok: true, result: wire }, transfer);
        }
        case 'snapshot': {
          const snap = await runner.snapshot(m.partition, m.nextOffset);
          if (!(snap.engine instanceof Uint8Array)) return send({ type: 'reply', id: m.id, ok: true, result: snap });
          const own = new Uint8Array(snap.engine); // a copy with its own ArrayBuffer (a Buffer may sit in the shared pool), moved without another copy
          return send({ type: 'reply', id: m.id, ok: true, result: { ...snap, engine: own } }, [own.buffer]);
        }
        case 'reload':
          await runner.reload(m.why);
          return send({ type: 'reply', id: m.id, ok: true, result: { outcome: lastReload, versions: holder.current.versions } });
      }
    } catch (err) {
      send({ type: 'reply', id: m.id, ok: false, error: wireError(err) });
    }
  };
  port.on('message', (m: Request) => void handle(m));
  send({ type: 'ready', versions: holder.current.versions });
}

void main().catch((err: unknown) => {
  send({ type: 'failed', error: wireError(err) });
  process.exit(1);
});
