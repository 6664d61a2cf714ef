import { strToU8, zipSync } from 'fflate';
import type { FlexFeedFiles } from './flex-export';

/**
 * The feed as one ZIP with every file at its root, as GTFS requires. The modification time is fixed,
 * so the same feed gives the same bytes (a planner that polls can tell nothing changed).
 */
export function zipFlexFeed(files: FlexFeedFiles): Uint8Array {
  const mtime = new Date('2000-01-01T00:00:00Z');
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, [strToU8(text), { mtime }]])), { level: 9 });
}
