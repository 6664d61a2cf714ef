import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StraightLineEstimate } from '../../routing/travel-times';
import { CARRIED_STATUSES } from '../../src/data-access/bookings-repository';
import { createStoredStopMatrices } from '../../src/domain/dispatch/stop-matrix-store';
import { takeOutOfService } from '../../src/domain/overrides/out-of-service';
import type { OverrideDeps } from '../../src/domain/overrides/override-deps';
import { describeEachDriver, postgresUrl } from '../support/databases';
import { until } from '../support/until';
import { startTestApp, TEST_NOW, type TestApp } from '../support/test-app';
import { checkAllPlans } from '../workers/support/check-plans';

const ROUNDS = 6;
const LANES = 3;

/**
 * A dispatcher takes a broken-down bus out of service while the planner decides bookings of the same
 * area and riders of that bus cancel, on PostgreSQL through the real HTTP API: the breakdown is no
 * routine change that may lose a race to a batch decision (the soak saw it refused with 409
 * plan-changed, and with 400 solver-input when a rider of the bus cancelled as it was read).
 */
describe.skipIf(!postgresUrl)('a bus breaks down while bookings are decided [postgres]', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp('postgres');
  });
  afterAll(() => app?.close());

  let callers = 0;
  /** A dispatcher booking for a new caller, as the phone rings: offered or rejected, never an error. */
  const book = async (at: Date, from: string, to: string) => {
    callers += 1;
    const res = await app.request('POST', '/v1/bookings', {
      token: app.token('dispatcher'),
      body: { rider: { name: `Panne Anrufer${callers}`, phone: `+49 6561 77${String(callers).padStart(4, '0')}` }, pickup: { stopId: app.stopId(from) }, dropoff: { stopId: app.stopId(to) }, departAfter: at.toISOString(), seats: 1 },
    });
    expect([201, 202], JSON.stringify(res.body)).toContain(res.status);
    return res.body as { id: string; status: string };
  };
  const trips: Array<[string, string]> = [['RIT-KI', 'BIT-KH'], ['BIT-KH', 'RIT-KI'], ['BIT-ZOB', 'SPE-MKT'], ['DUD-KI', 'BIT-ZOB'], ['PRM-KH', 'BIT-KH']];
  const slot = (round: number, k: number) => new Date(TEST_NOW.getTime() + 45 * 60_000 + round * 50 * 60_000 + (k % 8) * 5 * 60_000);

  /** Every ride a bus carries is on exactly one plan, the one its booking row names; no other booking is on any plan. */
  async function expectEveryRideOnOnePlan() {
    const vehicles = await app.repos.areas.vehicles(app.demo.areaId);
    const allShifts = (await Promise.all(vehicles.map((v) => app.repos.fleet.shiftsOfVehicle(v.id, new Date('2000-01-01'), new Date('2100-01-01'))))).flat();
    const plans = await app.repos.fleet.plansForShifts(allShifts.map((s) => s.id));
    const carriers = new Map<string, string[]>();
    for (const plan of plans) for (const stop of plan.stops.filter((s) => s.kind === 'dropoff')) carriers.set(stop.bookingId, [...(carriers.get(stop.bookingId) ?? []), plan.shiftId]);
    const carried = (await app.repos.bookings.findByIds([...carriers.keys()])).filter((b) => CARRIED_STATUSES.has(b.status));
    for (const booking of carried) expect(carriers.get(booking.id), `booking ${booking.id}`).toEqual([booking.shiftId]);
    return carried.length;
  }

  it(`the breakdown is taken every time and every ride ends on exactly one plan (${ROUNDS} rounds)`, async () => {
    const outcomes: number[] = [];
    let racedBookings = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      // The bus that breaks down carries rides of this round.
      const first = await book(slot(round, 0), 'RIT-KI', 'BIT-KH');
      expect(first.status).toBe('offered');
      const broken = (await app.repos.bookings.findById(first.id))!.vehicleId!;
      const itsRiders = [first.id];
      for (let k = 1; k <= 3; k += 1) {
        const more = await book(slot(round, k), ...trips[k % trips.length]);
        if ((await app.repos.bookings.findById(more.id))!.vehicleId === broken) itsRiders.push(more.id);
      }

      // Phones ring on three lines (each booking decided by the worker as it arrives) while the
      // dispatcher takes the bus out of service and one of its riders cancels.
      let done = false;
      let sent = 0;
      const lanes = Array.from({ length: LANES }, async (_, lane) => {
        while (!done) {
          sent += 1;
          await book(slot(round, sent + lane), ...trips[(sent + lane) % trips.length]);
        }
      });
      await until('the first bookings on every line', async () => sent >= LANES * 2, 20_000, 5);
      const [breakdown, cancelled] = await Promise.all([
        app.request('POST', `/v1/dispatch/vehicles/${broken}/out-of-service`, { token: app.token('dispatcher'), body: { reason: 'Motorschaden' } }),
        app.request('POST', `/v1/bookings/${itsRiders.at(-1)}/cancel`, { token: app.token('dispatcher'), body: { reason: 'Fahrgast sagt ab' } }),
      ]);
      done = true;
      await Promise.all(lanes);
      racedBookings += sent;
      outcomes.push(breakdown.status);
      expect(breakdown.status, JSON.stringify(breakdown.body)).toBe(200);
      expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);

      // Nothing is left on the broken bus (nobody was on board), and no ride is on two plans.
      const brokenShifts = await app.repos.fleet.shiftsOfVehicle(broken, new Date('2000-01-01'), new Date('2100-01-01'));
      for (const plan of await app.repos.fleet.plansForShifts(brokenShifts.map((s) => s.id))) expect(plan.stops, `plan of broken bus ${broken}`).toEqual([]);
      expect(await expectEveryRideOnOnePlan()).toBeGreaterThan(0);
      expect(await checkAllPlans(app.database.db, app.demo.areaId)).toEqual([]);

      const back = await app.request('POST', `/v1/dispatch/vehicles/${broken}/in-service`, { token: app.token('dispatcher'), body: { reason: 'repariert' } });
      expect(back.status).toBe(200);
    }
    console.info(`breakdowns: ${outcomes.join(', ')}; bookings decided meanwhile: ${racedBookings}`);
  });
});

describeEachDriver('a rider of a bus breaking down cancels while the breakdown reads the area', (driver) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(driver);
  });
  afterAll(() => app?.close());

  const book = async (time: string, from: string, to: string, caller: number) => {
    const res = await app.request('POST', '/v1/bookings', {
      token: app.token('dispatcher'),
      body: { rider: { name: `Storno Anrufer${caller}`, phone: `+49 6561 88${String(caller).padStart(4, '0')}` }, pickup: { stopId: app.stopId(from) }, dropoff: { stopId: app.stopId(to) }, departAfter: `2026-12-01T${time}:00+01:00`, seats: 1 },
    });
    expect(res.body.status, JSON.stringify(res.body)).toBe('offered');
    return res.body.id as string;
  };

  it('moves the bus\'s other riders and leaves the cancelled ride behind (it answered 400 solver-input)', async () => {
    const staying = await book('07:00', 'RIT-KI', 'BIT-KH', 1);
    const broken = (await app.repos.bookings.findById(staying))!.vehicleId!;
    const cancelling = await book('08:00', 'BIT-KH', 'RIT-KI', 2);
    if ((await app.repos.bookings.findById(cancelling))!.vehicleId !== broken) {
      expect((await app.request('POST', `/v1/dispatch/bookings/${cancelling}/assign`, { token: app.token('dispatcher'), body: { vehicleId: broken } })).status).toBe(200);
    }
    // The breakdown asks for the area's road times once it has begun to read the bus; the rider cancels just then.
    const stored = createStoredStopMatrices(app.database.db, new StraightLineEstimate());
    let cancelled = 0;
    const deps: OverrideDeps = {
      notifier: undefined,
      async stopMatrix(areaId, stops) {
        if (cancelled === 0) cancelled = (await app.request('POST', `/v1/bookings/${cancelling}/cancel`, { token: app.token('dispatcher'), body: { reason: 'Termin abgesagt' } })).status;
        return stored(areaId, stops);
      },
    };
    const dispatcher = (await app.repos.users.findById(app.demo.users.find((u) => u.role === 'dispatcher')!.userId))!;

    const report = await takeOutOfService(app.service.ctx!, deps, { actor: dispatcher, reason: 'Motorschaden' }, broken);

    expect(cancelled).toBe(200);
    expect([...report.reassigned.map((r) => r.bookingId), ...report.unplaceable.map((r) => r.bookingId)]).toEqual([staying]);
    expect((await app.repos.bookings.findById(cancelling))!.status).toBe('cancelled');
    expect((await app.repos.fleet.findVehicle(broken))!.inService).toBe(false);
    expect(await checkAllPlans(app.database.db, app.demo.areaId)).toEqual([]);
  });
});
