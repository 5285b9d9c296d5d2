/**
 * `vigie classify`: runs the engine over a JSONL file of ChatMessage records, in file order, with
 * context per conversation exactly as the streaming worker keeps it (conversations may be
 * interleaved). Writes one Verdict JSON line per good input line. Bad lines are reported on stderr
 * (line number and reason) and counted, never fatal.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { parseArgs, UsageError, type Command } from '../command.js';
import { createCodecs } from '../../contracts/index.js';
import type { ChatMessage } from '../../contracts/types.js';
import { RecordError } from '../../contracts/errors.js';
import { createEngine, createState } from '../../engine/engine.js';
import { encodedOf } from '../../engine/context/state-lazy.js';
import { createPrivateWriteStream } from '../../common/private-files.js';
import { actsOrEscalates, classifyStream } from '../../engine/classify-stream.js';

const HELP = `usage: vigie classify [--in FILE] [--out FILE] [--rules DIR] [--policy FILE] [--model DIR|none]
                      [--window-model DIR|none] [--batch N] [--state-cool-after T]
                      [--state-cool-min-entries N] [--progress] [--fail-on-bad]

Runs the detection engine (rules, model, conversation context, policy) over chat messages.

options:
  --in FILE        JSONL input, one ChatMessage JSON object per line (sentAt: epoch ms or ISO 8601).
                   Default: stdin.
  --out FILE       JSONL output, one Verdict per good input line, in input order. Default: stdout.
  --rules DIR      rule directory (with manifest.json). Default: <repo>/rules
  --policy FILE    policy file. Default: <repo>/policies/default.json
  --model DIR      model directory (manifest.json + model.onnx), or "none" for rules and context only.
                   Default: <repo>/models/vigie-fasttext-v1
  --window-model DIR  conversation-window model (input kind window-hashed-bag), or "none" to turn it
                   off. Default: <repo>/models/vigie-window-v1
  --batch N        messages per engine call (the model runs once per batch; verdicts do not depend
                   on it). Default: 256
  --state-cool-after T  conversations and senders not touched within the last T touches (two per
                   message) are kept encoded in memory until read again, as the classifier's
                   VIGIE_CLASSIFIER_STATE_COOL_AFTER: less memory for more CPU, verdicts unchanged.
                   Default: 0 (off)
  --state-cool-min-entries N  ... only once the state holds N conversations + senders. Default: 4000
  --progress       report progress on stderr (default: only when stderr is a terminal)
  --fail-on-bad    exit with code 3 when any line was bad (default: bad lines are reported, exit 0)

Blank lines are skipped. A bad line (invalid JSON, missing or wrongly typed field) is reported on
stderr as "line N: reason" and counted; processing continues. A summary goes to stderr at the end.

exit codes:
  0  every line was read (bad lines, if any, were reported and skipped)
  1  the engine could not start (rules, policy or model invalid) or reading/writing failed
  2  usage error
  3  --fail-on-bad was given and at least one line was bad

environment: none (all settings are options).
`;

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

const command: Command = {
  help: HELP,
  async run(argv) {
    const { opts, positionals } = parseArgs(argv, { strings: ['in', 'out', 'rules', 'policy', 'model', 'window-model', 'batch', 'state-cool-after', 'state-cool-min-entries'], booleans: ['progress', 'fail-on-bad'] });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const batchSize = opts.batch === undefined ? 256 : Number(opts.batch);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 65536) throw new UsageError('--batch must be an integer in 1..65536');
    const count = (name: string, def: number): number => {
      const v = opts[name] === undefined ? def : Number(opts[name]);
      if (!Number.isInteger(v) || v < 0) throw new UsageError(`--${name} must be an integer >= 0`);
      return v;
    };
    const bounds = { coolAfterTouches: count('state-cool-after', 0), coolMinEntries: count('state-cool-min-entries', 4000) };
    const engine = await createEngine({
      bounds,
      rulesDir: opts.rules as string | undefined,
      policyFile: opts.policy as string | undefined,
      modelDir: opts.model as string | undefined,
      windowModelDir: opts['window-model'] as string | undefined,
    });
    const codecs = createCodecs();
    const input = opts.in ? createReadStream(opts.in as string, 'utf8') : process.stdin;
    // Verdicts name users and conversations: --out is owner-only, as the audit store.
    const output: Writable = opts.out ? createPrivateWriteStream(opts.out as string) : process.stdout;
    const showProgress = opts.progress === true || process.stderr.isTTY === true;
    const started = Date.now();
    let lineNo = 0, good = 0, bad = 0, acted = 0, lastReport = started;
    // Decodes lines as the engine pulls them; bad lines are reported and skipped here.
    async function* decoded(): AsyncGenerator<ChatMessage> {
      for await (const line of createInterface({ input, crlfDelay: Infinity })) {
        lineNo++;
        if (!line.trim()) continue;
        let message: ChatMessage | null = null;
        try {
          message = codecs.ChatMessage.decodeJson(line);
          good++;
        } catch (err) {
          bad++;
          const reason = err instanceof RecordError || err instanceof Error ? err.message : String(err);
          process.stderr.write(`line ${lineNo}: ${reason}\n`);
        }
        if (message) yield message;
        if (showProgress && (lineNo % 10000 === 0 || Date.now() - lastReport > 2000)) {
          lastReport = Date.now();
          process.stderr.write(`classify: ${lineNo} lines, ${good} messages, ${bad} bad, ${acted} acted on, ${Math.round(good / Math.max(0.001, (lastReport - started) / 1000))} msg/s\n`);
        }
      }
    }
    const state = createState();
    try {
      await classifyStream(engine, decoded(), {
        batchSize,
        state,
        async onVerdicts(verdicts) {
          let text = '';
          for (const v of verdicts) {
            if (actsOrEscalates(v)) acted++;
            text += JSON.stringify(v) + '\n';
          }
          await write(output, text);
        },
      });
    } finally {
      await engine.close();
      if (output !== process.stdout) {
        output.end();
        await once(output, 'finish');
      }
    }
    const secs = (Date.now() - started) / 1000;
    if (bounds.coolAfterTouches > 0) {
      let cooled = 0;
      for (const rec of [state.convs, state.senders] as Record<string, unknown>[]) for (const k in rec) if (encodedOf(rec[k])) cooled++;
      process.stderr.write(`classify: state at the end: ${state.nc} conversations, ${state.ns} senders, ${cooled} kept encoded (--state-cool-after ${bounds.coolAfterTouches})\n`);
    }
    process.stderr.write(`classify: ${lineNo} lines, ${good} messages classified, ${bad} bad lines, ${acted} verdicts act or escalate, ${secs.toFixed(1)} s `
      + `(engine ${engine.versions.rules} / ${engine.versions.model} / ${engine.versions.policy})\n`);
    return bad > 0 && opts['fail-on-bad'] === true ? 3 : 0;
  },
};
export default command;
