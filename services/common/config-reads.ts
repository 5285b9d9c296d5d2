/**
 * Which settings a command reads, seen from the command itself: the configuration wrapped in a Proxy that reports the
 * path of every value taken out of it (`kafka.brokers`, `kafka.security`, `database.pg`, ...). config.ts maps paths to
 * variable names; help-settings.test.ts runs each command with it and checks its --help lists every name (round 42:
 * `topics` and `replay` connect with the Kafka TLS/SASL settings and `up` opens the audit store, none listed them).
 */

/** Wraps `value` (a configuration object) so that every property read reports its path, objects wrapped in turn. */
export function recordingProxy<T extends object>(value: T, onRead: (path: string[]) => void, path: string[] = []): T {
  return new Proxy(value, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver) as unknown;
      if (typeof key !== 'string' || Array.isArray(target)) return v;
      const p = [...path, key];
      onRead(p);
      return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype ? recordingProxy(v, onRead, p) : v;
    },
    ownKeys(target) {
      // A spread or a serialisation reads every key.
      for (const k of Reflect.ownKeys(target)) if (typeof k === 'string') onRead([...path, k]);
      return Reflect.ownKeys(target);
    },
  });
}
