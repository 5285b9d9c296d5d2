import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AuditSinkMetrics } from '../audit/sink-metrics.js';
import { WorkerMetrics } from '../classifier-worker/metrics.js';

test('/metrics of the classifier and the audit sink: process metrics yes, the exact Node version no', async () => {
  for (const [name, registry] of [['classifier', new WorkerMetrics().registry], ['audit sink', new AuditSinkMetrics().registry]] as const) {
    const text = await registry.metrics();
    assert.match(text, /_process_cpu_user_seconds_total /, `${name}: default process metrics still there`);
    assert.doesNotMatch(text, /nodejs_version_info|version="v?\d+\.\d+/, `${name}: no Node version`);
  }
});
