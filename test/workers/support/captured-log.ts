import { Writable } from 'node:stream';
import pino from 'pino';
import type { Logger } from '../../../src/infra/logger';

/** A logger whose lines (parsed) the test can read. */
export function capturedLog(level = 'warn'): { log: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level }, sink), lines };
}
