/**
 * Node flags the classifier worker process runs with. V8 sizes the young generation of the main thread from the
 * machine's memory: on a large machine its two semi-spaces grow to 64 MB each and the event loop, which allocates a
 * window of records, outputs and encodings at a time, touches all of them. 16 MB semi-spaces keep ~100 MB of RSS off
 * the worker at the same rate (docs/scaling.md, "Memory"); 8 MB semi-spaces (round 44, with the engine threads' at 8 MB too) another
 * ~40 MiB of peak RSS at the same pipeline rate, in two pairs started together (docs/benchmarks.md "Round 44 memory"). The flag cannot be set once the process runs
 * (`v8.setFlagsFromString` does not resize a live heap), so `run classifier` re-executes itself once, in place
 * (`process.execve`: same PID, same signals and exit code for systemd or k8s), when it was started without it —
 * `node dist/services/cli/main.js run classifier`, `npx vigie run classifier`, the package bin, a container whose
 * command was overridden. `vigie up` and the bench pass the flags on their spawn line, so they start once. The engine
 * threads get the same young generation through their resourceLimits (engine-pool.ts), whatever the process was
 * started with.
 *
 * `--heap-growing-percent=20` (round 37): after a full GC V8 lets the old generation grow to up to ~2–4 × what
 * survived before the next one; the event loop promotes every window's records and outputs (they outlive two
 * scavenges while a window is scored and committed) and the engine thread its per-batch garbage, so each isolate
 * carried up to twice its live set, plus the ArrayBuffers (fetch responses) those dead objects still hold. 1.2 × the
 * live set instead: −74 MiB peak RSS at 120,000 bench messages, no rate lost (docs/benchmarks.md "Round 37: memory").
 * It cannot be set in NODE_OPTIONS (node refuses it there), only on the command line, as the re-exec does.
 */
export const CLASSIFIER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8', '--heap-growing-percent=20'];

/**
 * Environment every classifier process starts with (round 45, issue 11's peak RSS). `MALLOC_ARENA_MAX=2`: glibc gives
 * each thread that calls malloc while the others hold theirs an arena of its own (up to 8 per core) and returns little of
 * an arena's freed memory to the system; the worker has the event loop, one or more engine threads (onnxruntime) and
 * libuv's pool (gzip/zstd of checkpoints, fs) allocating natively, so freed buffers stay resident in several arenas at
 * once. Two arenas: docs/benchmarks.md "Round 45". glibc reads it when the process starts, so, like the flags, it is
 * passed on the spawn line of `vigie up` and the bench, and added by the re-exec otherwise; a value the operator set
 * (even another one) wins.
 */
export const CLASSIFIER_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };

/** The variables of CLASSIFIER_ENV that `env` does not set (unset or empty), with their values. */
export function missingClassifierEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(CLASSIFIER_ENV).filter(([k]) => !env[k]));
}

/** VIGIE_CLASSIFIER_NODE_FLAGS=none (or off, false, 0): run with whatever node was started with, no re-exec. */
export const NODE_FLAGS_ENV = 'VIGIE_CLASSIFIER_NODE_FLAGS';
/**
 * Set in the environment of the re-executed process: it says "re-executed" at start and a second re-exec is never
 * attempted (no loop). Read once and removed from process.env at once, so the engine threads and child processes of
 * the worker do not inherit it (a child `vigie run classifier` would otherwise take itself for a loop).
 */
export const REEXEC_MARKER_ENV = 'VIGIE_CLASSIFIER_REEXECUTED';

export type NodeFlagsOutcome =
  /** Every flag was already given (command line or NODE_OPTIONS, any value: the operator's wins), and every CLASSIFIER_ENV variable set. */
  | 'given'
  /** This process is the re-execution: the flags were added by the re-exec (same PID). */
  | 'reexecuted'
  /** The operator turned the re-exec off (VIGIE_CLASSIFIER_NODE_FLAGS=none). */
  | 'off'
  /** No process.execve on this platform (Windows) or this Node. */
  | 'unsupported'
  /** Re-executed once already and the flags are still missing (something strips them): not tried again. */
  | 'loop'
  /** About to re-execute (only returned by a test's fake execve; the real one does not return). */
  | 'reexec';

export interface NodeFlagsProcess {
  execPath: string;
  execArgv: readonly string[];
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  execve?: ((file: string, args?: readonly string[], env?: NodeJS.ProcessEnv) => never) | undefined;
}

const flagName = (f: string) => f.split('=')[0]!.replaceAll('_', '-');

/** The flags of CLASSIFIER_NODE_FLAGS given neither on node's command line nor in NODE_OPTIONS. */
export function missingNodeFlags(execArgv: readonly string[], nodeOptions: string | undefined): string[] {
  const given = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)].filter(Boolean).map(flagName);
  return CLASSIFIER_NODE_FLAGS.filter((f) => !given.includes(flagName(f)));
}

/**
 * What ensureClassifierNodeFlags will do, without doing it: 'reexec' when this process is about to be replaced. The CLI
 * (main.ts) re-executes then, before loading the command's modules, with its start-up signals handled and one turn
 * of the event loop before the exec (stop 51: a signal taken there is an orderly stop, not Node's 143).
 */
export function nodeFlagsPlan(p: NodeFlagsProcess = process): NodeFlagsOutcome {
  const reexecuted = !!p.env[REEXEC_MARKER_ENV];
  if (missingNodeFlags(p.execArgv, p.env.NODE_OPTIONS).length === 0 && Object.keys(missingClassifierEnv(p.env)).length === 0) return reexecuted ? 'reexecuted' : 'given';
  if (/^(none|off|false|0)$/i.test((p.env[NODE_FLAGS_ENV] ?? '').trim())) return 'off';
  if (reexecuted) return 'loop';
  if (typeof p.execve !== 'function') return 'unsupported';
  return 'reexec';
}

/**
 * Re-executes the process in place with the missing CLASSIFIER_NODE_FLAGS (before node's own flags and the script,
 * so a flag the operator gave wins) and the missing CLASSIFIER_ENV variables. Does not return when it re-executes;
 * otherwise says why not.
 */
export function ensureClassifierNodeFlags(p: NodeFlagsProcess = process): NodeFlagsOutcome {
  const plan = nodeFlagsPlan(p);
  // Read once, then gone: not inherited by engine threads (which copy process.env when created) or child processes.
  delete p.env[REEXEC_MARKER_ENV];
  if (plan !== 'reexec') return plan;
  const missing = missingNodeFlags(p.execArgv, p.env.NODE_OPTIONS);
  const missingEnv = missingClassifierEnv(p.env);
  p.execve!(p.execPath, [p.execPath, ...missing, ...p.execArgv, ...p.argv.slice(1)], { ...p.env, ...missingEnv, [REEXEC_MARKER_ENV]: '1' });
  return 'reexec';
}
