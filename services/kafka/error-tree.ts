/**
 * The one walk over an error and what it wraps, for the Kafka error helpers (client-options.ts): the client library
 * nests its failures both ways, an aggregate's `errors` (its MultipleErrors, AggregateError) and `cause`.
 */

/** How deep the walk goes below the error it is given (that error is level 0): the library nests a few levels. */
export const MAX_ERROR_DEPTH = 6;

/** The fields the Kafka error helpers read; any of them may be missing or of another type. */
export interface ErrorNode {
  message?: unknown;
  code?: unknown;
  apiId?: unknown;
  errors?: unknown;
  cause?: unknown;
}

/**
 * Every object in `err`'s tree, each once, in pre-order: the error, then each error it aggregates (`errors`, each
 * with its own tree), then its `cause`; at most `maxDepth` (MAX_ERROR_DEPTH) levels below `err`. An object met again (a cause
 * chain that loops back, an error both aggregated and a cause) is not walked again: every user asks whether an id
 * or code is there, or keeps distinct messages, so a second visit only repeated what the first gave.
 */
export function* errorTree(err: unknown, maxDepth = MAX_ERROR_DEPTH): Generator<ErrorNode> {
  const seen = new Set<object>();
  function* walk(x: unknown, depth: number): Generator<ErrorNode> {
    if (!x || typeof x !== 'object' || depth > maxDepth || seen.has(x)) return;
    seen.add(x);
    const e = x as ErrorNode;
    yield e;
    if (Array.isArray(e.errors)) for (const y of e.errors) yield* walk(y, depth + 1);
    if (e.cause) yield* walk(e.cause, depth + 1);
  }
  yield* walk(err, 0);
}
