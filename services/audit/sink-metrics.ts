/** Prometheus metrics of the audit sink (prom-client, one registry per process), served on /metrics. */
import { Counter, Gauge, Registry } from 'prom-client';
import { collectProcessMetrics } from '../common/process-metrics.js';

export class AuditSinkMetrics {
  readonly registry = new Registry();
  readonly records = new Counter({ name: 'vigie_audit_records_total', help: 'Records written to the store, by outcome', labelNames: ['outcome'], registers: [this.registry] });
  readonly batches = new Counter({ name: 'vigie_audit_batches_total', help: 'Store transactions committed', registers: [this.registry] });
  readonly storeRetries = new Counter({ name: 'vigie_audit_store_retries_total', help: 'Store writes retried while the database was away', registers: [this.registry] });
  readonly inputRestarts = new Counter({ name: 'vigie_audit_input_restarts_total', help: 'Kafka inputs reopened after a failure', registers: [this.registry] });
  readonly storeUp = new Gauge({ name: 'vigie_audit_store_up', help: '1 when the last store write or ping succeeded', registers: [this.registry] });
  readonly consuming = new Gauge({ name: 'vigie_audit_consuming', help: '1 while the consumer has joined its group and fetches', registers: [this.registry] });

  constructor() {
    collectProcessMetrics(this.registry, 'vigie_audit_');
  }
}
