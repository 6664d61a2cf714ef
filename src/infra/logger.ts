import pino, { type Logger } from 'pino';
import { errorWithoutQueryParams } from './log-redaction';

export type { Logger };

/**
 * Structured JSON logs on stdout; one logger per process, children per request. Errors are logged
 * without the parameters of a failed query (personal data).
 */
export function createLogger(level: string, name = 'eifel-taxibus'): Logger {
  return pino({ name, level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime, serializers: { err: errorWithoutQueryParams } });
}
