import { randomBytes } from 'node:crypto';

/**
 * Random names so each integration test owns its topics and groups. The broker helpers themselves are
 * in kafka-client.ts (ClientTestContext, on the one client factory).
 */

/** A random, valid topic or group name: `<prefix>-<time>-<random>`. */
export function randomName(prefix = 'test'): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}
