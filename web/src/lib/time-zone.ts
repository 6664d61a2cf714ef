import type { Area } from '../types';
import { loadAreas, loadStops } from './catalogue';

const FALLBACK_ZONE = 'Europe/Berlin';

/** The area a stop belongs to (its clock, rules and hotline). */
export async function areaOfStop(stopId: string): Promise<Area | undefined> {
  const [stops, areas] = await Promise.all([loadStops(), loadAreas()]);
  const areaId = stops.find((s) => s.id === stopId)?.areaId;
  return areas.find((a) => a.id === areaId) ?? areas[0];
}

/** Times are shown as the bus stop's clock says them. */
export async function timeZoneOfStop(stopId: string): Promise<string> {
  return (await areaOfStop(stopId))?.timeZone ?? FALLBACK_ZONE;
}
