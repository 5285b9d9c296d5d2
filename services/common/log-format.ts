/**
 * Logs for a person at a terminal. Services write JSON lines (pino) for machines; `vigie up` on a TTY
 * turns them into one short line each: time, level, component, message and the few fields that
 * matter, with chat text already redacted by the logger. Anything that is not a JSON log line is
 * passed through unchanged.
 *
 * Also: which client-library messages are expected transient states (a coordinator still loading, a
 * leader moving, a retried request that then succeeds), so that they are logged at debug, not error.
 */
import { Transform, type TransformCallback } from 'node:stream';

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const COLOURS: Record<number, string> = { 40: '\x1b[33m', 50: '\x1b[31m', 60: '\x1b[31;1m' };
/** Fields already shown, or noise for a person. */
const HIDDEN = new Set(['level', 'time', 'msg', 'svc', 'pid', 'hostname', 'component', 'v', 'timestamp', 'logger', 'event', 'clientId']);
/** Most key=value fields on one line besides `err` (always shown, first); the rest are counted (the JSON format has them all). */
const MAX_FIELDS = 8;
/**
 * Characters a terminal acts on instead of printing: C0 controls (CR, LF, ESC...), DEL, C1 controls,
 * Unicode line separators and bidirectional overrides/isolates/marks. Logged values come from users too
 * (a login name): printed raw they could forge log lines or send escape sequences to the operator's terminal.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `s` with every control character written as a visible escape (\n, \u001b, \u202e...). */
export function escapeControl(s: string): string {
  return s.replace(CONTROL, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

export type LogFormat = 'auto' | 'json' | 'pretty';

/**
 * The format a log stream gets: JSON whenever a log file is set (VIGIE_LOG_FILE), whatever VIGIE_LOG_FORMAT says;
 * otherwise an explicit `json` or `pretty` as it is, and `auto` is readable lines when a person reads them (a
 * terminal) and JSON for machines (a pipe).
 */
export function resolveLogFormat(format: LogFormat, tty: boolean, file: string | null): 'pretty' | 'json' {
  // A log file always gets JSON lines, even with an explicit `pretty`: pretty lines have no date and cannot be parsed.
  if (file) return 'json';
  if (format !== 'auto') return format;
  return tty ? 'pretty' : 'json';
}

export interface FormatOptions {
  /** ANSI colours for warnings and errors. */
  colour?: boolean;
  /** Lines below this pino level are dropped (e.g. 40: warnings and errors only). Default 30. */
  minLevel?: number;
}

/** One human-readable line for a pino JSON line; null when the line is below `minLevel`. */
export function formatLogLine(line: string, o: FormatOptions = {}): string | null {
  let rec: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (!parsed || typeof parsed !== 'object' || typeof (parsed as { level?: unknown }).level !== 'number') return line;
    rec = parsed as Record<string, unknown>;
  } catch {
    return line;
  }
  const level = rec.level as number;
  if (level < (o.minLevel ?? 30)) return null;
  const time = typeof rec.time === 'number' ? localTime(new Date(rec.time)) : '--:--:--';
  const who = escapeControl([rec.svc, rec.component].filter((x) => typeof x === 'string').join('/'));
  const event = typeof rec.event === 'string' ? `[${escapeControl(rec.event)}] ` : '';
  // The error first: it is what an ERROR line is about, and it is never among the fields counted as "+N more".
  const fields = Object.entries(rec).filter(([k]) => !HIDDEN.has(k) && k !== 'err').map(([k, v]) => `${escapeControl(k)}=${short(k, v)}`);
  const extras = fields.length > MAX_FIELDS ? [...fields.slice(0, MAX_FIELDS), `+${fields.length - MAX_FIELDS} more`] : fields;
  if (rec.err !== undefined) extras.unshift(`err=${short('err', rec.err)}`);
  const name = (LEVELS[level] ?? String(level)).padEnd(5);
  const head = o.colour && COLOURS[level] ? `${COLOURS[level]}${name}\x1b[0m` : name;
  return `${time} ${head} ${who ? `${who}: ` : ''}${event}${escapeControl(String(rec.msg ?? ''))}${extras.length ? `  (${extras.join(', ')})` : ''}`;
}

/** HH:MM:SS in the machine's time zone (the person reading compares it with their clock). */
function localTime(d: Date): string {
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

function short(key: string, v: unknown): string {
  if (key === 'err' && v && typeof v === 'object') return escapeControl(String((v as { message?: unknown }).message ?? JSON.stringify(v)));
  const s = escapeControl(typeof v === 'string' ? v : String(JSON.stringify(v)));
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

/** A stream that reads JSON log lines and writes formatted ones. */
export function prettyLogStream(o: FormatOptions = {}): Transform {
  let rest = '';
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      const out = lines.map((l) => (l.trim() ? formatLogLine(l, o) : null)).filter((l): l is string => l !== null);
      done(null, out.length ? `${out.join('\n')}\n` : '');
    },
    flush(done: TransformCallback) {
      const last = rest.trim() ? formatLogLine(rest, o) : null;
      done(null, last ? `${last}\n` : '');
    },
  });
}

/**
 * Client-library messages that describe an expected, retried state rather than a failure: logged at
 * debug (the retry that follows either succeeds, or fails with its own error).
 */
const TRANSIENT = [
  /coordinator is (loading|not available)/i,
  /not the (correct )?coordinator/i,
  /leader(ship)? (not available|election)|not leader for partition|NOT_LEADER/i,
  /There is no leader for this topic-partition/i,
  /rebalanc(e|ing) in progress|REBALANCE_IN_PROGRESS|group is rebalancing/i,
  /Restarting the consumer in \d+ms/i,
  /Connection error: .*ECONNREFUSED/i,
  /Request .* timed out|retrying/i,
];

export function isTransientClientMessage(message: string, errorText = ''): boolean {
  return TRANSIENT.some((re) => re.test(message) || re.test(errorText));
}
