import type { Page } from '@playwright/test';
import { checkState, expect, test } from './fixtures';
import { berlinDate, signUp } from './support';

/** A ride booked through the API the page uses (its session cookie and CSRF token). */
async function bookTomorrow(page: Page, hour: number): Promise<string> {
  const { csrfToken } = await (await page.request.get('/v1/session')).json();
  const stops = (await (await page.request.get('/v1/stops')).json()).items as Array<{ id: string; code: string }>;
  const stopId = (code: string) => stops.find((s) => s.code === code)!.id;
  const answer = await page.request.post('/v1/bookings', {
    headers: { 'x-csrf-token': csrfToken, 'idempotency-key': `web-${Date.now()}-${hour}` },
    data: { pickup: { stopId: stopId('IRR-KI') }, dropoff: { stopId: stopId('BIT-KH') }, departAfter: `${berlinDate(1)}T${String(hour).padStart(2, '0')}:00:00+01:00` },
  });
  expect(answer.status()).toBeLessThan(300);
  return (await answer.json()).id as string;
}

test.describe('offline', () => {
  // Offline, the page's requests to the service fail, as they should; the app shows what it kept.
  test.use({ serviceWorkers: 'allow', allowedConsoleErrors: /Failed to load resource: net::ERR_(INTERNET_DISCONNECTED|FAILED)/ });

  test('the app opens without a connection and shows the last known rides', async ({ page, context, outsideRequests }, testInfo) => {
    void outsideRequests;
    await signUp(page, 'Bernd Reuter');
    await bookTomorrow(page, 9);
    await page.goto('/fahrten');
    await expect(page.getByRole('listitem').filter({ hasText: 'Irrel, Kirche → Bitburg, Krankenhaus' })).toBeVisible();
    // The service worker has kept the app shell.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('status').filter({ hasText: 'Keine Verbindung.' })).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: 'Irrel, Kirche → Bitburg, Krankenhaus' })).toBeVisible();
    await checkState(page, testInfo, 'rides-offline');
    await context.setOffline(false);
  });
});

test('on the day: the planned pickup refreshed without reloading, late said plainly, the bus on a map loaded only then', async ({ page, outsideRequests }, testInfo) => {
  void outsideRequests;
  await signUp(page, 'Sofia Marx');
  const id = await bookTomorrow(page, 10);
  const mapCode: string[] = [];
  page.on('request', (request) => {
    if (/\/assets\/ride-map-[^/]+\.js$/.test(request.url())) mapCode.push(request.url());
  });
  await page.goto('/fahrten');
  await expect(page.getByRole('heading', { level: 1, name: 'Meine Fahrten' })).toBeVisible();
  expect(mapCode, 'no map code on the list').toEqual([]);

  // The service shows a bus only while it is on its way to the rider, minutes before the pickup: that
  // moment is played here by the one answer of this ride, taken from the service and moved to now.
  // The first answer has the bus on time; from the next (the page asks again by itself) it is late.
  let answers = 0;
  await page.route(`**/v1/bookings/${id}`, async (route) => {
    const real = await (await route.fetch()).json();
    const now = Date.now();
    const at = (min: number) => new Date(now + min * 60_000).toISOString();
    const late = answers++ > 0;
    real.offer.pickupWindow = { from: at(5), to: at(20) };
    real.offer.latestArrival = at(60);
    real.status = 'assigned';
    real.eta = { pickupAt: at(late ? 27 : 12), dropoffAt: at(70), late, estimated: true, planVersion: 3, bus: { lat: 49.87, lon: 6.47, reportedAt: at(-1) } };
    await route.fulfill({ json: real });
  });
  // The page's own clock, so its 20-second refresh is reached without waiting for it.
  await page.clock.install();
  await page.getByRole('link', { name: 'Irrel, Kirche → Bitburg, Krankenhaus' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Der Bus ist für \d{1,2}:\d{2} Uhr an Irrel, Kirche geplant\./ })).toBeVisible();
  await page.clock.runFor(21_000);
  await expect(page.getByRole('status').filter({ hasText: 'Der Bus verspätet sich' })).toContainText(/jetzt für \d{1,2}:\d{2} Uhr an Irrel, Kirche geplant, später als versprochen/);
  expect(answers).toBeGreaterThanOrEqual(2);
  await expect(page.getByText(/Der Bus ist etwa [\d,]+ km von Irrel, Kirche entfernt/)).toBeVisible();
  await expect(page.locator('.leaflet-container')).toBeVisible();
  expect(mapCode).toHaveLength(1);
  // Past the cutoff: the hotline, not a button.
  await expect(page.getByRole('link', { name: /^\+49/ })).toHaveAttribute('href', /^tel:\+49/);
  await checkState(page, testInfo, 'ride-bus-map');
});
