/**
 * Review console server times on a large store: fills a store with --cases cases (default 100,000) and
 * --rows audit rows (default 1,000,000; 10 per conversation, 30% flagged with text and context; AuditRecord v3
 * columns filled: reasons, per-category sources, declared ages), then
 * times the console's own handler (Server-Timing: app;dur) for queue pages (first page, pages deep in
 * the queue by keyset, filtered) and case pages (random cases). Prints median and p95 per kind.
 * usage: node dist/services/bench/bench-console.js --backend sqlite|postgres [--cases N] [--rows N] [--requests N]
 * PostgreSQL: DATABASE_URL (use a database of its own: createdb -h 127.0.0.1 vigie_console_bench; dropdb after).
 * SQLite: a temporary file, removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { compileAuditStoreOptions } from '../audit/options.js';
import type { SqlScalar, SqlValue } from '../audit/sql-db.js';
import { AuditStore } from '../audit/store.js';
import { createLogger } from '../common/logger.js';
import { addUser } from '../console/accounts.js';
import { compileConsoleOptions } from '../console/options.js';
import type { ConsolePublisher } from '../console/publisher.js';
import { createConsole } from '../console/server.js';
import { percentileSorted } from './stats.js';

const arg = (name: string, dflt: string): string => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1]! : dflt; };
const BACKEND = arg('backend', 'sqlite');
const CASES = Number(arg('cases', '100000'));
const ROWS = Number(arg('rows', '1000000'));
const REQUESTS = Number(arg('requests', '60'));
const log = createLogger({ level: 'silent' });
const T0 = Date.UTC(2026, 0, 1);
const CATS = ['child_grooming', 'sexual_content', 'self_harm', 'harassment', 'drugs'];
const h64 = (n: number) => n.toString(16).padStart(64, '0');

async function insert(store: AuditStore, table: string, cols: string[], pgTypes: string[], rows: SqlScalar[][]): Promise<void> {
  if (store.db.dialect === 'postgres') {
    const arrays: SqlValue[] = cols.map((_, c) => rows.map((r) => r[c]!));
    await store.db.query(`INSERT INTO ${table} (${cols.join(', ')}) SELECT * FROM unnest(${pgTypes.map((t) => `?::${t}[]`).join(', ')})`, arrays);
    return;
  }
  const per = Math.floor(30_000 / cols.length);
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per);
    const one = `(${cols.map(() => '?').join(',')})`;
    await store.db.query(`INSERT INTO ${table} (${cols.join(', ')}) VALUES ${part.map(() => one).join(',')}`, part.flat());
  }
}

/** Rows shaped as the sink writes them (hashes are placeholders: the bench measures reads, not the chain). */
async function fill(store: AuditStore): Promise<void> {
  const perConv = Math.max(1, Math.round(ROWS / CASES));
  const CHUNK = 5000;
  let seq = 0;
  for (let c0 = 0; c0 < CASES; c0 += CHUNK) {
    const audit: SqlScalar[][] = []; const texts: SqlScalar[][] = []; const cases: SqlScalar[][] = []; const cu: SqlScalar[][] = [];
    for (let c = c0; c < Math.min(CASES, c0 + CHUNK); c++) {
      const a = `u-${(c * 7919) % 50_000}`; const b = `u-${(c * 104_729 + 13) % 50_000}`;
      const conv = `conv-${c}`;
      const created = T0 + c * 6000;
      const evidence: string[] = [];
      for (let k = 0; k < perConv; k++) {
        seq++;
        const id = `${conv}-m${k}`;
        const flagged = k % 10 >= 7;
        const sender = k % 2 ? b : a;
        audit.push([seq, id, id, 't1', conv, null, sender, k % 2 ? a : b, `198.51.100.${k}`, created - (perConv - k) * 30_000, created, flagged ? 'flag' : 'allow',
          flagged ? JSON.stringify([{ category: CATS[c % CATS.length], score: 0.9, sources: ['rule:fr.age-question', 'model:model@1', 'context:grooming'] }]) : '[]',
          k === perConv - 1 ? 'P1' : null, 'model@1', 'rules@1', 'policy@1',
          h64(seq), null, null, null, 'chat.messages', 0, String(seq), created, h64(seq), h64(seq - 1), h64(seq),
          2, JSON.stringify(flagged ? [{ signal: 'age_inquiry', score: 0.8, sources: ['rule:fr.age-question'] }] : []), JSON.stringify(flagged ? [`${b}: stated age 13`, 'grooming: age question then meeting request'] : []), k % 2 ? 13 : 34,
          JSON.stringify(flagged ? [{ userId: a, declaredAge: 34, statedAge: null }, { userId: b, declaredAge: 13, statedAge: 13 }] : [])]);
        if (flagged) {
          evidence.push(id);
          texts.push([id, `message ${k} of ${conv}: tu as quel âge ? on se voit où ?`, JSON.stringify([{ messageId: `${conv}-m${k - 1}`, senderId: a, sentAt: created, text: 'salut' }])]);
        }
      }
      const pr = c % 10 === 0 ? 'P0' : c % 10 < 4 ? 'P1' : 'P2';
      const status = c % 5 < 2 ? 'open' : c % 5 === 2 ? 'dismissed' : 'confirmed';
      cases.push([`case-${c}`, pr, status, CATS[c % CATS.length]!, JSON.stringify([CATS[c % CATS.length]]), conv, JSON.stringify([a, b]), JSON.stringify(evidence),
        JSON.stringify(['age inquiry then meetup request']), created, created, status === 'open' ? null : created + 60_000, status === 'open' ? null : 'bench', status === 'open' ? null : 'bench']);
      cu.push([a, `case-${c}`], [b, `case-${c}`]);
    }
    await store.db.transaction(async () => {
      await insert(store, 'audit_rows', ['seq', 'record_id', 'message_id', 'tenant_id', 'conversation_id', 'room_id', 'sender_id', 'recipient_id', 'sender_ip', 'sent_at',
        'decided_at', 'action', 'categories', 'escalation_priority', 'model_version', 'rules_version', 'policy_version', 'text_sha256', 'kept_text_sha256',
        'text_truncated_from', 'context_sha256', 'source_topic', 'source_partition', 'source_offset', 'stored_at', 'content_hash', 'prev_hash', 'row_hash',
        'content_version', 'signals', 'reasons', 'sender_declared_age', 'participant_ages'],
      ['bigint', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'bigint', 'bigint', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text',
        'bigint', 'text', 'text', 'integer', 'text', 'bigint', 'text', 'text', 'text', 'integer', 'text', 'text', 'integer', 'text'], audit);
      await insert(store, 'audit_texts', ['record_id', 'text', 'context'], ['text', 'text', 'text'], texts);
      await insert(store, 'cases', ['case_id', 'priority', 'status', 'category', 'categories', 'conversation_id', 'users', 'evidence_message_ids', 'reasons', 'created_at',
        'updated_at', 'resolved_at', 'resolution_reason', 'reviewer'], ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'bigint', 'bigint', 'bigint', 'text', 'text'], cases);
      await insert(store, 'case_users', ['user_id', 'case_id'], ['text', 'text'], [...new Map(cu.map((r) => [`${r[0]} ${r[1]}`, r])).values()]);
    });
  }
  await store.db.query(`INSERT INTO audit_chain_head (id, seq, hash, updated_at) VALUES (1, ?, ?, ?)`, [seq, h64(seq), Date.now()]);
  await store.db.query('ANALYZE');
}

const fakePublisher: ConsolePublisher = { topics: { feedback: '-', actions: '-' }, feedback: async () => [], action: async () => undefined, close: async () => undefined };

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-console-'));
  const url = process.env.DATABASE_URL;
  if (BACKEND === 'postgres' && !url) throw new Error('--backend postgres needs DATABASE_URL (a database of its own)');
  const store = await AuditStore.open(compileAuditStoreOptions(BACKEND === 'postgres' ? { databaseUrl: url! } : { sqlitePath: join(dir, 'audit.sqlite') }), log);
  try {
    if ((await store.db.query('SELECT COUNT(*) AS n FROM cases'))[0]?.n != 0) throw new Error('the bench needs an empty store');
    const f0 = performance.now();
    await fill(store);
    const counts = await store.db.query('SELECT (SELECT COUNT(*) FROM cases) AS cases, (SELECT COUNT(*) FROM audit_rows) AS rows, (SELECT COUNT(*) FROM audit_texts) AS texts');
    console.log(`${BACKEND}: filled ${counts[0]!.cases} cases, ${counts[0]!.rows} audit rows, ${counts[0]!.texts} texts in ${((performance.now() - f0) / 1000).toFixed(1)} s`);
    await addUser(store.db, 'bench', 'investigator', 'bench-password-1', Date.now());
    const { server } = createConsole({ store, opts: compileConsoleOptions({ port: 0 }), log, publisher: fakePublisher });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const lp = await fetch(`${base}/login`);
      const loginCsrf = /name="csrf" value="([^"]+)"/.exec(await lp.text())![1]!;
      const lr = await fetch(`${base}/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `vigie_login_csrf=${loginCsrf}` },
        body: new URLSearchParams({ csrf: loginCsrf, username: 'bench', password: 'bench-password-1' }).toString() });
      const cookie = lr.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const get = async (path: string): Promise<{ server: number; html: string }> => {
        const r = await fetch(`${base}${path}`, { headers: { cookie } });
        if (r.status !== 200) throw new Error(`${path}: HTTP ${r.status}`);
        return { server: Number(/dur=([\d.]+)/.exec(r.headers.get('server-timing') ?? '')![1]), html: await r.text() };
      };
      const report = (what: string, xs: number[]) => {
        const s = [...xs].sort((a, b) => a - b);
        console.log(`${BACKEND}: ${what.padEnd(44)} n=${s.length}  median ${percentileSorted(s, 50).toFixed(1)} ms  p95 ${percentileSorted(s, 95).toFixed(1)} ms`);
      };
      await get('/cases'); // warm-up (first statements, caches)
      const first: number[] = []; const deep: number[] = []; const filtered: number[] = []; const casePages: number[] = [];
      for (let i = 0; i < REQUESTS; i++) first.push((await get('/cases')).server);
      // Deep pages: follow the next links of the queue (keyset cursors), 50 cases a page.
      let next: string | null = '/cases';
      for (let i = 0; i < REQUESTS && next; i++) {
        const p = await get(next);
        deep.push(p.server);
        const m = /href="([^"]+)" rel="next"/.exec(p.html);
        next = m ? m[1]!.replaceAll('&amp;', '&') : null;
      }
      for (let i = 0; i < REQUESTS; i++) filtered.push((await get(`/cases?status=${['open', 'confirmed', 'all'][i % 3]}&priority=P${i % 3}&category=${CATS[i % CATS.length]}`)).server);
      for (let i = 0; i < REQUESTS; i++) casePages.push((await get(`/cases/case-${(i * 7_919) % CASES}`)).server);
      report('queue, first page (open, 50 cases)', first);
      report('queue, successive pages by keyset cursor', deep);
      report('queue, filtered (status, priority, category)', filtered);
      report('case page (timeline, participants, others)', casePages);
    } finally { server.close(); server.closeAllConnections(); }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => { console.error(err); process.exitCode = 1; });
