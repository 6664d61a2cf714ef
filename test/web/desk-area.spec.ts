import { checkState, expect, test } from './fixtures';
import { drawNewArea, placeStopInTheMiddle } from './admin-support';
import { bookForCaller, csrfOf } from './desk-support';
import { berlinDate, demoLogins, logInAsDemo } from './support';

test.use({ viewport: { width: 1280, height: 800 } });

const DEMO_AREA = 'Eifelkreis Bitburg-Prüm (Demo)';

test('with a second area the desk chooses one: bookings list and buses show that area only, and the choice is remembered', async ({ page, baseURL, outsideRequests }, testInfo) => {
  void outsideRequests;
  // The admin adds an area with a depot and one bus of its own.
  await logInAsDemo(page, baseURL!, 'admin');
  const area = await drawNewArea(page, testInfo, 'Rufbus Leitstellentest');
  await placeStopInTheMiddle(page, `LT-${testInfo.workerIndex}${Date.now() % 1e4}`, 'Testdorf, Depot');
  const areas = (await (await page.request.get('/v1/admin/areas')).json() as { items: Array<{ id: string; name: string }> }).items;
  const areaId = areas.find((a) => a.name === area)!.id;
  const depot = (await (await page.request.get(`/v1/admin/areas/${areaId}/stops`)).json() as { items: Array<{ id: string }> }).items[0];
  const busLabel = `Testbus ${testInfo.workerIndex}-${Date.now() % 1e4}`;
  const bus = await page.request.post(`/v1/admin/areas/${areaId}/vehicles`, {
    headers: { 'x-csrf-token': await csrfOf(page) },
    data: { label: busLabel, seats: 8, depotStopId: depot.id, reason: 'Testbus' },
  });
  expect(bus.status(), await bus.text()).toBe(201);
  await page.context().clearCookies();

  // The (unscoped) dispatcher books a ride in the demo area and sees it among all areas' bookings.
  await logInAsDemo(page, baseURL!, 'dispatcher');
  const demoBus = demoLogins(baseURL!).users.find((u) => u.vehicleLabel)!.vehicleLabel!;
  const rider = `Gebiet Fahrgast${testInfo.workerIndex}`;
  await bookForCaller(page, { from: 'IRR-KI', to: 'BIT-KH', at: '10:00', name: rider, day: berlinDate(2) });
  await page.goto(`/leitstelle/buchungen?suche=${encodeURIComponent(rider)}`);
  const choice = page.getByLabel('Gebiet', { exact: true });
  await expect(choice).toHaveValue('');
  await expect(choice.getByRole('option', { name: 'Alle Gebiete' })).toBeAttached();
  const list = page.getByRole('region', { name: 'Buchungen, nach Fahrtzeit' });
  await expect(list).toContainText(rider);
  await checkState(page, testInfo, 'desk-area-bookings-all');

  // The new area has no bookings; the demo area has the ride.
  await choice.selectOption({ label: area });
  await expect(page.getByRole('status')).toHaveText('Keine Buchungen zu diesen Filtern.');
  await expect(page.getByText(rider)).toHaveCount(0);
  await checkState(page, testInfo, 'desk-area-bookings-new-area');
  await choice.selectOption({ label: DEMO_AREA });
  await expect(list).toContainText(rider);

  // The situation keeps the chosen area (the demo area): its buses, not the new one's; then the new area's bus only.
  await page.goto('/leitstelle');
  await expect(choice).toHaveValue(await choice.getByRole('option', { name: DEMO_AREA }).getAttribute('value') ?? '');
  await expect(choice.getByRole('option', { name: 'Alle Gebiete' })).toHaveCount(0);
  const buses = page.getByRole('table', { name: 'Busse' });
  await expect(page.getByRole('heading', { name: `Karte: ${DEMO_AREA}` })).toBeVisible();
  await expect(buses).toContainText(demoBus);
  await expect(buses).not.toContainText(busLabel);
  await choice.selectOption({ label: area });
  await expect(page.getByRole('heading', { name: `Karte: ${area}` })).toBeVisible();
  await expect(buses).toContainText(busLabel);
  await expect(buses).not.toContainText(demoBus);
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  await checkState(page, testInfo, 'desk-area-situation-new-area');

  // The timeline, opened next, shows the same area.
  await page.getByRole('link', { name: 'Zeitplan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Zeitplan' })).toBeVisible();
  await expect(choice).toHaveValue(areaId);
  await expect(page.getByRole('list').filter({ hasText: busLabel })).toBeVisible();
  await expect(page.getByText(demoBus)).toHaveCount(0);
  await checkState(page, testInfo, 'desk-area-timeline-new-area');
});
