import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Reader } from '@platformatic/kafka';
import { createWriteTxnMarkersRequest, errorName, parseWriteTxnMarkersResponse } from './hanging-txns.js';

describe('WriteTxnMarkers v1 encoding', () => {
  it('writes the request fields in the protocol order, compact arrays and tagged fields', () => {
    const buf = createWriteTxnMarkersRequest([{ producerId: 5n, producerEpoch: 2, commit: false, coordinatorEpoch: 7, topics: [{ name: 'ab', partitions: [1, 3] }] }]).buffer;
    const expected = Buffer.concat([
      Buffer.from([2]), // 1 marker (compact: n + 1)
      Buffer.from([0, 0, 0, 0, 0, 0, 0, 5]), Buffer.from([0, 2]), Buffer.from([0]), // producer id, epoch, ABORT
      Buffer.from([2]), Buffer.from([3]), Buffer.from('ab'), Buffer.from([3]), Buffer.from([0, 0, 0, 1, 0, 0, 0, 3]), Buffer.from([0]), // 1 topic: name, 2 partitions, tags
      Buffer.from([0, 0, 0, 7]), Buffer.from([0]), // coordinator epoch, marker tags
      Buffer.from([0]), // request tags
    ]);
    assert.deepEqual(buf, expected);
  });

  it('reads a response: per producer, per topic, per partition error codes', () => {
    const body = Buffer.concat([
      Buffer.from([2]), Buffer.from([0, 0, 0, 0, 0, 0, 0, 9]),
      Buffer.from([2]), Buffer.from([2]), Buffer.from('t'), Buffer.from([3]), Buffer.from([0, 0, 0, 0, 0, 0]), Buffer.from([0]), Buffer.from([0, 0, 0, 2, 0, 31]), Buffer.from([0]), Buffer.from([0]),
      Buffer.from([0]), Buffer.from([0]),
    ]);
    const r = parseWriteTxnMarkersResponse(0, 27, 1, Reader.from(body));
    assert.deepEqual(r, [{ producerId: 9n, topics: [{ name: 't', partitions: [{ partitionIndex: 0, errorCode: 0 }, { partitionIndex: 2, errorCode: 31 }] }] }]);
  });
});

describe('marker refusals by name', () => {
  it('names every code the client library knows (not a hand-picked few); an unknown code still reads as one', () => {
    assert.equal(errorName(31), 'CLUSTER_AUTHORIZATION_FAILED');
    assert.equal(errorName(5), 'LEADER_NOT_AVAILABLE');
    assert.equal(errorName(29), 'TOPIC_AUTHORIZATION_FAILED');
    assert.equal(errorName(9999), 'error code 9999');
  });
});
