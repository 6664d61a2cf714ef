import { localParts, localTimeToInstant } from '../bookings/local-time';

export interface DailyShiftTemplate {
  from: string;
  to: string;
}

/** Local dates (YYYY-MM-DD) from the one containing `start`, `days` of them. */
export function localDates(start: Date, days: number, timeZone: string): string[] {
  const first = localParts(start, timeZone).date;
  const base = Date.parse(`${first}T12:00:00Z`);
  return Array.from({ length: days }, (_, i) => new Date(base + i * 86_400_000).toISOString().slice(0, 10));
}

/** The [start, end) instants of a daily shift on each local date, honouring daylight-saving changes. */
export function shiftSpans(dates: string[], template: DailyShiftTemplate, timeZone: string): Array<{ startAt: Date; endAt: Date }> {
  return dates.map((date) => ({
    startAt: localTimeToInstant(date, template.from, timeZone),
    endAt: localTimeToInstant(date, template.to, timeZone),
  }));
}
