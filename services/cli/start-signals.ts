/**
 * Signals before a long-running service (`run classifier`, `run audit-sink`, `console`) handles them itself. Loading
 * its modules takes seconds on a busy machine (the classifier's re-executed image loads them twice), and until then
 * Node's defaults apply: a SIGHUP (a closed terminal) or a SIGTERM (a deployment rolled back during start-up) killed
 * it, exit 143 and not a word, which a supervisor counts as a crash. Here: SIGHUP ignored; SIGTERM/SIGINT end the
 * start-up with one line and exit 0 (nothing was read or written yet: every service takes the signal itself before
 * it opens the store or the broker). The first SIGTERM/SIGINT listener the service adds takes over. `stop: false`
 * (a process about to re-execute itself): SIGHUP only.
 */
type Proc = Pick<NodeJS.Process, 'on' | 'removeListener' | 'listeners' | 'exit'> & { stderr: { write(s: string): unknown } };

export function handleStartSignals(what: string, o: { stop: boolean }, p: Proc = process): () => void {
  p.on('SIGHUP', () => undefined);
  if (!o.stop) return () => undefined;
  const early = (signal: NodeJS.Signals): void => {
    p.stderr.write(`vigie ${what}: ${signal} during start-up: stopped before reading or writing anything\n`);
    p.exit(0);
  };
  const handover = (event: string | symbol, listener: unknown): void => {
    if ((event !== 'SIGTERM' && event !== 'SIGINT') || listener === early) return;
    // After the service's listener is in: removed now, the signal's last listener would stop Node's watch of the
    // signal, and the listener added next would never be called (a SIGTERM then did nothing at all).
    queueMicrotask(() => {
      p.removeListener(event, early);
      if (!p.listeners('SIGTERM').includes(early) && !p.listeners('SIGINT').includes(early)) p.removeListener('newListener', handover);
    });
  };
  p.on('SIGTERM', early);
  p.on('SIGINT', early);
  p.on('newListener', handover);
  // Gives SIGTERM/SIGINT back to Node's default (the classifier's first image, just before it re-executes itself).
  return () => { p.removeListener('SIGTERM', early); p.removeListener('SIGINT', early); p.removeListener('newListener', handover); };
}
