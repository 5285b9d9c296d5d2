import { isatty } from 'node:tty';
import { pino, destination, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { formatLogLine, resolveLogFormat, type LogFormat } from './log-format.js';
import { ensurePrivateFile } from './private-files.js';

export type { Logger };

/**
 * Paths whose values are chat text or IP addresses. They are redacted by default in every log line,
 * at the top level and one or two levels down (e.g. `msg.text`, `record.message.senderIp`), by exact key
 * name. Deeper keys, array elements below the top level (`batch.messages[0].text`), other spellings
 * (`senderIP`) and text inside an error's message are not: do not log such objects.
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
  /**
   * VIGIE_LOG_FORMAT: json (pino lines, for machines), pretty (one readable line each: local time, level,
   * service, event, message, a few fields; control characters escaped), auto = pretty when the destination is
   * a terminal. A `file` always gets JSON, whatever the format. Default json. Redaction happens before
   * formatting: both formats hide the same values (REDACT_PATHS: those keys at depth 1 to 3 only).
   */
  format?: LogFormat;
}

export function createLogger(settings: LoggerSettings = {}): Logger {
  const opts: LoggerOptions = {
    level: settings.level ?? 'info',
    base: settings.name ? { svc: settings.name } : {},
    redact: settings.redact === false ? [] : { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  const dest = settings.destination ?? 2;
  // User ids, login names, conversation ids: the log file is owner-only (0600) whatever the umask.
  if (settings.file) ensurePrivateFile(settings.file);
  const out: DestinationStream = settings.file ? logFileDestination(settings.file)
    : typeof dest === 'number' ? destination({ fd: dest, sync: true }) : dest;
  const tty = !settings.file && (typeof dest === 'number' ? isatty(dest) : (dest as { isTTY?: boolean }).isTTY === true);
  if (resolveLogFormat(settings.format ?? 'json', tty, settings.file ?? null) === 'json') return pino(opts, out);
  return pino(opts, prettyDestination(out, tty));
}

/** The open VIGIE_LOG_FILE destinations of this process, for reopenLogFiles. */
const LOG_FILES = new Map<string, { reopen(): void }>();

function logFileDestination(file: string): DestinationStream {
  const out = destination({ dest: file, append: true, mkdir: true, sync: true, mode: 0o600 });
  LOG_FILES.set(file, out);
  return out;
}

/**
 * Reopens every VIGIE_LOG_FILE this process writes (after logrotate moved it away: the next line goes to a new
 * file at the configured path, owner-only like the first). Returns how many were reopened. Called on SIGHUP.
 */
export function reopenLogFiles(): number {
  for (const [file, out] of LOG_FILES) {
    ensurePrivateFile(file);
    out.reopen();
  }
  return LOG_FILES.size;
}

/** Writes each pino line (already redacted) as one readable line; colours on a terminal only. */
function prettyDestination(out: DestinationStream, colour: boolean): DestinationStream {
  return {
    write(chunk: string) {
      for (const line of chunk.split('\n')) {
        if (!line.trim()) continue;
        const text = formatLogLine(line, { colour, minLevel: 0 });
        if (text !== null) out.write(`${text}\n`);
      }
    },
  };
}
