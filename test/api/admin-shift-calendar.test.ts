import { expect, it } from 'vitest';
import type { z } from 'zod';
import type { shiftCalendarSchema } from '../../src/api/openapi/response-schemas';
import { describeEachDriver } from '../support/databases';
import { daunCountyPerSuite } from './support/county';

/** One shift as the calendar answers it (the OpenAPI document's schema). */
type CalendarItem = z.infer<typeof shiftCalendarSchema>['items'][number];

/**
 * The shift calendar (GET /v1/admin/areas/:areaId/shifts): the dated shifts the operator's pages show
 * (test clock: Tuesday 1 December 2026, 06:00 in Berlin; the county's bus runs daily 05:00–23:00).
 */
describeEachDriver('operator API: the shift calendar', (driver) => {
  const suite = daunCountyPerSuite(driver);
  const calendar = (query = '') => suite.app.request('GET', `/v1/admin/areas/${suite.county.areaId}/shifts${query}`, { token: suite.admin });
  const items = async (query: string): Promise<CalendarItem[]> => {
    const res = await calendar(query);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items;
  };

  it('shows 14 local days from today by default, one shift a day from the template, today\'s begun', async () => {
    const res = await calendar();
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ areaId: suite.county.areaId, timeZone: 'Europe/Berlin', from: '2026-12-01', to: '2026-12-14' });
    const shifts: CalendarItem[] = res.body.items;
    expect(shifts.map((s) => s.date)).toEqual(Array.from({ length: 14 }, (_, i) => `2026-12-${String(i + 1).padStart(2, '0')}`));
    expect(shifts.every((s) => s.vehicleId === suite.county.vehicleId && s.templateId === suite.county.templateId && s.cancelledAt === null)).toBe(true);
    expect(shifts.map((s) => s.started)).toEqual([true, ...Array(13).fill(false)]);
    expect(shifts[0]).toMatchObject({ startAt: '2026-12-01T04:00:00.000Z', endAt: '2026-12-01T22:00:00.000Z', breaks: [], cancelReason: null });
  });

  it('shows a single dated shift, a cancelled one with its reason, and the breaks a template change gave', async () => {
    const [wednesday] = await items('?from=2026-12-02&to=2026-12-02');
    const cancel = await suite.app.request('POST', `/v1/admin/shifts/${wednesday.id}/cancel`, { token: suite.admin, body: { reason: 'Fahrer krank' } });
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    const extra = await suite.app.request('POST', `/v1/admin/vehicles/${suite.county.vehicleId}/shifts`, { token: suite.admin, body: { startAt: '2026-12-05T23:30:00+01:00', endAt: '2026-12-06T02:00:00+01:00', reason: 'Weihnachtsmarkt' } });
    expect(extra.status, JSON.stringify(extra.body)).toBe(201);
    const breaks = await suite.app.request('PATCH', `/v1/admin/shift-templates/${suite.county.templateId}`, { token: suite.admin, body: { breaks: [{ from: '12:00', to: '12:30' }], reason: 'Mittagspause' } });
    expect(breaks.status, JSON.stringify(breaks.body)).toBe(200);

    const shifts = await items('?from=2026-12-02&to=2026-12-05');
    expect(shifts.map((s) => [s.date, s.startAt])).toEqual([
      ['2026-12-02', '2026-12-02T04:00:00.000Z'], ['2026-12-03', '2026-12-03T04:00:00.000Z'], ['2026-12-04', '2026-12-04T04:00:00.000Z'],
      ['2026-12-05', '2026-12-05T04:00:00.000Z'], ['2026-12-05', '2026-12-05T22:30:00.000Z'],
    ]);
    expect(shifts[0]).toMatchObject({ id: wednesday.id, cancelReason: 'Fahrer krank', breaks: [] });
    expect(Date.parse(shifts[0].cancelledAt!)).toBe(suite.app.clock.now.getTime());
    expect(shifts[1]).toMatchObject({ cancelledAt: null, cancelReason: null, breaks: [{ startAt: '2026-12-03T11:00:00.000Z', endAt: '2026-12-03T11:30:00.000Z' }] });
    expect(shifts[4]).toMatchObject({ id: extra.body.id, templateId: null, endAt: '2026-12-06T01:00:00.000Z', cancelledAt: null });
  });

  it('gives a single dated shift its own breaks, and names a break outside the shift or overlapping another (400)', async () => {
    const add = (breaks: unknown) => suite.app.request('POST', `/v1/admin/vehicles/${suite.county.vehicleId}/shifts`, {
      token: suite.admin, body: { startAt: '2026-12-06T22:00:00+01:00', endAt: '2026-12-07T03:00:00+01:00', breaks, reason: 'Silvesterprobe' },
    });
    const outside = await add([{ startAt: '2026-12-06T21:00:00+01:00', endAt: '2026-12-06T21:30:00+01:00' }]);
    expect(outside).toMatchObject({ status: 400, body: { errors: [expect.objectContaining({ field: 'breaks.0' })] } });
    const overlapping = await add([{ startAt: '2026-12-07T00:00:00+01:00', endAt: '2026-12-07T00:45:00+01:00' }, { startAt: '2026-12-07T00:30:00+01:00', endAt: '2026-12-07T01:00:00+01:00' }]);
    expect(overlapping.status).toBe(400);
    expect(overlapping.body.errors.map((e: { field: string }) => e.field)).toEqual(['breaks.0', 'breaks.1']);
    const backwards = await add([{ startAt: '2026-12-07T01:00:00+01:00', endAt: '2026-12-07T00:30:00+01:00' }]);
    expect(backwards).toMatchObject({ status: 400, body: { errors: [expect.objectContaining({ field: 'breaks.0.endAt' })] } });
    expect((await items('?from=2026-12-06&to=2026-12-06')).filter((s) => s.templateId === null)).toEqual([]);

    const added = await add([{ startAt: '2026-12-07T00:30:00+01:00', endAt: '2026-12-07T01:00:00+01:00' }]);
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const [single] = (await items('?from=2026-12-06&to=2026-12-06')).filter((s) => s.templateId === null);
    expect(single).toMatchObject({ id: added.body.id, breaks: [{ startAt: '2026-12-06T23:30:00.000Z', endAt: '2026-12-07T00:00:00.000Z' }] });
  });

  it('keeps a shift a template gave up in the calendar, cancelled with the change\'s reason', async () => {
    const [saturday] = await items('?from=2026-12-12&to=2026-12-12');
    const res = await suite.app.request('PATCH', `/v1/admin/shift-templates/${suite.county.templateId}`, { token: suite.admin, body: { weekdays: [1, 2, 3, 4, 5, 7], reason: 'Samstags kein Fahrer' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await items('?from=2026-12-12&to=2026-12-12')).toEqual([expect.objectContaining({ id: saturday.id, templateId: null, cancelReason: 'Samstags kein Fahrer' })]);
  });

  it('names the field of a wrong range (400), and answers 404 for an area it does not know', async () => {
    const wrong = async (query: string, field: string) => {
      const res = await calendar(query);
      expect(res, query).toMatchObject({ status: 400, body: { errors: [expect.objectContaining({ field })] } });
    };
    await wrong('?from=2026-12-10&to=2026-12-09', 'to');
    await wrong('?from=2026-12-01&to=2027-02-01', 'to');
    await wrong('?from=morgen', 'from');
    await wrong('?from=2026-12-01&days=3', 'days');
    expect((await items('?from=2026-12-01&to=2027-01-31')).length).toBeGreaterThan(0);
    expect((await suite.app.request('GET', '/v1/admin/areas/9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d/shifts', { token: suite.admin })).status).toBe(404);
    expect((await suite.app.request('GET', '/v1/admin/areas/nicht-da/shifts', { token: suite.admin })).status).toBe(404);
  });
});
