import { parseArgs, UsageError, type Command } from '../command.js';
import { cliLogger, operatorFromEnv, withStore } from '../../audit/cli-support.js';
import { logAccess } from '../../audit/access-log.js';
import { STORE_ENV_HELP } from '../../audit/env.js';
import { exportEvidence, type EvidenceScope } from '../../audit/evidence.js';

const help = `usage: vigie evidence export (--case ID | --user ID | --conversation ID) --reference REF --out DIR

Writes an evidence package for a lawful request into DIR (which must be new or empty):
  scope.json      the request scope, the case (if any), the store's chain check at export time
  messages.jsonl  every audited message in scope: technical data (ids, IP, timestamps), verdict
                  (action, categories, escalation), model/rules/policy versions, source position,
                  text and context window where kept, each with the chain content it is hashed from
  transcript.txt  the conversation as a readable timeline (text where kept)
  chain.jsonl     the chain links from the first exported row to the chain head (hashes only)
  manifest.json   SHA-256 and size of every file, and the chain head the package ties to
Check it with \`vigie evidence verify DIR\`. The export is written to the access log with the
legal-request reference and the operator (VIGIE_OPERATOR, else $USER) before the package is written.

options:
  --case ID          the case's conversation
  --user ID          every message the user sent or received
  --conversation ID  one conversation
  --reference REF    required: the legal-request reference (court order, requisition number)
  --out DIR          output folder

${STORE_ENV_HELP}
  VIGIE_OPERATOR                   who exports, for the access log (default $USER)`;

const command: Command = {
  help,
  async run(argv) {
    const { opts, positionals } = parseArgs(argv, { strings: ['case', 'user', 'conversation', 'out', 'reference'] });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const given = (['case', 'user', 'conversation'] as const).filter((k) => typeof opts[k] === 'string');
    if (given.length !== 1) throw new UsageError('give exactly one of --case, --user, --conversation');
    if (typeof opts.out !== 'string') throw new UsageError('--out DIR is required');
    if (typeof opts.reference !== 'string' || !opts.reference.trim()) {
      throw new UsageError('--reference REF is required (the legal-request reference, written to the access log)');
    }
    const reference = opts.reference.trim();
    const operator = operatorFromEnv(process.env);
    const id = String(opts[given[0]!]);
    const scope: EvidenceScope = given[0] === 'case' ? { caseId: id } : given[0] === 'user' ? { userId: id } : { conversationId: id };
    const out = opts.out;
    const log = cliLogger(process.env, 'evidence-export');
    const m = await withStore(process.env, log, async (s) => {
      await logAccess(s.db, { operator, role: null, what: 'export-evidence', caseId: 'caseId' in scope ? scope.caseId : null, reference,
        detail: `vigie evidence export ${given[0]} ${id}` }, Date.now());
      return exportEvidence(s, scope, out, Date.now());
    });
    process.stdout.write(`evidence package written to ${out}\n  chain head seq ${m.chainHead.seq} ${m.chainHead.hash}\n`
      + Object.entries(m.files).map(([f, h]) => `  ${f.padEnd(15)} ${h.sha256}  ${h.bytes} bytes\n`).join(''));
    return 0;
  },
};
export default command;
