import { join } from 'node:path';

/** Where the browser tests' service on `port` keeps its data (and its demo logins). */
export function webTestDataDir(port: string | number): string {
  return join(process.cwd(), 'test-results', 'web-data', String(port));
}
