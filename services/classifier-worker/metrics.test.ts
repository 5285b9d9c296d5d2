import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WorkerMetrics, type ReadAheadSource } from './metrics.js';

const value = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.split(' ').pop());
};

describe('WorkerMetrics read-ahead gauges', () => {
  it('sample the input at each scrape: buffered records and bytes, paused, the bounds', async () => {
    const m = new WorkerMetrics();
    let text = await m.registry.metrics();
    assert.equal(value(text, 'vigie_classifier_input_buffered_records'), 0, 'no input yet');
    assert.equal(value(text, 'vigie_classifier_input_read_ahead_limit{bound="records"}'), undefined);
    const input: ReadAheadSource & { buffered: number; bufferedBytes: number; paused: boolean } = {
      buffered: 12, bufferedBytes: 70_000, paused: true, readAheadBounds: { records: 10_000, bytes: 65_536 },
    };
    m.observeInput(input);
    m.inputPauses.inc();
    text = await m.registry.metrics();
    assert.equal(value(text, 'vigie_classifier_input_buffered_records'), 12);
    assert.equal(value(text, 'vigie_classifier_input_buffered_bytes'), 70_000);
    assert.equal(value(text, 'vigie_classifier_input_paused'), 1);
    assert.equal(value(text, 'vigie_classifier_input_read_ahead_limit{bound="records"}'), 10_000);
    assert.equal(value(text, 'vigie_classifier_input_read_ahead_limit{bound="bytes"}'), 65_536);
    assert.equal(value(text, 'vigie_classifier_input_pauses_total'), 1);
    Object.assign(input, { buffered: 0, bufferedBytes: 0, paused: false });
    text = await m.registry.metrics();
    assert.equal(value(text, 'vigie_classifier_input_buffered_records'), 0);
    assert.equal(value(text, 'vigie_classifier_input_paused'), 0);
  });
});
