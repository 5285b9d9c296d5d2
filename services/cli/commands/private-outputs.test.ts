/**
 * Review M1 of ops21: the files `vigie classify --out` (verdicts naming users and conversations) and
 * `vigie feedback export --out` (the texts of flagged messages) write are owner-only under umask 022, as the
 * audit store: a new file 0600 in new 0700 folders; an existing one overwritten with --force loses its "other" bits.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../../engine/engine-options.js';

const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../main.js');
const mode = (p: string): number => statSync(p).mode & 0o777;
/** `vigie ARGS` in a child whose umask is 022 (the usual default), whatever this process's is. */
const vigie022 = (args: string[], input?: string) =>
  spawnSync('sh', ['-c', 'umask 022 && exec "$0" "$@"', process.execPath, MAIN, ...args], { encoding: 'utf8', input, cwd: REPO_ROOT });

test('classify --out and feedback export --out are owner-only under umask 022', { skip: process.platform === 'win32' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-outputs-'));
  try {
    const rules = join(dir, 'rules');
    spawnSync('mkdir', [rules]);
    writeFileSync(join(rules, 'manifest.json'), JSON.stringify({ version: 'cli-test-1', files: ['t.rules'] }));
    writeFileSync(join(rules, 't.rules'), 'id=t.drug label=drug_trafficking lang=fr,en weight=0.8 | (beuh|weed) *4 <num>\n');
    const line = JSON.stringify({ messageId: 'm1', conversationId: 'c1', senderId: 'a', recipientId: 'b', text: 'weed 10 le g', sentAt: 1725985400000 });
    const verdicts = join(dir, 'out', 'verdicts.jsonl');
    const c = vigie022(['classify', '--out', verdicts, '--rules', rules, '--model', 'none', '--window-model', 'none'], line + '\n');
    assert.equal(c.status, 0, c.stderr);
    assert.equal(readFileSync(verdicts, 'utf8').trim().split('\n').length, 1);
    assert.equal(mode(verdicts), 0o600);
    assert.equal(mode(join(dir, 'out')), 0o700);

    const examples = join(dir, 'export', 'examples.jsonl');
    const args = ['feedback', 'export', '--out', examples, '--labels', 'eval/dev/labels.jsonl', '--messages', 'eval/dev/messages.jsonl'];
    const f = vigie022(args);
    assert.equal(f.status, 0, f.stderr);
    assert.ok(readFileSync(examples, 'utf8').length > 0);
    assert.equal(mode(examples), 0o600);
    assert.equal(mode(join(dir, 'export')), 0o700);
    // An older export left world-readable, overwritten with --force.
    chmodSync(examples, 0o644);
    const again = vigie022([...args, '--force']);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(mode(examples), 0o640);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
