import { VigieError } from '../contracts/errors.js';

/** Parses KAFKA_BROKERS: comma-separated host:port (or [ipv6]:port) entries; throws a VigieError naming the bad ones. */
export function parseBrokerList(list: string): string[] {
  const brokers = list.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = brokers.filter((b) => !/^[^\s:]+:\d{1,5}$/.test(b) && !/^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(b));
  if (brokers.length === 0 || bad.length) {
    throw new VigieError(`KAFKA_BROKERS = ${JSON.stringify(list)}: expected comma-separated host:port entries${bad.length ? `; bad: ${bad.join(', ')}` : ''}`);
  }
  return brokers;
}
