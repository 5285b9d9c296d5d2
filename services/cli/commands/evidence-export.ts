import { parseArgs, UsageError, type Command } from '../command.js';
import { cliLogger, osAccountName, withStore } from '../../audit/cli-support.js';
import { operatorFromEnv, withOsAccount } from '../../audit/operator.js';
import { logAccess } from '../../audit/access-log.js';
import { STORE_ENV_HELP } from '../../audit/env.js';
import { exportEvidence, type EvidenceScope } from '../../audit/evidence.js';
import { describePeriod, EvidencePeriodError, parsePeriod } from '../../audit/evidence-period.js';

const help = `usage: vigie evidence export (--case ID | --user ID | --conversation ID) [--from T] [--to T] --reference REF --out DIR

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
  --from T, --to T   only the messages sent within this period (the request's period; both bounds
                     inclusive, either may be left open): a date-time with its offset
                     (2024-09-01T00:00:00Z, 2024-09-01T02:00:00+02:00) or a UTC date (2024-09-01: from
                     its first millisecond as --from, to its last as --to). Without them the package
                     holds every message in scope, whenever it was sent
  --reference REF    required: the legal-request reference (court order, requisition number)
  --out DIR          output folder

${STORE_ENV_HELP}
  VIGIE_OPERATOR                   who exports, for the access log (default $USER; at most 64 characters;
                                   when set, the entry also names the OS account that ran the command)`;

const command: Command = {
  help,
  async run(argv) {
    const { opts, positionals } = parseArgs(argv, { strings: ['case', 'user', 'conversation', 'out', 'reference', 'from', 'to'] });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const given = (['case', 'user', 'conversation'] as const).filter((k) => typeof opts[k] === 'string');
    if (given.length !== 1) throw new UsageError('give exactly one of --case, --user, --conversation');
    if (typeof opts.out !== 'string') throw new UsageError('--out DIR is required');
    if (typeof opts.reference !== 'string' || !opts.reference.trim()) {
      throw new UsageError('--reference REF is required (the legal-request reference, written to the access log)');
    }
    const reference = opts.reference.trim();
    let period;
    try { period = parsePeriod(opts.from as string | undefined, opts.to as string | undefined); } catch (err) {
      if (err instanceof EvidencePeriodError) throw new UsageError(err.message);
      throw err;
    }
    const shown = describePeriod(period);
    const who = operatorFromEnv(process.env, osAccountName);
    const id = String(opts[given[0]!]);
    const scope: EvidenceScope = given[0] === 'case' ? { caseId: id } : given[0] === 'user' ? { userId: id } : { conversationId: id };
    const out = opts.out;
    const log = cliLogger(process.env, 'evidence-export');
    const m = await withStore(process.env, log, async (s) => {
      await logAccess(s.db, { operator: who.name, role: null, what: 'export-evidence', caseId: 'caseId' in scope ? scope.caseId : null, reference,
        detail: withOsAccount(`vigie evidence export ${given[0]} ${id}${shown ? ` from ${shown.from ?? '-'} to ${shown.to ?? '-'}` : ''}`, who) }, Date.now());
      return exportEvidence(s, scope, out, Date.now(), period);
    });
    process.stdout.write(`evidence package written to ${out}${shown ? ` (messages sent from ${shown.from ?? 'the start'} to ${shown.to ?? 'now'})` : ''}\n  chain head seq ${m.chainHead.seq} ${m.chainHead.hash}\n`
      + Object.entries(m.files).map(([f, h]) => `  ${f.padEnd(15)} ${h.sha256}  ${h.bytes} bytes\n`).join(''));
    return 0;
  },
};
export default command;
