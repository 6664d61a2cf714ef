import type { ShiftBreakSpan } from '../../../db/schema';
import { localParts, localTimeToInstant } from '../bookings/local-time';
import type { DomainContext } from '../context';
import { domainErrors } from '../domain-error';
import { localDates } from '../fleet/daily-shifts';
import type { ShiftCalendarQuery } from './admin-schemas';

/** The calendar shows two weeks unless asked otherwise, and never more than about two months at once. */
const DEFAULT_DAYS = 14;
const MAX_DAYS = 62;

export interface CalendarShift {
  id: string;
  vehicleId: string;
  /** Local date the shift starts on. */
  date: string;
  startAt: Date;
  endAt: Date;
  breaks: ShiftBreakSpan[];
  startDepotStopId: string;
  endDepotStopId: string;
  driverId: string | null;
  /** The weekly template it came from; null for a single dated shift. */
  templateId: string | null;
  /** Begun (or over): the desk handles it from then on, it cannot be cancelled here. */
  started: boolean;
  cancelledAt: Date | null;
  cancelReason: string | null;
}

export interface ShiftCalendar {
  areaId: string;
  timeZone: string;
  from: string;
  to: string;
  shifts: CalendarShift[];
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);

/**
 * The dated shifts of an area's buses (in service or not, cancelled ones with their reason) that start
 * on the local dates from `from` to `to`: what the templates made, single shifts and cancellations.
 */
export async function shiftCalendarOf(ctx: DomainContext, areaId: string, query: ShiftCalendarQuery): Promise<ShiftCalendar> {
  const area = await ctx.repos.areas.findById(areaId);
  if (!area) throw domainErrors.notFound('Service area');
  const now = ctx.now();
  const from = query.from ?? localParts(now, area.timeZone).date;
  const to = query.to ?? localDates(localTimeToInstant(from, '12:00', area.timeZone), DEFAULT_DAYS, area.timeZone).at(-1)!;
  if (to < from) throw domainErrors.invalid([{ field: 'to', message: 'the last day comes on or after the first (from)' }]);
  if (daysBetween(from, to) >= MAX_DAYS) throw domainErrors.invalid([{ field: 'to', message: `at most ${MAX_DAYS} days at once` }]);
  const dayAfter = localDates(localTimeToInstant(to, '12:00', area.timeZone), 2, area.timeZone)[1];
  const rows = await ctx.repos.admin.shiftsOfAreaStarting(areaId, localTimeToInstant(from, '00:00', area.timeZone), localTimeToInstant(dayAfter, '00:00', area.timeZone));
  const shifts = rows.map((s) => ({
    id: s.id, vehicleId: s.vehicleId, date: localParts(s.startAt, area.timeZone).date, startAt: s.startAt, endAt: s.endAt, breaks: s.breaks,
    startDepotStopId: s.startDepotStopId, endDepotStopId: s.endDepotStopId, driverId: s.driverId, templateId: s.templateId,
    started: s.startAt <= now, cancelledAt: s.cancelledAt, cancelReason: s.cancelReason,
  }));
  return { areaId, timeZone: area.timeZone, from, to, shifts };
}
