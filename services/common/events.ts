/**
 * The lifecycle events Vigie's services log, in one table: the `event` field of a log line, so logs can
 * be counted and alerted on by name (kafkajs keeps its instrumentation events the same way, in
 * `src/consumer/instrumentationEvents.js`). Use these constants, never a string literal: a test
 * (events.test.ts) fails on an event name written by hand as a string literal.
 */
export const EVENTS = {
  // process
  SIGNAL: 'signal',
  /** A test-only hook is set or fired (never in a deployment: alert on it if you like). */
  TEST_HOOK: 'test.hook',

  // vigie up (services/cli/): a child service restarted after an unexpected exit, or given up after quick failures
  UP_RESTART: 'up.restart',
  UP_GAVE_UP: 'up.gave_up',

  // classifier worker (services/classifier-worker/)
  WORKER_LOADING: 'worker.loading',
  WORKER_STARTED: 'worker.started',
  WORKER_STOPPING: 'worker.stopping',
  WORKER_STALLED: 'worker.stalled',
  WORKER_NO_PROGRESS: 'worker.no_progress',
  WORKER_STOP_TIMEOUT: 'worker.stop_timeout',
  /** A hanging transaction of this service ended with the marker its coordinator decided (kafka/hanging-txns.ts). */
  HANGING_TXN_ENDED: 'kafka.hanging_txn_ended',
  /** A hanging transaction left for an operator (not ours, outcome unknown, or the marker refused). */
  HANGING_TXN_LEFT: 'kafka.hanging_txn_left',
  /** A transactional id fenced to end its hanging transaction (a process still running with it stops). */
  HANGING_TXN_FENCED: 'kafka.hanging_txn_fenced',
  /** The hanging-transaction sweep may not look at a topic under the broker's ACLs (the ACL that would let it is named); the rest is swept. */
  HANGING_TXN_SWEEP_DENIED: 'kafka.hanging_txn_sweep_denied',
  WORKER_STOPPED: 'worker.stopped',
  CONSUMER_CRASH: 'consumer.crash',
  WORKER_FENCED: 'worker.fenced',
  PARTITIONS_ASSIGNED: 'partitions.assigned',
  PARTITION_RESTORED: 'partition.restored',
  STATE_REPLAY_TRUNCATED: 'state.replay_truncated',
  STATE_OFFSET_MISMATCH: 'state.offset_mismatch',
  STATE_REPLAYED: 'state.replayed',
  WINDOW_ABORTED: 'window.aborted',
  ENGINE_LOADED: 'engine.loaded',
  ENGINE_LOAD_TIMEOUT: 'engine.load_timeout',
  /** A load (at start, or a reload) that ended after its deadline. */
  ENGINE_LOAD_LATE: 'engine.load_late',
  ENGINE_RELOAD_TIMEOUT: 'engine.reload_timeout',
  ENGINE_RELOADED: 'engine.reloaded',
  ENGINE_RELOAD_FAILED: 'engine.reload_failed',
  ENGINE_THREAD_DIED: 'engine.thread_died',
  ENGINE_THREAD_RESPAWNED: 'engine.thread_respawned',
  ENGINE_POOL_FATAL: 'engine.pool_fatal',
  SHADOW_LOADED: 'shadow.loaded',
  SHADOW_BATCH_FAILED: 'shadow.batch_failed',
  INPUT_MISROUTED: 'input.misrouted',
  INPUT_DEAD_LETTERED: 'input.dead_lettered',

  // Kafka layer (services/kafka/): the client's lifecycle and the exactly-once loop
  KAFKA_BROKER_CONNECT: 'kafka.broker_connect',
  KAFKA_BROKER_DISCONNECT: 'kafka.broker_disconnect',
  KAFKA_BROKER_FAILED: 'kafka.broker_failed',
  KAFKA_BROKER_UNREACHABLE: 'kafka.broker_unreachable',
  KAFKA_BROKER_RECOVERED: 'kafka.broker_recovered',
  KAFKA_OP_FAILED: 'kafka.op_failed',
  KAFKA_GROUP_JOIN: 'kafka.group_join',
  KAFKA_GROUP_REBALANCE: 'kafka.group_rebalance',
  KAFKA_HEARTBEAT_ERROR: 'kafka.heartbeat_error',
  KAFKA_SASL_PLAINTEXT: 'kafka.sasl_plaintext',
  INPUT_REWOUND: 'input.rewound',
  TXN_ABORT_FAILED: 'txn.abort_failed',
  TXN_STRAY_DROPPED: 'txn.stray_dropped',
  TXN_PRODUCER_REPLACED: 'txn.producer_replaced',
  KAFKA_WAITING: 'kafka.waiting',
  KAFKA_READY: 'kafka.ready',

  // audit sink (services/audit/)
  AUDIT_SINK_STARTED: 'audit_sink.started',
  AUDIT_SINK_STOPPED: 'audit_sink.stopped',
  AUDIT_INPUT_FAILED: 'audit_sink.input_failed',
  AUDIT_COMMIT_FAILED: 'audit_sink.commit_failed',
  AUDIT_STORE_WAITING: 'audit_store.waiting',
  AUDIT_STORE_PAUSED: 'audit_store.paused',
  AUDIT_STORE_RESUMED: 'audit_store.resumed',
  AUDIT_RECORDS_REJECTED: 'audit_store.rejected',
  AUDIT_STORE_MIGRATED: 'audit_store.migrated',
  BLOCKLIST_PUBLISHED: 'blocklist.published',
  BLOCKLIST_PUBLISH_FAILED: 'blocklist.publish_failed',
  /** A pooled PostgreSQL connection failed while idle (the pool replaces it; services/audit/sql-db.ts). */
  POSTGRES_IDLE_CLIENT_ERROR: 'postgres.idle_client_error',

  // review console (services/console/)
  CONSOLE_STARTED: 'console.started',
  CONSOLE_STOPPED: 'console.stopped',
  /** An account added, disabled, enabled or given a new password: by an admin on the console, or on the command line (`operator` cli:<who>: VIGIE_OPERATOR, else $USER or $LOGNAME, else the OS account); also in the access log; never the password. */
  CONSOLE_ACCOUNT_CHANGE: 'console.account_change',
  /** The console refused to enable an account again: disabled on the command line, or an admin account (`why`: cli, admin). */
  CONSOLE_ACCOUNT_CHANGE_REFUSED: 'console.account_change_refused',
  /** A user changed their own password (also in the access log; never the password); all their sessions ended, this browser got a new one. */
  CONSOLE_PASSWORD_CHANGED: 'console.password_changed',
  /** A password change refused: the new password typed twice differently, wrong current password, new password invalid, or rate limited (like a failed login). */
  CONSOLE_PASSWORD_CHANGE_FAILED: 'console.password_change_failed',
  /** A mute, suspension or lift the broker did not take or did not confirm (`topic`, `err`, `certain`; a missing topic named, with `vigie topics create`): the moderator got 503, "nothing was applied" when `certain`, else "it may have been applied". */
  CONSOLE_ACTION_NOT_SENT: 'console.action_not_sent',
  /** A sanction's send whose outcome came after the moderator got 503 "it may have been applied" (ACTION_CONFIRM_MS): `applied` true, false or 'unknown'. */
  CONSOLE_ACTION_LATE: 'console.action_late',
  /** A decision saved whose feedback stays in the store's outbox (`topic`, `err`), published with the next decision. */
  CONSOLE_FEEDBACK_PENDING: 'console.feedback_pending',
} as const;

export type LifecycleEvent = (typeof EVENTS)[keyof typeof EVENTS];
