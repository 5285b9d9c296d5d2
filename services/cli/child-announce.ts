/**
 * What a child of `vigie up` announces on its stdout once it is up (the worker's HTTP port, the console's address): the
 * first match of a pattern. The output is kept and scanned only until the match; the listener is then removed, so a
 * child that runs for days does not grow a string of all it printed (the stream keeps flowing, its data dropped).
 */
import type { SupervisedChild } from './up-supervisor.js';

/** The first match of `re` on `c`'s stdout; rejects with `exitMessage(code)` if the child exits first. */
export function announced(c: SupervisedChild, re: RegExp, exitMessage: (code: number | null) => string): Promise<RegExpExecArray> {
  return new Promise<RegExpExecArray>((resolve, reject) => {
    const out = c.child.stdout!;
    let seen = '';
    const onData = (d: Buffer) => {
      seen += d.toString();
      const m = re.exec(seen);
      if (!m) return;
      out.off('data', onData);
      seen = '';
      resolve(m);
    };
    out.on('data', onData);
    c.child.once('exit', (code) => { out.off('data', onData); reject(new Error(exitMessage(code))); });
  });
}
