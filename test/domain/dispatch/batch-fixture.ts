import { eq } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { bookings } from '../../../db/schema';
import { seedDemo } from '../../../src/seed/seed-demo';
import { StraightLineEstimate } from '../../../routing/travel-times';
import { createRepositories } from '../../../src/domain/context';
import { createStoredStopMatrices } from '../../../src/domain/dispatch/stop-matrix-store';
import { insertBatch, reoptimise } from '../../../routing/solver-tasks';
import { TEST_NOW } from '../../support/test-app';
import { demoRides } from '../../../scripts/support/demo-rides';

/** A seeded demo with `count` pending bookings stored directly (no HTTP), and in-process solver deps. */
export async function pendingDemo(database: Database, count: number, seed = 5) {
  const repos = createRepositories(database.db);
  const demo = await seedDemo(repos, { now: TEST_NOW });
  const stops = await repos.areas.allStops(demo.areaId);
  const dispatcher = demo.users.find((u) => u.role === 'dispatcher')!;
  const rides = demoRides(new Map(stops.map((s) => [s.code, s.id])), count, seed);
  const ids: string[] = [];
  for (const ride of rides) {
    const time = new Date(ride.departAfter ?? ride.arriveBy!);
    const { booking } = await repos.bookings.createOnce({
      areaId: demo.areaId, bookedById: dispatcher.userId, pickupStopId: ride.pickup.stopId, dropoffStopId: ride.dropoff.stopId,
      requestedTime: time, timeMode: ride.departAfter ? 'depart_after' : 'arrive_by', seats: ride.seats, wheelchairs: 0,
    }, dispatcher.userId, ride.rider);
    ids.push(booking.id);
  }
  // A second apart, in the order made: two bookings made within the same millisecond would stand in
  // the queue (created_at, then id) in the order of their random ids, and a batch differ between runs.
  for (const [i, id] of ids.entries()) {
    await database.db.update(bookings).set({ createdAt: new Date(TEST_NOW.getTime() - (ids.length - i) * 1000) }).where(eq(bookings.id, id));
  }
  const deps = {
    db: database.db,
    stopMatrix: createStoredStopMatrices(database.db, new StraightLineEstimate()),
    now: () => TEST_NOW,
    insertBatch: async (task: Parameters<typeof insertBatch>[0]) => insertBatch(task),
    reoptimise: async (task: Parameters<typeof reoptimise>[0]) => reoptimise(task),
  };
  return { repos, demo, ids, deps };
}
