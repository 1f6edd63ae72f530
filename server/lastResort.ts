/**
 * The process-wide last line of defence. An error that escapes every handler (a library's callback
 * throwing outside a request's promise chain, as ltijs's session middleware once did on a malformed
 * cookie name) would otherwise stop the process, and with it every student's session on this
 * server: one anonymous request must never do that. Such errors are logged with their stack and the
 * process keeps serving; each one is a bug to fix, found by its log line.
 */
import type { Logger } from './logger.js';

/** Logs uncaught exceptions and unhandled rejections instead of exiting. Call once per process. */
export function keepServingAfterUncaughtErrors(logger: Logger): void {
  process.on('uncaughtException', (error, origin) => {
    logger.error({ err: error, origin }, 'uncaught error: logged, and the process keeps serving');
  });
  process.on('unhandledRejection', (reason) => {
    logger.error(
      { err: reason },
      'unhandled promise rejection: logged, and the process keeps serving',
    );
  });
}
