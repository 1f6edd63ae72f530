/** Structured JSON logs (pino). Personal data stays out: no tokens, cookies or request bodies. */
import { pino, type Logger } from 'pino';

export type { Logger };

/** The process logger. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'upstream' },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
  });
}
