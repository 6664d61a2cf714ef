/** Local dates and times of an area's time zone (the rider books in the area's time, wherever the phone is). */

export interface LocalParts {
  date: string; // YYYY-MM-DD
  time: string; // HH:MM
  isoWeekday: number; // 1 = Monday … 7 = Sunday
  minutes: number; // since local midnight
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', weekday: 'short' });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function localParts(instant: Date, timeZone: string): LocalParts {
  const p = Object.fromEntries(partsFormatter(timeZone).formatToParts(instant).map((x) => [x.type, x.value]));
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    time: `${p.hour}:${p.minute}`,
    isoWeekday: WEEKDAYS.indexOf(p.weekday) + 1,
    minutes: Number(p.hour) * 60 + Number(p.minute),
  };
}

/** The instant of a local date and time in the zone (the earlier one in the autumn's repeated hour). */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  // Two rounds settle the offset also next to a change of summer time.
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const seen = localParts(new Date(guess), timeZone);
    const seenUtc = Date.parse(`${seen.date}T${seen.time}:00Z`);
    guess += asUtc - seenUtc;
  }
  return new Date(guess);
}

/** ISO 8601 with the zone's offset, as the API wants it: 2026-12-01T08:30:00+01:00. */
export function isoWithOffset(date: string, time: string, timeZone: string): string {
  const instant = zonedInstant(date, time, timeZone);
  const offsetMin = Math.round((Date.parse(`${date}T${time}:00Z`) - instant.getTime()) / 60_000);
  const sign = offsetMin >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMin);
  return `${date}T${time}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export const hhmmToMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const minutesToHhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isoWeekdayOf(date: string): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}
