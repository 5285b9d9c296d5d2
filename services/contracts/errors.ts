/**
 * Vigie's error family. Every error says whether retrying the same operation can help
 * (`retriable`), and carries its cause. Programmer errors (bad arguments, broken invariants)
 * are never retriable. Subclasses add the coordinates a reader needs to find the record.
 */
export class VigieError extends Error {
  readonly retriable: boolean;
  constructor(message: string, opts: { retriable?: boolean; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.retriable = opts.retriable ?? false;
  }
}

/** A configuration value is missing or invalid. Never retriable: fix the configuration. */
export class ConfigError extends VigieError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`, { retriable: false });
    this.problems = problems;
  }
}

/** A record could not be decoded or failed validation. Not retriable: route it to a dead-letter topic. */
export class RecordError extends VigieError {
  readonly field: string | undefined;
  constructor(message: string, opts: { field?: string; cause?: unknown } = {}) {
    super(message, { retriable: false, cause: opts.cause });
    this.field = opts.field;
  }
}

/** Where a record came from, for errors and dead-letter headers. */
export interface SourcePosition {
  topic: string;
  partition: number;
  offset: string;
}

/** A failure while talking to Kafka; retriable unless the broker said otherwise. */
export class KafkaIoError extends VigieError {
  readonly position: Partial<SourcePosition> | undefined;
  constructor(message: string, opts: { retriable?: boolean; cause?: unknown; position?: Partial<SourcePosition> } = {}) {
    super(message, { retriable: opts.retriable ?? true, cause: opts.cause });
    this.position = opts.position;
  }
}

/** A failure loading or running a model. Loading errors are not retriable; a failed run may be. */
export class ModelError extends VigieError {
  readonly modelId: string;
  constructor(modelId: string, message: string, opts: { retriable?: boolean; cause?: unknown } = {}) {
    super(`model ${modelId}: ${message}`, { retriable: opts.retriable ?? false, cause: opts.cause });
    this.modelId = modelId;
  }
}

/** A failure writing to or reading from a store (database, file). Usually retriable. */
export class StoreError extends VigieError {
  constructor(message: string, opts: { retriable?: boolean; cause?: unknown } = {}) {
    super(message, { retriable: opts.retriable ?? true, cause: opts.cause });
  }
}

/** True when an error (of any kind) says a retry can help. Unknown errors are not retried. */
export function isRetriable(err: unknown): boolean {
  return err instanceof VigieError ? err.retriable : false;
}
