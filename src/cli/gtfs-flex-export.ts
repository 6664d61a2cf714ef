import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { gtfsFlexPublisherFrom } from '../config/gtfs-flex-settings';
import type { Config } from '../config/env';
import type { Repositories } from '../domain/context';
import { exportAreaFlexFeed } from '../domain/gtfs/flex-export-area';
import { zipFlexFeed } from '../domain/gtfs/flex-export-zip';
import { CliUsageError, type CliOutput } from './commands';

const optionsSchema = z.object({
  area: z.uuid({ message: 'expected the service area id (UUID)' }),
  out: z.string().trim().min(1, 'expected the file to write, e.g. gtfs-flex.zip'),
});

/** `gtfs-flex:export --area ID --out FILE`: writes the area's GTFS-Flex feed as a ZIP. */
export async function gtfsFlexExport(repos: Pick<Repositories, 'areas'>, options: Record<string, string>, config: Config, out: CliOutput, now = new Date()): Promise<number> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new CliUsageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  const files = await exportAreaFlexFeed(repos, parsed.data.area, gtfsFlexPublisherFrom(config), now);
  if (!files) throw new CliUsageError(`--area: no service area ${parsed.data.area}`);
  const zip = zipFlexFeed(files);
  try {
    writeFileSync(parsed.data.out, zip);
  } catch (error) {
    throw new CliUsageError(`--out: cannot write ${parsed.data.out}: ${(error as Error).message}`);
  }
  out.info(`Wrote the GTFS-Flex feed (${Object.keys(files).sort().join(', ')}; ${zip.length} bytes) to ${parsed.data.out}.`);
  return 0;
}
