#!/usr/bin/env node
import { UsageError, usageErrorText, type Command } from './command.js';
import { VigieError } from '../contracts/errors.js';
import { handleStartSignals } from './start-signals.js';

/**
 * Every subcommand: its words, a one-line summary, and the module (relative to this file) that
 * default-exports its `Command`. Modules load lazily so `vigie --help` starts instantly.
 */
const COMMANDS: { words: string[]; summary: string; module: string }[] = [
  { words: ['up'], summary: 'bring the pipeline up on this machine: broker, topics, classifier worker, optional traffic simulator', module: './commands/up.js' },
  { words: ['topics', 'create'], summary: 'create every topic Vigie uses (idempotent)', module: './commands/topics-create.js' },
  { words: ['topics', 'describe'], summary: 'show Vigie topics: partitions, replication, cleanup policy', module: './commands/topics-describe.js' },
  { words: ['classify'], summary: 'run the detection engine over a JSONL file of chat messages', module: './commands/classify.js' },
  { words: ['rules', 'check'], summary: 'validate rule files and report every problem at once', module: './commands/rules-check.js' },
  { words: ['train'], summary: 'train an ONNX text classifier from a labelled JSONL file', module: './commands/train.js' },
  { words: ['train-window'], summary: 'train the conversation-window model from conversations labelled at conversation level', module: './commands/train-window.js' },
  { words: ['generate'], summary: 'generate scripted chat conversations (French and English) for demos, training and load', module: './commands/generate.js' },
  { words: ['run', 'classifier'], summary: 'run the streaming classifier worker (Kafka consumer group, exactly-once)', module: './commands/run-classifier.js' },
  { words: ['run', 'audit-sink'], summary: 'run the audit sink: audit records into PostgreSQL or SQLite', module: './commands/run-audit-sink.js' },
  { words: ['audit', 'verify'], summary: 'verify the audit hash chain and name the first broken link', module: './commands/audit-verify.js' },
  { words: ['audit', 'retention'], summary: 'delete expired audit data, except what is under legal hold', module: './commands/audit-retention.js' },
  { words: ['audit', 'hold'], summary: 'place or release a legal hold on a user, conversation or case', module: './commands/audit-hold.js' },
  { words: ['audit', 'access-log'], summary: 'list (or --verify) the access log: who viewed chat text or exported evidence', module: './commands/audit-access-log.js' },
  { words: ['console'], summary: 'serve the review console (queue, cases, decisions, evidence) on VIGIE_CONSOLE_PORT', module: './commands/console.js' },
  { words: ['console', 'user'], summary: 'add, list or disable review console accounts', module: './commands/console-user.js' },
  { words: ['cases', 'list'], summary: 'list escalation cases', module: './commands/cases-list.js' },
  { words: ['cases', 'show'], summary: 'show one escalation case with its evidence', module: './commands/cases-show.js' },
  { words: ['cases', 'resolve'], summary: 'resolve a case (confirmed/dismissed) and publish the feedback', module: './commands/cases-resolve.js' },
  { words: ['evidence', 'export'], summary: 'export an evidence package for a lawful request', module: './commands/evidence-export.js' },
  { words: ['evidence', 'verify'], summary: 'verify an evidence package: file hashes, chain links, content hashes', module: './commands/evidence-verify.js' },
  { words: ['bench'], summary: 'benchmark the pipeline beside the limits of its parts', module: './commands/bench.js' },
  { words: ['replay'], summary: 're-run the engine over a range of a topic and compare with recorded verdicts', module: './commands/replay.js' },
  { words: ['eval'], summary: 'score detection against your labelled conversations: precision/recall/F1 with intervals, delays, false alarms, report', module: './commands/eval.js' },
  { words: ['tune'], summary: 'suggest per-category thresholds from a labelled set', module: './commands/tune.js' },
  { words: ['feedback', 'export'], summary: 'turn reviewer decisions (and labelled files) into training data for vigie train', module: './commands/feedback-export.js' },
];

const GLOBAL_HELP = `vigie — streaming chat-safety pipeline

usage: vigie <command> [options]     vigie <command> --help

commands:
${COMMANDS.map((c) => `  ${c.words.join(' ').padEnd(18)} ${c.summary}`).join('\n')}

Configuration comes from environment variables (and an optional file named by VIGIE_CONFIG);
each command's --help lists those it reads. Logs go to stderr: readable lines on a terminal, JSON
(pino) otherwise (VIGIE_LOG_FORMAT=auto|json|pretty); chat text and IP addresses are redacted unless
VIGIE_LOG_REDACT=false.
`;

/**
 * Vigie runs on Node 24 (node:sqlite, the Kafka client of issue 11). `npm ci` installs it in
 * node_modules/.bin, which npm scripts and npx put first on PATH; a `vigie` started by an older
 * system node says so instead of failing later on a missing built-in module.
 */
const NODE_MAJOR_REQUIRED = 24;

/** Commands that run until stopped: SIGHUP must not end them (see common/hangup.ts). */
const LONG_RUNNING = new Set(['run classifier', 'run audit-sink', 'console']);

async function main(argv: string[]): Promise<number> {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < NODE_MAJOR_REQUIRED) {
    process.stderr.write(`vigie: needs Node.js ${NODE_MAJOR_REQUIRED} or newer, this is ${process.version} (${process.execPath}); ` +
      'run it through npm (npm start, npx vigie) or node_modules/.bin/node, which `npm ci` installs\n');
    return 1;
  }
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(GLOBAL_HELP);
    return argv.length === 0 ? 2 : 0;
  }
  const entry = COMMANDS.filter((c) => c.words.every((w, i) => argv[i] === w)).sort((a, b) => b.words.length - a.words.length)[0];
  if (!entry) {
    const group = COMMANDS.filter((c) => c.words[0] === argv[0]);
    if (group.length) {
      process.stderr.write(`vigie ${argv[0]}: choose one of: ${group.map((c) => c.words.slice(1).join(' ')).join(', ')}\n`);
    } else {
      process.stderr.write(`vigie: unknown command '${argv[0]}'\n\n${GLOBAL_HELP}`);
    }
    return 2;
  }
  // The long-running services handle SIGHUP (common/hangup.ts), SIGTERM and SIGINT once their logger exists; until then
  // (imports, configuration: seconds on a busy machine) Node's defaults would kill them: handled here (start-signals.ts).
  // A classifier started without its Node flags re-executes itself here, before its command's modules load (stop 51:
  // it did so in the command, after ~1 s of imports during which a SIGTERM killed the first image, exit 143 and no line;
  // a supervisor counted a crash). A signal before the exec stops it (exit 0): one turn of the event loop runs the
  // handler of a signal already taken (libuv queues it; without the turn a signal taken while node-flags.js loaded
  // was lost with the old image and the new one ran on); the exec itself runs with Node's default back (143, not lost).
  if (LONG_RUNNING.has(entry.words.join(' '))) {
    const releaseStartSignals = handleStartSignals(entry.words.join(' '), { stop: true });
    const rest = argv.slice(entry.words.length);
    if (entry.words.join(' ') === 'run classifier' && !rest.includes('--help') && !rest.includes('-h')) {
      const flags = await import('../classifier-worker/node-flags.js');
      if (flags.nodeFlagsPlan() === 'reexec') {
        // Two turns: the first may run in the check phase just after the poll that ended the import (no poll between);
        // the second follows a poll, which runs the handler of any signal taken so far.
        await new Promise<void>((r) => setImmediate(r));
        await new Promise<void>((r) => setImmediate(r));
        // Then Node's default again before the exec: a signal taken by a handler during process.execve's own steps
        // (milliseconds on a busy machine) was lost with this image and the new one ran on until SIGKILL (review of
        // ops51); with the default it ends the process (143), as before stop 51.
        releaseStartSignals();
        flags.ensureClassifierNodeFlags();
      }
    }
  }
  let command: Command;
  try {
    command = ((await import(entry.module)) as { default: Command }).default;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String((err as Error).message).includes(entry.module.slice(2))) {
      process.stderr.write(`vigie ${entry.words.join(' ')}: not available in this build\n`);
      return 2;
    }
    throw err;
  }
  const rest = argv.slice(entry.words.length);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
    return 0;
  }
  // A misspelt variable is ignored by the configuration (its default stays in force): say so, once per process (a
  // classifier re-executing itself does so above, before this point: only its new image says it).
  {
    const { unknownVigieVariables } = await import('../common/config.js');
    for (const u of unknownVigieVariables(process.env)) {
      process.stderr.write(`vigie: warning: ${u.name} is not a Vigie setting and is ignored${u.suggestion ? ` (did you mean ${u.suggestion}?)` : ''}\n`);
    }
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      // The error and where the help is: the whole help (40+ lines) scrolled the error out of sight.
      process.stderr.write(usageErrorText(entry.words, err.message));
      return 2;
    }
    if (err instanceof VigieError) {
      process.stderr.write(`vigie ${entry.words.join(' ')}: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    process.stderr.write(`vigie: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
