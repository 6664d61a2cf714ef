import { fileURLToPath } from 'node:url';
import { readFixture, type RecordedResponse } from '../../support/osrm-replay-server';
import type { LonLat } from '../../../routing/travel-times';

/** Copies of the recordings from a real osrm-routed (see fixtures/osrm/README.md). */
export const OSRM_FIXTURES = fileURLToPath(new URL('./fixtures/osrm', import.meta.url));

export function fixture(name: string): RecordedResponse {
  return readFixture(OSRM_FIXTURES, name);
}

/** The coordinates of a recorded request path. */
export function pointsOf(recorded: RecordedResponse): LonLat[] {
  const list = recorded.request.path.split('?')[0].split('/')[4];
  return list.split(';').map((pair) => {
    const [lon, lat] = pair.split(',').map(Number);
    return { lon, lat };
  });
}

/**
 * The recording client padded coordinates with zeros (7.4200); this client writes the shortest
 * form (7.42). OSRM parses both alike, so a recording answers the unpadded path just as well.
 */
export function unpadded(path: string): string {
  return path.replace(/\d+\.\d+/g, (decimal) => String(Number(decimal)));
}
