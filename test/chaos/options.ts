/**
 * Options of the chaos run (`npm run chaos -- --seed N ...`): parsed and checked here, every problem
 * reported at once. Pure.
 */
export interface ChaosOptions {
  /** Seeds the traffic, the poison positions and the fault schedule. */
  seed: number;
  /** Chat messages streamed (poison records come on top). */
  messages: number;
  /** Undecodable records injected among them. */
  poison: number;
  /** Length of the fault window (kills, broker restart, PostgreSQL stop), ms; the traffic is spread over it. */
  durationMs: number;
  /** Gap between two kills: uniform in [killMinMs, killMaxMs]. */
  killMinMs: number;
  killMaxMs: number;
  /** How long the PostgreSQL server stays stopped; 0 = not stopped. */
  pgStopMs: number;
  /** Restart the broker once during the window. */
  brokerRestart: boolean;
  /** Longest wait, after the window, for every output to arrive. */
  drainTimeoutMs: number;
  /** Partitions of each topic. */
  partitions: number;
  /** Keep the run folder (broker data, PostgreSQL data, service logs) afterwards. */
  keep: boolean;
  /** Extra settings for every service (`--service-env VIGIE_LOG_LEVEL=debug`), over the run's own. */
  serviceEnv: Record<string, string>;
}

export const DEFAULTS: ChaosOptions = {
  seed: 1, messages: 100_000, poison: 50, durationMs: 240_000, killMinMs: 5_000, killMaxMs: 15_000, pgStopMs: 20_000,
  brokerRestart: true, drainTimeoutMs: 600_000, partitions: 4, keep: false, serviceEnv: {},
};

export const CHAOS_HELP = `usage: npm run chaos -- [options]

On a fresh broker, PostgreSQL server and topic prefix of its own, starts two classifier workers and the
audit sink before the topics exist, creates them, streams generated FR/EN traffic with undecodable poison
records, SIGKILLs a random service every few seconds and restarts it, restarts the broker once, stops
PostgreSQL for a while, then checks: verdicts = audit rows = inputs (minus poison), no duplicate, DLQ =
the poison only, the audit hash chain verifies, the blocklist topic = the store's enforcement.
Progress on stderr; one JSON line on stdout; exit 0 when every check passes, 1 otherwise, 2 on bad usage.

options:
  --seed N              seed of traffic, poison and faults (default ${DEFAULTS.seed})
  --messages N          chat messages (default ${DEFAULTS.messages})
  --poison N            undecodable records injected (default ${DEFAULTS.poison})
  --duration S          fault window in seconds; traffic is spread over it (default ${DEFAULTS.durationMs / 1000})
  --kill-every A-B      seconds between kills, uniform (default ${DEFAULTS.killMinMs / 1000}-${DEFAULTS.killMaxMs / 1000}); 0 = no kill
  --pg-stop S           seconds PostgreSQL stays down, 0 = never stopped (default ${DEFAULTS.pgStopMs / 1000})
  --no-broker-restart   do not restart the broker
  --drain S             longest wait for the outputs after the window (default ${DEFAULTS.drainTimeoutMs / 1000})
  --partitions N        partitions per topic (default ${DEFAULTS.partitions})
  --keep                keep the run folder (.data/chaos/<run>) with broker data and service logs
                        (kept anyway when a service exited on its own or a check failed)
  --service-env K=V     a VIGIE_* setting for every service, over the run's own (repeatable), e.g.
                        VIGIE_LOG_LEVEL=debug or VIGIE_CLASSIFIER_OFFSET_COMMIT=per-partition

environment: KAFKA_VERSION (broker version), VIGIE_KAFKA_CACHE_DIR (jar cache), as the local broker.`;

export class ChaosUsageError extends Error {}

export function parseChaosArgs(argv: string[]): ChaosOptions {
  const o: ChaosOptions = { ...DEFAULTS, serviceEnv: {} };
  const problems: string[] = [];
  const int = (flag: string, v: string | undefined, min: number, max: number): number | undefined => {
    const n = v !== undefined && /^\d+$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) { problems.push(`${flag}: expected an integer from ${min} to ${max}, got ${JSON.stringify(v ?? null)}`); return undefined; }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--seed': o.seed = int(flag, value(), 0, 2 ** 31 - 1) ?? o.seed; break;
      case '--messages': o.messages = int(flag, value(), 1, 10_000_000) ?? o.messages; break;
      case '--poison': o.poison = int(flag, value(), 0, 100_000) ?? o.poison; break;
      case '--duration': { const s = int(flag, value(), 1, 86_400); if (s !== undefined) o.durationMs = s * 1000; break; }
      case '--pg-stop': { const s = int(flag, value(), 0, 3600); if (s !== undefined) o.pgStopMs = s * 1000; break; }
      case '--drain': { const s = int(flag, value(), 1, 86_400); if (s !== undefined) o.drainTimeoutMs = s * 1000; break; }
      case '--partitions': o.partitions = int(flag, value(), 1, 64) ?? o.partitions; break;
      case '--kill-every': {
        const v = value();
        const m = v === '0' ? ['0', '0', '0'] : /^(\d+)-(\d+)$/.exec(v ?? '');
        if (!m || Number(m[1]) > Number(m[2])) problems.push(`--kill-every: expected A-B seconds with A <= B (or 0), got ${JSON.stringify(v ?? null)}`);
        else { o.killMinMs = Number(m[1]) * 1000; o.killMaxMs = Number(m[2]) * 1000; }
        break;
      }
      case '--no-broker-restart': o.brokerRestart = false; break;
      case '--keep': o.keep = true; break;
      case '--service-env': {
        const v = value() ?? '';
        const m = /^(VIGIE_[A-Z0-9_]+)=(.*)$/.exec(v);
        if (!m) problems.push(`--service-env: expected VIGIE_NAME=value, got ${JSON.stringify(v)}`);
        else o.serviceEnv[m[1]!] = m[2]!;
        break;
      }
      default: problems.push(`unknown argument ${JSON.stringify(a)}`);
    }
  }
  if (o.killMinMs === 0 && o.killMaxMs !== 0) problems.push('--kill-every: the shortest gap must be at least 1 s');
  if (o.pgStopMs >= o.durationMs) problems.push(`--pg-stop (${o.pgStopMs / 1000} s) must be shorter than --duration (${o.durationMs / 1000} s)`);
  if (problems.length) throw new ChaosUsageError(problems.join('; '));
  return o;
}
