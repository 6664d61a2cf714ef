/** Wall-clock parts of an instant in a time zone, via Intl (no tz database shipped with us). */
export interface LocalParts {
  isoWeekday: number;
  minutes: number;
  date: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's offset from UTC at `instantMs`, in milliseconds, as Intl shows it (the slow path). */
function offsetAt(instantMs: number, timeZone: string): number {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instantMs)) parts[part.type] = part.value;
  const shownAsUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return shownAsUtc - (instantMs - (((instantMs % 1000) + 1000) % 1000));
}

// Offsets change only at quarter hours (every zone in use moves its clocks at :00, :15, :30 or :45),
// so one offset serves a whole quarter hour; a quarter hour whose two ends disagree is not cached.
const QUARTER_MS = 15 * 60_000;
const MAX_CACHED = 20_000;
const offsets = new Map<string, number | null>();

function cachedOffset(instantMs: number, timeZone: string): number {
  const quarter = Math.floor(instantMs / QUARTER_MS);
  const key = `${timeZone}|${quarter}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const first = offsetAt(quarter * QUARTER_MS, timeZone);
    offset = first === offsetAt((quarter + 1) * QUARTER_MS - 1000, timeZone) ? first : null;
    if (offsets.size >= MAX_CACHED) offsets.clear();
    offsets.set(key, offset);
  }
  return offset ?? offsetAt(instantMs, timeZone);
}

/** Local weekday, minutes since midnight and date of `instant` in `timeZone` (bookings check it on every request). */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const local = new Date(instant.getTime() + cachedOffset(instant.getTime(), timeZone));
  const date = local.toISOString().slice(0, 10);
  return { isoWeekday: local.getUTCDay() || 7, minutes: local.getUTCHours() * 60 + local.getUTCMinutes(), date };
}

export function hhmmToMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** The instant at which the local clock in `timeZone` shows `date` (YYYY-MM-DD) `hhmm`. */
export function localTimeToInstant(date: string, hhmm: string, timeZone: string): Date {
  const guess = new Date(`${date}T${hhmm}:00Z`);
  // Two passes settle the offset, also across a daylight-saving change.
  let instant = guess;
  for (let i = 0; i < 2; i += 1) {
    const parts = localParts(instant, timeZone);
    const shownAsUtc = Date.parse(`${parts.date}T${String(Math.floor(parts.minutes / 60)).padStart(2, '0')}:${String(parts.minutes % 60).padStart(2, '0')}:00Z`);
    instant = new Date(instant.getTime() + (guess.getTime() - shownAsUtc));
  }
  return instant;
}
