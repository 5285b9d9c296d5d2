import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MultipleErrors, NetworkError } from '@platformatic/kafka';
import { sendCertainlyFailed } from './publisher.js';

const refused = (): NetworkError => new NetworkError('Connection to 127.0.0.1:29420 failed.', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:29420'), { code: 'ECONNREFUSED' }) });

test('a send whose request was cut off (broker killed mid-request), then refused on retry, is uncertain: the broker may have written it before it went (review of ops50)', () => {
  // The chain the client library gave for a broker stopped, sent a produce request, then killed (measured on a real broker).
  const cutOff = new MultipleErrors('Producing messages failed.', [new MultipleErrors('produce failed 3 times.', [new NetworkError('Connection closed'), refused(), refused()])]);
  assert.equal(sendCertainlyFailed(cutOff), false);
  // The broker gone before the send: every attempt refused, nothing reached it.
  assert.equal(sendCertainlyFailed(new MultipleErrors('Producing messages failed.', [new MultipleErrors('produce failed 3 times.', [refused(), refused(), refused()])])), true);
});
