import type { Repositories } from '../context';
import { localDates } from '../fleet/daily-shifts';
import { buildFlexFeed, type FlexFeedFiles, type FlexFeedPublisher } from './flex-export';

/**
 * The GTFS-Flex feed of a stored service area as of `now`, or undefined for an unknown area. Its
 * active stops are listed; hours run over the booking horizon from the area's today.
 */
export async function exportAreaFlexFeed(repos: Pick<Repositories, 'areas'>, areaId: string, publisher: FlexFeedPublisher, now: Date): Promise<FlexFeedFiles | undefined> {
  const area = await repos.areas.findById(areaId);
  if (!area) return undefined;
  const stops = await repos.areas.activeStops(area.id);
  return buildFlexFeed({
    area,
    stops,
    publisher,
    firstDate: localDates(now, 1, area.timeZone)[0],
    version: now.toISOString(),
    exceptions: area.operatingExceptions,
  });
}
