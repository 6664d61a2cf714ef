import { checkState, expect, expectAccessible, test } from './fixtures';
import { berlinDate, chooseStop, signUp } from './support';

test('sign up, book by typing villages, confirm, see the ride and cancel it', async ({ page, outsideRequests }, testInfo) => {
  void outsideRequests;
  await signUp(page);
  await expectAccessible(page, 'book-from');

  // "Pruem"-style spelling without umlaut or accents finds the village.
  await page.getByRole('combobox', { name: 'Einstieg' }).fill('irre');
  await expect(page.getByRole('group', { name: 'Irrel' })).toBeVisible();
  await checkState(page, testInfo, 'book-from-suggestions');
  await page.getByRole('option', { name: /^Irrel, Kirche/ }).click();
  await page.getByRole('button', { name: 'Weiter' }).click();

  await chooseStop(page, 'Ziel', 'bitburg kranken', 'Bitburg, Krankenhaus');
  await page.getByRole('button', { name: 'Weiter' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Wann möchten Sie fahren?' })).toBeVisible();
  await expect(page.getByText(/Frühestens möglich/)).toBeVisible();
  await checkState(page, testInfo, 'book-when');
  // Tomorrow at 10:00: far enough ahead to cancel before the cutoff.
  await page.getByLabel('Datum').fill(berlinDate(1));
  await page.getByLabel('Abfahrt ab (Uhrzeit)').fill('10:00');
  await page.getByRole('button', { name: 'Weiter' }).click();

  await page.getByLabel('Notiz für den Fahrer (freiwillig)').fill('Ich warte im Wartehäuschen');
  await expectAccessible(page, 'book-details');
  await page.getByRole('button', { name: 'Weiter' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Bitte prüfen Sie Ihre Angaben' })).toBeVisible();
  await checkState(page, testInfo, 'book-check');
  await page.getByRole('button', { name: 'Fahrt anfragen' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Der Bus kann Sie abholen' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/Abholung zwischen \d{1,2}:\d{2} und \d{1,2}:\d{2} Uhr an Irrel, Kirche – Ankunft spätestens \d{1,2}:\d{2} Uhr in Bitburg, Krankenhaus/)).toBeVisible();
  await checkState(page, testInfo, 'book-offer');
  await page.getByRole('button', { name: 'Fahrt bestätigen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ihre Fahrt ist gebucht' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Ihre Fahrt ist gebucht');
  await checkState(page, testInfo, 'book-confirmed');

  await page.getByRole('link', { name: 'Zu meinen Fahrten' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Meine Fahrten' })).toBeVisible();
  const ride = page.getByRole('listitem').filter({ hasText: 'Irrel, Kirche → Bitburg, Krankenhaus' });
  await expect(ride).toContainText(/Gebucht/);
  await checkState(page, testInfo, 'rides');
  await ride.getByRole('link', { name: 'Irrel, Kirche → Bitburg, Krankenhaus' }).click();
  await expect(page.getByText(/Sie können bis .* Uhr stornieren \(60 Minuten vor der Abholung\)/)).toBeVisible();
  await checkState(page, testInfo, 'ride');
  await page.getByRole('button', { name: 'Fahrt stornieren' }).click();
  await expect(page.getByRole('button', { name: 'Ja, stornieren' })).toBeFocused();
  await expectAccessible(page, 'ride-cancel-question');
  await page.getByRole('button', { name: 'Ja, stornieren' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Die Fahrt ist storniert.' })).toBeVisible();
  await expect(page.getByText('Storniert', { exact: true })).toBeVisible();
  await expectAccessible(page, 'ride-cancelled');

  // A past ride is booked again in one tap: the stops come filled in, only the time is asked.
  await page.getByRole('button', { name: 'Nochmal buchen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Wann möchten Sie fahren?' })).toBeVisible();
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(page.getByRole('definition').filter({ hasText: 'Irrel, Kirche' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'Ich warte im Wartehäuschen' })).toBeVisible();
});
