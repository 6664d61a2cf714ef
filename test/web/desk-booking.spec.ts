import type { Page } from '@playwright/test';
import { checkState, expect, test } from './fixtures';
import { berlinDate, freshPhone, logInAsDemo } from './support';

/** "Mittwoch, 2. Dezember": a local date as the page reads it back. */
const dayInWords = (date: string) => new Intl.DateTimeFormat('de-DE', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(`${date}T12:00:00Z`));

/** Keys pressed one by one through the keyboard, counted. */
function keyboard(page: Page) {
  let count = 0;
  return {
    get count() {
      return count;
    },
    async press(key: string) {
      count += 1;
      await page.keyboard.press(key);
    },
    async type(text: string) {
      count += text.length;
      await page.keyboard.type(text);
    },
  };
}

test('a dispatcher books a new caller and then the same caller\u2019s usual trip by keyboard alone, and finds the booking with its history', async ({ page, baseURL, outsideRequests }, testInfo) => {
  void outsideRequests;
  const dispatcher = await logInAsDemo(page, baseURL!, 'dispatcher');
  await page.goto('/leitstelle/telefon');
  await expect(page.getByRole('heading', { level: 1, name: 'Telefonbuchung' })).toBeVisible();
  const callerField = page.getByRole('combobox', { name: 'Telefonnummer oder Name' });
  await expect(callerField).toBeFocused();
  await checkState(page, testInfo, 'desk-phone-start');

  // Nothing chosen yet: Enter in the time field lists what is missing, each linked to its field.
  await page.getByLabel('Wann?').focus();
  await page.keyboard.type('bald');
  await expect(page.getByText('Diese Zeit verstehe ich nicht.', { exact: false })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').getByRole('link', { name: 'Bitte den Anrufer suchen oder neu anlegen.' })).toBeVisible();
  await checkState(page, testInfo, 'desk-phone-errors');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');

  // A new caller: the number finds nobody, Enter creates them.
  const phone = freshPhone();
  await callerField.focus();
  await page.keyboard.type(phone);
  await expect(page.getByText('Kein bekannter Fahrgast. Enter legt den Anrufer neu an.')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Vor- und Nachname')).toBeFocused();
  await expect(page.getByLabel('Telefonnummer', { exact: true })).toHaveValue(phone);
  await checkState(page, testInfo, 'desk-phone-new-caller');
  await page.keyboard.type('Erna Neumann');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Erna Neumann', { exact: true })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Einstieg' })).toBeFocused();
  await page.keyboard.type('Ritters');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('combobox', { name: 'Einstieg' })).toHaveValue('Rittersdorf, Kirche');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Krankenh');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('combobox', { name: 'Ziel' })).toHaveValue('Bitburg, Krankenhaus');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Wann?')).toBeFocused();
  await page.keyboard.type('morgen 10:00');
  const tomorrow = dayInWords(berlinDate(1));
  await expect(page.getByText(`Abfahrt ab ${tomorrow}, 10:00 Uhr`)).toBeVisible();
  await checkState(page, testInfo, 'desk-phone-filled');
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('button', { name: 'Bestätigen' });
  await expect(confirm).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Angebot für den Anrufer' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Abholung zwischen' })).toContainText('Rittersdorf, Kirche');
  await checkState(page, testInfo, 'desk-phone-offer');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Gebucht' })).toBeVisible();
  await expect(page.getByText('Die Fahrt ist für Erna Neumann gebucht.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Nächster Anruf' })).toBeFocused();
  await checkState(page, testInfo, 'desk-phone-confirmed');

  // The next call: the same caller again, known now, with the trip as a quick pick.
  await page.keyboard.press('Enter');
  await expect(callerField).toBeFocused();
  await page.keyboard.type(phone.replace(/^0151/, '0151 '));
  const keys = keyboard(page);
  await keys.press('Enter'); // takes the first (only) match
  await expect(page.getByRole('group', { name: 'Übliche Fahrten' })).toBeFocused();
  await expect(page.getByRole('button', { name: /Rittersdorf, Kirche → Bitburg, Krankenhaus, ab 10:00 Uhr/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Offene Fahrten' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: /Rittersdorf, Kirche → Bitburg, Krankenhaus\s*Gebucht/ })).toHaveCount(1);
  await checkState(page, testInfo, 'desk-phone-usual-trips');
  await keys.press('1'); // the usual trip: stops, departure and time
  await expect(page.getByLabel('Wann?')).toBeFocused();
  await expect(page.getByLabel('Wann?')).toHaveValue('10:00');
  await expect(page.getByText(/Abfahrt ab \w+, \d+\. \w+, 10:00 Uhr/)).toBeVisible();
  await keys.press('Enter'); // books
  await expect(confirm).toBeFocused();
  await keys.press('Enter'); // confirms
  await expect(page.getByText('Die Fahrt ist für Erna Neumann gebucht.')).toBeVisible();
  expect(keys.count).toBeLessThanOrEqual(15);
  testInfo.annotations.push({ type: 'keystrokes after the phone number', description: String(keys.count) });

  // The booking's own page, by keyboard: its details and its history.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Rückfahrt buchen' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Zur Buchung' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Buchung von Erna Neumann' })).toBeVisible();
  const history = page.getByRole('table', { name: 'Was mit dieser Buchung geschah, älteste zuerst' });
  await expect(history.getByRole('row').nth(1)).toContainText(`Angefragt${dispatcher.name} (Leitstelle)`);
  await expect(history.getByRole('row', { name: /Angebot gemacht/ })).toContainText('Disposition (automatisch)');
  await expect(history.getByRole('row', { name: /Bestätigt/ })).toContainText(dispatcher.name);
  await checkState(page, testInfo, 'desk-booking');

  // Cancelled with a reason, which the history keeps.
  await page.getByRole('button', { name: 'Buchung stornieren' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').getByRole('link', { name: 'Bitte einen Grund eingeben.' })).toBeVisible();
  await checkState(page, testInfo, 'desk-booking-cancel-error');
  await page.getByLabel('Grund der Stornierung').focus();
  await page.keyboard.type('Anruferin liegt im Krankenhaus');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Die Buchung ist storniert.')).toBeVisible();
  await expect(history.getByRole('row', { name: /Storniert/ })).toContainText(`${dispatcher.name} (Leitstelle)Anruferin liegt im Krankenhaus`);
  await checkState(page, testInfo, 'desk-booking-cancelled');

  // The list: both of her bookings by name, the cancelled one by status, and hers alone from her booking.
  await page.getByRole('link', { name: 'Alle Buchungen dieses Fahrgasts' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Nur Buchungen von Erna Neumann')).toBeVisible();
  await expect(page.getByText('2 Buchungen angezeigt')).toBeVisible();
  await page.getByRole('link', { name: 'Alle Fahrgäste zeigen' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Nur Buchungen von')).toHaveCount(0);
  await page.getByLabel('Suche').focus();
  await page.keyboard.type('Neumann');
  await page.keyboard.press('Enter');
  const rows = page.getByRole('table', { name: 'Buchungen, nach Fahrtzeit' }).getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText('Rittersdorf, Kirche → Bitburg, Krankenhaus');
  await checkState(page, testInfo, 'desk-bookings');
  // Into a booking and back: the same list.
  await rows.nth(1).getByRole('link').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Buchung von Erna Neumann' })).toBeVisible();
  await page.goBack();
  await expect(page.getByLabel('Suche')).toHaveValue('Neumann');
  await expect(rows).toHaveCount(3);
  await page.getByLabel('Status').selectOption({ label: 'Storniert' });
  await page.getByRole('button', { name: 'Anzeigen' }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('Storniert');
  await page.getByLabel('Ort').selectOption('Seffern');
  await page.getByRole('button', { name: 'Anzeigen' }).click();
  await expect(page.getByText('Keine Buchungen zu diesen Filtern.')).toBeVisible();
  await checkState(page, testInfo, 'desk-bookings-empty');
  // By day: tomorrow holds her first booking; three days ahead nothing.
  await page.getByLabel('Ort').selectOption('');
  await page.getByLabel('Status').selectOption('');
  await page.getByLabel('Tag').fill(berlinDate(1));
  await page.getByRole('button', { name: 'Anzeigen' }).click();
  await expect(rows.filter({ hasText: 'Gebucht' })).toHaveCount(1);
  await page.getByLabel('Tag').fill(berlinDate(3));
  await page.getByRole('button', { name: 'Anzeigen' }).click();
  await expect(page.getByText('Keine Buchungen zu diesen Filtern.')).toBeVisible();
});

test('a caller found by nobody is created from the name typed; a refused trip is read out with other times, one of which is booked by keyboard', async ({ page, baseURL, outsideRequests }, testInfo) => {
  void outsideRequests;
  await logInAsDemo(page, baseURL!, 'dispatcher');
  await page.goto('/leitstelle/telefon');
  const callerField = page.getByRole('combobox', { name: 'Telefonnummer oder Name' });
  await expect(callerField).toBeFocused();
  const name = `Jupp Unbekannt ${Date.now() % 100000}`;
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Vor- und Nachname')).toHaveValue(name);
  await expect(page.getByLabel('Telefonnummer', { exact: true })).toBeFocused();
  await page.keyboard.type(freshPhone());
  await page.keyboard.press('Enter');
  await expect(page.getByRole('combobox', { name: 'Einstieg' })).toBeFocused();
  // Prüm to Irrel takes most of an hour: leaving at 22:55 it would end after the buses' shifts (23:00).
  // Enter takes the first suggestion.
  await page.keyboard.type('Pruem bus');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('combobox', { name: 'Einstieg' })).toHaveValue('Prüm, Busbahnhof');
  await page.keyboard.press('Tab');
  await page.keyboard.type('irrel');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('combobox', { name: 'Ziel' })).toHaveValue('Irrel, Kirche');
  await page.keyboard.press('Tab');
  await page.keyboard.type('übermorgen 22:55');
  await expect(page.getByText(`Abfahrt ab ${dayInWords(berlinDate(2))}, 22:55 Uhr`)).toBeVisible();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: 'Nicht möglich' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Zu dieser Zeit' })).toBeVisible();
  const alternatives = page.getByRole('button', { name: /^Abfahrt ab \d{1,2}:\d{2} Uhr/ });
  await expect(alternatives.first()).toBeFocused();
  await checkState(page, testInfo, 'desk-phone-rejected');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Bestätigen' })).toBeFocused({ timeout: 30_000 });
  await expect(page.getByText(/Abholung zwischen .* an Prüm, Busbahnhof – Ankunft spätestens .* in Irrel, Kirche/)).toBeVisible();
  // The caller wants another time after all: the offer is withdrawn, back to the time.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Wann?')).toBeFocused();
  await page.keyboard.type('übermorgen 14 Uhr');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Bestätigen' })).toBeFocused({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Die Fahrt ist für ${name} gebucht.`)).toBeVisible();

  // And back: the stops swapped, only the time to type.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Wann?')).toBeFocused();
  await expect(page.getByRole('combobox', { name: 'Einstieg' })).toHaveValue('Irrel, Kirche');
  await expect(page.getByRole('combobox', { name: 'Ziel' })).toHaveValue('Prüm, Busbahnhof');
  // "bis" makes the time an arrival.
  await page.keyboard.type('übermorgen bis 17 Uhr');
  await expect(page.getByText(`Ankunft bis ${dayInWords(berlinDate(2))}, 17:00 Uhr`)).toBeVisible();
  await expect(page.getByRole('radio', { name: 'die Ankunft (spätestens)' })).toBeChecked();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Bestätigen' })).toBeFocused({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Die Fahrt ist für ${name} gebucht.`)).toBeVisible();
  await checkState(page, testInfo, 'desk-phone-return-confirmed');

  // The same page in English, every text translated.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Phone booking' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Booked' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Book the return trip' })).toBeVisible();
  await expect(page.getByText(`The trip is booked for ${name}.`)).toBeVisible();
  await checkState(page, testInfo, 'desk-phone-en');
});
