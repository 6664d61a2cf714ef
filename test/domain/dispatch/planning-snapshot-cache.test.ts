import { afterEach, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { decideAreaBatch } from '../../../src/domain/dispatch/decide-area-batch';
import { loadPlanningSnapshot, type PlanningSnapshot } from '../../../src/domain/dispatch/planning-snapshot';
import { createPlanningSnapshotCache } from '../../../src/domain/dispatch/planning-snapshot-cache';
import { describeEachDriver, freshDatabase } from '../../support/databases';
import { pendingDemo } from './batch-fixture';

/** A whole day, so every shift of the demo is in the snapshot. */
const SPAN = { fromMs: Date.parse('2026-12-01T00:00:00+01:00'), toMs: Date.parse('2026-12-02T00:00:00+01:00') };

/** What a decision depends on, independent of row order. */
function essence(snapshot: PlanningSnapshot) {
  const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => a.id.localeCompare(b.id));
  return {
    requests: byId(snapshot.instance.requests),
    vehicles: byId(snapshot.instance.vehicles),
    plans: [...snapshot.plans].sort((a, b) => a.vehicleId.localeCompare(b.vehicleId)),
    versions: Object.fromEntries([...snapshot.versions].sort()),
    bookings: byId([...snapshot.bookings.values()]),
    originMs: snapshot.originMs,
  };
}

describeEachDriver('planning snapshot cache', (driver) => {
  let database: Database;
  afterEach(() => database.close());

  async function planned() {
    database = await freshDatabase(driver);
    const { repos, demo, deps } = await pendingDemo(database, 30);
    const snapshots = createPlanningSnapshotCache();
    const first = await decideAreaBatch({ ...deps, snapshots }, demo.areaId);
    expect(first.offered.length).toBeGreaterThan(10);
    const area = (await repos.areas.findById(demo.areaId))!;
    const matrix = await deps.stopMatrix(area.id, await repos.areas.allStops(area.id));
    const nowMs = deps.now().getTime();
    const fresh = (span = SPAN) => loadPlanningSnapshot(repos, area, matrix, span, [], nowMs);
    const cached = (span = SPAN) => snapshots.load(repos, area, matrix, span, [], nowMs);
    const readAhead = (span: typeof SPAN) => snapshots.load(repos, area, matrix, span, [], nowMs, snapshots.prefetch(repos, area.id));
    return { repos, demo, deps, snapshots, first, fresh, cached, readAhead };
  }

  it('gives the same snapshot as a full read, before and after its own batch wrote', async () => {
    const { repos, demo, deps, snapshots, first, fresh, cached } = await planned();
    expect(essence(await cached())).toEqual(essence(await fresh()));
    // Five more rides like decided ones, an hour later, for a second batch.
    for (const b of await repos.bookings.findByIds(first.offered.slice(0, 5))) {
      await repos.bookings.createOnce({
        areaId: b.areaId, riderId: b.riderId, bookedById: b.bookedById, pickupStopId: b.pickupStopId, dropoffStopId: b.dropoffStopId,
        requestedTime: new Date(b.requestedTime.getTime() + 3600_000), timeMode: b.timeMode, seats: b.seats, wheelchairs: b.wheelchairs,
      }, b.bookedById);
    }
    const second = await decideAreaBatch({ ...deps, snapshots }, demo.areaId);
    expect(second.offered.length + second.rejected.length).toBe(5);
    expect(essence(await cached())).toEqual(essence(await fresh()));
  });

  it('reads ahead over the days of the last snapshot, filtered to the span as the query would, and reads a span beyond them', async () => {
    const { repos, first, fresh, readAhead } = await planned();
    await readAhead(SPAN);
    const [bookingId] = first.offered;
    await repos.bookings.transition(bookingId, ['offered'], { status: 'confirmed' }, { kind: 'booking.confirmed' });
    const morning = { fromMs: Date.parse('2026-12-01T05:00:00+01:00'), toMs: Date.parse('2026-12-01T06:00:00+01:00') };
    const ahead = await readAhead(morning);
    expect(ahead.bookings.get(bookingId)?.status).toBe('confirmed');
    expect(essence(ahead)).toEqual(essence(await fresh(morning)));
    // Before the buses' shifts begin: the day's shifts were read ahead, and none of them is kept.
    const night = { fromMs: Date.parse('2026-12-01T01:00:00+01:00'), toMs: Date.parse('2026-12-01T02:00:00+01:00') };
    expect((await readAhead(night)).instance.vehicles).toEqual([]);
    expect((await fresh(night)).instance.vehicles).toEqual([]);
    const nextDay = { fromMs: SPAN.toMs + 3600_000, toMs: SPAN.toMs + 7200_000 };
    expect(essence(await readAhead(nextDay))).toEqual(essence(await fresh(nextDay)));
  });

  it('reads again what changed behind its back: a booking on a plan, a plan', async () => {
    const { repos, first, fresh, cached } = await planned();
    await cached();
    const [bookingId] = first.offered;
    await repos.bookings.transition(bookingId, ['offered'], { status: 'confirmed' }, { kind: 'booking.confirmed' });
    expect((await cached()).bookings.get(bookingId)?.status).toBe('confirmed');

    const booking = (await repos.bookings.findById(bookingId))!;
    const version = await repos.fleet.planVersion(booking.shiftId!);
    expect(await repos.fleet.updatePlan(booking.shiftId!, version, { committedStops: 1 })).toBe(version + 1);
    const after = await cached();
    expect(after.versions.get(booking.shiftId!)).toBe(version + 1);
    expect(after.instance.vehicles.find((v) => v.id === booking.shiftId)!.committed).toHaveLength(1);
    expect(essence(after)).toEqual(essence(await fresh()));
  });

  it.skipIf(driver === 'pglite')('sees a change that was written before a load but committed after it', async () => {
    const { repos, database: db, first, cached } = { ...(await planned()), database };
    await cached();
    const [bookingId, otherId] = first.offered;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    const late = db.db.transaction(async (tx) => {
      await repos.bookings.transition(bookingId, ['offered'], { status: 'confirmed' }, { kind: 'booking.confirmed' }, tx as never);
      written();
      await held;
    });
    await wrote;
    // A later transaction commits first, so the late one is older than the newest completed.
    await repos.bookings.transition(otherId, ['offered'], { status: 'confirmed' }, { kind: 'booking.confirmed' });
    // The load runs while that transaction is open: it cannot see the change yet.
    expect((await cached()).bookings.get(bookingId)?.status).toBe('offered');
    release();
    await late;
    expect((await cached()).bookings.get(bookingId)?.status).toBe('confirmed');
  });
});
