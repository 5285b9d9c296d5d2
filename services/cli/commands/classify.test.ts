import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../main.js');

function fixture(): { dir: string; rules: string; input: string } {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-classify-test-'));
  const rules = join(dir, 'rules');
  spawnSync('mkdir', [rules]);
  writeFileSync(join(rules, 'manifest.json'), JSON.stringify({ version: 'cli-test-1', files: ['t.rules'] }));
  writeFileSync(join(rules, 't.rules'), 'id=t.drug label=drug_trafficking lang=fr,en weight=0.8 | (beuh|weed) *4 <num>\n');
  const lines = [
    JSON.stringify({ messageId: 'm1', conversationId: 'c1', senderId: 'a', recipientId: 'b', text: 'salut', sentAt: '2024-09-10T16:22:33Z' }),
    JSON.stringify({ messageId: 'm2', conversationId: 'c2', senderId: 'd', recipientId: 'e', text: 'weed 10 le g', sentAt: 1725985400000, senderDeclaredAge: 25 }),
    '{"messageId": "m3", "conversationId": ',
    '',
    JSON.stringify({ messageId: 'm4', conversationId: 'c1', senderId: 'b', text: 'yo', sentAt: 'yesterday' }),
    JSON.stringify({ messageId: 'm5', conversationId: 'c1', senderId: 'b', recipientId: 'a', text: 'ça va', sentAt: 1725985500000 }),
  ];
  const input = join(dir, 'in.jsonl');
  writeFileSync(input, lines.join('\n') + '\n');
  return { dir, rules, input };
}

test('classify: good lines all get verdicts in order, bad lines are reported with their line number', () => {
  const f = fixture();
  const out = join(f.dir, 'out.jsonl');
  const r = spawnSync(process.execPath, [MAIN, 'classify', '--in', f.input, '--out', out, '--rules', f.rules, '--model', 'none', '--batch', '2'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const verdicts = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { messageId: string; action: string; categories: { category: string }[]; sentAt: number });
  assert.deepEqual(verdicts.map((v) => v.messageId), ['m1', 'm2', 'm5']);
  assert.equal(verdicts[0]!.sentAt, Date.parse('2024-09-10T16:22:33Z'));
  assert.deepEqual(verdicts[1]!.categories.map((c) => c.category), ['drug_trafficking']);
  assert.notEqual(verdicts[1]!.action, 'allow');
  assert.match(r.stderr, /^line 3: .*JSON/m);
  assert.match(r.stderr, /^line 5: .*sentAt/m);
  assert.doesNotMatch(r.stderr, /^line (1|2|4|6):/m);
  assert.match(r.stderr, /3 messages classified, 2 bad lines/);
});

test('classify: stdin to stdout, --fail-on-bad gives exit code 3, unknown option gives 2', () => {
  const f = fixture();
  const r = spawnSync(process.execPath, [MAIN, 'classify', '--rules', f.rules, '--model', 'none', '--fail-on-bad'], { input: readFileSync(f.input), encoding: 'utf8' });
  assert.equal(r.status, 3);
  assert.equal(r.stdout.trim().split('\n').length, 3);
  const u = spawnSync(process.execPath, [MAIN, 'classify', '--bogus'], { encoding: 'utf8' });
  assert.equal(u.status, 2);
  assert.match(u.stderr, /unknown option --bogus/);
  const bad = spawnSync(process.execPath, [MAIN, 'classify', '--rules', join(f.dir, 'nowhere'), '--model', 'none'], { input: '', encoding: 'utf8' });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /manifest not found/);
});

test('classify: --state-cool-after keeps idle conversations encoded (said on stderr) and gives the same verdicts as without', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-classify-cool-'));
  const input = join(dir, 'in.jsonl');
  const g = spawnSync(process.execPath, [MAIN, 'generate', '--conversations', '60', '--seed', '22', '--out', input], { encoding: 'utf8' });
  assert.equal(g.status, 0, g.stderr);
  const run = (extra: string[]) => {
    const out = join(dir, `out${extra.length}.jsonl`);
    const r = spawnSync(process.execPath, [MAIN, 'classify', '--in', input, '--out', out, '--model', 'none', '--window-model', 'none', '--batch', '16', ...extra], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return { verdicts: readFileSync(out, 'utf8'), stderr: r.stderr };
  };
  const off = run([]);
  const on = run(['--state-cool-after', '6', '--state-cool-min-entries', '0']);
  assert.doesNotMatch(off.stderr, /kept encoded/);
  const kept = Number(/(\d+) kept encoded/.exec(on.stderr)?.[1]);
  assert.ok(kept > 10, on.stderr);
  assert.ok(off.verdicts.split('\n').length > 300);
  assert.ok(on.verdicts === off.verdicts, 'the same verdicts');
  const bad = spawnSync(process.execPath, [MAIN, 'classify', '--state-cool-after', '-1'], { input: '', encoding: 'utf8' });
  assert.equal(bad.status, 2);
});
