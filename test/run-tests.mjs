#!/usr/bin/env node
// Runs the compiled test files with node:test, on the Node that runs this script (process.execPath): under
// `npm test` that is node_modules/.bin/node, the Node 24 that `npm ci` installs. The list is built here so the
// unit/integration split and the filters stay one place.
// usage: node test/run-tests.mjs [--unit | --integration] [filter-substring ...]
// Unit tests live beside the code (services/**/*.test.ts); integration tests under test/ (test/**/*.test.ts).
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const unitOnly = args.includes('--unit');
const integrationOnly = args.includes('--integration');
const filters = args.filter((a) => !a.startsWith('--'));

function walk(dir, out = []) {
  let entries;
  try { entries = readdirSync(dir); } catch { return out; }
  for (const e of entries) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const unit = walk('dist/services');
const integration = walk('dist/test');
let files = unitOnly ? unit : integrationOnly ? integration : [...unit, ...integration];
if (filters.length) files = files.filter((f) => filters.some((s) => f.includes(s)));
files.sort();
if (files.length === 0) {
  console.error('run-tests: no test files found (did the build run?)');
  process.exit(1);
}
if (Number(process.versions.node.split('.')[0]) < 24) {
  console.error(`run-tests: Node ${process.version} (${process.execPath}) is too old; Vigie needs Node 24: run \`npm test\` or node_modules/.bin/node`);
  process.exit(1);
}
console.error(`run-tests: ${files.length} test files on Node ${process.version} (${process.execPath})`);
// Integration tests share one broker; run files one at a time so broker-heavy tests do not starve each other.
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files.map((f) => relative('.', f))], { stdio: 'inherit' });
process.exit(r.status ?? 1);
