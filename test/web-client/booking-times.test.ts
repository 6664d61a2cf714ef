import { describe, expect, it } from 'vitest';
import { checkTime, earliestBookable } from '../../web/src/lib/booking-rules';
import { isoWithOffset } from '../../web/src/lib/zoned-time';
import type { Area } from '../../web/src/types';

const weekdays = { '1': [{ from: '05:30', to: '23:00' }], '2': [{ from: '05:30', to: '23:00' }], '3': [{ from: '05:30', to: '23:00' }], '4': [{ from: '05:30', to: '23:00' }], '5': [{ from: '05:30', to: '23:00' }], '6': [{ from: '07:00', to: '23:00' }], '7': [{ from: '08:00', to: '22:00' }] };
const area: Area = {
  id: 'a', name: 'Demo', timeZone: 'Europe/Berlin', operatingHours: weekdays, hotline: null,
  rules: { minLeadMin: 30, maxHorizonDays: 14, cancellationCutoffMin: 60, pickupWindowMin: 15, maxActiveBookingsPerRider: 5 },
};

describe('the times the booking form offers', () => {
  it('writes local times with the offset of the day, summer and winter', () => {
    expect(isoWithOffset('2026-12-01', '08:30', 'Europe/Berlin')).toBe('2026-12-01T08:30:00+01:00');
    expect(isoWithOffset('2026-07-01', '08:30', 'Europe/Berlin')).toBe('2026-07-01T08:30:00+02:00');
    // The night the clocks go forward (29 March 2026): 03:30 exists in summer time.
    expect(isoWithOffset('2026-03-29', '03:30', 'Europe/Berlin')).toBe('2026-03-29T03:30:00+02:00');
  });

  it('starts at now plus the lead time, on a 5-minute step', () => {
    // Monday 30 November 2026, 14:52 in Berlin.
    expect(earliestBookable(area, new Date('2026-11-30T13:52:00Z'))).toEqual({ date: '2026-11-30', time: '15:25' });
  });

  it('moves to the next opening when the lead time ends after hours', () => {
    // Saturday 22:45: the next is Sunday at 08:00.
    expect(earliestBookable(area, new Date('2026-12-05T21:45:00Z'))).toEqual({ date: '2026-12-06', time: '08:00' });
  });

  it('refuses what the service would refuse, naming the rule', () => {
    const now = new Date('2026-11-30T13:52:00Z');
    expect(checkTime(area, '2026-11-30', '15:00', now)).toBe('lead-time');
    expect(checkTime(area, '2026-11-30', '14:00', now)).toBe('in-the-past');
    expect(checkTime(area, '2026-12-01', '03:00', now)).toBe('outside-operating-hours');
    expect(checkTime(area, '2026-12-20', '10:00', now)).toBe('horizon');
    expect(checkTime(area, '2026-12-01', '10:00', now)).toBeNull();
    expect(checkTime(area, '2026-12-01', '23:00', now)).toBeNull();
  });
});
