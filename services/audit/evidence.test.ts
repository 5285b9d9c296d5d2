import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportEvidence, readManifest } from './evidence.js';
import { verifyEvidence } from './evidence-verify.js';
import { parsePeriod } from './evidence-period.js';
import { auditRecord, BACKENDS, escalation, T0 } from '../../test/support/audit.js';

const tampers: { name: string; apply: (dir: string) => void; want: RegExp }[] = [
  {
    name: 'an edited IP in messages.jsonl',
    apply: (d) => {
      const p = join(d, 'messages.jsonl');
      writeFileSync(p, readFileSync(p, 'utf8').replace('203.0.113.2"', '198.51.100.9"'));
    },
    want: /messages.jsonl: SHA-256 .* differs|technical data differ/,
  },
  { name: 'an extra file', apply: (d) => writeFileSync(join(d, 'notes.txt'), 'x'), want: /notes.txt: not listed/ },
  {
    name: 'a truncated chain',
    apply: (d) => {
      const p = join(d, 'chain.jsonl');
      const lines = readFileSync(p, 'utf8').trim().split('\n');
      writeFileSync(p, `${lines.slice(0, -1).join('\n')}\n`);
    },
    want: /chain.jsonl ends at seq/,
  },
  { name: 'a line added to the transcript', apply: (d) => appendFileSync(join(d, 'transcript.txt'), 'forged\n'), want: /transcript.txt: SHA-256/ },
];

for (const b of BACKENDS) {
  describe(`evidence package on ${b.name}`, () => {
    it('contains the conversation, IPs, verdicts and versions; verifies; names any tampering', async () => {
      const { store, cleanup } = await b.fresh();
      const root = mkdtempSync(join(tmpdir(), 'vigie-evidence-'));
      try {
        await store.write({ audit: [auditRecord(1), auditRecord(2, { flagged: true }), auditRecord(3, { flagged: true, escalationPriority: 'P1' }),
          auditRecord(4, { conversationId: 'c-other', senderId: 'u-9', recipientId: 'u-8' })], escalations: [escalation('e-1')] }, T0);
        const dir = join(root, 'pkg');
        const m = await exportEvidence(store, { caseId: 'e-1' }, dir, T0 + 1000);
        assert.deepEqual(m.chainHead, await store.head());
        type Line = { content: { messageId: string; senderIp: string; action: string; rulesVersion: string }; text: string | null; textStatus: string };
        const msgs = readFileSync(join(dir, 'messages.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Line);
        assert.deepEqual(msgs.map((x) => [x.content.messageId, x.content.senderIp, x.content.action, x.textStatus]),
          [['m-1', '203.0.113.1', 'allow', 'not kept (benign)'], ['m-2', '203.0.113.2', 'flag', 'kept'], ['m-3', '203.0.113.3', 'flag', 'kept']]);
        assert.equal(msgs[0]!.text, null);
        assert.equal(msgs[1]!.content.rulesVersion, 'rules@1');
        const tr = readFileSync(join(dir, 'transcript.txt'), 'utf8');
        assert.match(tr, /\* .*u-adult -> u-child {2}ip 203\.0\.113\.3 .*child_grooming:0\.91\] escalated P1/);
        assert.match(tr, /tu as quel âge/);
        assert.doesNotMatch(tr, /hello 1|c-other|u-9/);
        assert.deepEqual(Object.keys(readManifest(dir).files).sort(), ['chain.jsonl', 'messages.jsonl', 'scope.json', 'transcript.txt']);
        if (process.platform !== 'win32') {
          // IPs and chat text: owner-only, whatever the umask (mkdtemp's own folder is 0700; the package folder is made by the export).
          assert.equal(statSync(dir).mode & 0o777, 0o700);
          for (const f of ['chain.jsonl', 'messages.jsonl', 'scope.json', 'transcript.txt', 'manifest.json']) assert.equal(statSync(join(dir, f)).mode & 0o777, 0o600, f);
        }
        const ok = await verifyEvidence(dir);
        assert.deepEqual([ok.ok, ok.messages, ok.links, ok.problems], [true, 3, 4, []]);
        await assert.rejects(exportEvidence(store, { caseId: 'e-1' }, dir, T0), /not empty/);
        await assert.rejects(exportEvidence(store, { userId: 'nobody' }, join(root, 'x'), T0), /no stored audit rows/);
        for (const t of tampers) {
          const d = join(root, `t-${tampers.indexOf(t)}`);
          await exportEvidence(store, { conversationId: 'c-1' }, d, T0);
          t.apply(d);
          const bad = await verifyEvidence(d);
          assert.equal(bad.ok, false, t.name);
          assert.ok(bad.problems.some((p) => t.want.test(p)), `${t.name}: ${bad.problems.join(' | ')}`);
        }
      } finally {
        rmSync(root, { recursive: true, force: true });
        await cleanup();
      }
    });

    it('a lawful request for a period gets only the messages sent within it, and the package still verifies', async () => {
      const { store, cleanup } = await b.fresh();
      const root = mkdtempSync(join(tmpdir(), 'vigie-evidence-period-'));
      try {
        // m-i is sent at T0 + i s: the period [T0 + 2 s, T0 + 3 s] holds m-2 and m-3 of u-adult, not m-1, m-4 or m-5.
        await store.write({ audit: [1, 2, 3, 4, 5].map((i) => auditRecord(i, { flagged: i === 3 })) }, T0);
        const at = (s: number) => new Date(T0 + s * 1000).toISOString();
        const period = parsePeriod(at(2), at(3));
        const dir = join(root, 'pkg');
        const m = await exportEvidence(store, { userId: 'u-adult' }, dir, T0 + 10_000, period);
        const ids = readFileSync(join(dir, 'messages.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { content: { messageId: string } }).content.messageId);
        assert.deepEqual(ids, ['m-2', 'm-3']);
        assert.doesNotMatch(readFileSync(join(dir, 'transcript.txt'), 'utf8'), /msg m-(1|4|5)\b/);
        assert.deepEqual(m.period, { from: at(2), to: at(3) });
        const scope = JSON.parse(readFileSync(join(dir, 'scope.json'), 'utf8')) as { period: unknown; rows: number };
        assert.deepEqual([scope.period, scope.rows], [{ from: at(2), to: at(3) }, 2]);
        const ok = await verifyEvidence(dir);
        assert.deepEqual([ok.ok, ok.messages, ok.problems], [true, 2, []]);
        // A package that claims a narrower period than the messages it holds does not verify.
        const all = join(root, 'all');
        const claimed = await exportEvidence(store, { userId: 'u-adult' }, all, T0 + 10_000);
        writeFileSync(join(all, 'manifest.json'), `${JSON.stringify({ ...claimed, period: { from: at(2), to: at(3) } }, null, 2)}\n`);
        const bad = await verifyEvidence(all);
        assert.equal(bad.ok, false);
        assert.equal(bad.problems.filter((p) => /outside the package's period/.test(p)).length, 3);
        assert.ok(bad.problems.some((p) => /differs from scope\.json/.test(p)));
        await assert.rejects(exportEvidence(store, { userId: 'u-adult' }, join(root, 'none'), T0, parsePeriod(at(6), at(9))),
          /sent between .* \(5 outside the period\)/);
      } finally {
        rmSync(root, { recursive: true, force: true });
        await cleanup();
      }
    });
  });
}
