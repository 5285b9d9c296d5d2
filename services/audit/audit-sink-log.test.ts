import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../common/logger.js';
import { batchStoredFields } from './audit-sink.js';

test('the audit sink\'s "batch stored" debug line carries counts, not the user ids whose enforcement changed', () => {
  const lines: string[] = [];
  const log = createLogger({ level: 'debug', destination: new Writable({ write(c, _e, cb) { lines.push(String(c)); cb(); } }) });
  const r = { inserted: 3, duplicates: 1, rejected: 0, casesOpened: 1, casesUpdated: 0, actionsApplied: 2, enforcementChanged: ['ash_grey', 'gamer_oise17'] };
  log.debug({ topic: 't', partition: 0, ...batchStoredFields(r) }, 'batch stored');
  const line = JSON.parse(lines.join('')) as Record<string, unknown>;
  assert.deepEqual([line.inserted, line.duplicates, line.casesOpened, line.actionsApplied, line.enforcementChanged], [3, 1, 1, 2, 2]);
  assert.doesNotMatch(lines.join(''), /ash_grey|gamer_oise17/);
});
