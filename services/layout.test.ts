/**
 * docs/architecture.md's folder map matches the folders, and services/ keeps to product code: test
 * helpers live under test/support/, stand-alone benches under services/bench/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(here, here.split(/[\\/]/).includes('dist') ? '../..' : '..');
const NOT_SOURCES = new Set(['node_modules', 'dist']);

const dirs = (dir: string) => readdirSync(join(REPO, dir)).filter((n) => !n.startsWith('.') && !NOT_SOURCES.has(n) && statSync(join(REPO, dir, n)).isDirectory());

/** The first column of the Layout table: `path` cells. */
function mappedPaths(): string[] {
  const doc = readFileSync(join(REPO, 'docs/architecture.md'), 'utf8');
  const layout = doc.slice(doc.indexOf('## Layout'), doc.indexOf('\n## ', doc.indexOf('## Layout') + 1));
  return [...layout.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!);
}

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, out);
    else out.push(relative(REPO, path));
  }
  return out;
}

test('docs/architecture.md maps every top-level folder and every folder of services/', () => {
  const mapped = new Set(mappedPaths());
  assert.ok(mapped.size > 10, 'the Layout table is found');
  const missing = [...dirs('.').filter((d) => !['data', 'cache'].includes(d)).map((d) => `${d}/`), ...dirs('services').map((d) => `services/${d}/`)]
    .filter((d) => d !== 'services/' && !mapped.has(d) && !(d === 'models/' && mapped.has('models/<name>/')));
  assert.deepEqual(missing, []);
});

test('every path in the map exists', () => {
  const absent = mappedPaths().map((p) => p.replace('<name>/', '')).filter((p) => !existsSync(join(REPO, p)));
  assert.deepEqual(absent, []);
});

test('services/ holds no test helper, and stand-alone benches only in services/bench/', () => {
  const helper = (f: string) => /(^|[/-])(test-helpers?|test-support|fixtures?)\.ts$/.test(f);
  // services/cli/commands/bench.ts is the `vigie bench` command, which runs services/bench/.
  const strayBench = (f: string) => /(^|\/)bench(-[^/]*)?\.ts$/.test(f) && !f.startsWith('services/bench/') && !f.startsWith('services/cli/commands/');
  const wrong = files(join(REPO, 'services')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).filter((f) => helper(f) || strayBench(f));
  assert.deepEqual(wrong, []);
});

test('the repository stands alone: no docs, code, tests or data name a path on the development machine', () => {
  // Tracked text under these folders (and the top-level docs) must not point outside the checkout:
  // a reader of a clean clone cannot follow /work/…, /tmp/… or ../shared/… paths.
  const roots = ['docs', 'services', 'test', 'rules', 'policies', 'schemas', 'models', 'kafka', 'eval', '.ci'];
  const texts = roots.filter((r) => existsSync(join(REPO, r))).flatMap((r) => files(join(REPO, r)))
    .concat(['README.md', 'corpus/README.md', 'Dockerfile', 'docker-compose.yml', 'package.json'])
    .filter((f) => /\.(md|ts|mjs|cjs|js|json|rules|yml|yaml|sh|txt)$|^Dockerfile$|\/run$/.test(f) && !f.includes('node_modules') && existsSync(join(REPO, f)));
  assert.ok(texts.length > 100, 'the scan finds the sources');
  const outside = /(^|[\s`'"(=])(\/work\/|\.\.\/shared\/|\/tmp\/(rv|wt|ci|base|dep)[\w-]*\/)/m;
  const self = 'services/layout.test.ts';
  const bad = texts.filter((f) => f !== self && statSync(join(REPO, f)).size < 5_000_000 && outside.test(readFileSync(join(REPO, f), 'utf8')));
  assert.deepEqual(bad, []);
});

test('no stacked doc comments: a `/** */` block right above another is orphaned (editors and doc tools show only the one next to the code; stop 52)', () => {
  const found: string[] = [];
  for (const dir of ['services', 'test']) {
    for (const file of files(join(REPO, dir)).filter((f) => f.endsWith('.ts'))) {
      const lines = readFileSync(join(REPO, file), 'utf8').split('\n');
      let docOpen = false;
      for (let i = 0; i < lines.length - 1; i++) {
        const line = lines[i]!.trim();
        if (!docOpen && line.startsWith('/**')) docOpen = true;
        if (docOpen && line.endsWith('*/')) {
          docOpen = false;
          if (lines[i + 1]!.trim().startsWith('/**')) found.push(`${file}:${i + 2}`);
        }
      }
    }
  }
  assert.deepEqual(found, [], 'merge the two blocks, or move the first to what it documents (a file header: a blank line after it)');
});
