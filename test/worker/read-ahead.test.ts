import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateConversations } from '../../services/training/scenario-generator.js';
import { interleave } from '../../services/training/interleave.js';
import type { ChatMessage } from '../../services/contracts/types.js';
import { exactlyOnce, httpGet, metricSum, plainProducer, produceMessages, readVerdicts, setup, startWorker, stopWorker, waitReady, type WorkerSetup } from './harness.js';

/**
 * The read-ahead settings reach the worker's input (review of mem20, finding 2): VIGIE_CLASSIFIER_READ_AHEAD_RECORDS and
 * _BYTES → run-classifier → worker options → KafkaInput; /metrics shows the bounds, the stream pauses at them and
 * resumes (every input gets its verdict), and the buffer is empty at the end (finding 4).
 */
describe('classifier worker read-ahead (child process, real broker)', () => {
  let s: WorkerSetup;
  before(async () => { s = await setup('w-read-ahead', 3); });
  after(async () => { await s.ctx.cleanup(); });

  it('tiny bounds: the input pauses and resumes through the worker options, exactly one verdict per input, /metrics reports it', async () => {
    const convs = [...generateConversations({ count: 20, seed: 7, idPrefix: 'ra' })];
    const stream: ChatMessage[] = [...interleave(convs)].map((x) => x.message);
    // Some messages over the byte bound on their own (text is cut for scoring, not for reading).
    for (let i = 0; i < stream.length; i += 25) stream[i] = { ...stream[i]!, text: `${stream[i]!.text} ${'z'.repeat(80 * 1024)}` };
    await produceMessages(await plainProducer(s), s.topics.input, stream, 'avro');

    const w = startWorker(s, 'read-ahead', { VIGIE_CLASSIFIER_READ_AHEAD_RECORDS: '5', VIGIE_CLASSIFIER_READ_AHEAD_BYTES: '65536', VIGIE_ENGINE_THREADS: '0' });
    const port = await waitReady(w);
    const deadline = Date.now() + 90_000;
    let metrics = '';
    while (Date.now() < deadline) {
      metrics = (await httpGet(port, '/metrics')).body;
      if (metricSum(metrics, 'vigie_classifier_consumed_total') >= stream.length) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    assert.equal(await stopWorker(w), 0, `clean exit; log ${w.logFile}`);

    assert.equal(metricSum(metrics, 'vigie_classifier_input_read_ahead_limit{bound="records"}'), 5);
    assert.equal(metricSum(metrics, 'vigie_classifier_input_read_ahead_limit{bound="bytes"}'), 65_536);
    assert.ok(metricSum(metrics, 'vigie_classifier_input_pauses_total') >= 1, 'the stream paused at the bounds');
    assert.equal(metricSum(metrics, 'vigie_classifier_input_buffered_records'), 0);
    assert.equal(metricSum(metrics, 'vigie_classifier_input_buffered_bytes'), 0);
    assert.equal(metricSum(metrics, 'vigie_classifier_input_paused'), 0);
    const verdicts = await readVerdicts(s);
    assert.deepEqual(exactlyOnce(stream.map((m) => m.messageId), verdicts.map((v) => v.messageId)), { missing: [], duplicates: [], unexpected: [] });
  });
});
