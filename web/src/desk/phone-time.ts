import { addDays, isoWeekdayOf } from '../lib/zoned-time';

/** A day and time as a dispatcher types what the caller says. */
export interface SpokenTime {
  date: string; // YYYY-MM-DD
  time: string; // HH:MM
  /** Said with the time: "ab 9:30" (departure), "bis 9:30" / "an 9:30" (arrival); undefined when not said. */
  mode?: 'departAfter' | 'arriveBy';
}

export interface SpokenTimeContext {
  /** Today in the area (YYYY-MM-DD). */
  today: string;
  /** The earliest bookable minute of today (now plus the lead time): a time alone before it means tomorrow. */
  earliestMinutes: number;
}

const DAY_WORDS: Record<string, number> = { heute: 0, morgen: 1, übermorgen: 2, uebermorgen: 2 };
const WEEKDAYS = ['mo', 'di', 'mi', 'do', 'fr', 'sa', 'so'];
const WEEKDAY_NAMES = ['montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonntag'];
const FILLERS = new Set(['um', 'am', 'uhr', 'gegen', 'den']);
const MODE_WORDS: Record<string, SpokenTime['mode']> = { ab: 'departAfter', abfahrt: 'departAfter', bis: 'arriveBy', an: 'arriveBy', ankunft: 'arriveBy' };

const pad = (n: number) => String(n).padStart(2, '0');

/** "9:30", "9.30", "930", "9", "14 Uhr", "14h" → minutes since midnight. */
function timeOf(token: string): number | undefined {
  const m = /^(\d{1,2})(?:[:.](\d{2})|(\d{2}))?h?$/.exec(token);
  if (!m) return undefined;
  const hours = Number(m[1]);
  const minutes = Number(m[2] ?? m[3] ?? 0);
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : undefined;
}

/** "24.12.", "24.12", "24.12.26", "24.12.2026", "2026-12-24" → a date on or after today (a day and month without year: the next such day). */
function dateOf(token: string, today: string): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(token);
  if (iso) return valid(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const german = /^(\d{1,2})\.(\d{1,2})\.(?:(\d{2}|\d{4}))?$/.exec(token.endsWith('.') || token.split('.').length === 3 ? token : `${token}.`);
  if (!german) return undefined;
  const day = Number(german[1]);
  const month = Number(german[2]);
  if (german[3]) return valid(german[3].length === 2 ? 2000 + Number(german[3]) : Number(german[3]), month, day);
  const year = Number(today.slice(0, 4));
  const thisYear = valid(year, month, day);
  return thisYear && thisYear < today ? valid(year + 1, month, day) : thisYear;
}

function valid(year: number, month: number, day: number): string | undefined {
  const text = `${year}-${pad(month)}-${pad(day)}`;
  const d = new Date(`${text}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text ? text : undefined;
}

/** The next such weekday after today (1 to 7 days ahead: on a Monday, "Mo" is next week's). */
function nextWeekday(isoWeekday: number, today: string): string {
  const ahead = (isoWeekday - isoWeekdayOf(today) + 7) % 7 || 7;
  return addDays(today, ahead);
}

/**
 * Reads a day and time as typed on the phone: "9:30", "morgen 9:30", "Mo 7:45", "übermorgen 14 Uhr",
 * "24.12. 8:15", "2026-12-24 8:15", in any order, with fillers ("am", "um", "Uhr"), and "ab" for a
 * departure or "bis"/"an" for an arrival ("morgen bis 9"). A time alone is
 * today if still bookable, else tomorrow. Undefined when the text is no day and time, or has no time.
 */
export function parseSpokenTime(text: string, context: SpokenTimeContext): SpokenTime | undefined {
  const tokens = text.toLowerCase().replace(/,/g, ' ').replace(/(\d)\s*uhr\b/g, '$1').split(/\s+/).filter((t) => t && !FILLERS.has(t));
  let date: string | undefined;
  let minutes: number | undefined;
  let mode: SpokenTime['mode'];
  for (const token of tokens) {
    const word = token.replace(/\.$/, '');
    let day: string | undefined;
    if (word in MODE_WORDS) {
      if (mode !== undefined) return undefined;
      mode = MODE_WORDS[word];
      continue;
    }
    if (word in DAY_WORDS) day = addDays(context.today, DAY_WORDS[word]);
    else if (WEEKDAYS.includes(word)) day = nextWeekday(WEEKDAYS.indexOf(word) + 1, context.today);
    else if (WEEKDAY_NAMES.includes(word)) day = nextWeekday(WEEKDAY_NAMES.indexOf(word) + 1, context.today);
    else if (minutes === undefined && timeOf(token) !== undefined) {
      minutes = timeOf(token);
      continue;
    } else day = dateOf(token, context.today);
    if (day === undefined || date !== undefined) return undefined;
    date = day;
  }
  if (minutes === undefined) return undefined;
  date ??= minutes >= context.earliestMinutes ? context.today : addDays(context.today, 1);
  return { date, time: `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`, ...(mode ? { mode } : {}) };
}
