import { demoServiceArea, demoStops, demoVehicles, type DemoStop } from '../../db/seed/eifel-demo-data';
import { syntheticDemand, type DemandRequest } from './demand';

/** One area of the Land-scale run: the demo area's pattern moved to its own place on a grid. */
export interface LandArea {
  index: number;
  /** Prefix of its stop codes, request ids and riders: `A07`. */
  prefix: string;
  name: string;
  polygon: typeof demoServiceArea.polygon;
  stops: DemoStop[];
  /** Bus labels with their depot's stop code. */
  buses: Array<{ label: string; depotStopCode: string }>;
}

// The demo area spans about 0.63° of longitude and 0.52° of latitude; a little more keeps a gap.
const STEP_LON = 0.7;
const STEP_LAT = 0.6;
const COLUMNS = 10;

/**
 * `count` copies of the demo area side by side (ten to a row), each with the demo's stops moved
 * with it and `busesPerArea` buses at the demo depots in turn: areas that share no stop and no bus.
 */
export function landAreas(count: number, busesPerArea: number): LandArea[] {
  return Array.from({ length: count }, (_, index) => {
    const prefix = `A${String(index + 1).padStart(2, '0')}`;
    const dLon = (index % COLUMNS) * STEP_LON;
    const dLat = Math.floor(index / COLUMNS) * STEP_LAT;
    const move = ([lon, lat]: [number, number]): [number, number] => [round6(lon + dLon), round6(lat + dLat)];
    return {
      index, prefix, name: `${prefix} ${demoServiceArea.name}`,
      polygon: { ...demoServiceArea.polygon, coordinates: demoServiceArea.polygon.coordinates.map((ring) => ring.map(move)) },
      stops: demoStops.map((s) => ({ ...s, code: `${prefix}-${s.code}`, lat: round6(s.lat + dLat), lon: round6(s.lon + dLon) })),
      buses: Array.from({ length: busesPerArea }, (_, i) => ({ label: `${prefix} Taxibus ${i + 1}`, depotStopCode: `${prefix}-${demoVehicles[i % demoVehicles.length].depotStopCode}` })),
    };
  });
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * About `requests` requests over all areas for `day`: each area its own synthetic day (seed derived
 * from `seed` and the area), at the rate that gives the total; the same seed gives the same demand.
 */
export function landDemand(areas: LandArea[], settings: { day: string; seed: number; requests: number }): Array<DemandRequest & { area: number }> {
  const timeZone = demoServiceArea.timeZone;
  const perArea = (area: LandArea, outwardPer1000: number) => syntheticDemand({ day: settings.day, seed: settings.seed * 1000 + area.index, outwardPer1000, timeZone });
  // The demo day gives about 240 requests at 3 outward trips per 1,000 residents: scaled to the total asked.
  const atThree = perArea(areas[0], 3).length;
  const rate = (3 * settings.requests) / (areas.length * atThree);
  return areas.flatMap((area) => perArea(area, rate).map((r) => ({
    ...r, area: area.index, id: `${area.prefix}-${r.id}`, rider: `${area.prefix}-${r.rider}`,
    pickup: `${area.prefix}-${r.pickup}`, dropoff: `${area.prefix}-${r.dropoff}`, ...(r.returnOf ? { returnOf: `${area.prefix}-${r.returnOf}` } : {}),
  })));
}
