/**
 * How the bench configures the classifier worker: environment variables, exactly as an operator
 * would (names from services/cli/commands/run-classifier.ts). Everything not set here keeps the worker's
 * default, so the pipeline phase measures the default settings.
 */
export const WORKER_TOPIC_ROLES = ['input', 'verdicts', 'actions', 'escalations', 'audit', 'dlq', 'state'] as const;
export type WorkerTopicRole = (typeof WORKER_TOPIC_ROLES)[number];
export type WorkerTopicNames = Record<WorkerTopicRole, string>;

export function workerEnv(w: { brokers: string[]; topics: WorkerTopicNames; groupId: string; httpPort: number }): Record<string, string> {
  return {
    KAFKA_BROKERS: w.brokers.join(','),
    VIGIE_CLASSIFIER_GROUP: w.groupId,
    VIGIE_TOPIC_MESSAGES: w.topics.input,
    VIGIE_TOPIC_VERDICTS: w.topics.verdicts,
    VIGIE_TOPIC_ACTIONS: w.topics.actions,
    VIGIE_TOPIC_ESCALATIONS: w.topics.escalations,
    VIGIE_TOPIC_AUDIT: w.topics.audit,
    VIGIE_TOPIC_DLQ: w.topics.dlq,
    VIGIE_TOPIC_CLASSIFIER_STATE: w.topics.state,
    VIGIE_CLASSIFIER_HTTP_PORT: String(w.httpPort),
    VIGIE_LOG_LEVEL: 'warn',
  };
}
