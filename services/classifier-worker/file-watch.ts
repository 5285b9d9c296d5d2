/**
 * Watches the engine's files and folders (fs.watch, not persistent) and calls `onChange` once a burst of
 * changes has been quiet for `debounceMs`. Returns the function that stops watching.
 */
import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from '../common/logger.js';

export function watchFiles(paths: string[], log: Logger, onChange: (path: string) => void, debounceMs = 500): () => void {
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  for (const p of paths) {
    try {
      const w = watch(p, { persistent: false }, () => {
        clearTimeout(timer);
        timer = setTimeout(() => onChange(p), debounceMs);
      });
      w.on('error', (err) => log.warn({ err, path: p }, 'engine file watch failed'));
      watchers.push(w);
    } catch (err) {
      log.warn({ err, path: p }, 'cannot watch engine file');
    }
  }
  return () => {
    clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}
