import type { Page } from '@playwright/test';
import { checkState, expect, test } from './fixtures';
import { bookForCaller, csrfOf, wideScreenshot } from './desk-support';
import { berlinDate, logInAsDemo } from './support';

test.use({ viewport: { width: 1280, height: 800 } });

type PlanStop = { bookingId: string; kind: 'pickup' | 'dropoff'; stopName: string };
const planOf = async (page: Page, day: string, vehicleId: string) => {
  const overview = await (await page.request.get(`/v1/dispatch/overview?date=${day}`)).json();
  const bus = overview.buses.find((b: { id: string }) => b.id === vehicleId);
  return { label: bus.label as string, stops: bus.shifts.flatMap((s: { stops: PlanStop[] }) => s.stops) as PlanStop[] };
};
const order = (stops: PlanStop[]) => stops.map((s) => `${s.bookingId}:${s.kind}`);

/** Saves the re-ordering in its dialog: as checked, or (when the check refuses it) anyway with a reason. */
async function saveOrder(page: Page, label: string) {
  await page.getByRole('button', { name: 'Prüfen und speichern' }).click();
  const dialog = page.getByRole('dialog', { name: 'Neue Reihenfolge speichern' });
  await dialog.getByRole('button', { name: 'Speichern' }).click();
  const done = dialog.getByRole('status');
  const refused = dialog.getByRole('alert');
  await expect(done.or(refused)).toBeVisible();
  if (await refused.isVisible()) {
    await dialog.getByLabel('Grund (Pflicht, steht im Protokoll)').fill('Fahrgast wartet früher');
    await dialog.getByRole('button', { name: 'Trotzdem speichern' }).click();
  }
  await expect(done).toContainText(`Die neue Reihenfolge von ${label} gilt.`);
  await dialog.getByRole('button', { name: 'Schließen' }).click();
}

test('a bus\u2019s remaining stops re-ordered by keyboard and by dragging', async ({ page, baseURL, outsideRequests }, testInfo) => {
  void outsideRequests;
  await logInAsDemo(page, baseURL!, 'dispatcher');
  const day = berlinDate(4);
  const a = await bookForCaller(page, { from: 'IRR-KI', to: 'BIT-KH', at: '11:00', day, name: 'Anna Reihe' });
  const b = await bookForCaller(page, { from: 'IRR-KI', to: 'BIT-KH', at: '11:05', day, name: 'Bernd Reihe' });
  expect([a.status, b.status]).toEqual(['offered', 'offered']);
  if (b.vehicleId !== a.vehicleId) {
    const moved = await page.request.post(`/v1/dispatch/bookings/${b.id}/assign`, { headers: { 'x-csrf-token': await csrfOf(page) }, data: { vehicleId: a.vehicleId, force: true, reason: 'Test: beide in einem Bus' } });
    expect(moved.status()).toBe(200);
  }
  const before = await planOf(page, day, a.vehicleId!);
  expect(before.stops).toHaveLength(4);
  // Two neighbouring stops of one kind can swap without a drop-off before its pickup.
  const i = before.stops.findIndex((s, k) => k + 1 < before.stops.length && before.stops[k + 1].kind === s.kind);
  expect(i).toBeGreaterThanOrEqual(0);
  const swapped = [...before.stops];
  [swapped[i], swapped[i + 1]] = [swapped[i + 1], swapped[i]];

  await page.goto(`/leitstelle/zeitplan?tag=${day}`);
  await page.getByRole('button', { name: `Reihenfolge ändern (${before.label})` }).click();
  const panel = page.getByRole('region', { name: `Reihenfolge der Halte von ${before.label}` });
  const items = panel.getByRole('listitem');
  await expect(items).toHaveCount(4);
  const moving = (await items.nth(i).locator('.reorder__label').textContent())!;
  // Keyboard: "Später" on the stop, with Enter.
  await panel.getByRole('button', { name: `Später: ${moving}` }).focus();
  await page.keyboard.press('Enter');
  await expect(items.nth(i + 1)).toContainText(moving);
  await expect(page.getByRole('status').filter({ hasText: `ist jetzt an Stelle ${i + 2} von 4` })).toBeAttached();
  await checkState(page, testInfo, 'desk-reorder');
  await saveOrder(page, before.label);
  await expect.poll(async () => order((await planOf(page, day, a.vehicleId!)).stops)).toEqual(order(swapped));

  // Dragging: the stop goes back to where it was.
  await page.getByRole('button', { name: `Reihenfolge ändern (${before.label})` }).click();
  await expect(items.nth(i + 1)).toContainText(moving);
  await items.nth(i + 1).dragTo(items.nth(i));
  await expect(items.nth(i)).toContainText(moving);
  await saveOrder(page, before.label);
  await expect.poll(async () => order((await planOf(page, day, a.vehicleId!)).stops)).toEqual(order(before.stops));
  await checkState(page, testInfo, 'desk-timeline');
  await wideScreenshot(page, 'desk-timeline', testInfo.project.name);
});

test('a stop\u2019s riders open and close by keyboard', async ({ page, baseURL, outsideRequests }, testInfo) => {
  void outsideRequests;
  await logInAsDemo(page, baseURL!, 'dispatcher');
  const day = berlinDate(5);
  const ride = await bookForCaller(page, { from: 'PRM-KH', to: 'BIT-KH', at: '14:00', day, name: 'Karla Tastatur' });
  const { label } = await planOf(page, day, ride.vehicleId!);
  await page.goto(`/leitstelle/zeitplan?tag=${day}`);
  const mark = page.getByRole('list', { name: `Halte von ${label}` }).getByRole('button').first();
  await mark.focus();
  await page.keyboard.press('Enter');
  await expect(mark).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('row', { name: /Karla Tastatur/ })).toContainText('steigt ein, nach Bitburg, Krankenhaus');
  await page.keyboard.press('Enter');
  await expect(mark).toHaveAttribute('aria-expanded', 'false');
  await checkState(page, testInfo, 'desk-timeline-closed');
});
