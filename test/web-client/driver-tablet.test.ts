import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventSender } from '../../web/src/driver/event-sender';
import { EventStore, type LocalEvent } from '../../web/src/driver/event-store';
import { planChanges, type Manifest, type ManifestCall } from '../../web/src/driver/manifest';
import { ridersInOrder, tabletState } from '../../web/src/driver/tablet-state';

const rider = (bookingId: string, plannedAt: string) => ({ bookingId, firstName: bookingId, seats: 1, wheelchairs: 0, note: null, plannedAt: `2026-12-01T${plannedAt}:00Z` });
const call = (stopId: string, boarding: ReturnType<typeof rider>[], alighting: ReturnType<typeof rider>[] = []): ManifestCall =>
  ({ stopId, name: stopId, plannedAt: [...alighting, ...boarding][0].plannedAt, boarding, alighting });
const manifestOf = (stops: ManifestCall[], version = 5): Manifest => ({
  shiftId: 's1', version, etag: `"s1:${version}"`, vehicle: { id: 'v', label: 'Taxibus 1', seats: 8, wheelchairPlaces: 1 },
  shift: { startAt: '2026-12-01T04:30:00Z', endAt: '2026-12-01T22:00:00Z' }, startDepot: { stopId: 'depot' }, endDepot: { stopId: 'depot' },
  lastStopId: null, committedStops: 0, stops,
});
let n = 0;
const event = (type: LocalEvent['type'], target: { stopId?: string; bookingId?: string }, state: LocalEvent['state'] = 'queued'): LocalEvent =>
  ({ clientEventId: `e${++n}`, shiftId: 's1', type, ...target, at: `2026-12-01T10:0${n % 10}:00Z`, state });

// A drop-off at 10:06 and, minutes later, a boarding at the same stop: one call, two times.
const plan = manifestOf([call('A', [rider('anna', '10:00')]), call('B', [rider('bernd', '10:09')], [rider('anna', '10:06')]), call('C', [], [rider('bernd', '10:30')])]);

describe('what the tablet shows', () => {
  it('is on the way to the first stop until it reports arriving', () => {
    const state = tabletState(plan, []);
    expect(state).toMatchObject({ phase: 'driving', place: { stopId: 'A' } });
    expect(state.rest.map((c) => c.stopId)).toEqual(['B', 'C']);
  });

  it('applies its own reports not yet in the manifest: at the stop, the rider served, then on to the next', () => {
    const arrived = event('arrived', { stopId: 'A' });
    expect(tabletState(plan, [arrived])).toMatchObject({ phase: 'at', call: { stopId: 'A', boarding: [{ bookingId: 'anna' }] } });
    const boarded = event('picked_up', { bookingId: 'anna' }, 'held');
    const atA = tabletState(plan, [arrived, boarded]);
    expect(atA).toMatchObject({ phase: 'at', place: { stopId: 'A' }, call: undefined });
    expect(atA.rest.map((c) => c.stopId)).toEqual(['B', 'C']);
    const gone = tabletState(plan, [arrived, boarded, event('departed', { stopId: 'A' })]);
    expect(gone).toMatchObject({ phase: 'driving', place: { stopId: 'B' } });
  });

  it('lists each rider at a stop at their own time, and forgets reports the service refused', () => {
    expect(ridersInOrder(plan.stops[1]).map((r) => [r.rider.bookingId, r.boards, r.rider.plannedAt.slice(11, 16)])).toEqual([['anna', false, '10:06'], ['bernd', true, '10:09']]);
    expect(tabletState(plan, [event('arrived', { stopId: 'A' }, 'dropped')]).phase).toBe('driving');
  });

  it('finds the riders of the stop it stands at even when a plan change put another stop first', () => {
    const changed = manifestOf([call('D', [rider('clara', '10:10')]), ...plan.stops.slice(1)]);
    const state = tabletState(changed, [event('arrived', { stopId: 'B' })]);
    expect(state).toMatchObject({ phase: 'at', call: { stopId: 'B' } });
    expect(state.rest.map((c) => c.stopId)).toEqual(['D', 'C']);
  });

  it('marks a ride new when its booking was not on the plan, moved when a time shifts by a minute or more', () => {
    const after = manifestOf([call('A', [rider('anna', '10:02')]), call('B', [rider('bernd', '10:09'), rider('clara', '10:09')], [rider('anna', '10:06')]), plan.stops[2]]);
    expect([...planChanges(plan, after)]).toEqual([['anna', 'moved'], ['clara', 'new']]);
    expect(planChanges(plan, plan).size).toBe(0);
  });
});

describe('sending the reports kept on the device', () => {
  afterEach(() => vi.unstubAllGlobals());

  function sender(events: LocalEvent[], answers: Array<(body: Record<string, unknown>) => Response | Error>, reread: Manifest) {
    const store = new EventStore('test');
    for (const e of events) store.add(e);
    const sent: Array<Record<string, unknown>> = [];
    let version: number | undefined = 5;
    vi.stubGlobal('fetch', vi.fn(async (_url: string, init: RequestInit) => {
      const body = JSON.parse(init.body as string) as Record<string, unknown>;
      sent.push(body);
      const answer = answers.shift()!(body);
      if (answer instanceof Error) throw answer;
      return answer;
    }));
    const online: boolean[] = [];
    const events$ = new EventSender(store, {
      version: () => version,
      shiftId: () => 's1',
      answered: (v) => (version = v),
      reread: async () => ((version = reread.version), reread),
      connection: (up) => online.push(up),
    });
    return { store, sent, online, flush: () => events$.flush() };
  }
  const json = (status: number, body: Record<string, unknown>) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const created = (body: Record<string, unknown>) => json(201, { type: body.type, planVersion: (body.planVersion as number) + 1 });
  const stale = () => json(409, { type: 'https://x/problems/stale-plan-version', currentVersion: 9 });

  it('sends in order, each on the version the one before left, and re-applies after a stale answer what still applies', async () => {
    // Anna is still on the plan read afresh; Bernd's ride was taken off it meanwhile.
    const reread = manifestOf([call('A', [rider('anna', '10:00')])], 9);
    const s = sender([event('picked_up', { bookingId: 'anna' }), event('no_show', { bookingId: 'bernd' }), event('departed', { stopId: 'A' })], [stale, created, stale, created], reread);
    await s.flush();
    expect(s.sent.map((b) => [b.type, b.planVersion])).toEqual([['picked_up', 5], ['picked_up', 9], ['no_show', 10], ['departed', 9]]);
    expect(s.store.all().map((e) => e.state)).toEqual(['sent', 'dropped', 'sent']);
    expect(s.sent[3]).toMatchObject({ stopId: 'A' });
    expect(s.sent[0]).not.toHaveProperty('stopId');
  });

  it('keeps what it cannot send without a network, in order, and sends it once the network is back', async () => {
    const offline = () => new TypeError('Failed to fetch');
    const s = sender([event('arrived', { stopId: 'A' }), event('picked_up', { bookingId: 'anna' })], [offline, created, created], plan);
    await s.flush();
    expect(s.store.all().map((e) => e.state)).toEqual(['queued', 'queued']);
    expect(s.online).toEqual([false]);
    await s.flush();
    expect(s.store.all().map((e) => e.state)).toEqual(['sent', 'sent']);
    // The first was retried as the same request (id and version), so a lost answer cannot apply it twice.
    expect(s.sent.map((b) => [b.type, b.clientEventId === s.sent[0].clientEventId, b.planVersion])).toEqual([['arrived', true, 5], ['arrived', true, 5], ['picked_up', false, 6]]);
  });

  it('drops a report left over from another shift instead of applying it to this one', async () => {
    const s = sender([{ ...event('arrived', { stopId: 'A' }), shiftId: 'yesterday' }, event('arrived', { stopId: 'B' })], [created], plan);
    await s.flush();
    expect(s.store.all().map((e) => e.state)).toEqual(['dropped', 'sent']);
    expect(s.sent.map((b) => b.stopId)).toEqual(['B']);
  });
});
