import type { Producer } from '@platformatic/kafka';
import type { KafkaClient } from '../kafka/client.js';
import type { Codecs, ModerationAction } from '../contracts/index.js';
import { publishFeedback } from '../audit/feedback-publisher.js';
import type { AuditStore } from '../audit/store.js';
import type { VigieConfig } from '../common/config.js';
import { brokerErrorIds, errorChain, errorCodes } from '../kafka/client-options.js';

/**
 * What the console sends to Kafka: pending feedback (the store's outbox, published by the same code as
 * `vigie cases resolve`) and moderation actions for the audit sink and the platform. One idempotent
 * producer of the Kafka factory (acks all); it connects on first send, so the console serves pages
 * while the broker is away.
 */
export interface ConsolePublisher {
  /** Publishes every resolved case whose feedback is still pending; returns their ids. */
  feedback(store: AuditStore, now: number): Promise<string[]>;
  action(a: ModerationAction): Promise<void>;
  close(): Promise<void>;
  readonly topics: { feedback: string; actions: string };
}

/**
 * The topics come from the configuration (cfg.kafka.topics: VIGIE_TOPIC_FEEDBACK / VIGIE_TOPIC_ACTIONS with
 * VIGIE_TOPIC_PREFIX applied), as for every other service: a console of tenant `t1.` must not write its
 * mutes and suspensions to the unprefixed `moderation.actions` of another tenant.
 */
export function kafkaPublisher(kafka: KafkaClient, codecs: Codecs, cfg: Pick<VigieConfig, 'kafka'>): ConsolePublisher {
  const topics = { feedback: cfg.kafka.topics.feedback, actions: cfg.kafka.topics.actions };
  let producer: Producer | null = null;
  const get = (): Producer => (producer ??= kafka.producer());
  return {
    topics,
    async feedback(store, now) { return publishFeedback(store, get(), codecs, topics.feedback, now); },
    async action(a) {
      await get().send({ messages: [{ topic: topics.actions, key: Buffer.from(a.targetUserId), value: codecs.ModerationAction.encodeAvro(a) }] });
    },
    async close() { await kafka.close(); },
  };
}

/**
 * How long a moderator's sanction waits for the broker's confirmation. The client library retries a send for minutes
 * (a broker that hangs: 9 attempts of 30 s, 4 min 40 s measured): the browser spun that long, and a reverse proxy in
 * front (nginx: 60 s) answered 504 saying nothing, so the moderator sent it again. After this the console answers
 * 503 "it may have been applied" (review of ops50); the send goes on, its outcome logged (`console.action_late`).
 */
export const ACTION_CONFIRM_MS = 20_000;

/** A send not confirmed within its deadline: sendCertainlyFailed says uncertain (it may still be written). */
export class ActionUnconfirmed extends Error {
  constructor(ms: number) { super(`no confirmation from the broker within ${ms} ms (timed out; the send goes on)`); }
}

/**
 * `send`, or ActionUnconfirmed once `ms` have passed without its outcome; `late` then gets that outcome when it comes
 * (null: written after all; else the error).
 */
export function confirmedWithin(send: Promise<void>, ms: number, late: (err: unknown) => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let expired = false;
  const deadline = new Promise<never>((_, reject) => { timer = setTimeout(() => { expired = true; reject(new ActionUnconfirmed(ms)); }, ms); });
  send.then(() => { if (expired) late(null); }, (err: unknown) => { if (expired) late(err); });
  return Promise.race([send, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Whether a failed send certainly left nothing on the broker: the topic does not exist, or no connection to the broker
 * was ever made (refused, name not resolved). After a timeout or a connection lost mid-request the broker may still
 * have written the record (the moderator is told it may have been applied: sending it again could sanction twice).
 */
export function sendCertainlyFailed(err: unknown): boolean {
  if (brokerErrorIds(err).includes('UNKNOWN_TOPIC_OR_PARTITION')) return true;
  const chain = errorChain(err);
  if (chain.some((m) => /unknown topic/i.test(m))) return true;
  // A retry that found the broker gone says "refused" after an earlier attempt that may have been written: uncertain.
  if (chain.some((m) => /time(d )?out|closed/i.test(m))) return false;
  return errorCodes(err).some((c) => NEVER_CONNECTED.has(c));
}

/** Socket error codes meaning no request reached the broker. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Why a send to `topic` failed, for the operator's log: the client's error chain, and what to do when the topic does
 * not exist (a console started before `vigie topics create`, or with another VIGIE_TOPIC_PREFIX than the topics'):
 * the library answers "Unknown topic …" after retrying for seconds.
 */
export function sendFailureText(err: unknown, topic: string): string {
  const chain = errorChain(err);
  const unknown = brokerErrorIds(err).includes('UNKNOWN_TOPIC_OR_PARTITION') || chain.some((m) => /unknown topic/i.test(m));
  return `${chain.join(' <- ') || String(err)}${unknown ? ` (topic ${topic} does not exist on the broker: create the topics with \`vigie topics create\`, with this console's VIGIE_TOPIC_PREFIX)` : ''}`;
}
