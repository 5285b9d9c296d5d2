/**
 * The contract every `vigie` subcommand module implements. A module under services/cli/commands/
 * default-exports a `Command`; main.ts only knows names, summaries and module paths, so a command's
 * dependencies (onnxruntime, pg, @platformatic/kafka) load only when that command runs.
 */
export interface Command {
  /** Full help text printed by `vigie <name> --help`: usage, options with defaults, environment variables. */
  help: string;
  /** Runs the command. Returns the process exit code. `argv` excludes the command name(s). */
  run(argv: string[]): Promise<number>;
}

/** Thrown for bad command-line usage; main prints the message and where the help is (usageErrorText), exit code 2. */
export class UsageError extends Error {}

/** What a usage error prints: the error, then one line naming the help (not the help itself, which scrolled the error away). */
export function usageErrorText(words: string[], message: string): string {
  const name = `vigie ${words.join(' ')}`;
  return `${name}: ${message}\nsee '${name} --help'\n`;
}

/**
 * Minimal, strict argument parser: `--name value`, `--name=value`, boolean `--flag`, and positionals.
 * Unknown options are an error (a typo must not silently fall back to a default).
 */
export function parseArgs(
  argv: string[],
  spec: { strings?: string[]; booleans?: string[] },
): { opts: Record<string, string | boolean | undefined>; positionals: string[] } {
  const strings = new Set(spec.strings ?? []);
  const booleans = new Set([...(spec.booleans ?? []), 'help']);
  const opts: Record<string, string | boolean | undefined> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-h') { opts.help = true; continue; }
    if (!a.startsWith('--')) { positionals.push(a); continue; }
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
    if (booleans.has(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      opts[name] = true;
    } else if (strings.has(name)) {
      const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined) throw new UsageError(`--${name} needs a value`);
      opts[name] = v;
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { opts, positionals };
}
