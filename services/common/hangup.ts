import { EVENTS } from './events.js';
import { reopenLogFiles, type Logger } from './logger.js';

/**
 * SIGHUP for the long-running services. Node's default for SIGHUP is to exit at once (code 129), with no log line,
 * no group leave and no commit: a `kill -HUP` from logrotate's postrotate, `systemctl reload`, or the hangup of the
 * terminal a service was started from ended the audit sink or the review console (all sessions lost) silently. Here
 * SIGHUP reopens VIGIE_LOG_FILE (logrotate's create mode), runs `also` (the classifier reloads its engine), logs
 * one line, and the service keeps running. Returns the function that removes the handler.
 */
export function handleHangup(log: Logger, service: string, also?: () => void): () => void {
  const on = () => {
    const reopened = reopenLogFiles();
    also?.();
    log.info({ event: EVENTS.SIGNAL, signal: 'SIGHUP', logFilesReopened: reopened },
      `SIGHUP: ${reopened ? 'log file reopened' : 'no log file to reopen'}; ${service} keeps running (SIGTERM stops it)`);
  };
  process.on('SIGHUP', on);
  return () => { process.off('SIGHUP', on); };
}
