import type { Page } from '@playwright/test';
import { checkState, expect, test } from './fixtures';
import { logInAsDemo } from './support';
import { drawNewArea } from './admin-support';

/** Four points inside the drawn square, around its middle, as `lat,lon` text for a stops.txt. */
async function pointsInside(page: Page, areaId: string): Promise<string[]> {
  const area = await page.evaluate(async (id) => (await fetch(`/v1/admin/areas/${id}`)).json(), areaId) as { boundary: { coordinates: number[][][] } };
  const ring = area.boundary.coordinates[0];
  const lats = ring.map(([, lat]) => lat);
  const lons = ring.map(([lon]) => lon);
  const [midLat, midLon] = [(Math.min(...lats) + Math.max(...lats)) / 2, (Math.min(...lons) + Math.max(...lons)) / 2];
  const [dLat, dLon] = [(Math.max(...lats) - Math.min(...lats)) / 6, (Math.max(...lons) - Math.min(...lons)) / 6];
  return [[midLat, midLon - dLon], [midLat + dLat, midLon], [midLat - dLat, midLon + dLon], [midLat - dLat, midLon - dLon]].map(([lat, lon]) => `${lat.toFixed(5)},${lon.toFixed(5)}`);
}

const csv = (lines: string[]) => ({ name: 'stops.txt', mimeType: 'text/plain', buffer: Buffer.from(lines.join('\n')) });

test('an admin uploads a GTFS stops.txt: a file with a bad line is refused whole with the line named, a good one brings its stops onto the map and the list, and the travel times show their state', async ({ page, baseURL, outsideRequests }, testInfo) => {
  void outsideRequests;
  await logInAsDemo(page, baseURL!, 'admin');
  await drawNewArea(page, testInfo, 'Datei-Test');
  await page.getByRole('link', { name: 'Haltestellen', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Karte der Haltestellen des Gebiets' })).toBeVisible();
  const areaId = new URL(page.url()).pathname.split('/')[3];
  await expect(page.getByText('Noch keine Fahrzeiten.')).toBeVisible();
  const [a, b, c, d] = await pointsInside(page, areaId);
  const header = 'stop_id,stop_name,stop_lat,stop_lon,wheelchair_boarding';

  // Nothing chosen: said next to the field, keyboard focus goes there from the summary.
  const file = page.getByLabel('Datei stops.txt');
  await page.getByRole('button', { name: 'Datei hochladen' }).click();
  await expect(page.locator('#stops-file-error')).toContainText('Wählen Sie die Datei stops.txt aus.');

  // A bad latitude in line 3: every bad line named next to the field, nothing taken over.
  await file.setInputFiles(csv([header, `DT-KI,"Datei, Kirche",${a},1`, 'DT-MKT,"Datei, Markt",north,6.5,0', `DT-KI,"Datei, Kirche 2",${c},0`]));
  await page.getByLabel('Grund des Hochladens').fill('Haltestellen des Verkehrsverbunds');
  await page.getByRole('button', { name: 'Datei hochladen' }).click();
  const error = page.locator('#stops-file-error');
  await expect(error).toContainText('Die Datei wurde nicht übernommen, es wurde nichts geändert. Fehler in der Datei: 2.');
  await expect(error.getByRole('listitem')).toHaveText([
    'Zeile 3, Spalte stop_lat: Das ist keine Zahl. Schreiben Sie Grad mit Punkt, z. B. 50.2012.',
    'Zeile 4, Spalte stop_id: Diese stop_id steht schon weiter oben in der Datei.',
  ]);
  await expect(file).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').getByRole('link', { name: 'Die Datei wurde nicht übernommen: Fehler in der Datei: 2.' })).toBeVisible();
  await expect(page.getByRole('table', { name: '0 Haltestellen' })).toBeVisible();
  await checkState(page, testInfo, 'admin-stops-file-refused');

  // A file that is no stops.txt at all (a spreadsheet's columns).
  await file.setInputFiles(csv(['Name;Breite;Länge', 'Markt;50,1;6,5']));
  await page.getByRole('button', { name: 'Datei hochladen' }).click();
  await expect(error.getByRole('listitem').first()).toHaveText('Zeile 1: Die Spalte stop_id fehlt. Eine stops.txt braucht die Spalten stop_id, stop_name, stop_lat und stop_lon.');

  // The corrected file: three stops added, on the map and in the list; the travel times are rebuilt.
  await file.setInputFiles(csv([header, `DT-KI,"Datei, Kirche",${a},1`, `DT-MKT,"Datei, Markt",${b},0`, `DT-SCH,"Datei, Schule",${c},0`, 'TRIER-HBF,"Trier, Hauptbahnhof",49.757,6.652,1']));
  await page.getByRole('button', { name: 'Datei hochladen' }).click();
  await expect(page.getByText('Hochgeladen: 3 neu, 0 verlegt, 0 sonst geändert, 0 unverändert.')).toBeVisible();
  await expect(page.getByText('TRIER-HBF: Trier, Hauptbahnhof')).toBeVisible();
  await expect(page.locator('#stops-file-error')).toHaveCount(0);
  await expect(page.getByRole('table', { name: '3 Haltestellen' })).toBeVisible();
  for (const [code, name] of [['DT-KI', 'Datei, Kirche'], ['DT-MKT', 'Datei, Markt'], ['DT-SCH', 'Datei, Schule']]) {
    await expect(page.getByRole('row').filter({ hasText: code })).toContainText(name);
    await expect(page.getByTitle(name)).toBeVisible();
  }
  await expect(page.getByText('Die Fahrzeiten sind aktuell.')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('Die Fahrzeiten zwischen allen 3 Haltestellen sind berechnet.')).toBeVisible();
  await checkState(page, testInfo, 'admin-stops-file-uploaded');

  // One stop moved in the file: counted as moved, the others unchanged.
  await file.setInputFiles(csv([header, `DT-KI,"Datei, Kirche",${d},1`, `DT-MKT,"Datei, Markt",${b},0`, `DT-SCH,"Datei, Schule",${c},0`]));
  await page.getByRole('button', { name: 'Datei hochladen' }).click();
  await expect(page.getByText('Hochgeladen: 0 neu, 1 verlegt, 0 sonst geändert, 2 unverändert.')).toBeVisible();
  await expect(page.getByText('Die Fahrzeiten sind aktuell.')).toBeVisible({ timeout: 90_000 });
});

test('while the travel times are rebuilt, the stops page shows the progress and that bookings touching new stops wait', async ({ page, baseURL, outsideRequests }, testInfo) => {
  void outsideRequests;
  await logInAsDemo(page, baseURL!, 'admin');
  await drawNewArea(page, testInfo, 'Fortschritt-Test');
  // A rebuild over the straight-line estimate takes milliseconds: the states the service answers
  // while OSRM works (test/api/admin-matrix-progress.test.ts) are given to the page as it answers them.
  const answers = [
    { areaId: 'x', stops: 150, current: false, state: 'stale' },
    { areaId: 'x', stops: 150, current: false, state: 'building', progress: { done: 100, total: 150, startedAt: new Date().toISOString() } },
  ];
  let shown = 0;
  await page.route('**/v1/admin/areas/*/matrix', (route) => route.fulfill({ json: answers[Math.min(shown, answers.length - 1)] }));
  await page.getByRole('link', { name: 'Haltestellen', exact: true }).click();
  await expect(page.getByText('Die Fahrzeiten sind noch nicht aktuell.')).toBeVisible();
  await expect(page.getByText('Bis dahin warten Buchungen, die eine neue oder verlegte Haltestelle nutzen')).toBeVisible();
  await checkState(page, testInfo, 'admin-stops-matrix-stale');
  shown = 1;
  await expect(page.getByText('Die Fahrzeiten werden neu berechnet.')).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Fortschritt: 100 von 150 Haltestellen berechnet' })).toHaveAttribute('value', '100');
  await expect(page.getByText('Bis dahin warten Buchungen, die eine neue oder verlegte Haltestelle nutzen')).toBeVisible();
  await checkState(page, testInfo, 'admin-stops-matrix-building');
});
