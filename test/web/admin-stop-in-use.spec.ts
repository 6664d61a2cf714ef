import { checkState, expect, test } from './fixtures';
import { berlinDate, freshPhone, logInAsDemo } from './support';

interface Listed { id: string; name: string; code: string; active: boolean }

test('taking a stop out of use that a booked ride still uses lists the ride and offers to force it; closing leaves the stop in use', async ({ page, baseURL, outsideRequests }, testInfo) => {
  void outsideRequests;
  await logInAsDemo(page, baseURL!, 'admin');
  // A ride booked for a caller between two of the demo area's stops, as the desk books it.
  const { csrfToken } = await (await page.request.get('/v1/session')).json() as { csrfToken: string };
  const areas = (await (await page.request.get('/v1/admin/areas')).json() as { items: Array<{ id: string; name: string }> }).items;
  // The seeded demo area: the one with the most stops (other tests make areas of their own).
  const withStops = await Promise.all(areas.map(async (area) => ({ area, stops: (await (await page.request.get(`/v1/admin/areas/${area.id}/stops`)).json() as { items: Listed[] }).items.filter((s) => s.active) })));
  const { area: demo, stops } = withStops.sort((a, b) => b.stops.length - a.stops.length)[0];
  const [from, to] = [stops.at(-1)!, stops.at(-2)!];
  const booked = await page.request.post('/v1/bookings', {
    headers: { 'x-csrf-token': csrfToken },
    data: { pickup: { stopId: from.id }, dropoff: { stopId: to.id }, departAfter: `${berlinDate(2)}T10:00:00+01:00`, seats: 1, rider: { name: 'Erna Haltestelle', phone: freshPhone() } },
  });
  expect(booked.status(), await booked.text()).toBeLessThan(300);
  const booking = await booked.json() as { id: string; status: string };
  expect(['pending', 'offered', 'confirmed', 'assigned']).toContain(booking.status);

  await page.goto(`/verwaltung/gebiete/${demo.id}/haltestellen`);
  const row = page.getByRole('row').filter({ hasText: from.code });
  await row.getByRole('button', { name: `Ändern ${from.name}` }).click();
  await page.getByLabel('Grund der Änderung').fill('Baustelle');
  await page.getByRole('button', { name: 'Außer Betrieb nehmen' }).click();
  const warning = page.getByRole('alert').filter({ hasText: 'gebuchte Fahrten nutzen diese Haltestelle noch' });
  await expect(warning).toContainText(`Buchung ${booking.id.slice(0, 8)}`);
  await expect(warning.getByRole('button', { name: 'Trotzdem außer Betrieb nehmen' })).toBeVisible();
  await checkState(page, testInfo, 'admin-stop-in-use');
  await page.getByRole('button', { name: 'Schließen' }).click();
  await expect(row).toContainText('in Betrieb');
  await expect(row).not.toContainText('außer Betrieb');
});
