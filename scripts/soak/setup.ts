import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { demoShift } from '../../db/seed/eifel-demo-data';
import { seedDemo, writeCredentials, type DemoCredentials } from '../../src/seed/seed-demo';
import { newToken, hashToken } from '../../src/domain/auth/tokens';
import { createRepositories, type Repositories } from '../../src/domain/context';
import { localDates, shiftSpans } from '../../src/domain/fleet/daily-shifts';

export interface SoakStop { id: string; code: string; lat: number; lon: number; wheelchairAccessible: boolean }

/** What the soak's clients know: the area, its stops and buses, and a token for every person. */
export interface SoakWorld {
  areaId: string;
  timeZone: string;
  stops: SoakStop[];
  vehicleIds: string[];
  /** Where the buses start their day: a ride booked from there soon is picked up during the soak. */
  depotStopIds: string[];
  riders: Array<{ id: string; token: string }>;
  dispatcherTokens: string[];
  driverTokens: string[];
  maxActiveBookingsPerRider: number;
  minLeadMin: number;
}

/**
 * Rides are booked this soon ahead during the soak (the demo: 30 min), so that rides booked during a
 * run of a few minutes come due during it and the drivers pick them up and drop them off.
 */
export const SOAK_MIN_LEAD_MIN = 1;

/**
 * The Eifel demo plus `buses` buses in all (each with its driver and daily shifts over the booking
 * horizon) and `riders` riders with app tokens; the tokens go to `credentialsPath` as the demo's do.
 */
export async function buildWorld(database: Database, options: { buses: number; riders: number; now: Date; credentialsPath: string }): Promise<SoakWorld> {
  const repos = createRepositories(database.db);
  const demo = await seedDemo(repos, { now: options.now });
  await database.db.execute(sql`update service_areas set rules = rules || ${JSON.stringify({ minLeadMin: SOAK_MIN_LEAD_MIN })}::jsonb where id = ${demo.areaId}`);
  const area = (await repos.areas.findById(demo.areaId))!;
  const stops = await repos.areas.allStops(area.id);
  const driverTokens = demo.users.filter((u) => u.role === 'driver').map((u) => u.token);
  const existing = await repos.areas.vehicles(area.id);
  for (let i = existing.length; i < options.buses; i += 1) driverTokens.push(await addBusWithDriver(repos, area, stops[(i * 7) % stops.length].id, i + 1, options.now));

  const riders: SoakWorld['riders'] = [];
  const riderLogins: DemoCredentials['users'] = [];
  for (let i = 0; i < options.riders; i += 1) {
    const token = newToken();
    // Phones in E.164, as the users table keeps them.
    const user = await repos.users.create({ role: 'rider', name: `Fahrgast ${i + 1}`, phone: `+4965617${String(i).padStart(5, '0')}`, tokenHash: hashToken(token) });
    riders.push({ id: user.id, token });
    riderLogins.push({ role: 'rider', name: user.name, phone: user.phone!, token, userId: user.id });
  }
  const vehicles = await repos.areas.vehicles(area.id);
  writeCredentials(options.credentialsPath, {
    areaId: area.id,
    password: demo.password,
    users: [...demo.users, ...riderLogins],
  });
  return {
    areaId: area.id,
    timeZone: area.timeZone,
    stops: stops.map((s) => ({ id: s.id, code: s.code, lat: s.lat, lon: s.lon, wheelchairAccessible: s.wheelchairAccessible })),
    vehicleIds: vehicles.map((v) => v.id),
    depotStopIds: [...new Set(vehicles.map((v) => v.depotStopId))],
    riders,
    dispatcherTokens: demo.users.filter((u) => u.role === 'dispatcher').map((u) => u.token),
    driverTokens,
    maxActiveBookingsPerRider: area.rules.maxActiveBookingsPerRider,
    minLeadMin: area.rules.minLeadMin,
  };
}

async function addBusWithDriver(repos: Repositories, area: { id: string; timeZone: string; rules: { maxHorizonDays: number } }, depotStopId: string, n: number, now: Date): Promise<string> {
  const vehicle = await repos.fleet.createVehicle({ areaId: area.id, label: `Taxibus ${n}`, seats: 8, wheelchairPlaces: 1, depotStopId });
  const token = newToken();
  const driver = await repos.users.create({ role: 'driver', name: `Fahrer ${n}`, phone: `+491608${String(n).padStart(6, '0')}`, tokenHash: hashToken(token) });
  const spans = shiftSpans(localDates(now, area.rules.maxHorizonDays + 1, area.timeZone), demoShift, area.timeZone);
  await repos.fleet.createShifts(spans.map((span) => ({ ...span, vehicleId: vehicle.id, driverId: driver.id, startDepotStopId: depotStopId, endDepotStopId: depotStopId })));
  return token;
}
