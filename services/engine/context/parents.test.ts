/**
 * Stop 50 (det50): keeping it from the addressee's parents said without « ne », as chat French writes it (parents.ts
 * KEEP_FROM_NO_NE). Positives and hard negatives.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fold } from './fold.js';
import { hidesFromParents } from './parents.js';

test('stop 50: « dis rien à tes parents » and its SMS forms keep it from the parents', () => {
  for (const t of ['dis rien à tes parents', 'tu dis rien à ta mère', 'le dis pas à ton père', 'tu le dis pas a ta mere hein',
    'dis rien a ta daronne', 'en parle jamais à tes darons', 'montre ça à personne, surtout pas à ta mère', 'raconte pas ça à ton papa stp',
    'dis r1 a ta mere']) {
    assert.ok(hidesFromParents(fold(t)), `should match: ${t}`);
  }
});

test('stop 50: « dis pas » that does not hide anything from the parent', () => {
  for (const t of ['je dis pas que ta mère a tort', 'dis pas de bêtises à ta mère', 'dis bonjour à ta mère', 'dis à ta mère que le cours est à 14h',
    'tu dis rien ? ta mère a appelé', 'ma mère dit rien']) {
    assert.ok(!hidesFromParents(fold(t)), `should not match: ${t}`);
  }
});
