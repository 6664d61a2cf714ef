import { checkState, expect, test } from './fixtures';
import { logInAsDemo } from './support';
import { drawNewArea } from './admin-support';

const geojson = (value: unknown) => ({ name: 'gebiet.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(value)) });
const square = (lon: number, lat: number, size: number) => ({
  type: 'Feature', properties: { name: 'Testgebiet' },
  geometry: { type: 'Polygon', coordinates: [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]] },
});

test('an admin uploads a new boundary as GeoJSON: a file without an area and one the service finds too small are refused, a good one is saved', async ({ page, baseURL, outsideRequests }, testInfo) => {
  void outsideRequests;
  await logInAsDemo(page, baseURL!, 'admin');
  await drawNewArea(page, testInfo, 'Grenz-Test');
  await page.getByRole('link', { name: 'Grenze', exact: true }).click();
  await expect(page.getByText('Die Grenze hat 4 Ecken.')).toBeVisible();
  const upload = page.getByLabel('Oder GeoJSON-Datei hochladen');

  await upload.setInputFiles(geojson({ type: 'Point', coordinates: [6.8, 50.2] }));
  await expect(page.locator('#area-boundary-error')).toContainText('Die Datei enthält keine Fläche');

  await upload.setInputFiles(geojson(square(6.8, 50.2, 0.0005)));
  await expect(page.getByText('Die Grenze hat 4 Ecken.')).toBeVisible();
  await page.getByLabel('Grund der Änderung').fill('Neuer Zuschnitt');
  await page.getByRole('button', { name: 'Grenze speichern' }).click();
  await expect(page.locator('#area-boundary-error')).toContainText('Die Fläche ist zu klein oder zu groß');
  await checkState(page, testInfo, 'admin-boundary-too-small');

  await upload.setInputFiles(geojson({ type: 'FeatureCollection', features: [square(6.5, 50.0, 0.1)] }));
  await page.getByRole('button', { name: 'Grenze speichern' }).click();
  await expect(page.getByRole('status')).toContainText('Gespeichert: Die neue Grenze gilt ab sofort für Buchungen.');
  await expect(page.locator('#area-boundary-error')).toHaveCount(0);
  await checkState(page, testInfo, 'admin-boundary-saved');
});
