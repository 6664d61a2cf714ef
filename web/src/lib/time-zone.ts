import { loadAreas, loadStops } from './catalogue';

const FALLBACK_ZONE = 'Europe/Berlin';

/** The time zone of the area a stop belongs to: times are shown as the bus stop's clock says them. */
export async function timeZoneOfStop(stopId: string): Promise<string> {
  const [stops, areas] = await Promise.all([loadStops(), loadAreas()]);
  const areaId = stops.find((s) => s.id === stopId)?.areaId;
  return areas.find((a) => a.id === areaId)?.timeZone ?? areas[0]?.timeZone ?? FALLBACK_ZONE;
}
