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
  await expect(buses.getByRole('row').filter({ hasText: 'noch keine' }).first()).toBeVisible();
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

test.describe('connection', () => {
  // Offline, the stream's reconnection attempts fail in the console, as they should; the page says so.
  test.use({ allowedConsoleErrors: /ERR_INTERNET_DISCONNECTED|ERR_NETWORK_CHANGED|ERR_FAILED/ });

  test('a lost connection is shown, and the desk catches up when it returns', async ({ page, context, baseURL, outsideRequests }, testInfo) => {
    void outsideRequests;
    await logInAsDemo(page, baseURL!, 'dispatcher');
    const day = berlinDate(6);
    await page.goto(`/leitstelle?tag=${day}`);
    const live = page.getByRole('status').filter({ hasText: /^Live/ });
    await expect(live).toBeVisible();
    await context.setOffline(true);
    await expect(page.getByRole('status').filter({ hasText: 'Verbindung unterbrochen' })).toBeVisible();
    await checkState(page, testInfo, 'desk-connection-lost');
    // What changed meanwhile (booked through another connection) shows once the stream is back.
    const other = await context.browser()!.newContext({ baseURL });
    const second = await other.newPage();
    await logInAsDemo(second, baseURL!, 'dispatcher');
    const ride = await bookForCaller(second, { from: 'IRR-KI', to: 'BIT-KH', at: '15:00', day, name: 'Während Funkloch' });
    expect(ride.status).toBe('offered');
    await other.close();
    await context.setOffline(false);
    await expect(live).toBeVisible({ timeout: 10_000 });
    await expect(page.getByRole('table', { name: 'Busse' }).getByRole('row').filter({ hasText: /15:\d\d Irrel/ })).toBeVisible();
  });
});
