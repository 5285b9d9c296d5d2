import { parseArgs, UsageError, type Command } from '../command.js';
import { verifyEvidence } from '../../audit/evidence-verify.js';

const help = `usage: vigie evidence verify DIR [--json]

Checks an evidence package offline, from its files alone: each file's SHA-256 against manifest.json,
the chain links in chain.jsonl (row_hash = SHA-256(prev_hash ‖ content_hash), consecutive, ending at
the manifest's chain head), each exported message against the content hash its link commits to, and
each kept text and context window against its hash. Compare the chain head with \`vigie audit verify\`
on the live store to tie the package to it. Exit code 0 when everything matches, 1 otherwise.

options:
  --json   print the result as JSON`;

const command: Command = {
  help,
  async run(argv) {
    const { opts, positionals } = parseArgs(argv, { booleans: ['json'] });
    const dir = positionals[0];
    if (!dir || positionals.length > 1) throw new UsageError('give exactly one package folder');
    const r = await verifyEvidence(dir);
    if (opts.json) process.stdout.write(`${JSON.stringify(r)}\n`);
    else if (r.ok) process.stdout.write(`evidence package OK: ${r.messages} messages, ${r.links} chain links, head seq ${r.chainHead?.seq} ${r.chainHead?.hash}\n`);
    else process.stdout.write(`evidence package FAILED:\n${r.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    return r.ok ? 0 : 1;
  },
};
export default command;
