import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from './canonical.js';
import { contentHash, contextSha256, rowHash } from './chain.js';
import { inPeriod } from './evidence-period.js';
import { EVIDENCE_FORMAT, FILES, readJsonLines, readManifest, type EvidenceMessage, type Manifest } from './evidence.js';

export interface EvidenceCheck { ok: boolean; problems: string[]; messages: number; links: number; chainHead: Manifest['chainHead'] | null }

async function fileSha(path: string): Promise<{ sha256: string; bytes: number }> {
  const h = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) { h.update(chunk as Buffer); bytes += (chunk as Buffer).length; }
  return { sha256: h.digest('hex'), bytes };
}

/**
 * Re-checks a package offline, with nothing but its files: every file against the manifest; every chain
 * link (row_hash = SHA-256(prev_hash ‖ content_hash), consecutive seqs, ending at the manifest's chain
 * head); every exported message's content against the content hash its chain link commits to; every
 * kept text and context window against the hashes in that content. Lists all problems found.
 */
export async function verifyEvidence(dir: string): Promise<EvidenceCheck> {
  const problems: string[] = [];
  if (!existsSync(join(dir, 'manifest.json'))) return { ok: false, problems: [`${dir}: no manifest.json`], messages: 0, links: 0, chainHead: null };
  let m: Manifest;
  try { m = readManifest(dir); } catch (err) { return { ok: false, problems: [`manifest.json: ${(err as Error).message}`], messages: 0, links: 0, chainHead: null }; }
  if (m.format !== EVIDENCE_FORMAT) problems.push(`manifest.json: format '${m.format}', expected '${EVIDENCE_FORMAT}'`);
  for (const f of FILES) {
    const want = m.files?.[f];
    if (!want) { problems.push(`manifest.json: no entry for ${f}`); continue; }
    if (!existsSync(join(dir, f))) { problems.push(`${f}: missing`); continue; }
    const got = await fileSha(join(dir, f));
    if (got.sha256 !== want.sha256 || got.bytes !== want.bytes) problems.push(`${f}: SHA-256 ${got.sha256} (${got.bytes} bytes) differs from the manifest (${want.sha256}, ${want.bytes} bytes)`);
  }
  for (const f of readdirSync(dir)) if (f !== 'manifest.json' && !(FILES as readonly string[]).includes(f)) problems.push(`${f}: not listed in the manifest`);

  const links = new Map<number, { contentHash: string; rowHash: string }>();
  let prev: { seq: number; rowHash: string } | null = null;
  let n = 0;
  if (existsSync(join(dir, 'chain.jsonl'))) {
    for await (const l of readJsonLines(join(dir, 'chain.jsonl'))) {
      const x = JSON.parse(l) as { seq: number; prevHash: string; contentHash: string; rowHash: string };
      n++;
      if (rowHash(x.prevHash, x.contentHash) !== x.rowHash) problems.push(`chain.jsonl seq ${x.seq}: row hash does not match prev_hash + content_hash`);
      if (prev && x.seq !== prev.seq + 1) problems.push(`chain.jsonl: seq ${prev.seq} is followed by seq ${x.seq}`);
      if (prev && x.prevHash !== prev.rowHash) problems.push(`chain.jsonl seq ${x.seq}: prev_hash does not link to seq ${prev.seq}`);
      links.set(x.seq, { contentHash: x.contentHash, rowHash: x.rowHash });
      prev = { seq: x.seq, rowHash: x.rowHash };
    }
  }
  if (!prev) problems.push('chain.jsonl: empty');
  else if (prev.seq !== m.chainHead?.seq || prev.rowHash !== m.chainHead?.hash) {
    problems.push(`chain.jsonl ends at seq ${prev.seq} ${prev.rowHash}, not at the manifest's chain head (seq ${m.chainHead?.seq} ${m.chainHead?.hash})`);
  }

  // The request's period: scope.json (hashed) must say the same, and every exported message was sent within it.
  const period = m.period ?? null;
  if (existsSync(join(dir, 'scope.json'))) {
    const said = (JSON.parse(readFileSync(join(dir, 'scope.json'), 'utf8')) as { period?: unknown }).period ?? null;
    if (JSON.stringify(said) !== JSON.stringify(period)) problems.push(`manifest.json: period ${JSON.stringify(period)} differs from scope.json's ${JSON.stringify(said)}`);
  }
  const bound = (x: string | null | undefined) => (x == null ? null : Date.parse(x));
  const within = period ? { from: bound(period.from), to: bound(period.to) } : null;

  let messages = 0;
  if (existsSync(join(dir, 'messages.jsonl'))) {
    for await (const l of readJsonLines(join(dir, 'messages.jsonl'))) {
      const e = JSON.parse(l) as EvidenceMessage;
      messages++;
      const link = links.get(e.seq);
      const where = `messages.jsonl seq ${e.seq} (${e.content?.messageId})`;
      if (!link) { problems.push(`${where}: no chain link for this row`); continue; }
      if (contentHash(e.content) !== link.contentHash) problems.push(`${where}: technical data differ from the content hash in the chain`);
      if (e.rowHash !== link.rowHash) problems.push(`${where}: row hash differs from the chain`);
      if (e.text !== null && sha256Hex(e.text) !== e.content.keptTextSha256) problems.push(`${where}: text does not match its hash`);
      if (e.context !== null && contextSha256(e.context) !== e.content.contextSha256) problems.push(`${where}: context window does not match contextSha256`);
      if (!inPeriod(within, e.content.sentAt)) problems.push(`${where}: sent ${new Date(e.content.sentAt).toISOString()}, outside the package's period`);
    }
  }
  return { ok: problems.length === 0, problems, messages, links: n, chainHead: m.chainHead ?? null };
}
