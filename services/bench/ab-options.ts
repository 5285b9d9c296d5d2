/**
 * The command line of the two one-process A/B benches (ab-stages.ts, ab-engine-stages.ts): the two builds' dist dirs
 * (`--a`, `--b`, required) and the workload (`--messages`, `--rounds`, `--batch`, `--seed`, each tool its defaults),
 * plus a tool's own string options (ab-stages' `--stages`). `--help` (or -h) prints the tool's usage on stdout; a bad
 * command line prints the problem and the usage on stderr, exit code 2.
 */
import { parseArgs, UsageError } from '../cli/command.js';

export interface AbSpec {
  /** The tool's name, before a usage error's message. */
  tool: string;
  /** The tool's usage text, printed by --help and after a usage error. */
  usage: string;
  defaults: { messages: number; rounds: number; batch: number; seed: number };
  /** The tool's own string options. */
  extra?: readonly string[];
}

export interface AbOptions {
  a: string;
  b: string;
  messages: number;
  rounds: number;
  batch: number;
  /** The first round's seed; the warm-up reads `seed - 1`, round r (from 0) `seed + r`. */
  seed: number;
  /** The tool's own options (`AbSpec.extra`) as given, undefined when absent. */
  extra: Record<string, string | undefined>;
}

const COUNTS = ['messages', 'rounds', 'batch', 'seed'] as const;

/** The options of `argv`, or null when --help asks for the usage. Throws UsageError. */
export function parseAbArgs(argv: readonly string[], spec: AbSpec): AbOptions | null {
  const extra = spec.extra ?? [];
  const { opts, positionals } = parseArgs([...argv], { strings: ['a', 'b', ...COUNTS, ...extra] });
  if (opts.help) return null;
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  if (typeof opts.a !== 'string' || typeof opts.b !== 'string') throw new UsageError('--a and --b (the two builds\' dist dirs) are required');
  const counts = { ...spec.defaults };
  for (const k of COUNTS) {
    const v = opts[k];
    if (typeof v !== 'string') continue;
    const x = Number(v);
    if (!Number.isInteger(x) || x < 1) throw new UsageError(`--${k} must be a positive integer (got '${v}')`);
    counts[k] = x;
  }
  const own: Record<string, string | undefined> = {};
  for (const k of extra) own[k] = typeof opts[k] === 'string' ? opts[k] : undefined;
  return { a: opts.a, b: opts.b, ...counts, extra: own };
}

/**
 * Runs an A/B bench: parses `argv` (--help prints the usage and runs nothing), then `main`. A UsageError, from the
 * command line or thrown by `main` (a tool's own option), prints its message and the usage, exit code 2; any other
 * error its stack, exit code 1.
 */
export function runAbTool(spec: AbSpec, argv: readonly string[], main: (o: AbOptions) => Promise<void>): void {
  const fail = (err: unknown): void => {
    if (err instanceof UsageError) {
      process.stderr.write(`${spec.tool}: ${err.message}\n\n${spec.usage}`);
      process.exitCode = 2;
    } else {
      console.error(err);
      process.exitCode = 1;
    }
  };
  let o: AbOptions | null;
  try {
    o = parseAbArgs(argv, spec);
  } catch (err) {
    fail(err);
    return;
  }
  if (o === null) process.stdout.write(spec.usage);
  else main(o).catch(fail);
}
