/**
 * What a failed chaos run prints of each service's log, so that a CI log (which keeps only the failing test's
 * message) says what the services were doing: the chaos run's own start/exit lines and every service log line
 * at warn or above or with a lifecycle event (assignment, broker lost/recovered, window aborted, stall, stop
 * timeout with the stages it names), compacted to one short line each, the last `max` of them. Pure.
 * Service logs are already redacted (no chat text, no IPs): the excerpt adds nothing from outside them.
 */
const EVENTS = new Set([
  'partitions.assigned', 'kafka.broker_failed', 'kafka.broker_recovered', 'kafka.waiting', 'kafka.ready', 'window.aborted',
  'worker.started', 'worker.stopping', 'worker.stopped', 'worker.stalled', 'worker.no_progress', 'worker.stop_timeout',
  'worker.progress_warning', 'consumer.crash', 'state.replayed',
]);
/** Fields shown after the event when present (stages, assignment, error): the rest of a line is left out. */
const FIELDS = ['generation', 'assigned', 'failures', 'loopStage', 'inputStage', 'outputStage', 'stopStep', 'stage', 'ageMs', 'pendingMs', 'err'];

function short(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 240 ? `${s.slice(0, 237)}...` : s;
}

/** One compact line for a service log line worth showing, else null. `t0` is the run's start (epoch ms). */
export function excerptLine(line: string, t0: number): string | null {
  if (line.startsWith('--- chaos:')) return line.slice(4);
  if (!line.startsWith('{')) return line.trim() ? short(line.trim()) : null;
  let j: Record<string, unknown>;
  try { j = JSON.parse(line) as Record<string, unknown>; } catch { return short(line); }
  const level = typeof j.level === 'number' ? j.level : 0;
  const event = typeof j.event === 'string' ? j.event : '';
  if (level < 40 && !EVENTS.has(event)) return null;
  const at = typeof j.time === 'number' ? `t=${((j.time - t0) / 1000).toFixed(1)}s ` : '';
  const fields = FIELDS.filter((f) => j[f] !== undefined).map((f) => `${f}=${short(j[f])}`);
  return `${at}${level >= 50 ? 'ERROR ' : level >= 40 ? 'WARN ' : ''}${event || '-'} ${short(j.msg ?? '')}${fields.length ? ` | ${fields.join(' ')}` : ''}`;
}

/** The last `max` excerpt lines of one service log's text. */
export function excerpt(text: string, t0: number, max = 25): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const e = excerptLine(line, t0);
    if (e !== null) out.push(e);
  }
  return out.slice(-max);
}
