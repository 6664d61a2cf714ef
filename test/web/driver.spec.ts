import type { APIRequestContext, Page, Response } from '@playwright/test';
import { checkState, expect, expectAccessible, screenshots, TABLET_SIZES, test } from './fixtures';
import { demoLogins, freshPhone, logInAsDemo } from './support';
import type { Manifest, Place } from '../../web/src/driver/manifest';

/**
 * The driver's tablet against the real service and worker pool: rides booked for today by the demo
 * dispatcher, the driver reporting them stop by stop, a dead zone, and a plan change while the screen is open.
 */
test.describe.configure({ mode: 'serial' });
// Cut off from the network on purpose, the page's requests fail; the tablet keeps what it has to send.
test.use({ viewport: { width: 1280, height: 800 }, allowedConsoleErrors: /Failed to load resource: net::ERR_(INTERNET_DISCONNECTED|FAILED)/ });

interface Office { request: APIRequestContext; csrf: string; stopId(code: string): string }

/** The demo dispatcher's session for the API (own cookies, apart from the driver's page). */
async function officeOf(request: APIRequestContext, baseURL: string): Promise<Office> {
  const logins = demoLogins(baseURL);
  const dispatcher = logins.users.find((u) => u.role === 'dispatcher')!;
  const session = await request.post('/v1/session', { data: { phone: dispatcher.phone, password: logins.password } });
  expect(session.status()).toBe(200);
  const { csrfToken } = await session.json();
  const stops = (await (await request.get('/v1/stops')).json()).items as Array<{ id: string; code: string }>;
  return { request, csrf: csrfToken as string, stopId: (code) => stops.find((s) => s.code === code)!.id };
}

interface Decided { id: string; vehicleId: string; decidedAt: number }

/** Books a ride for a caller, departing in `minutes`, and waits until the worker pool has put it on a bus. */
async function bookFor(office: Office, name: string, minutes: number, from = 'IRR-KI', to = 'BIT-KH'): Promise<Decided> {
  const answer = await office.request.post('/v1/bookings', {
    headers: { 'x-csrf-token': office.csrf, 'idempotency-key': `driver-${Date.now()}-${Math.random().toString(36).slice(2)}` },
    data: { pickup: { stopId: office.stopId(from) }, dropoff: { stopId: office.stopId(to) }, departAfter: new Date(Date.now() + minutes * 60_000).toISOString(), rider: { name, phone: freshPhone() } },
  });
  expect(answer.status(), await answer.text()).toBeLessThan(300);
  const id = (await answer.json()).id as string;
  let booking: { status: string; offer: { vehicleId: string } | null } | undefined;
  await expect.poll(async () => {
    booking = await (await office.request.get(`/v1/bookings/${id}`)).json();
    return booking!.status;
  }, { intervals: [100] }).not.toBe('pending');
  expect(booking!.offer?.vehicleId, `booking ${booking!.status}`).toBeTruthy();
  return { id, vehicleId: booking!.offer!.vehicleId, decidedAt: Date.now() };
}

/** Puts the ride on that bus if the planner chose another (a plan change as well); answers when it was decided. */
async function onThisBus(office: Office, ride: Decided, vehicleId: string): Promise<number> {
  if (ride.vehicleId === vehicleId) return ride.decidedAt;
  const moved = await office.request.post(`/v1/dispatch/bookings/${ride.id}/assign`, {
    headers: { 'x-csrf-token': office.csrf },
    data: { vehicleId, force: true, reason: 'Test: Fahrt für diesen Bus' },
  });
  expect(moved.status(), await moved.text()).toBe(200);
  return Date.now();
}

async function busLabel(office: Office, vehicleId: string): Promise<string> {
  const overview = await (await office.request.get('/v1/dispatch/overview')).json();
  return (overview.buses as Array<{ id: string; label: string }>).find((b) => b.id === vehicleId)!.label;
}

/** Logs in as the demo driver of that bus. */
async function logInAsDriverOf(page: Page, baseURL: string, label: string): Promise<void> {
  const drivers = demoLogins(baseURL).users.filter((u) => u.role === 'driver');
  await logInAsDemo(page, baseURL, 'driver', drivers.findIndex((d) => d.vehicleLabel === label));
}

/**
 * The demo buses run 5:30–23:00 (Berlin): the shift has begun (before, the tablet shows the one that
 * starts later and sends no position), and a ride booked 35 minutes ahead ends within it.
 */
function shiftHasRoom(): boolean {
  const [hour, minute] = new Date().toLocaleTimeString('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hour12: false }).split(':').map(Number);
  const minutes = hour * 60 + minute;
  return minutes >= 5 * 60 + 31 && minutes < 22 * 60;
}

const tap = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();
const allSent = (page: Page) => expect(page.getByRole('status').filter({ hasText: 'Alle Meldungen gesendet' })).toBeVisible();

test('a driver serves a ride stop by stop, through a dead zone, and every report arrives once and in order', async ({ page, context, request, baseURL }, testInfo) => {
  test.skip(!shiftHasRoom(), 'the demo shift has no room for a ride now');
  const office = await officeOf(request, baseURL!);
  const ride = await bookFor(office, 'Hildegard Fuchs', 35);
  const label = await busLabel(office, ride.vehicleId);
  await page.clock.install();
  // Every answer of the service to the tablet's reports; those that created something are the ones that count.
  const answers: Array<Promise<{ status: number; replayed: boolean; type: string; clientEventId: string }>> = [];
  page.on('response', (response: Response) => {
    if (!response.url().endsWith('/v1/driver/events')) return;
    answers.push(response.json().then((body: { type: string; clientEventId: string }) => ({ status: response.status(), replayed: !!response.headers()['idempotent-replayed'], ...body })));
  });
  const created = async () => (await Promise.all(answers)).filter((a) => a.status === 201 && !a.replayed);
  await logInAsDriverOf(page, baseURL!, label);

  await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Irrel, Kirche' })).toBeVisible();
  await expect(page.getByText('Hildegard steigt ein')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Navigation starten' })).toHaveAttribute('href', /^geo:49\.845,6\.459$/);
  await expect(page.getByRole('link', { name: /Karte bei OpenStreetMap/ })).toHaveAttribute('href', /^https:\/\/www\.openstreetmap\.org\/\?mlat=49\.845&mlon=6\.459/);
  // The only report that makes sense on the way: arriving. Boarding comes once the bus is there.
  await expect(page.getByRole('button', { name: 'Eingestiegen: Hildegard' })).toHaveCount(0);
  await checkState(page, testInfo, 'driver-next-stop', TABLET_SIZES);

  // A tap can be taken back during the undo window: nothing is sent. The page's clock stands still
  // meanwhile, so that checking the state cannot outlast the window on a slow machine.
  await page.clock.pauseAt(new Date(Date.now() + 1000));
  await tap(page, 'Angekommen: Irrel, Kirche');
  await expect(page.getByRole('button', { name: 'Rückgängig: Angekommen: Irrel, Kirche' })).toBeVisible();
  await screenshots(page, testInfo, 'driver-undo', TABLET_SIZES);
  await page.getByRole('button', { name: 'Rückgängig: Angekommen: Irrel, Kirche' }).click();
  await expect(page.getByRole('button', { name: 'Angekommen: Irrel, Kirche' })).toBeVisible();
  await page.clock.resume();
  // axe needs the page's timers: the same state once more, checked while the window is open. A
  // double tap (a glove, a bump in the road) reports one thing, not also what appears under it.
  await page.getByRole('button', { name: 'Angekommen: Irrel, Kirche' }).dblclick();
  await expect(page.getByRole('button', { name: /^Rückgängig/ })).toHaveCount(1);
  await expectAccessible(page, 'driver-undo');
  await page.getByRole('button', { name: 'Rückgängig: Angekommen: Irrel, Kirche' }).click();
  await expect(page.getByRole('button', { name: 'Angekommen: Irrel, Kirche' })).toBeVisible();

  await tap(page, 'Angekommen: Irrel, Kirche');
  await expect(page.getByText('Sie sind am Halt')).toBeVisible();
  await allSent(page);
  await expect(page.getByRole('button', { name: 'Angekommen: Irrel, Kirche' })).toHaveCount(0);
  await checkState(page, testInfo, 'driver-at-stop', TABLET_SIZES);

  // A dead zone: the reports wait on the device, and the screen says so.
  await context.setOffline(true);
  await tap(page, 'Eingestiegen: Hildegard');
  await expect(page.getByRole('status').filter({ hasText: '1 Meldung wartet auf Netz' })).toBeVisible();
  await tap(page, 'Abgefahren');
  await expect(page.getByRole('heading', { level: 2, name: 'Bitburg, Krankenhaus' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '2 Meldungen warten auf Netz' })).toBeVisible();
  await tap(page, 'Angekommen: Bitburg, Krankenhaus');
  await expect(page.getByRole('status').filter({ hasText: '3 Meldungen warten auf Netz' })).toBeVisible();
  await checkState(page, testInfo, 'driver-offline-queue', TABLET_SIZES);
  expect((await created()).map((e) => e.type)).toEqual(['arrived']);
  // Meanwhile the office puts another ride on this bus, from where Hildegard gets off: the plan the
  // queued reports were made on is outdated, and the first answer back will say so.
  await onThisBus(office, await bookFor(office, 'Konrad Weiß', 60, 'BIT-KH', 'IRR-KI'), ride.vehicleId);

  await context.setOffline(false);
  await allSent(page);
  // The plan read afresh: at Bitburg Hildegard gets off and Konrad boards, each at their own time.
  const konrad = page.getByRole('listitem').filter({ hasText: 'Konrad steigt ein' });
  await expect(konrad).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Hildegard steigt aus' })).toBeVisible();
  expect(await konrad.locator('.rider__time').textContent()).not.toBe(await page.getByRole('listitem').filter({ hasText: 'Hildegard steigt aus' }).locator('.rider__time').textContent());
  await tap(page, 'Ausgestiegen: Hildegard');
  await allSent(page);
  await tap(page, 'Nicht erschienen: Konrad');
  await allSent(page);
  await expect(page.getByText('Hier steigt niemand mehr ein oder aus.')).toBeVisible();
  await tap(page, 'Abgefahren');
  await allSent(page);
  await expect(page.getByRole('heading', { level: 2, name: 'Keine weiteren Halte in dieser Schicht.' })).toBeVisible();
  await checkState(page, testInfo, 'driver-shift-done', TABLET_SIZES);

  // A report refused (other than for a plan changed meanwhile, which the tablet re-applies) would be lost.
  expect((await Promise.all(answers)).filter((a) => a.status >= 400 && a.status !== 409)).toEqual([]);
  const reports = await created();
  expect(reports.map((e) => e.type)).toEqual(['arrived', 'picked_up', 'departed', 'arrived', 'dropped_off', 'no_show', 'departed']);
  expect((await Promise.all(answers)).filter((a) => a.status === 409).length, 'stale-plan-version answers').toBeGreaterThan(0);
  expect(new Set(reports.map((e) => e.clientEventId)).size).toBe(reports.length);
  const booking = await (await office.request.get(`/v1/bookings/${ride.id}`)).json();
  expect(booking.status).toBe('completed');
});

test('a new ride reaches the open tablet within 2 s, highlighted and announced; the position is sent once the driver allows it', async ({ page, context, request, baseURL }, testInfo) => {
  test.skip(!shiftHasRoom(), 'the demo shift has no room for a ride now');
  const office = await officeOf(request, baseURL!);
  const first = await bookFor(office, 'Wilhelm Becker', 40);
  const label = await busLabel(office, first.vehicleId);
  await logInAsDriverOf(page, baseURL!, label);
  await expect(page.getByText('Wilhelm steigt ein')).toBeVisible();

  const decidedAt = await onThisBus(office, await bookFor(office, 'Margarete Klein', 50), first.vehicleId);
  await expect(page.getByRole('heading', { name: 'Fahrplan geändert' })).toBeVisible({ timeout: 2000 });
  expect(Date.now() - decidedAt).toBeLessThan(2500);
  await expect(page.getByText(/Neue Fahrt: Margarete steigt um \d+:\d\d Uhr an .+ ein\./).first()).toBeVisible();
  await expect(page.locator('[aria-live="polite"]')).toContainText('Neue Fahrt: Margarete');
  await checkState(page, testInfo, 'driver-plan-change', TABLET_SIZES);
  await tap(page, 'Gesehen');
  await expect(page.getByRole('heading', { name: 'Fahrplan geändert' })).toHaveCount(0);

  // The position: asked for only after the driver's tap, then sent.
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({ latitude: 49.8455, longitude: 6.4601 });
  const sent = page.waitForResponse((r) => r.url().endsWith('/v1/driver/events') && r.request().postDataJSON()?.type === 'position');
  await page.getByLabel('Standort alle 30 Sekunden senden (nur während der Schicht)').check();
  expect((await sent).status()).toBe(201);
  await expect(page.getByText(/Standort zuletzt gesendet um \d+:\d\d Uhr\./)).toBeVisible();
  const overview = await (await office.request.get('/v1/dispatch/overview')).json();
  expect((overview.buses as Array<{ id: string; position: { lat: number } | null }>).find((b) => b.id === first.vehicleId)!.position?.lat).toBeCloseTo(49.8455, 4);
  await checkState(page, testInfo, 'driver-position', TABLET_SIZES);
});

test('a driver without a shift now is told so, and sees the stops of a shift that starts later', async ({ page, baseURL }, testInfo) => {
  // The demo buses run every day, so the service's answers are changed on their way to the page.
  await page.route('**/v1/driver/manifest*', (route) => route.fulfill({ status: 404, contentType: 'application/problem+json', body: JSON.stringify({ type: 'https://eifel-taxibus.example/problems/not-found', status: 404 }) }));
  await logInAsDemo(page, baseURL!, 'driver', 2);
  await expect(page.getByRole('heading', { level: 2, name: 'Heute haben Sie keine Schicht mehr.' })).toBeVisible();
  await checkState(page, testInfo, 'driver-no-shift', TABLET_SIZES);

  await page.unrouteAll({ behavior: 'wait' });
  const startAt = new Date(Date.now() + 2 * 3600_000);
  await page.route('**/v1/driver/manifest*', async (route) => {
    const response = await route.fetch();
    if (response.status() === 200) {
      const manifest = await response.json();
      return route.fulfill({ response, json: { ...manifest, shift: { ...manifest.shift, startAt: startAt.toISOString() } } });
    }
    // Late in the evening the demo driver has no shift left today: the service's answer for one that
    // starts later, as the tablet reads it.
    if (response.status() !== 404) return route.fulfill({ response });
    const depot: Place = { stopId: 'depot', code: 'BIT-BH', name: 'Bitburg, Betriebshof', village: 'Bitburg', lat: 49.97, lon: 6.52 };
    const later: Manifest = {
      shiftId: 'later', version: 1, etag: '"later-1"', vehicle: { id: 'bus', label: 'Bus 2', seats: 8, wheelchairPlaces: 1 },
      shift: { startAt: startAt.toISOString(), endAt: new Date(startAt.getTime() + 8 * 3600_000).toISOString() },
      startDepot: depot, endDepot: depot, lastStopId: null, committedStops: 0, stops: [],
    };
    await route.fulfill({ status: 200, headers: { etag: later.etag }, json: later });
  });
  await page.reload();
  const time = startAt.toLocaleTimeString('de-DE', { timeZone: 'Europe/Berlin', hour: 'numeric', minute: '2-digit' });
  await expect(page.getByText(`Ihre Schicht hat noch nicht begonnen. Sie beginnt um ${time} Uhr`)).toBeVisible();
  await checkState(page, testInfo, 'driver-shift-later', TABLET_SIZES);
  // The tablet's long-poll is still waiting on the service.
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test.describe('restarted without network', () => {
  test.use({ serviceWorkers: 'allow' });

  test('a tablet restarted in a dead zone still shows its stops', async ({ page, context, request, baseURL }, testInfo) => {
    test.skip(!shiftHasRoom(), 'the demo shift has no room for a ride now');
    const office = await officeOf(request, baseURL!);
    const ride = await bookFor(office, 'Agnes Roth', 45, 'BIT-KH', 'IRR-KI');
    await logInAsDriverOf(page, baseURL!, await busLabel(office, ride.vehicleId));
    await expect(page.getByText('Agnes steigt ein')).toBeVisible();
    // The service worker keeps the app shell; the tablet's code is kept once loaded under its control.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await expect(page.getByText('Agnes steigt ein')).toBeVisible();

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByText('Agnes steigt ein')).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Kein Netz' })).toBeVisible();
    await checkState(page, testInfo, 'driver-restarted-offline', TABLET_SIZES);
    await context.setOffline(false);
  });
});
