/** `vigie bench`: see services/bench/cli.ts (also run by `npm run bench`). */
import type { Command } from '../command.js';
import { BENCH_HELP, runBenchCli } from '../../bench/cli.js';

const command: Command = {
  help: BENCH_HELP,
  run: (argv) => runBenchCli(argv, process.env),
};

export default command;
