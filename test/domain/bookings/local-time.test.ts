import { describe, expect, it } from 'vitest';
import { localParts, localTimeToInstant } from '../../../src/domain/bookings/local-time';

/** What Intl shows for the instant, read directly (the reference the cached offsets must agree with). */
function shown(instant: Date, timeZone: string) {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
  return { isoWeekday: weekdays[parts.weekday], minutes: Number(parts.hour) * 60 + Number(parts.minute), date: `${parts.year}-${parts.month}-${parts.day}` };
}

describe('localParts', () => {
  // Berlin's clock changes, zones a half or three quarters of an hour off UTC, and one whose summer
  // time moves the clock by 30 minutes.
  const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'UTC'];

  it.each(zones)('agrees with Intl minute by minute around the clock changes of 2026 in %s', (timeZone) => {
    const around = [Date.UTC(2026, 2, 29, 0), Date.UTC(2026, 9, 25, 0), Date.UTC(2026, 3, 4, 14), Date.UTC(2026, 9, 3, 14), Date.UTC(2026, 2, 8, 6), Date.UTC(2026, 10, 1, 5)];
    for (const start of around) {
      for (let ms = start; ms < start + 4 * 3_600_000; ms += 60_000 + 7_000) {
        expect(localParts(new Date(ms), timeZone), new Date(ms).toISOString()).toEqual(shown(new Date(ms), timeZone));
      }
    }
  });

  it('agrees with Intl over a year of random instants', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 2000; i += 1) {
      const instant = new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 366 * 86_400_000));
      const timeZone = zones[i % zones.length];
      expect(localParts(instant, timeZone), `${instant.toISOString()} ${timeZone}`).toEqual(shown(instant, timeZone));
    }
  });

  it('turns local wall-clock times back into instants across a clock change', () => {
    expect(localTimeToInstant('2026-03-29', '01:30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T00:30:00.000Z');
    expect(localTimeToInstant('2026-03-29', '03:30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(localTimeToInstant('2026-12-01', '06:00', 'Europe/Berlin').toISOString()).toBe('2026-12-01T05:00:00.000Z');
  });

  it('names an unknown time zone', () => {
    expect(() => localParts(new Date(), 'Eifel/Nowhere')).toThrow(RangeError);
  });
});
