import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../../db/client';
import { demoShift } from '../../db/seed/eifel-demo-data';
import { seedDemo, writeCredentials, type DemoCredentials } from '../../src/seed/seed-demo';
import { newToken, hashToken } from '../../src/domain/auth/tokens';
import { createRepositories, type Repositories } from '../../src/domain/context';
import { localDates, shiftSpans } from '../../src/domain/fleet/daily-shifts';
import { localParts, localTimeToInstant } from '../../src/domain/bookings/local-time';

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
  /** Rides for today are wanted no later than this: 21:00 local, or within the buses' own shifts (keepBusesOnDuty). */
  lastRideTodayMs: number;
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
export async function buildWorld(database: Database, options: { buses: number; riders: number; now: Date; credentialsPath: string; runMs: number }): Promise<SoakWorld> {
  const repos = createRepositories(database.db);
  const demo = await seedDemo(repos, { now: options.now });
  await database.db.execute(sql`update service_areas set rules = rules || ${JSON.stringify({ minLeadMin: SOAK_MIN_LEAD_MIN })}::jsonb where id = ${demo.areaId}`);
  const area = (await repos.areas.findById(demo.areaId))!;
  const stops = await repos.areas.allStops(area.id);
  const driverTokens = demo.users.filter((u) => u.role === 'driver').map((u) => u.token);
  const existing = await repos.areas.vehicles(area.id);
  for (let i = existing.length; i < options.buses; i += 1) driverTokens.push(await addBusWithDriver(repos, area, stops[(i * 7) % stops.length].id, i + 1, options.now));

  const onDutyUntilMs = await keepBusesOnDuty(database, area.id, options.now, options.runMs + ON_DUTY_AFTER_RUN_MS);

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
    lastRideTodayMs: onDutyUntilMs === undefined
      ? localTimeToInstant(localParts(options.now, area.timeZone).date, '21:00', area.timeZone).getTime()
      : onDutyUntilMs - LAST_RIDE_BEFORE_SHIFT_END_MS,
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

/** How long past the traffic's end the buses stay on duty when the soak gives them a shift of their own. */
const ON_DUTY_AFTER_RUN_MS = 3 * 3600_000;
/** The last ride of the day is wanted this long before the buses' own shifts end (as 21:00 is before the demo's 23:00). */
const LAST_RIDE_BEFORE_SHIFT_END_MS = 2 * 3600_000;

/**
 * A soak started outside the demo's hours (late evening, night) would have no bus on the road: no
 * driver events, no rides come due. Then every bus gets a shift of its own from now (between its last
 * shift and its next, never overlapping them) and the area is open around the clock today and
 * tomorrow, so the run drives as it would by day. Returns when the earliest of those shifts ends that no
 * shift of its bus follows (undefined: none was needed, or all run on into the day's shifts).
 */
async function keepBusesOnDuty(database: Database, areaId: string, now: Date, forMs: number): Promise<number | undefined> {
  const [nowIso, untilIso] = [now.toISOString(), new Date(now.getTime() + forMs).toISOString()];
  // Driver and depot from the bus's last shift, or its next one when the run starts a new local day.
  const inserted = await database.db.execute(sql`
    with inserted as (insert into shifts (vehicle_id, driver_id, start_at, end_at, start_depot_stop_id, end_depot_stop_id)
    select v.id, ref.driver_id,
      greatest(${nowIso}::timestamptz - interval '30 minutes', coalesce(lastEnd.at, '-infinity')),
      least(${untilIso}::timestamptz, coalesce(nextStart.at, 'infinity')),
      ref.end_depot_stop_id, ref.end_depot_stop_id
    from vehicles v
    cross join lateral (select * from shifts s where s.vehicle_id = v.id and s.cancelled_at is null
      order by s.start_at <= ${nowIso}::timestamptz desc, abs(extract(epoch from s.start_at - ${nowIso}::timestamptz)) limit 1) ref
    cross join lateral (select max(end_at) as at from shifts s where s.vehicle_id = v.id and s.end_at <= ${nowIso}::timestamptz and s.cancelled_at is null) lastEnd
    cross join lateral (select min(start_at) as at from shifts s where s.vehicle_id = v.id and s.start_at > ${nowIso}::timestamptz and s.cancelled_at is null) nextStart
    where v.area_id = ${areaId} and not exists (select 1 from shifts s where s.vehicle_id = v.id and s.cancelled_at is null
      and s.start_at <= ${nowIso}::timestamptz and s.end_at > ${nowIso}::timestamptz)
    returning vehicle_id, end_at)
    select i.end_at, exists (select 1 from shifts s where s.vehicle_id = i.vehicle_id and s.start_at = i.end_at and s.cancelled_at is null) as continued
    from inserted i`);
  const added = rowsOf<{ end_at: string | Date; continued: boolean }>(inserted);
  if (added.length === 0) return undefined;
  const area = (await createRepositories(database.db).areas.findById(areaId))!;
  const allDay = localDates(now, 2, area.timeZone).map((date) => ({ date, spans: [{ from: '00:00', to: '24:00' }], note: 'soak' }));
  await database.db.execute(sql`update service_areas set operating_exceptions = ${JSON.stringify(allDay)}::jsonb where id = ${areaId}`);
  // A shift that runs on into the bus's next one (a soak started in the small hours, before the day's
  // shifts) ends nothing: those buses stay on duty through the day, and today's rides go until 21:00.
  const ends = added.filter((row) => !row.continued).map((row) => new Date(row.end_at).getTime());
  return ends.length > 0 ? Math.min(...ends) : undefined;
}
