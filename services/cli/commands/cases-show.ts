import { parseArgs, UsageError, type Command } from '../command.js';
import { cliLogger, iso, withStore } from '../../audit/cli-support.js';
import { STORE_ENV_HELP } from '../../audit/env.js';
import { CaseError, getCase } from '../../audit/store-cases.js';
import { readRows } from '../../audit/store-reads.js';
import { logAccess } from '../../audit/access-log.js';
import { osAccountName } from '../../audit/cli-support.js';
import { operatorFromEnv, withOsAccount } from '../../audit/operator.js';

const help = `usage: vigie cases show ID [--json]

Shows one case and its conversation as stored: every audited message with time, sender, IP, action,
categories, and text where it is kept (flagged messages and their context window). Evidence messages
are marked with '*'. Output goes to stdout (not the log), unredacted: it is for the reviewer.
Each run is written to the access log (operator VIGIE_OPERATOR, else $USER; see vigie audit access-log).

${STORE_ENV_HELP}
  VIGIE_OPERATOR                   who is reading, for the access log (default $USER; at most 64 characters;
                                   when set, the entry also names the OS account that ran the command)`;

const command: Command = {
  help,
  async run(argv) {
    const { opts, positionals } = parseArgs(argv, { booleans: ['json'] });
    const id = positionals[0];
    if (!id || positionals.length > 1) throw new UsageError('give exactly one case id');
    const log = cliLogger(process.env, 'cases-show');
    const { c, rows } = await withStore(process.env, log, async (s) => {
      const c = await getCase(s.db, id);
      if (!c) throw new CaseError(`no case with id '${id}'`);
      const who = operatorFromEnv(process.env, osAccountName);
      await logAccess(s.db, { operator: who.name, role: null, what: 'view-case', caseId: id, reference: null, detail: withOsAccount('vigie cases show', who) }, Date.now());
      return { c, rows: await readRows(s.db, { conversationId: c.conversationId }) };
    });
    if (opts.json) {
      process.stdout.write(`${JSON.stringify({ case: c, messages: rows })}\n`);
      return 0;
    }
    const evidence = new Set(c.evidenceMessageIds);
    process.stdout.write(`case ${c.caseId}  ${c.priority}  ${c.status}  ${c.category} (${c.categories.join(', ')})\n`
      + `conversation ${c.conversationId}  users ${c.users.join(', ')}\n`
      + `created ${iso(c.createdAt)}  updated ${iso(c.updatedAt)}${c.resolvedAt ? `  resolved ${iso(c.resolvedAt)} by ${c.reviewer ?? '?'}: ${c.resolutionReason}` : ''}\n`
      + `reasons:\n${c.reasons.map((r) => `  - ${r}`).join('\n')}\n\nmessages:\n`);
    for (const r of rows) {
      const cats = (r.categories ?? []).map((x) => `${x.category}:${x.score.toFixed(2)}`).join(',');
      const text = r.text ?? (r.textDeletedAt ? '[text deleted by retention]' : '[text not kept: benign]');
      const mark = evidence.has(r.messageId ?? '') ? '*' : ' ';
      const who = `${r.senderId} -> ${r.recipientId ?? r.roomId ?? '-'}  ip ${r.senderIp ?? '-'}`;
      const decision = `${r.action}${cats ? ` [${cats}]` : ''}${r.escalationPriority ? ` ${r.escalationPriority}` : ''}`;
      process.stdout.write(`${mark} ${iso(r.sentAt)}  ${who}  ${decision}\n    ${text}\n`);
    }
    return 0;
  },
};
export default command;
