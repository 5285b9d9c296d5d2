import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENTS } from './events.js';

const here = dirname(fileURLToPath(import.meta.url));
const SERVICES = resolve(here, here.split(/[\\/]/).includes('dist') ? '../../../services' : '..');

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

test('event names are unique and read <area>.<what> (or the bare process event "signal")', () => {
  const names = Object.values(EVENTS);
  assert.equal(new Set(names).size, names.length);
  for (const name of names) assert.match(name, /^(?:signal|[a-z_]+\.[a-z_]+)$/, name);
});

test('services log lifecycle events through the catalogue only: no `event:` string literal', () => {
  const literal = /\bevent:\s*['"`]/;
  const found = sources(SERVICES).flatMap((file) => readFileSync(file, 'utf8').split('\n')
    .map((line, i) => (literal.test(line) ? `${relative(SERVICES, file)}:${i + 1}: ${line.trim()}` : null))
    .filter((x): x is string => x !== null));
  assert.ok(sources(SERVICES).length > 100, 'services/ sources found');
  assert.deepEqual(found, []);
});

test('every catalogued event is logged somewhere in services/', () => {
  const all = sources(SERVICES).map((file) => readFileSync(file, 'utf8')).join('\n');
  const unused = Object.keys(EVENTS).filter((key) => !all.includes(`EVENTS.${key}`));
  assert.deepEqual(unused, []);
});
