/**
 * The worker's test-only freeze hook (VIGIE_TEST_FREEZE_INPUT_FILE, options.ts `testFreezeInputFile`): once the file
 * exists, the input stops fetching for good and the file is removed as the test's acknowledgement. Checked once a
 * second by the worker's timer, so nothing here may throw (an exception there would crash the worker): a path that
 * cannot be removed (a directory, a read-only parent) is logged and left. Logged under its own event (`test.hook`), never
 * a production event an alert may count.
 */
import { existsSync, rmSync } from 'node:fs';
import { EVENTS } from '../common/events.js';
import type { Logger } from '../common/logger.js';

/** One warning at start-up when the hook is set: a deployment that sets it by mistake sees it. */
export function warnTestFreezeSet(file: string | undefined, log: Logger): void {
  if (!file) return;
  log.warn({ event: EVENTS.TEST_HOOK, hook: 'VIGIE_TEST_FREEZE_INPUT_FILE', file },
    'test hook set (VIGIE_TEST_FREEZE_INPUT_FILE): the input stops fetching for good once this file exists; unset it outside tests');
}

/** True once `file` exists (the caller freezes the input); the file is then removed. Never throws. */
export function testFreezeDue(file: string | undefined, log: Logger): boolean {
  if (!file || !existsSync(file)) return false;
  try {
    rmSync(file, { force: true }); // the test's acknowledgement (the log may be flushed later)
  } catch (err) {
    log.warn({ event: EVENTS.TEST_HOOK, file, err: (err as Error).message }, 'test hook: could not remove the freeze file (the input stops fetching all the same)');
  }
  log.warn({ event: EVENTS.TEST_HOOK, hook: 'VIGIE_TEST_FREEZE_INPUT_FILE' }, 'test hook: the input stops fetching for good (VIGIE_TEST_FREEZE_INPUT_FILE)');
  return true;
}
