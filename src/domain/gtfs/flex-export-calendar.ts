import type { OperatingHours } from '../../../db/schema/service-area-json';

/** One span of on-demand service in local time, `HH:MM` with `24:00` for midnight at its end. */
export interface ServiceSpan {
  from: string;
  to: string;
}

/** A date (YYYY-MM-DD) with other hours than its weekday's: a closure (no spans) or special hours. */
export interface ServiceException {
  date: string;
  spans: ServiceSpan[];
}

/** A GTFS service: the days it runs (weekdays in calendar.txt, or only dates in calendar_dates.txt) and its spans. */
export interface FlexService {
  serviceId: string;
  /** ISO weekdays (1 = Monday) on which it runs every week of the feed; empty for a dates-only service. */
  weekdays: number[];
  spans: ServiceSpan[];
}

export interface FlexCalendar {
  services: FlexService[];
  /** First and last service day (YYYYMMDD), the booking horizon. */
  startDate: string;
  endDate: string;
  /** calendar_dates.txt rows: 1 adds the service on the date, 2 removes it. */
  dateExceptions: Array<{ serviceId: string; date: string; exceptionType: 1 | 2 }>;
}

const WEEKDAY_LETTERS = ['', 'mo', 'di', 'mi', 'do', 'fr', 'sa', 'so'];

export const gtfsDate = (isoDate: string) => isoDate.replaceAll('-', '');

/** Spans that can be a pick-up window (from before to), in order; the key tells equal sets of hours apart. */
function cleanSpans(spans: readonly ServiceSpan[]): { spans: ServiceSpan[]; key: string } {
  const valid = spans.filter((s) => s.from < s.to).sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  return { spans: valid, key: valid.map((s) => `${s.from}-${s.to}`).join(',') };
}

function isoWeekdayOf(isoDate: string): number {
  return new Date(`${isoDate}T12:00:00Z`).getUTCDay() || 7;
}

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The services of an area from its weekly hours: weekdays with the same hours share one service (so
 * Monday to Friday 05:30–23:00 is one service, not five), over the booking horizon from `firstDate`
 * (today in the area) for `horizonDays` more days, which is as far ahead as anyone can book. Dated
 * exceptions remove the weekday's service and add one with the exception's hours.
 */
export function flexCalendar(input: { idPrefix: string; operatingHours: OperatingHours; firstDate: string; horizonDays: number; exceptions?: readonly ServiceException[] }): FlexCalendar {
  const byKey = new Map<string, FlexService>();
  const weekdayService = new Map<number, { service: FlexService; key: string }>();
  for (let day = 1; day <= 7; day += 1) {
    const { spans, key } = cleanSpans(input.operatingHours[String(day) as keyof OperatingHours] ?? []);
    if (spans.length === 0) continue;
    let service = byKey.get(key);
    if (!service) {
      service = { serviceId: '', weekdays: [], spans };
      byKey.set(key, service);
    }
    service.weekdays.push(day);
    weekdayService.set(day, { service, key });
  }
  for (const service of byKey.values()) service.serviceId = `${input.idPrefix}:${service.weekdays.map((d) => WEEKDAY_LETTERS[d]).join('-')}`;

  const lastDate = addDays(input.firstDate, input.horizonDays);
  const dateExceptions: FlexCalendar['dateExceptions'] = [];
  const exceptions = [...new Map((input.exceptions ?? []).map((e) => [e.date, e])).values()].sort((a, b) => a.date.localeCompare(b.date));
  for (const exception of exceptions) {
    if (exception.date < input.firstDate || exception.date > lastDate) continue;
    const regular = weekdayService.get(isoWeekdayOf(exception.date));
    const { spans, key } = cleanSpans(exception.spans);
    if (regular?.key === key) continue;
    const date = gtfsDate(exception.date);
    if (regular) dateExceptions.push({ serviceId: regular.service.serviceId, date, exceptionType: 2 });
    if (spans.length === 0) continue;
    let special = byKey.get(key);
    if (!special) {
      special = { serviceId: `${input.idPrefix}:${date}`, weekdays: [], spans };
      byKey.set(key, special);
    }
    dateExceptions.push({ serviceId: special.serviceId, date, exceptionType: 1 });
  }
  return { services: [...byKey.values()], startDate: gtfsDate(input.firstDate), endDate: gtfsDate(lastDate), dateExceptions };
}
