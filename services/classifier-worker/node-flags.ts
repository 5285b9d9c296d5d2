/**
 * Node flags the classifier worker process is started with (Dockerfile ENTRYPOINT, `vigie up`, the bench's pipeline
 * phase). V8 sizes the young generation of the main thread from the machine's memory: on a large machine its two
 * semi-spaces grow to 64 MB each and the event loop, which allocates a window of records, outputs and encodings at a
 * time, touches all of them. 16 MB semi-spaces keep ~100 MB of RSS off the worker at the same rate (docs/scaling.md,
 * "Memory"). The flag cannot be set once the process runs (`v8.setFlagsFromString` does not resize a live heap), so it
 * is given on the command line; the engine threads get the same young generation through their resourceLimits
 * (engine-pool.ts), whatever the process was started with.
 */
export const CLASSIFIER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=16'];
