import { describe, expect, it } from 'vitest';
import { parseSpokenTime } from '../../web/src/desk/phone-time';

// Tuesday, 1 December 2026, 9:00 with 30 minutes' lead: the earliest bookable minute is 9:30.
const at = { today: '2026-12-01', earliestMinutes: 9 * 60 + 30 };
const read = (text: string) => parseSpokenTime(text, at);

describe('a day and time as a dispatcher types it', () => {
  it('reads a time alone as today while it is bookable, else tomorrow', () => {
    expect(read('9:30')).toEqual({ date: '2026-12-01', time: '09:30' });
    expect(read('9.45')).toEqual({ date: '2026-12-01', time: '09:45' });
    expect(read('1415')).toEqual({ date: '2026-12-01', time: '14:15' });
    expect(read('14 Uhr')).toEqual({ date: '2026-12-01', time: '14:00' });
    expect(read('9:29')).toEqual({ date: '2026-12-02', time: '09:29' });
    expect(read('7')).toEqual({ date: '2026-12-02', time: '07:00' });
  });

  it('reads heute, morgen and übermorgen', () => {
    expect(read('morgen 9:30')).toEqual({ date: '2026-12-02', time: '09:30' });
    expect(read('Übermorgen 14 Uhr')).toEqual({ date: '2026-12-03', time: '14:00' });
    expect(read('uebermorgen um 8')).toEqual({ date: '2026-12-03', time: '08:00' });
    expect(read('heute 7:00')).toEqual({ date: '2026-12-01', time: '07:00' });
    expect(read('9:30 morgen')).toEqual({ date: '2026-12-02', time: '09:30' });
  });

  it('reads a weekday as the next one, a week ahead on the day itself', () => {
    expect(read('Mo 7:45')).toEqual({ date: '2026-12-07', time: '07:45' });
    expect(read('Do. 10')).toEqual({ date: '2026-12-03', time: '10:00' });
    expect(read('Di 8:00')).toEqual({ date: '2026-12-08', time: '08:00' });
    expect(read('am Samstag um 11:15 Uhr')).toEqual({ date: '2026-12-05', time: '11:15' });
  });

  it('reads dates, this year or the next', () => {
    expect(read('24.12. 8:15')).toEqual({ date: '2026-12-24', time: '08:15' });
    expect(read('24.12 8:15')).toEqual({ date: '2026-12-24', time: '08:15' });
    expect(read('3.1. 9')).toEqual({ date: '2027-01-03', time: '09:00' });
    expect(read('5.1.27, 9:00')).toEqual({ date: '2027-01-05', time: '09:00' });
    expect(read('2026-12-24 8:15')).toEqual({ date: '2026-12-24', time: '08:15' });
  });

  it('reads "ab" as a departure and "bis" or "an" as an arrival', () => {
    expect(read('morgen ab 9:30')).toEqual({ date: '2026-12-02', time: '09:30', mode: 'departAfter' });
    expect(read('morgen bis 9')).toEqual({ date: '2026-12-02', time: '09:00', mode: 'arriveBy' });
    expect(read('an 14 Uhr Do')).toEqual({ date: '2026-12-03', time: '14:00', mode: 'arriveBy' });
    expect(read('ab bis 9')).toBeUndefined();
  });

  it('refuses what is no day and time', () => {
    for (const text of ['', 'morgen', '25:00', '9:75', 'Mo Di 9:00', 'bald 9', '31.11. 9:00', '9:30 10:00 morgen heute']) {
      expect(read(text), text).toBeUndefined();
    }
  });
});
