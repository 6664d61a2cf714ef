import type { Locator, Page, TestInfo } from '@playwright/test';
import { expect } from './fixtures';

/** Clicks the corners at these fractions of the map's width and height, in order, while drawing. */
export async function clickCorners(page: Page, map: Locator, corners: Array<[number, number]>, before = 0): Promise<void> {
  const box = (await map.boundingBox())!;
  for (const [i, [x, y]] of corners.entries()) {
    await map.click({ position: { x: box.width * x, y: box.height * y } });
    await expect(page.getByText(`${before + i + 1} Ecken gesetzt.`)).toBeVisible();
  }
}

/**
 * A new area of the test's own, drawn as a square on the new-area page (so the test changes no other
 * test's area); ends on the new area's settings page.
 */
export async function drawNewArea(page: Page, testInfo: TestInfo, prefix: string): Promise<string> {
  const name = `${prefix} ${testInfo.workerIndex}-${Date.now() % 1e6}`;
  await page.goto('/verwaltung/neu');
  await page.getByLabel('Name des Gebiets').fill(name);
  const map = page.getByRole('region', { name: 'Karte der Gebietsgrenze' });
  await expect(map).toBeVisible();
  await page.getByRole('button', { name: 'Grenze zeichnen' }).click();
  await clickCorners(page, map, [[0.2, 0.2], [0.6, 0.2], [0.6, 0.6], [0.2, 0.6]]);
  await page.getByRole('button', { name: 'Fertig' }).click();
  await page.getByLabel('Grund der Änderung').fill('Testgebiet');
  await page.getByRole('button', { name: 'Gebiet anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${name}: Einstellungen` })).toBeVisible();
  return name;
}

/** A stop placed in the middle of the area's map, from the area's stops page. */
export async function placeStopInTheMiddle(page: Page, code: string, name: string): Promise<void> {
  await page.getByRole('link', { name: 'Haltestellen', exact: true }).click();
  const map = page.getByRole('region', { name: 'Karte der Haltestellen des Gebiets' });
  await expect(map).toBeVisible();
  const box = (await map.boundingBox())!;
  await map.click({ position: { x: box.width / 2, y: box.height / 2 } });
  await page.getByLabel('Kürzel').fill(code);
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Ort', { exact: true }).fill(name.split(',')[0]);
  await page.getByLabel('Grund der Änderung').fill('Depot');
  await page.getByRole('button', { name: 'Haltestelle anlegen' }).click();
  await expect(page.getByRole('status')).toContainText(`Angelegt: Haltestelle „${name}“.`);
}
