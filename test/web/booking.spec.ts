import { checkState, expect, test } from './fixtures';
import { chooseStop, signUp } from './support';

test('sign up, book by typing villages, confirm, see the ride and cancel it', async ({ page, outsideRequests }, testInfo) => {
  void outsideRequests;
  await signUp(page);
  await checkState(page, testInfo, 'book-from');

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
  await page.getByRole('button', { name: 'Weiter' }).click();

  await page.getByLabel('Notiz für den Fahrer (freiwillig)').fill('Ich warte im Wartehäuschen');
  await checkState(page, testInfo, 'book-details');
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
});
