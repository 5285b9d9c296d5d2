import type { ConsumerSettings } from '../kafka/client.js';

/**
 * Fetch settings every consuming phase uses, so raw-consume, raw-eos and the pipeline differ only in
 * what they do with a batch: the classifier worker's defaults (services/classifier-worker/options.ts:
 * maxBytesPerPartition 1 MiB, batchMaxWaitMs 100) and the client factory's defaults for the rest.
 */
export const FETCH_SETTINGS: Pick<ConsumerSettings, 'maxBytesPerPartition' | 'maxWaitTimeMs'> = {
  maxBytesPerPartition: 1024 * 1024,
  maxWaitTimeMs: 100,
};
