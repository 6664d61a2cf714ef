import type { BookingRecord } from './bookings';
import type { Http } from './http';
import type { Rng } from './rng';
import type { SoakWorld } from './setup';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createDeskStats() {
  const answers = new Map<string, number>();
  return {
    answers,
    note(action: string, status: number | undefined, type?: unknown) {
      const key = `${action} ${status ?? 'no answer'}${typeof type === 'string' ? ` ${type.split('/').at(-1)}` : ''}`;
      answers.set(key, (answers.get(key) ?? 0) + 1);
    },
  };
}
export type DeskStats = ReturnType<typeof createDeskStats>;

/**
 * Two dispatchers at their desk: they watch the overview and now and then overrule the planner —
 * move a ride to another bus, take one off its bus and put it on another (both at the same moment,
 * as two people at two screens might), lock and unlock rides.
 */
export function dispatchDesk(http: Http, world: SoakWorld, records: BookingRecord[], rng: Rng, stats: DeskStats) {
  const [first, second] = [world.dispatcherTokens[0], world.dispatcherTokens[1] ?? world.dispatcherTokens[0]];
  const locked: string[] = [];
  const act = async (action: string, path: string, body: Record<string, unknown>, token = first, prefer?: number) => {
    const res = await http('POST', path, token, { body, prefer });
    stats.note(action, res?.status, res?.body.type);
    return res;
  };
  const someRide = () => {
    const offered = records.filter((r) => r.decision === 'offered' && !r.cancelled && r.id);
    return offered.length > 0 ? rng.pick(offered).id! : undefined;
  };

  async function unassignAndRace(id: string) {
    const held = await act('unassign', `/v1/dispatch/bookings/${id}/unassign`, { reason: 'Rückruf abwarten' });
    if (held?.status !== 200) return;
    const [a, b] = world.vehicleIds.length > 1 ? rng.distinctPair(world.vehicleIds) : [world.vehicleIds[0], world.vehicleIds[0]];
    const answers = await Promise.all([
      act('assign after unassign', `/v1/dispatch/bookings/${id}/assign`, { vehicleId: a, reason: 'Stammfahrer' }, first, 0),
      act('assign after unassign', `/v1/dispatch/bookings/${id}/assign`, { vehicleId: b, reason: 'Stammfahrer' }, second, 1),
    ]);
    // Neither bus could take it: hand it back to the planner rather than leave it held.
    if (!answers.some((r) => r?.status === 200)) await act('unlock held ride', `/v1/dispatch/bookings/${id}/unlock`, { reason: 'Planer soll es nehmen' });
  }

  async function step() {
    const roll = rng.next();
    const id = someRide();
    if (roll < 0.25 || !id) {
      const res = await http('GET', '/v1/dispatch/overview', rng.pick([first, second]));
      stats.note('overview', res?.status);
    } else if (roll < 0.55) {
      await act('assign', `/v1/dispatch/bookings/${id}/assign`, { vehicleId: rng.pick(world.vehicleIds), reason: 'Fahrgast fährt gern mit diesem Bus' }, rng.pick([first, second]));
    } else if (roll < 0.7) {
      await unassignAndRace(id);
    } else if (roll < 0.85 || locked.length === 0) {
      if ((await act('lock', `/v1/dispatch/bookings/${id}/lock`, { reason: 'Stammfahrgast' }))?.status === 200) locked.push(id);
    } else {
      await act('unlock', `/v1/dispatch/bookings/${locked.splice(rng.int(locked.length), 1)[0]}/unlock`, {});
    }
  }

  return {
    /** Acts every one to three seconds until told to stop. */
    async run(stopping: () => boolean) {
      while (!stopping()) {
        await step().catch((error: unknown) => console.error('dispatch desk:', error));
        await sleep(rng.between(1000, 3000));
      }
    },
    /** A bus breaks down: its riders go to other buses (tried again while a ride of it changes meanwhile, as the answer asks). */
    async breakdown(vehicleId: string) {
      for (let attempt = 0; ; attempt += 1) {
        const res = await act('out-of-service', `/v1/dispatch/vehicles/${vehicleId}/out-of-service`, { reason: 'Motorschaden' });
        if (res?.status !== 409 || String(res.body.type).endsWith('vehicle-out-of-service') || attempt === 9) return res;
        await sleep(500);
      }
    },
    repaired: (vehicleId: string) => act('in-service', `/v1/dispatch/vehicles/${vehicleId}/in-service`, { reason: 'repariert' }),
  };
}
