/**
 * The shape of services/ as its import graph (read from the TypeScript sources, type-only imports
 * included): no import cycle; contracts/ imports nothing outside itself; product code never imports
 * test code (test/ is for the tests and the benches in services/bench/).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), fileURLToPath(import.meta.url).includes('/dist/') ? '../..' : '..');

type Graph = Map<string, string[]>;

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'";]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|(?:^|[\s;])import\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Repo-relative file -> the repo-relative files it imports (relative specifiers only; packages are leaves). */
function importGraph(files: string[]): Graph {
  const graph: Graph = new Map();
  for (const file of files) {
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
    const targets = new Set<string>();
    for (const m of text.matchAll(IMPORT)) {
      const spec = (m[1] ?? m[2])!.replace(/\.js$/, '.ts');
      targets.add(relative(REPO, resolve(dirname(file), spec)));
    }
    graph.set(relative(REPO, file), [...targets].sort());
  }
  return graph;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(graph: Graph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

const graph = importGraph(sources(join(REPO, 'services')));

test('the cycle finder finds cycles in small graphs (so the checks below can fail)', () => {
  const table: { edges: [string, string[]][]; want: string[][] }[] = [
    { edges: [['a', ['b']], ['b', ['c']], ['c', []]], want: [] },
    { edges: [['a', ['b']], ['b', ['a']]], want: [['a', 'b']] },
    { edges: [['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['d']]], want: [['a', 'b', 'c'], ['d']] },
    { edges: [['a', ['b', 'c']], ['b', []], ['c', ['b']]], want: [] },
  ];
  for (const row of table) assert.deepEqual(cycles(new Map(row.edges)).sort(), row.want, JSON.stringify(row.edges));
});

test('the import graph of services/ is read (every module found, imports resolved to files)', () => {
  assert.ok(graph.size > 100, `only ${graph.size} modules found under services/`);
  assert.ok(graph.get('services/cli/main.ts')!.length > 0);
  const missing = [...graph].flatMap(([from, to]) => to.filter((t) => !graph.has(t) && !t.startsWith('test/')).map((t) => `${from} -> ${t}`));
  assert.deepEqual(missing, []);
});

test('services/ has no import cycle', () => {
  assert.deepEqual(cycles(graph).map((c) => c.join(' <-> ')), []);
});

test('services/contracts/ imports nothing outside itself', () => {
  const outside = [...graph].filter(([from]) => from.startsWith('services/contracts/'))
    .flatMap(([from, to]) => to.filter((t) => !t.startsWith('services/contracts/')).map((t) => `${from} -> ${t}`));
  assert.deepEqual(outside, []);
});

test('product code never imports test code; only services/bench/ may', () => {
  const wrong = [...graph].filter(([from]) => !from.startsWith('services/bench/'))
    .flatMap(([from, to]) => to.filter((t) => t.startsWith('test/')).map((t) => `${from} -> ${t}`));
  assert.deepEqual(wrong, []);
});
