import { parseArgs, UsageError, type Command } from '../command.js';
import { cliLogger, withStore } from '../../audit/cli-support.js';
import { STORE_ENV_HELP } from '../../audit/env.js';
import { exportEvidence, type EvidenceScope } from '../../audit/evidence.js';

const help = `usage: vigie evidence export (--case ID | --user ID | --conversation ID) --out DIR

Writes an evidence package for a lawful request into DIR (which must be new or empty):
  scope.json      the request scope, the case (if any), the store's chain check at export time
  messages.jsonl  every audited message in scope: technical data (ids, IP, timestamps), verdict
                  (action, categories, escalation), model/rules/policy versions, source position,
                  text and context window where kept, each with the chain content it is hashed from
  transcript.txt  the conversation as a readable timeline (text where kept)
  chain.jsonl     the chain links from the first exported row to the chain head (hashes only)
  manifest.json   SHA-256 and size of every file, and the chain head the package ties to
Check it with \`vigie evidence verify DIR\`.

options:
  --case ID          the case's conversation
  --user ID          every message the user sent or received
  --conversation ID  one conversation
  --out DIR          output folder

${STORE_ENV_HELP}`;

const command: Command = {
  help,
  async run(argv) {
    const { opts, positionals } = parseArgs(argv, { strings: ['case', 'user', 'conversation', 'out'] });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const given = (['case', 'user', 'conversation'] as const).filter((k) => typeof opts[k] === 'string');
    if (given.length !== 1) throw new UsageError('give exactly one of --case, --user, --conversation');
    if (typeof opts.out !== 'string') throw new UsageError('--out DIR is required');
    const id = String(opts[given[0]!]);
    const scope: EvidenceScope = given[0] === 'case' ? { caseId: id } : given[0] === 'user' ? { userId: id } : { conversationId: id };
    const out = opts.out;
    const log = cliLogger(process.env, 'evidence-export');
    const m = await withStore(process.env, log, (s) => exportEvidence(s, scope, out, Date.now()));
    process.stdout.write(`evidence package written to ${out}\n  chain head seq ${m.chainHead.seq} ${m.chainHead.hash}\n`
      + Object.entries(m.files).map(([f, h]) => `  ${f.padEnd(15)} ${h.sha256}  ${h.bytes} bytes\n`).join(''));
    return 0;
  },
};
export default command;
