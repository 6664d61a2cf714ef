import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { events } from '../../db/schema';
import { describeEachDriver } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';
import { DAUN_AREA } from './support/county';

const HEADER = 'stop_id,stop_name,stop_lat,stop_lon,wheelchair_boarding';
const GOOD = [HEADER, 'DAU-BF,"Daun, Bahnhof",50.201,6.832,1', 'GEM-KI,"Gemünden, Kirche",50.178,6.834,0'].join('\n');

/** The stops.txt upload as the browser sends it: every client mistake a 4xx naming the line and column, nothing half-imported. */
describeEachDriver('GTFS stops.txt upload', (driver) => {
  let app: TestApp;
  let admin: string;
  let areaId: string;
  beforeAll(async () => {
    app = await startTestApp(driver);
    admin = app.token('admin');
    const area = await app.request('POST', '/v1/admin/areas', { token: admin, body: { ...DAUN_AREA, name: `Upload ${driver}` } });
    expect(area.status, JSON.stringify(area.body)).toBe(201);
    areaId = area.body.id;
  });
  afterAll(() => app?.close());

  const upload = (text: string, type = 'text/csv') =>
    app.request('POST', `/v1/admin/areas/${areaId}/stops/gtfs?reason=VRT`, { token: admin, rawBody: text, headers: { 'content-type': type } });
  const stopsNow = async () => (await app.repos.areas.ownStops(areaId)).map((s) => `${s.code} ${s.lat} ${s.lon}`).sort();
  const importsLogged = async () => (await app.database.db.select().from(events).where(eq(events.kind, 'admin.stops_imported')))
    .filter((e) => (e.data as { areaId?: string }).areaId === areaId).length;

  it('adds the stops of a good file, then counts them unchanged, then counts one moved and one renamed', async () => {
    const first = await upload(GOOD);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ inserted: 2, updated: 0, moved: 0, unchanged: 0, outside: [], errors: [] });
    const again = await upload(GOOD, 'text/plain');
    expect(again.body).toMatchObject({ inserted: 0, updated: 0, moved: 0, unchanged: 2 });
    const changed = await upload([HEADER, 'DAU-BF,"Daun, Bahnhof",50.202,6.832,1', 'GEM-KI,"Gemünden, Kirchplatz",50.178,6.834,0', 'MEH,"Mehren",50.183,6.878,1'].join('\n'));
    expect(changed.body).toMatchObject({ inserted: 1, updated: 2, moved: 1, unchanged: 0 });
    expect(await stopsNow()).toEqual(['DAU-BF 50.202 6.832', 'GEM-KI 50.178 6.834', 'MEH 50.183 6.878']);
  });

  it('refuses a file with a bad line whole (400 gtfs-stops-invalid, every line and column), writing and logging nothing', async () => {
    const before = await stopsNow();
    const logged = await importsLogged();
    const res = await upload([HEADER, 'NEU-1,"Neu, Eins",50.19,6.85,0', 'NEU-2,"Neu, Zwei",north,6.85,0', 'NEU-1,"Neu, Drei",50.19,6.86,0', ',"Ohne Kürzel",50.19,600,0'].join('\n'));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body.type).toMatch(/\/gtfs-stops-invalid$/);
    expect(res.body.detail).toMatch(/^4 lines .* nothing was imported/);
    expect(res.body.lines).toEqual([
      { line: 3, field: 'stop_lat', problem: 'not-decimal', message: 'must be a decimal latitude' },
      { line: 5, field: 'stop_id', problem: 'required', message: 'is required' },
      { line: 5, field: 'stop_lon', problem: 'out-of-range', message: 'longitude must be between -180 and 180' },
      { line: 4, field: 'stop_id', problem: 'duplicate', message: 'duplicate stop_id NEU-1' },
    ].sort((a, b) => a.line - b.line));
    expect(res.body.errors[0]).toEqual({ field: 'stop_lat', message: 'line 3: must be a decimal latitude' });
    expect(await stopsNow()).toEqual(before);
    expect(await importsLogged()).toBe(logged);
  });

  it('says a file without the GTFS columns, a zip and a spreadsheet upload are not a stops.txt, naming what is missing', async () => {
    const columns = await upload('name;lat;lon\nDaun;50.2;6.8\n');
    expect(columns.status).toBe(400);
    expect(columns.body.lines.map((l: { field: string; problem: string; line: number }) => `${l.line} ${l.field} ${l.problem}`))
      .toEqual(['1 stop_id missing-column', '1 stop_name missing-column', '1 stop_lat missing-column', '1 stop_lon missing-column']);
    const zip = await upload('PK\u0003\u0004\u0014\u0000\u0008\u0000stops.txt');
    expect(zip.status).toBe(400);
    expect(zip.body.lines).toEqual([expect.objectContaining({ line: 1, problem: 'not-csv' })]);
    const json = await upload('{"stops": []}', 'application/json');
    expect(json.status).toBe(400);
    expect(json.body.errors).toEqual([{ field: 'body', message: 'send the GTFS stops.txt as text/csv' }]);
    const excel = await upload(GOOD, 'application/vnd.ms-excel');
    expect(excel.status).toBe(400);
    expect(excel.body.errors.map((e: { field: string }) => e.field)).toEqual(['body']);
  });

  it('names the upload limit of 5 MiB for a file over it (413)', async () => {
    const huge = `${HEADER}\n${'X,"x",50.19,6.85,0\n'.repeat(300_000)}`;
    const res = await upload(huge);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ type: expect.stringMatching(/\/body-too-large$/), detail: 'The body may be at most 5 MiB.' });
  });
});
