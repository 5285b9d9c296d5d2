import type { ConsumerConfig } from 'kafkajs';

/**
 * Fetch settings every kafkajs phase uses, so raw-consume, raw-eos and the pipeline differ only in
 * what they do with a batch: the classifier worker's defaults (services/classifier-worker/options.ts:
 * maxBytesPerPartition 1 MiB, batchMaxWaitMs 100) and kafkajs's defaults for the rest.
 */
export const FETCH_SETTINGS: Pick<ConsumerConfig, 'maxBytesPerPartition' | 'maxBytes' | 'minBytes' | 'maxWaitTimeInMs'> = {
  maxBytesPerPartition: 1024 * 1024,
  maxBytes: 10 * 1024 * 1024,
  minBytes: 1,
  maxWaitTimeInMs: 100,
};
