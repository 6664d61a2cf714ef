import { checkState, expect, test } from './fixtures';
import { berlinDate, chooseStop, signUp } from './support';

test('a ride the buses cannot do is refused in plain words, and an alternative is booked in one tap', async ({ page, outsideRequests }, testInfo) => {
  void outsideRequests;
  await signUp(page, 'Hans Weber');
  // Prüm to Irrel takes most of an hour: leaving at 22:55 it would end after the buses' shifts (23:00).
  await chooseStop(page, 'Einstieg', 'Pruem bus', 'Prüm, Busbahnhof');
  await page.getByRole('button', { name: 'Weiter' }).click();
  await chooseStop(page, 'Ziel', 'irrel', 'Irrel, Kirche');
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.getByLabel('Datum').fill(berlinDate(2));
  await page.getByLabel('Abfahrt ab (Uhrzeit)').fill('22:55');
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.getByRole('button', { name: 'Fahrt anfragen' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Zu dieser Zeit geht es leider nicht' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Diese Zeiten sind noch frei' })).toBeVisible();
  const alternatives = page.getByRole('button', { name: /^Abfahrt ab \d{1,2}:\d{2} Uhr/ });
  await expect(alternatives.first()).toBeVisible();
  await checkState(page, testInfo, 'book-rejected');

  await alternatives.first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Der Bus kann Sie abholen' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/Abholung zwischen .* an Prüm, Busbahnhof – Ankunft spätestens .* in Irrel, Kirche/)).toBeVisible();
  await page.getByRole('button', { name: 'Fahrt bestätigen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ihre Fahrt ist gebucht' })).toBeVisible();
});

test('times the rules refuse are caught in the form, with the error next to the field and in the summary', async ({ page, outsideRequests }, testInfo) => {
  void outsideRequests;
  await signUp(page, 'Maria Thiel');
  await chooseStop(page, 'Einstieg', 'bitburg markt', 'Bitburg, Marktplatz');
  await page.getByRole('button', { name: 'Weiter' }).click();
  await chooseStop(page, 'Ziel', 'Speicher', 'Speicher, Marktplatz');
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.getByLabel('Datum').fill(berlinDate(1));
  await page.getByLabel('Abfahrt ab (Uhrzeit)').fill('03:00');
  await page.getByRole('button', { name: 'Weiter' }).click();

  const summary = page.getByRole('alert').filter({ hasText: 'Es gibt ein Problem' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: /Zu dieser Zeit fährt der Bus nicht/ })).toBeVisible();
  await expect(page.getByLabel('Abfahrt ab (Uhrzeit)')).toHaveAccessibleDescription(/Zu dieser Zeit fährt der Bus nicht/);
  await checkState(page, testInfo, 'book-when-error');
  await summary.getByRole('link').click();
  await expect(page.getByLabel('Abfahrt ab (Uhrzeit)')).toBeFocused();
});
