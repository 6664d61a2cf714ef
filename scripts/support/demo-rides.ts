export interface DemoRide {
  pickup: { stopId: string };
  dropoff: { stopId: string };
  departAfter?: string;
  arriveBy?: string;
  seats: number;
  rider: { name: string; phone: string };
}

/** `count` demo rides (deterministic per seed) between random stops, spread over the test day, each for a new phone caller (in E.164, as the API stores it and the repository takes it). */
export function demoRides(stopIds: Map<string, string>, count: number, seed = 7): DemoRide[] {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const ids = [...stopIds.values()];
  return Array.from({ length: count }, (_, i) => {
    const pickup = ids[Math.floor(random() * ids.length)];
    let dropoff = ids[Math.floor(random() * ids.length)];
    if (dropoff === pickup) dropoff = ids[(ids.indexOf(pickup) + 1) % ids.length];
    const minute = 7 * 60 + Math.floor(random() * 14 * 60);
    const time = new Date(Date.parse('2026-12-01T00:00:00+01:00') + minute * 60_000).toISOString();
    const arriveBy = random() < 0.3;
    return {
      pickup: { stopId: pickup },
      dropoff: { stopId: dropoff },
      ...(arriveBy ? { arriveBy: time } : { departAfter: time }),
      seats: 1 + Math.floor(random() * 3),
      rider: { name: `Fahrgast ${seed}-${i}`, phone: `+496561${String(seed).padStart(2, '0')}${String(i).padStart(5, '0')}` },
    };
  });
}
