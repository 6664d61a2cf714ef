import { CARRIED_STATUSES, type Booking } from '../../data-access/bookings-repository';
import { localParts, localTimeToInstant } from '../bookings/local-time';
import type { DomainContext } from '../context';
import { latePromises } from '../dispatch/late-promises';
import { dayKpis } from './day-kpis';
import type { OverrideDeps } from './override-deps';

/** The local day around `now` in a time zone, as instants. */
export function localDay(now: Date, timeZone: string) {
  const date = localParts(now, timeZone).date;
  const start = localTimeToInstant(date, '00:00', timeZone);
  const end = localTimeToInstant(localParts(new Date(start.getTime() + 36 * 3600_000), timeZone).date, '00:00', timeZone);
  return { start, end };
}

/** The local day the desk looks at: `date` (YYYY-MM-DD), else today; its noon lies inside it whatever the clock change. */
export async function overviewDay(ctx: DomainContext, areaId: string, date?: string) {
  const area = (await ctx.repos.areas.findById(areaId))!;
  return localDay(date ? localTimeToInstant(date, '12:00', area.timeZone) : ctx.now(), area.timeZone);
}

/** What the dispatch desk shows: buses with position and plan, bookings needing a look, and the day's KPIs. */
export async function loadDayOverview(ctx: DomainContext, deps: Pick<OverrideDeps, 'stopMatrix'>, areaId: string, date?: string) {
  const area = (await ctx.repos.areas.findById(areaId))!;
  const now = ctx.now();
  const day = localDay(date ? localTimeToInstant(date, '12:00', area.timeZone) : now, area.timeZone);
  const vehicles = await ctx.repos.areas.vehicles(area.id);
  const shifts = (await Promise.all(vehicles.map((v) => ctx.repos.fleet.shiftsOfVehicle(v.id, day.start, day.end)))).flat();
  const bookings = await ctx.repos.bookings.list({ areaId: area.id, from: day.start, to: day.end, limit: 10_000 });
  // A stop of a ride no bus carries any more (a cancellation whose plan edit failed) is not shown.
  const gone = new Set(bookings.filter((b) => !CARRIED_STATUSES.has(b.status)).map((b) => b.id));
  const plans = (await ctx.repos.fleet.plansForShifts(shifts.map((s) => s.id)))
    .map((p) => (p.stops.some((s) => gone.has(s.bookingId)) ? { ...p, stops: p.stops.filter((s) => !gone.has(s.bookingId)) } : p));
  const stops = await ctx.repos.areas.allStops(area.id);
  const departed = await ctx.repos.events.forVehiclesSince(vehicles.map((v) => v.id), day.start, ['driver.departed']);
  const departures = new Map(shifts.map((s) => [s.id, [s.startDepotStopId]]));
  for (const event of departed) {
    const data = event.data as { shiftId?: string; stopId?: string } | null;
    const list = data?.shiftId ? departures.get(data.shiftId) : undefined;
    if (list && data?.stopId && list.at(-1) !== data.stopId) list.push(data.stopId);
  }
  const shiftById = new Map(shifts.map((s) => [s.id, s]));
  const kpis = dayKpis({
    bookings,
    plans: plans.map((p) => ({ ...p, startDepotStopId: shiftById.get(p.shiftId)!.startDepotStopId, endDepotStopId: shiftById.get(p.shiftId)!.endDepotStopId })),
    departures,
    matrix: await deps.stopMatrix(area.id, stops),
  });
  const riders = await ctx.repos.users.findByIds([...new Set(bookings.map((b) => b.riderId))]);
  const having = (...statuses: Booking['status'][]) => bookings.filter((b) => statuses.includes(b.status));
  return {
    area,
    now,
    day,
    vehicles,
    shifts,
    plans,
    stops,
    /** Names of the day's riders, for the stops' rider lists. */
    riders: riders.map((u) => ({ id: u.id, name: u.name })),
    bookings: {
      /** Rides a bus carries today (or a bus is planned to): who boards and alights at each plan stop. */
      carried: bookings.filter((b) => b.shiftId && CARRIED_STATUSES.has(b.status)),
      pending: having('pending'),
      offered: having('offered'),
      rejected: having('rejected'),
      /** Promised rides no bus carries (unassigned, or left over when a bus broke down). */
      needingAttention: having('offered', 'confirmed', 'assigned').filter((b) => !b.shiftId),
      /** Rides a bus carries but is planned to pick up or drop off later than promised (a bus running late). */
      late: latePromises(plans, bookings),
    },
    kpis,
  };
}

export type DayOverview = Awaited<ReturnType<typeof loadDayOverview>>;
