/**
 * `npm run chaos -- --seed N ...`: runs the chaos run (run.ts), progress on stderr, one JSON line on stdout,
 * exit 0 when every check passes, 1 otherwise, 2 on bad usage.
 */
import { CHAOS_HELP, ChaosUsageError, parseChaosArgs } from './options.js';
import { runChaos } from './run.js';

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) { process.stdout.write(`${CHAOS_HELP}\n`); return 0; }
  let o;
  try { o = parseChaosArgs(argv); } catch (err) {
    if (err instanceof ChaosUsageError) { process.stderr.write(`chaos: ${err.message}\n\n${CHAOS_HELP}\n`); return 2; }
    throw err;
  }
  const abort = new AbortController();
  const stop = (sig: string) => { process.stderr.write(`chaos: ${sig}: stopping the services, the broker and PostgreSQL\n`); abort.abort(new Error(`interrupted by ${sig}`)); };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  const r = await runChaos(o, (line) => process.stderr.write(`chaos: ${line}\n`), abort.signal);
  process.stdout.write(`${JSON.stringify(r)}\n`);
  return r.ok ? 0 : 1;
}

main(process.argv.slice(2)).then((code) => { process.exit(code); }, (err: unknown) => {
  process.stderr.write(`chaos: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.stdout.write(`${JSON.stringify({ ok: false, error: err instanceof Error ? err.message : String(err) })}\n`);
  process.exit(1);
});
