import { checkState, expect, expectAccessible, test } from './fixtures';
import { berlinDate, signUp } from './support';

test('logged out, private pages ask to log in; another rider\u2019s ride is not shown', async ({ page, outsideRequests }, testInfo) => {
  void outsideRequests;
  for (const path of ['/fahrten', '/meine-daten', '/buchen']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: 'Bitte melden Sie sich an' })).toBeVisible();
  }
  await checkState(page, testInfo, 'login-required');
  // The API itself refuses too, not only the page.
  expect((await page.request.get('/v1/bookings')).status()).toBe(401);

  // The first rider books (through the API the page uses, with its session and CSRF token).
  await signUp(page, 'Erste Fahrerin');
  const { csrfToken } = await (await page.request.get('/v1/session')).json();
  const stops = (await (await page.request.get('/v1/stops')).json()).items as Array<{ id: string; code: string }>;
  const stopId = (code: string) => stops.find((s) => s.code === code)!.id;
  const booked = await page.request.post('/v1/bookings', {
    headers: { 'x-csrf-token': csrfToken, 'idempotency-key': `access-${Date.now()}` },
    data: { pickup: { stopId: stopId('IRR-KI') }, dropoff: { stopId: stopId('BIT-KH') }, departAfter: `${berlinDate(1)}T11:00:00+01:00` },
  });
  expect(booked.status()).toBeLessThan(300);
  const rideId = (await booked.json()).id as string;
  await page.goto('/meine-daten');
  await page.getByRole('button', { name: 'Abmelden', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Anmelden' }).first()).toBeVisible();

  // A second rider asks for that ride by its address.
  await signUp(page, 'Zweiter Fahrer');
  await page.goto(`/fahrten/${rideId}`);
  await expect(page.getByRole('alert')).toHaveText('Diese Fahrt gibt es nicht oder sie gehört nicht zu Ihrem Konto.');
  await checkState(page, testInfo, 'ride-not-yours');
  expect((await page.request.get(`/v1/bookings/${rideId}`)).status()).toBe(404);
});

test('log in, wrong password, forgotten password by SMS code', async ({ page, outsideRequests }) => {
  void outsideRequests;
  const { phone } = await signUp(page, 'Klara Berg');
  await page.goto('/meine-daten');
  await page.getByRole('button', { name: 'Abmelden', exact: true }).click();

  await page.goto('/anmelden');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('alert')).toContainText('Bitte geben Sie Ihre Handynummer ein.');
  await expectAccessible(page, 'login-errors');
  await page.getByLabel('Handynummer').fill(phone);
  await page.getByLabel('Passwort').fill('falsch-falsch-falsch');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('alert')).toContainText('Telefonnummer oder Passwort stimmen nicht');

  await page.getByRole('link', { name: /Passwort vergessen/ }).click();
  await page.getByLabel('Handynummer').fill(phone);
  await page.getByRole('button', { name: 'Code senden' }).click();
  const code = (await page.locator('.demo-code').textContent())!.trim();
  await expectAccessible(page, 'forgot-code');
  await page.getByLabel('Code (6 Ziffern)').fill(code);
  await page.getByLabel('Neues Passwort').fill('Ein-neues-Passwort-42');
  await page.getByRole('button', { name: 'Passwort speichern und anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Wo steigen Sie ein?' })).toBeVisible();
});
