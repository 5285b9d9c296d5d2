import { createReadStream, createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../common/private-files.js';
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { once } from 'node:events';
import { VigieError } from '../contracts/errors.js';
import { contentOfRow, type ChainContent } from './chain.js';
import { getCase } from './store-cases.js';
import { describePeriod, inPeriod, type EvidencePeriod } from './evidence-period.js';
import { countScopedRows, readChainSegment, readRows, type Scope } from './store-reads.js';
import type { AuditStore } from './store.js';
import type { AuditRow, Case, ContextMessage } from './types.js';

export const EVIDENCE_FORMAT = 'vigie-evidence/1';
export const FILES = ['scope.json', 'messages.jsonl', 'transcript.txt', 'chain.jsonl'] as const;

export type EvidenceScope = { caseId: string } | { userId: string } | { conversationId: string };

export class EvidenceError extends VigieError {}

export interface Manifest {
  format: string;
  exportedAt: string;
  scope: EvidenceScope;
  /** The request's period (messages sent within it, bounds inclusive); absent or null = no period. */
  period?: { from: string | null; to: string | null } | null;
  /** The store's chain head when the package was made; chain.jsonl links the exported rows up to it. */
  chainHead: { seq: number; hash: string };
  files: Record<string, { sha256: string; bytes: number }>;
}

/** One line of messages.jsonl: the hashed content (recomputable), plus text and context where kept. */
export interface EvidenceMessage {
  seq: number;
  rowHash: string;
  content: ChainContent;
  sentAtIso: string;
  decidedAtIso: string | null;
  textStatus: 'kept' | 'kept, cut to fit a record' | 'not kept (benign)' | 'deleted by retention';
  text: string | null;
  context: ContextMessage[] | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Writes lines to a file while hashing them, so large segments never sit in memory. */
class HashedFile {
  private readonly out;
  private readonly h = createHash('sha256');
  bytes = 0;
  constructor(path: string) { this.out = createWriteStream(path, { flags: 'wx', mode: PRIVATE_FILE_MODE }); }
  async write(s: string): Promise<void> {
    const b = Buffer.from(s, 'utf8');
    this.h.update(b); this.bytes += b.length;
    if (!this.out.write(b)) await once(this.out, 'drain');
  }
  async close(): Promise<{ sha256: string; bytes: number }> {
    this.out.end();
    await once(this.out, 'finish');
    return { sha256: this.h.digest('hex'), bytes: this.bytes };
  }
}

/** A readable timeline: audited messages plus the context-window messages whose text a flagged record carried. */
function transcript(rows: AuditRow[], c: Case | null, period: EvidencePeriod | null): string {
  const evidence = new Set(c?.evidenceMessageIds ?? []);
  const audited = new Set(rows.map((r) => r.messageId));
  const fromContext = new Map<string, { m: ContextMessage; via: string }>();
  for (const r of rows) for (const m of r.context ?? []) if (!fromContext.has(m.messageId)) fromContext.set(m.messageId, { m, via: r.messageId ?? '' });
  const entries: { at: number; line: string }[] = [];
  for (const r of rows) {
    const cats = (r.categories ?? []).map((x) => `${x.category}:${x.score}`).join(',');
    const text = r.text ?? (r.textDeletedAt !== null ? '[text deleted by retention]'
      : fromContext.has(r.messageId ?? '') ? `${fromContext.get(r.messageId ?? '')!.m.text}   [text from a context window]` : '[text not kept: benign message]');
    const mark = evidence.has(r.messageId ?? '') ? '*' : ' ';
    const who = `${r.senderId} -> ${r.recipientId ?? r.roomId ?? '-'}  ip ${r.senderIp ?? '-'}`;
    const decision = `${r.action}${cats ? ` [${cats}]` : ''}${r.escalationPriority ? ` escalated ${r.escalationPriority}` : ''}`;
    const versions = `model ${r.modelVersion} rules ${r.rulesVersion} policy ${r.policyVersion}`;
    entries.push({ at: r.sentAt, line: `${mark} ${iso(r.sentAt)}  ${who}  msg ${r.messageId}  ${decision}  ${versions}\n    ${text}` });
  }
  for (const [id, { m, via }] of fromContext) {
    // A context window can reach back before the period: its text stays in the hashed messages.jsonl line, not in the timeline.
    if (!audited.has(id) && inPeriod(period, m.sentAt)) entries.push({ at: m.sentAt, line: `  ${iso(m.sentAt)}  ${m.senderId}  msg ${id}  (no audit row in scope; text from the context window of ${via})\n    ${m.text}` });
  }
  entries.sort((a, b) => a.at - b.at);
  return `Vigie evidence transcript. '*' marks the case's evidence messages.\n\n${entries.map((e) => e.line).join('\n')}\n`;
}

/**
 * Exports the rows in scope (sent within the period, if one is given), their chain links up to the current head,
 * and a manifest of SHA-256 hashes.
 */
export async function exportEvidence(store: AuditStore, scope: EvidenceScope, outDir: string, now: number,
  period: EvidencePeriod | null = null): Promise<Manifest> {
  if (existsSync(outDir) && readdirSync(outDir).length) throw new EvidenceError(`output folder ${outDir} is not empty; choose a new one`);
  // Chat text and IP addresses: the folder 0700 when created here, every file 0600.
  ensurePrivateDir(outDir);
  let c: Case | null = null;
  let rowScope: Scope;
  if ('caseId' in scope) {
    c = await getCase(store.db, scope.caseId);
    if (!c) throw new EvidenceError(`no case with id '${scope.caseId}'`);
    rowScope = { conversationId: c.conversationId };
  } else {
    rowScope = scope;
  }
  const rows = await readRows(store.db, rowScope, period);
  const periodOut = describePeriod(period);
  if (!rows.length) {
    const all = period ? await countScopedRows(store.db, rowScope) : 0;
    throw new EvidenceError(all && periodOut ? `no stored audit rows for ${JSON.stringify(scope)} sent between ${periodOut.from ?? 'the start'} and ${periodOut.to ?? 'now'} (${all} outside the period)`
      : `no stored audit rows for ${JSON.stringify(scope)} (never seen, or deleted by retention)`);
  }
  const head = await store.head();
  const check = await store.verify();
  const files: Manifest['files'] = {};

  const scopeFile = new HashedFile(join(outDir, 'scope.json'));
  await scopeFile.write(`${JSON.stringify({ scope, period: periodOut, case: c, exportedAt: iso(now), backend: store.opts.backend, rows: rows.length,
    storeChainCheck: { ok: check.ok, rows: check.rows, firstBreak: check.firstBreak } }, null, 2)}\n`);
  files['scope.json'] = await scopeFile.close();

  const msgs = new HashedFile(join(outDir, 'messages.jsonl'));
  for (const r of rows) {
    const m: EvidenceMessage = {
      seq: r.seq, rowHash: r.rowHash, content: contentOfRow(r), sentAtIso: iso(r.sentAt), decidedAtIso: r.decidedAt === null ? null : iso(r.decidedAt),
      textStatus: r.text !== null ? (r.textTruncatedFrom !== null ? 'kept, cut to fit a record' : 'kept') : r.textDeletedAt !== null ? 'deleted by retention' : 'not kept (benign)',
      text: r.text, context: r.textDeletedAt !== null ? null : r.context,
    };
    await msgs.write(`${JSON.stringify(m)}\n`);
  }
  files['messages.jsonl'] = await msgs.close();

  const tr = new HashedFile(join(outDir, 'transcript.txt'));
  await tr.write(transcript(rows, c, period));
  files['transcript.txt'] = await tr.close();

  // Every link from the first exported row to the head; rows outside the scope appear as hashes only.
  const chain = new HashedFile(join(outDir, 'chain.jsonl'));
  const PAGE = 5000;
  for (let from = rows[0]!.seq; from <= head.seq; from += PAGE) {
    for (const l of await readChainSegment(store.db, from, Math.min(from + PAGE - 1, head.seq))) {
      await chain.write(`${JSON.stringify({ seq: l.seq, prevHash: l.prevHash, contentHash: l.contentHash, rowHash: l.rowHash })}\n`);
    }
  }
  files['chain.jsonl'] = await chain.close();

  const manifest: Manifest = { format: EVIDENCE_FORMAT, exportedAt: iso(now), scope, period: periodOut, chainHead: head, files };
  const mf = new HashedFile(join(outDir, 'manifest.json'));
  await mf.write(`${JSON.stringify(manifest, null, 2)}\n`);
  await mf.close();
  return manifest;
}

async function* lines(path: string): AsyncGenerator<string> {
  const rl = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const l of rl) if (l.trim()) yield l;
}

export { lines as readJsonLines };
export const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
