import { pino, destination, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/**
 * Paths whose values are chat text or IP addresses. They are redacted by default in every log line,
 * at the top level and one or two levels down (e.g. `msg.text`, `record.message.senderIp`).
 */
const SENSITIVE_KEYS = ['text', 'senderIp', 'ip', 'ipAddress', 'clientIp', 'originalText', 'contextText'];
export const REDACT_PATHS: string[] = SENSITIVE_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

export interface LoggerSettings {
  /** pino level; default 'info'. */
  level?: string;
  /** Set to false only on a developer machine to see chat text and IPs in logs. Default true. */
  redact?: boolean;
  /** Component name, added to every line. */
  name?: string;
  /** Where to write; default stderr so that stdout stays free for command output. */
  destination?: NodeJS.WritableStream | number;
  /** Append to this file instead (VIGIE_LOG_FILE); wins over `destination`. */
  file?: string | null;
}

export function createLogger(settings: LoggerSettings = {}): Logger {
  const opts: LoggerOptions = {
    level: settings.level ?? 'info',
    base: settings.name ? { svc: settings.name } : {},
    redact: settings.redact === false ? [] : { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  if (settings.file) return pino(opts, destination({ dest: settings.file, append: true, mkdir: true, sync: true }));
  const dest = settings.destination ?? 2;
  return pino(opts, typeof dest === 'number' ? destination({ fd: dest, sync: true }) : dest);
}
