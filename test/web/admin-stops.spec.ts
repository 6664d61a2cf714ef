import { checkState, expect, test } from './fixtures';
import { logInAsDemo } from './support';
import { drawNewArea } from './admin-support';

test('an admin places a stop by clicking the map, moves it by dragging, is told a point outside the area is refused, and takes it out of use', async ({ page, baseURL, outsideRequests }, testInfo) => {
  void outsideRequests;
  await logInAsDemo(page, baseURL!, 'admin');
  await drawNewArea(page, testInfo, 'Haltestellen-Test');
  await page.getByRole('link', { name: 'Haltestellen', exact: true }).click();
  const map = page.getByRole('region', { name: 'Karte der Haltestellen des Gebiets' });
  await expect(map).toBeVisible();
  await checkState(page, testInfo, 'admin-stops-empty');

  // A click in the middle of the map (the middle of the area) places a new stop there.
  const box = (await map.boundingBox())!;
  await map.click({ position: { x: box.width / 2, y: box.height / 2 } });
  await expect(page.getByRole('heading', { name: 'Neue Haltestelle' })).toBeVisible();
  await expect(page.getByLabel('Breite (Grad)')).toHaveValue(/^\d+\.\d+$/);
  const placedLat = await page.getByLabel('Breite (Grad)').inputValue();
  await page.getByLabel('Kürzel').fill('TST-MARKT');
  await page.getByLabel('Name', { exact: true }).fill('Teststadt, Markt');
  await page.getByLabel('Ort', { exact: true }).fill('Teststadt');
  await page.getByLabel('Rollstuhlgerecht').check();
  await page.getByRole('button', { name: 'Haltestelle anlegen' }).click();
  await expect(page.getByRole('alert')).toContainText('Geben Sie einen Grund für die Änderung an.');
  await page.getByLabel('Grund der Änderung').fill('Neue Haltestelle am Markt');
  await page.getByRole('button', { name: 'Haltestelle anlegen' }).click();
  await expect(page.getByRole('status')).toContainText('Angelegt: Haltestelle „Teststadt, Markt“.');
  const row = page.getByRole('row').filter({ hasText: 'TST-MARKT' });
  await expect(row).toContainText('in Betrieb');
  await checkState(page, testInfo, 'admin-stops-placed');

  // Dragged down and to the right: the form opens with the new coordinates, saved with a reason.
  const marker = page.getByTitle('Teststadt, Markt');
  // The page is longer than the window (the stops file and the travel times below the list): the mouse drags in view.
  await marker.scrollIntoViewIfNeeded();
  const at = (await marker.boundingBox())!;
  await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
  await page.mouse.down();
  await page.mouse.move(at.x + 60, at.y + 50, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByRole('heading', { name: 'Haltestelle „Teststadt, Markt“ ändern' })).toBeVisible();
  const movedLat = await page.getByLabel('Breite (Grad)').inputValue();
  expect(Number(movedLat)).toBeLessThan(Number(placedLat));
  await page.getByLabel('Grund der Änderung').fill('Haltestelle verlegt');
  await page.getByRole('button', { name: 'Änderungen speichern' }).click();
  await expect(page.getByRole('status')).toContainText('Gespeichert: Haltestelle „Teststadt, Markt“.');

  // The keyboard's way: open it from the list and type the coordinates; a point outside the area is refused.
  await row.getByRole('button', { name: 'Ändern Teststadt, Markt' }).click();
  await expect(page.getByLabel('Breite (Grad)')).toHaveValue(movedLat);
  await page.getByLabel('Breite (Grad)').fill('10.5');
  await page.getByLabel('Grund der Änderung').fill('Tippfehler-Test');
  await page.getByRole('button', { name: 'Änderungen speichern' }).click();
  await expect(page.locator('#stop-lat-error')).toContainText('Die Stelle muss im Gebiet liegen');
  await checkState(page, testInfo, 'admin-stops-outside');
  await page.getByLabel('Breite (Grad)').fill(movedLat);
  await page.getByRole('button', { name: 'Außer Betrieb nehmen' }).click();
  await expect(page.getByRole('status')).toContainText('Außer Betrieb: Haltestelle „Teststadt, Markt“.');
  await expect(row).toContainText('außer Betrieb');
});
