#!/usr/bin/env node
// Turns a writer's compact conversation files (corpus/written/<writer>/part-*.jsonl, format in
// corpus/README.md) into the dev-set format: <out>/messages.jsonl and <out>/labels.jsonl.
// Deterministic: ids, timestamps and IPs derive from the conversation id, so a re-run is byte-identical.
// usage: node corpus/written/convert.mjs WRITER_DIR OUT_DIR
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [srcDir, outDir] = process.argv.slice(2);
if (!srcDir || !outDir) {
  console.error('usage: convert.mjs WRITER_DIR OUT_DIR');
  process.exit(2);
}

/** Deterministic pseudo-random integers from a string seed (sha256 counter mode). */
function stream(seed) {
  let counter = 0;
  let buf = Buffer.alloc(0);
  return (n) => {
    if (buf.length < 4) {
      buf = createHash('sha256').update(`${seed}:${counter++}`).digest();
    }
    const v = buf.readUInt32BE(0);
    buf = buf.subarray(4);
    return v % n;
  };
}

const files = readdirSync(srcDir).filter((f) => /^part-\d+\.jsonl$/.test(f)).sort();
const messages = [];
const labels = [];
for (const f of files) {
  for (const line of readFileSync(join(srcDir, f), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const c = JSON.parse(line);
    const rnd = stream(c.id);
    // Start between 2024-01-01 and 2026-06-30, at a chat-plausible hour.
    const day = Date.UTC(2024, 0, 1) + rnd(912) * 86_400_000;
    let t = day + (8 + rnd(16)) * 3_600_000 + rnd(3600) * 1000;
    const ips = new Map();
    const ipFor = (h) => {
      if (!ips.has(h)) {
        const nets = ['192.0.2', '198.51.100', '203.0.113'];
        ips.set(h, `${nets[rnd(3)]}.${1 + rnd(254)}`);
      }
      return ips.get(h);
    };
    const senders = [...new Set(c.messages.map((m) => m[0]))];
    const pad = (i) => String(i).padStart(2, '0');
    c.messages.forEach(([sender, text], i) => {
      t += (5 + rnd(i === 0 ? 60 : 240)) * 1000;
      const other = c.room ? null : (senders.find((s) => s !== sender) ?? null);
      messages.push({
        messageId: `${c.id}-m${pad(i + 1)}`,
        conversationId: c.id,
        roomId: c.room ?? null,
        senderId: sender,
        recipientId: other,
        text,
        sentAt: new Date(t).toISOString().replace('.000Z', 'Z'),
        senderIp: ipFor(sender),
        senderDeclaredAge: c.ages?.[sender] ?? null,
        locale: c.lang,
      });
    });
    const evidentAt = {};
    for (const [cat, n] of Object.entries(c.evidentAt ?? {})) evidentAt[cat] = `${c.id}-m${pad(n)}`;
    labels.push({ conversationId: c.id, categories: c.categories, evidentAt, minors: c.minors, notes: c.notes });
  }
}
mkdirSync(outDir, { recursive: true });
const jsonl = (rows) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
writeFileSync(join(outDir, 'messages.jsonl'), jsonl(messages));
writeFileSync(join(outDir, 'labels.jsonl'), jsonl(labels));
console.log(`${srcDir}: ${labels.length} conversations, ${messages.length} messages -> ${outDir}`);
