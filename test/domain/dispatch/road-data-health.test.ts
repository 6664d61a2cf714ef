import { afterEach, expect, it } from 'vitest';
import { OsrmTravelTimes } from '../../../routing/travel-times';
import type { Stop } from '../../../src/data-access/areas-repository';
import { createRoadDataHealth } from '../../../src/domain/dispatch/road-data-health';
import { fixture } from '../../routing/travel-times/osrm-fixtures';
import { startOsrmReplayServer, type OsrmReplayServer } from '../../support/osrm-replay-server';

let osrm: OsrmReplayServer | undefined;
afterEach(() => osrm?.close());

const bitburg = { name: 'Bitburg, Bahnhof', lat: 49.972, lon: 6.529 } as Stop;

it('is ok while OSRM answers, degraded with a reason while it is away, and asks at most once per cache period', async () => {
  osrm = await startOsrmReplayServer({ synthesiseTables: true });
  let now = 0;
  const health = createRoadDataHealth(new OsrmTravelTimes({ baseUrl: osrm.url }), async () => bitburg, { maxSnapM: 250, cacheMs: 5000, nowMs: () => now });
  expect(await health()).toEqual({ ok: true });
  now = 4999;
  expect(await health()).toEqual({ ok: true });
  expect(osrm.requests).toHaveLength(1);
  expect(osrm.requests[0].path).toBe('/nearest/v1/driving/6.529,49.972?number=1');

  await osrm.goDown();
  expect(await health()).toEqual({ ok: true });
  now = 5000;
  const down = await health();
  expect(down.ok).toBe(false);
  expect(down.reason).toMatch(/OSRM cannot be reached/);
  expect(down.reason).not.toMatch(/127\.0\.0\.1/);

  await osrm.comeBack();
  now = 10_000;
  expect(await health()).toEqual({ ok: true });
});

it('is degraded when OSRM snaps the reference stop far away (another region loaded)', async () => {
  osrm = await startOsrmReplayServer();
  osrm.serve('/nearest/v1/driving/8.5,43?number=1', fixture('nearest-far-away'));
  const farOff = { name: 'Mittelmeer', lon: 8.5, lat: 43.0 } as Stop;
  const health = createRoadDataHealth(new OsrmTravelTimes({ baseUrl: osrm.url }), async () => farOff, { maxSnapM: 250 });
  const answer = await health();
  expect(answer.ok).toBe(false);
  expect(answer.reason).toMatch(/snaps stop "Mittelmeer" 117 km away .* another region/);
});

it('is degraded within its 2 s limit when OSRM hangs', async () => {
  osrm = await startOsrmReplayServer({ synthesiseTables: true });
  osrm.failNext(1, 'hang');
  // The client would wait 10 minutes: an answer within the test's time can only come from the probe's own 2 s limit.
  const health = createRoadDataHealth(new OsrmTravelTimes({ baseUrl: osrm.url, timeoutMs: 600_000 }), async () => bitburg, { maxSnapM: 250 });
  const answer = await health();
  expect(answer).toMatchObject({ ok: false, reason: expect.stringMatching(/did not answer in time/) });
});
