#!/usr/bin/env node
/**
 * npm run kafka:up / kafka:down — the local single-node Apache Kafka broker.
 * usage: node dist/services/kafka/local-broker-cli.js <up|down [--wipe]|status|classpath>
 */
import { compileLocalBrokerOptions, localBrokerRawFromEnv, LOCAL_BROKER_ENV } from './local-broker-options.js';
import { ensureLocalBroker, stopLocalBroker, localBrokerStatus } from './local-broker.js';
import { kafkaClasspath, kafkaJarsCached } from './kafka-jars.js';
import { VigieError } from '../contracts/errors.js';

const HELP = `usage: local-broker-cli <command>

  up            start the local Kafka broker (fetching its jars once) and wait until it answers; no-op if running
  down [--wipe] stop it (SIGTERM, then SIGKILL after the stop timeout); --wipe also deletes its data folder
  status        print running | starting | stopped | port-busy
  classpath     print the Java classpath of the broker and Kafka tools (fetching jars if needed)

environment:
${LOCAL_BROKER_ENV.map((v) => `  ${v.name.padEnd(22)} ${v.meaning} (default ${v.default})`).join('\n')}
`;

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h') { process.stdout.write(HELP); return cmd ? 0 : 2; }
  const opts = compileLocalBrokerOptions(localBrokerRawFromEnv(process.env));
  const report = (m: string) => process.stderr.write(`kafka: ${m}\n`);
  switch (cmd) {
    case 'up': {
      const t0 = Date.now();
      const cold = !kafkaJarsCached(opts);
      const r = await ensureLocalBroker(opts, report);
      const secs = ((Date.now() - t0) / 1000).toFixed(1);
      if (r.started) process.stdout.write(`kafka: Apache Kafka ${opts.version} started (pid ${r.pid}) in ${secs}s${cold ? ' (jars fetched)' : ''}\n`);
      else process.stdout.write(`kafka: Apache Kafka ${opts.version} already running (pid ${r.pid})\n`);
      process.stdout.write(`kafka: bootstrap ${r.bootstrap}   (KAFKA_BROKERS=${r.bootstrap}; data ${opts.dataDir})\n`);
      return 0;
    }
    case 'down': {
      const unknown = rest.filter((a) => a !== '--wipe');
      if (unknown.length) { process.stderr.write(`unknown argument(s): ${unknown.join(' ')}\n${HELP}`); return 2; }
      const r = await stopLocalBroker(opts, { wipe: rest.includes('--wipe') }, report);
      process.stdout.write(r.stopped ? `kafka: broker stopped${r.killed ? ' (killed)' : ''}\n` : 'kafka: broker was not running\n');
      return 0;
    }
    case 'status': {
      const st = await localBrokerStatus(opts);
      process.stdout.write(`${st.state}${st.pid ? ` pid=${st.pid}` : ''}${st.version ? ` kafka=${st.version}` : ''} ${st.bootstrap}\n`);
      return st.state === 'running' ? 0 : 1;
    }
    case 'classpath':
      process.stdout.write(`${kafkaClasspath(opts, report)}\n`);
      return 0;
    default:
      process.stderr.write(`unknown command '${cmd}'\n${HELP}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    process.stderr.write(`kafka: ${err instanceof VigieError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
