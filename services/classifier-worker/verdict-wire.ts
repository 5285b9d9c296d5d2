/**
 * How an engine thread sends a batch's verdicts back to the event loop (engine-pool.ts, engine-thread-serve.ts): as
 * the UTF-8 bytes of their JSON in one transferable buffer instead of a structured clone of the object graph.
 *
 * Why (round 40, docs/benchmarks.md): the reply's structured clone was 4.1 % of the engine thread's busy time, the
 * worker's busier thread; on the bench's verdicts `JSON.stringify` + UTF-8 costs ~2.5 × less than V8's serializer, and
 * the buffer moves without a copy. `JSON.parse` on the event loop is also cheaper than the clone's deserialisation.
 *
 * JSON gives back the same values only for plain data: finite numbers other than -0, strings, booleans, null, arrays
 * without holes or undefined, plain objects. `encodeVerdicts` checks that first and answers null otherwise (a score
 * of -0 or NaN, say, which Avro would write differently once turned into 0 or null): the caller then sends the
 * objects as before. An object property whose value is undefined is left out by JSON and reads undefined either way.
 */
import type { EngineVerdicts } from './engine-holder.js';

/** True when JSON round-trips `v` to an equal value (see the header). */
export function jsonExact(v: unknown): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v) && !Object.is(v, -0);
    case 'object': {
      if (v === null) return true;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          const e: unknown = v[i];
          if (e === undefined || !jsonExact(e)) return false;
        }
        return true;
      }
      const proto: unknown = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) return false;
      if ('toJSON' in v) return false;
      for (const k in v) {
        const e: unknown = (v as Record<string, unknown>)[k];
        if (e !== undefined && !jsonExact(e)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The verdicts as the UTF-8 bytes of their JSON (a buffer of their own, to transfer), or null when JSON would change them. */
export function encodeVerdicts(verdicts: EngineVerdicts): Uint8Array | null {
  return jsonExact(verdicts) ? encoder.encode(JSON.stringify(verdicts)) : null;
}

/** The verdicts `encodeVerdicts` wrote. */
export function decodeVerdicts(bytes: Uint8Array): EngineVerdicts {
  return JSON.parse(decoder.decode(bytes)) as EngineVerdicts;
}
