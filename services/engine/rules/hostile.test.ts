import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { normalise } from '../normalise.js';
import { loadRuleSet } from './index.js';

const RULES_DIR = fileURLToPath(new URL('../../../../rules', import.meta.url));
const MB = 1 << 20;

function repeat(unit: string): string {
  return unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
}

/** 1 MB hostile messages: the matcher must finish (linear) and still report the right hits. */
const CASES: { name: string; text: string; must: string[]; mustNot: string[] }[] = [
  { name: 'single letters', text: repeat('a '), must: [], mustNot: ['violent_threat', 'drug_trafficking'] },
  { name: 'dotted letters', text: repeat('s.n.a.p '), must: [], mustNot: ['violent_threat'] },
  { name: 'repeated emoji', text: repeat('🍃❄️💊'), must: ['drug_trafficking'], mustNot: ['violent_threat'] },
  { name: 'near-misses of a threat', text: repeat('je vais te ') + ' je vais te tuer', must: ['violent_threat'], mustNot: [] },
  { name: 'near-misses with game context', text: repeat('je vais te tuer 1v1 '), must: [], mustNot: ['violent_threat'] },
  { name: 'digits', text: repeat('0 6 1 2 '), must: ['off_platform_contact'], mustNot: [] },
  { name: 'long unbroken word', text: repeat('x'), must: [], mustNot: ['violent_threat'] },
  { name: 'proximity near-misses', text: repeat('massage un deux trois quatre cinq six sept huit ') + 'massage finition', must: ['prostitution'], mustNot: [] },
];

test('hostile 1 MB messages: linear matching with correct hits', async () => {
  const rs = await loadRuleSet(RULES_DIR);
  for (const c of CASES) {
    const norm = normalise(c.text);
    const labels = new Set(rs.match(norm).map((h) => h.label));
    for (const l of c.must) assert.ok(labels.has(l as never), `${c.name}: expected ${l}, got ${[...labels].join(',')}`);
    for (const l of c.mustNot) assert.ok(!labels.has(l as never), `${c.name}: unexpected ${l}`);
  }
});
