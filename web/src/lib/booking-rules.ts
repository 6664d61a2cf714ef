import type { Area } from '../types';
import { addDays, hhmmToMinutes, isoWeekdayOf, localParts, minutesToHhmm, zonedInstant } from './zoned-time';

/**
 * The area's time rules as the service applies them (src/domain/bookings/booking-rules.ts), so the
 * form offers only times it would accept: at least minLeadMin ahead, at most maxHorizonDays, within
 * the operating hours of that day.
 */
export type TimeProblem = 'lead-time' | 'horizon' | 'outside-operating-hours' | 'in-the-past';

export function spansOn(area: Area, date: string): Array<{ from: string; to: string }> {
  return area.operatingHours[String(isoWeekdayOf(date))] ?? [];
}

export function checkTime(area: Area, date: string, time: string, now: Date): TimeProblem | null {
  const instant = zonedInstant(date, time, area.timeZone);
  const leadMin = (instant.getTime() - now.getTime()) / 60_000;
  if (leadMin < 0) return 'in-the-past';
  if (leadMin < area.rules.minLeadMin) return 'lead-time';
  if (leadMin > area.rules.maxHorizonDays * 1440) return 'horizon';
  const minutes = hhmmToMinutes(time);
  if (!spansOn(area, date).some((s) => minutes >= hhmmToMinutes(s.from) && minutes <= hhmmToMinutes(s.to))) return 'outside-operating-hours';
  return null;
}

/** The earliest bookable local time, on a 5-minute step: now plus the lead time, moved into the next opening. */
export function earliestBookable(area: Area, now: Date): { date: string; time: string } | null {
  const start = new Date(now.getTime() + area.rules.minLeadMin * 60_000);
  const local = localParts(start, area.timeZone);
  let date = local.date;
  let from = Math.ceil(local.minutes / 5) * 5;
  for (let day = 0; day <= area.rules.maxHorizonDays; day++, date = addDays(date, 1), from = 0) {
    for (const span of [...spansOn(area, date)].sort((a, b) => hhmmToMinutes(a.from) - hhmmToMinutes(b.from))) {
      const candidate = Math.max(from, Math.ceil(hhmmToMinutes(span.from) / 5) * 5);
      if (candidate <= hhmmToMinutes(span.to) && candidate < 24 * 60) {
        const time = minutesToHhmm(candidate);
        if (checkTime(area, date, time, now) === null) return { date, time };
      }
    }
  }
  return null;
}

/** The last day that can be booked, for the date field's max. */
export function lastBookableDate(area: Area, now: Date): string {
  return localParts(new Date(now.getTime() + area.rules.maxHorizonDays * 86_400_000), area.timeZone).date;
}
