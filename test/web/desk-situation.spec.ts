import { checkState, expect, test } from './fixtures';
import { bookForCaller, wideScreenshot } from './desk-support';
import { berlinDate, logInAsDemo } from './support';

test.use({ viewport: { width: 1280, height: 800 } });

test('the situation: map, buses, attention and the day in numbers, live without reloading', async ({ page, baseURL, outsideRequests }, testInfo) => {
  void outsideRequests;
  await logInAsDemo(page, baseURL!, 'dispatcher');
  const tomorrow = berlinDate(1);
  await page.goto(`/leitstelle?tag=${tomorrow}`);
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  const buses = page.getByRole('table', { name: 'Busse' });
  await expect(buses.getByRole('row')).toHaveCount(1 + 3, { timeout: 15_000 }).catch(() => undefined);
  await expect(page.getByRole('heading', { name: 'Braucht Aufmerksamkeit' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Der Tag in Zahlen' })).toBeVisible();
  await checkState(page, testInfo, 'desk-situation-empty');

  // A ride booked elsewhere (another dispatcher's phone) reaches the open desk within 2 s of its decision.
  const ride = await bookForCaller(page, { from: 'IRR-KI', to: 'BIT-KH', at: '09:00', name: 'Live Fahrgast' });
  expect(ride.status).toBe('offered');
  const decidedAt = Date.now();
  const busRow = buses.getByRole('row').filter({ hasText: /9:\d\d Irrel/ });
  await expect(busRow).toBeVisible({ timeout: 2000 });
  expect(Date.now() - decidedAt).toBeLessThan(2500);
  await checkState(page, testInfo, 'desk-situation');
  await wideScreenshot(page, 'desk-situation', testInfo.project.name);
});
