/**
 * The transactional ids of a classifier group: `<prefix>-<instance>`, where the instance is the configured stable name
 * (VIGIE_CLASSIFIER_INSTANCE, e.g. the pod name) or a random UUID per process. Built here for the worker, and matched
 * here for the hanging-transaction sweep, which ends only this group's transactions.
 */
import { randomUUID } from 'node:crypto';

/** What a stable instance name may hold. */
export const INSTANCE_NAME = /^[A-Za-z0-9._-]{1,100}$/;
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const RANDOM_INSTANCE = new RegExp(`^${UUID}$`);
const ENDS_IN_UUID = new RegExp(`-${UUID}$`);

/** The transactional id of an instance (`instance` '' = a random one). */
export function transactionalIdOf(prefix: string, instance: string): string {
  return `${prefix}-${instance || randomUUID()}`;
}

/**
 * Whether `id` is a transactional id this group's classifiers make. A bare `<prefix>-` test also takes the ids of
 * another group whose name extends ours (`vigie-classifier-canary-<uuid>` for `vigie-classifier`): an instance part
 * that ends in a random instance's UUID after more text (`canary-<uuid>`) is that other group's, since a random
 * instance is the UUID alone. Left ambiguous: a group `<prefix>-X` running with stable instance names, whose ids
 * read as ours with instance `X-<name>` (docs/classifier-worker.md: name such groups apart).
 */
export function isGroupTransactionalId(prefix: string, id: string): boolean {
  if (!id.startsWith(`${prefix}-`)) return false;
  const instance = id.slice(prefix.length + 1);
  if (RANDOM_INSTANCE.test(instance)) return true;
  return INSTANCE_NAME.test(instance) && !ENDS_IN_UUID.test(instance);
}
