#!/usr/bin/env node
/** Entry of `npm run bench`; the same code as `vigie bench` (services/cli/commands/bench.ts). */
import { UsageError } from '../cli/command.js';
import { VigieError } from '../contracts/errors.js';
import { BENCH_HELP, runBenchCli } from './cli.js';

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout.write(BENCH_HELP);
} else {
  runBenchCli(argv, process.env).then(
    (code) => { process.exitCode = code; },
    (err: unknown) => {
      if (err instanceof UsageError) {
        process.stderr.write(`vigie bench: ${err.message}\n\n${BENCH_HELP}`);
        process.exitCode = 2;
      } else {
        process.stderr.write(`vigie bench: ${err instanceof VigieError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
        process.exitCode = 1;
      }
    },
  );
}
