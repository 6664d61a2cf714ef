import type { Locator } from '@playwright/test';
import { checkState, expect, test } from './fixtures';
import { csrfOf } from './desk-support';
import { berlinDate, logInAsDemo } from './support';
import { drawNewArea, placeStopInTheMiddle } from './admin-support';

/** The local date `days` after today in Berlin (the new area's clock), as YYYY-MM-DD and as the calendar's "D.M.". */
function berlinDay(days: number): { iso: string; short: string } {
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date(Date.now() + days * 86_400_000));
  return { iso, short: `${Number(iso.slice(8))}.${Number(iso.slice(5, 7))}.` };
}

/** The calendar's cell of one bus on the day `days` after today. */
const dayCell = (row: Locator, days: number) => row.getByRole('cell').nth(days);

test('an admin gives a weekly template a break, changes it, and adds and cancels dated shifts in the shift calendar', async ({ page, baseURL, outsideRequests }, testInfo) => {
  void outsideRequests;
  await logInAsDemo(page, baseURL!, 'admin');
  await drawNewArea(page, testInfo, 'Kalender-Test');
  await placeStopInTheMiddle(page, 'KAL-DEP', 'Kalenderdorf, Depot');
  await page.getByRole('link', { name: 'Busse und Schichten' }).click();
  await page.getByLabel('Kennung').fill('KAL-RB 1');
  await page.getByLabel('Grund der Änderung').fill('Erster Bus');
  await page.getByRole('button', { name: 'Bus anlegen' }).click();
  await expect(page.getByRole('status')).toContainText('Angelegt: Bus „KAL-RB 1“.');

  // A weekly template with a break: a break outside the shift is named before anything is sent.
  await page.getByRole('button', { name: 'Schichtvorlage für KAL-RB 1 hinzufügen' }).click();
  const newForm = page.getByRole('form', { name: 'Neue Schichtvorlage für KAL-RB 1' });
  await newForm.getByLabel('Samstag').check();
  await newForm.getByLabel('Sonntag').check();
  await newForm.getByLabel('Beginn', { exact: true }).fill('06:00');
  await newForm.getByLabel('Ende', { exact: true }).fill('20:00');
  await expect(newForm.getByLabel('Erste Haltestelle (Depot)')).toHaveValue(/.+/);
  await newForm.getByRole('button', { name: 'Pause hinzufügen' }).click();
  await newForm.getByLabel('Pause 1 von').fill('12:00');
  await newForm.getByLabel('Pause 1 bis').fill('21:00');
  await newForm.getByLabel('Grund der Änderung').fill('Fahrplan mit Mittagspause');
  await newForm.getByRole('button', { name: 'Schichtvorlage anlegen' }).click();
  await expect(page.getByRole('alert')).toContainText('Pause 1 muss innerhalb der Schicht liegen.');
  await checkState(page, testInfo, 'admin-shifts-break-error');
  await newForm.getByLabel('Pause 1 bis').fill('12:30');
  await newForm.getByRole('button', { name: 'Schichtvorlage anlegen' }).click();
  await expect(page.getByRole('status')).toContainText(/Angelegt: Schichtvorlage für KAL-RB 1; \d+ Schichten/);
  await expect(page.getByRole('listitem').filter({ hasText: 'Schicht Mo, Di, Mi, Do, Fr, Sa, So, 06:00–20:00, Pause 12:00–12:30' })).toBeVisible();

  // The calendar: a column per day for 14 days, tomorrow's shift with its break.
  const calendar = page.getByRole('table', { name: 'Schichten der nächsten 14 Tage' });
  await expect(calendar.getByRole('columnheader')).toHaveCount(15);
  const row = calendar.getByRole('row', { name: /KAL-RB 1/ });
  await expect(row.getByRole('cell')).toHaveCount(14);
  await expect(dayCell(row, 1)).toContainText('06:00–20:00');
  await expect(dayCell(row, 1)).toContainText('Pause 12:00–12:30');
  await checkState(page, testInfo, 'admin-shifts-calendar');

  // The template changes: shorter, the break later, no Sundays; the planned shifts change with it.
  await page.getByRole('button', { name: 'Ändern Schicht Mo, Di, Mi, Do, Fr, Sa, So, 06:00–20:00, Pause 12:00–12:30' }).click();
  const editForm = page.getByRole('form', { name: 'Schichtvorlage von KAL-RB 1 ändern' });
  await expect(editForm.getByLabel('Pause 1 von')).toHaveValue('12:00');
  await editForm.getByLabel('Sonntag').uncheck();
  await editForm.getByLabel('Ende', { exact: true }).fill('18:00');
  await editForm.getByLabel('Pause 1 von').fill('13:00');
  await editForm.getByLabel('Pause 1 bis').fill('13:45');
  await checkState(page, testInfo, 'admin-shifts-template-edit');
  await editForm.getByLabel('Grund der Änderung').fill('Winterfahrplan');
  await editForm.getByRole('button', { name: 'Änderung speichern' }).click();
  await expect(page.getByRole('status')).toContainText(/Geändert: Schichtvorlage von KAL-RB 1\. \d+ geplante Schichten? angepasst, \d+ abgesagt, 0 neu\. 0 Fahrten sind auf andere Busse verlegt; 0 Fahrten braucht die Leitstelle\./);
  await expect(dayCell(row, 1)).toContainText('06:00–18:00');
  await expect(dayCell(row, 1)).toContainText('Pause 13:00–13:45');
  await expect(row.getByRole('cell').filter({ hasText: 'Abgesagt: Winterfahrplan' }).first()).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Schicht Mo, Di, Mi, Do, Fr, Sa, 06:00–18:00, Pause 13:00–13:45' })).toBeVisible();
  await checkState(page, testInfo, 'admin-shifts-template-changed');

  // A single shift in the evening of the day after tomorrow.
  const extra = berlinDay(2);
  await page.getByRole('button', { name: 'Einzelne Schicht hinzufügen' }).click();
  const shiftForm = page.getByRole('form', { name: 'Einzelne Schicht' });
  await shiftForm.getByLabel('Tag').fill(extra.iso);
  await shiftForm.getByLabel('Von').fill('19:00');
  await shiftForm.getByLabel('Bis', { exact: true }).fill('23:00');
  await shiftForm.getByRole('button', { name: 'Pause hinzufügen' }).click();
  await shiftForm.getByLabel('Pause 1 von').fill('18:30');
  await shiftForm.getByLabel('Pause 1 bis').fill('19:15');
  await shiftForm.getByRole('button', { name: 'Schicht anlegen' }).click();
  await expect(page.getByRole('alert')).toContainText('Geben Sie einen Grund für die Änderung an.');
  await expect(page.getByRole('alert')).toContainText('Pause 1 muss innerhalb der Schicht liegen.');
  await checkState(page, testInfo, 'admin-shifts-single-error');
  await shiftForm.getByLabel('Pause 1 von').fill('21:00');
  await shiftForm.getByLabel('Pause 1 bis').fill('21:20');
  await shiftForm.getByLabel('Grund der Änderung').fill('Weihnachtsmarkt');
  await shiftForm.getByRole('button', { name: 'Schicht anlegen' }).click();
  await expect(page.getByRole('status')).toContainText(`Angelegt: Schicht von KAL-RB 1 am ${extra.short}, 19:00–23:00.`);
  await expect(dayCell(row, 2)).toContainText('19:00–23:00');
  await expect(dayCell(row, 2)).toContainText('einzeln');
  await expect(dayCell(row, 2)).toContainText('21:00–21:20');

  // The driver is ill: the single shift is cancelled with a reason and stays in the calendar, marked so.
  await dayCell(row, 2).getByRole('button', { name: /^Absagen Schicht von KAL-RB 1 am .*, 19:00–23:00$/ }).click();
  const cancel = page.getByRole('region', { name: /^Schicht von KAL-RB 1 am .*, 19:00–23:00 absagen$/ });
  await expect(cancel.getByRole('heading')).toBeFocused();
  await checkState(page, testInfo, 'admin-shifts-cancel');
  await cancel.getByLabel('Grund der Änderung').fill('Fahrer krank');
  await cancel.getByRole('button', { name: 'Schicht absagen' }).click();
  await expect(page.getByRole('status')).toContainText(/^Abgesagt: Schicht von KAL-RB 1 am .*, 19:00–23:00\. 0 Fahrten sind auf andere Busse verlegt; 0 Fahrten braucht die Leitstelle\.$/);
  await expect(dayCell(row, 2)).toContainText('Abgesagt: Fahrer krank');
  await expect(dayCell(row, 2).getByRole('deletion')).toHaveText('19:00–23:00');
  await checkState(page, testInfo, 'admin-shifts-cancelled');

  // The same calendar in English.
  await page.getByRole('button', { name: 'English' }).click();
  const english = page.getByRole('table', { name: 'Shifts of the next 14 days' });
  await expect(dayCell(english.getByRole('row', { name: /KAL-RB 1/ }), 2)).toContainText('Cancelled: Fahrer krank');
  await expect(page.getByRole('button', { name: 'Add a single shift' })).toBeVisible();
  await checkState(page, testInfo, 'admin-shifts-english');
});

test('cancelling a shift that carries a ride no other bus can take links the ride for the desk', async ({ page, baseURL, outsideRequests }, testInfo) => {
  void outsideRequests;
  await logInAsDemo(page, baseURL!, 'admin');
  const name = await drawNewArea(page, testInfo, 'Absage-Test');
  await placeStopInTheMiddle(page, `ABS-${testInfo.workerIndex}`, 'Absagedorf, Depot');
  // A second stop, a bus and its daily shifts, and a booked ride, through the operator's and the desk's API.
  const send = async (path: string, data: Record<string, unknown>) => {
    const res = await page.request.post(path, { headers: { 'x-csrf-token': await csrfOf(page) }, data });
    expect(res.status(), await res.text()).toBeLessThan(300);
    return res.json();
  };
  const areas = (await (await page.request.get('/v1/admin/areas')).json() as { items: Array<{ id: string; name: string; boundary: { coordinates: number[][][] } }> }).items;
  const area = areas.find((a) => a.name === name)!;
  const [depot] = (await (await page.request.get(`/v1/admin/areas/${area.id}/stops`)).json() as { items: Array<{ id: string }> }).items;
  const corners = area.boundary.coordinates[0].slice(0, -1);
  const lon = corners.reduce((sum, c) => sum + c[0], 0) / corners.length;
  const lat = corners.reduce((sum, c) => sum + c[1], 0) / corners.length;
  const church = await send(`/v1/admin/areas/${area.id}/stops`, { code: `ABS-K${testInfo.workerIndex}`, name: 'Absagedorf, Kirche', village: 'Absagedorf', lat, lon, reason: 'Zweite Haltestelle' });
  const bus = await send(`/v1/admin/areas/${area.id}/vehicles`, { label: 'ABS-RB 1', seats: 8, depotStopId: depot.id, reason: 'Einziger Bus' });
  await send(`/v1/admin/vehicles/${bus.id}/shift-templates`, { weekdays: [1, 2, 3, 4, 5, 6, 7], start: '06:00', end: '22:00', reason: 'Täglich' });
  const day = berlinDate(2);
  const booking = await send('/v1/bookings', {
    pickup: { stopId: depot.id }, dropoff: { stopId: church.id }, departAfter: `${day}T10:00:00+01:00`,
    rider: { name: 'Ilse Absage', phone: `06561 ${9000 + testInfo.workerIndex}` },
  });
  await expect.poll(async () => (await (await page.request.get(`/v1/bookings/${booking.id}`)).json()).offer?.vehicleId ?? null, { timeout: 60_000 }).toBe(bus.id);

  // A shift under way cannot be cancelled here: the calendar says so instead of offering it.
  await send(`/v1/admin/vehicles/${bus.id}/shifts`, { startAt: new Date(Date.now() - 60_000).toISOString(), endAt: new Date(Date.now() + 2 * 3600_000).toISOString(), reason: 'Läuft schon' });

  await page.goto(`/verwaltung/gebiete/${area.id}/fahrzeuge`);
  const row = page.getByRole('table', { name: 'Schichten der nächsten 14 Tage' }).getByRole('row', { name: /ABS-RB 1/ });
  await expect(row.getByText(/^hat begonnen/).first()).toBeVisible();
  await dayCell(row, 2).getByRole('button', { name: /^Absagen / }).click();
  const cancel = page.getByRole('region', { name: /^Schicht von ABS-RB 1 am .* absagen$/ });
  await cancel.getByLabel('Grund der Änderung').fill('Fahrer krank');
  await cancel.getByRole('button', { name: 'Schicht absagen' }).click();
  const note = page.getByRole('status');
  await expect(note).toContainText('0 Fahrten sind auf andere Busse verlegt; 1 Fahrt braucht die Leitstelle.');
  await expect(note).toContainText('Diese Fahrten konnte kein anderer Bus übernehmen');
  const link = note.getByRole('link', { name: `Buchung ${booking.id.slice(0, 8)}` });
  await expect(link).toHaveAttribute('href', `/leitstelle/buchungen/${booking.id}`);
  await checkState(page, testInfo, 'admin-shifts-cancelled-with-ride');
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/leitstelle/buchungen/${booking.id}$`));
  await expect(page.getByText('Ilse Absage').first()).toBeVisible();
});
