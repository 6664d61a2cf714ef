import { checkState, expect, test } from './fixtures';
import { logInAsDemo } from './support';
import { drawNewArea, placeStopInTheMiddle } from './admin-support';

test('an admin adds a bus to a new area and a weekly shift template, and sees it in the week plan', async ({ page, baseURL, outsideRequests }, testInfo) => {
  void outsideRequests;
  await logInAsDemo(page, baseURL!, 'admin');
  await drawNewArea(page, testInfo, 'Schicht-Test');
  await placeStopInTheMiddle(page, 'DEP-1', 'Schichtdorf, Depot');
  await page.getByRole('link', { name: 'Busse und Schichten' }).click();
  await expect(page.getByText('Das Gebiet hat noch keine Busse.')).toBeVisible();
  await expect(page.getByLabel('Depot (Haltestelle)')).toHaveValue(/.+/);
  await page.getByLabel('Sitzplätze').fill('acht');
  await page.getByRole('button', { name: 'Bus anlegen' }).click();
  await expect(page.getByRole('alert')).toContainText('Geben Sie eine Kennung an');
  await expect(page.getByRole('alert')).toContainText('Geben Sie die Zahl der Sitzplätze an');
  await checkState(page, testInfo, 'admin-fleet-bus-errors');
  await page.getByLabel('Kennung').fill('SCH-RB 1');
  await page.getByLabel('Sitzplätze').fill('8');
  await page.getByLabel('Rollstuhlplätze').fill('1');
  await page.getByLabel('Grund der Änderung').fill('Erster Bus');
  await page.getByRole('button', { name: 'Bus anlegen' }).click();
  await expect(page.getByRole('status')).toContainText('Angelegt: Bus „SCH-RB 1“.');
  await expect(page.getByRole('heading', { level: 2, name: 'SCH-RB 1' })).toBeVisible();
  await expect(page.getByText('8 Sitzplätze, 1 Rollstuhlplätze, Depot: Schichtdorf, Depot.')).toBeVisible();

  await page.getByRole('button', { name: 'Schichtvorlage für SCH-RB 1 hinzufügen' }).click();
  const form = page.getByRole('form', { name: 'Neue Schichtvorlage für SCH-RB 1' });
  await form.getByLabel('Freitag').uncheck();
  await form.getByLabel('Samstag').check();
  await form.getByLabel('Beginn').fill('05:30');
  await form.getByLabel('Ende').fill('05:00');
  await form.getByRole('button', { name: 'Schichtvorlage anlegen' }).click();
  await expect(page.getByRole('alert')).toContainText('Das Ende muss nach dem Beginn liegen');
  await checkState(page, testInfo, 'admin-fleet-template-errors');
  await form.getByLabel('Ende').fill('22:00');
  await form.getByLabel('Grund der Änderung').fill('Winterfahrplan');
  await form.getByRole('button', { name: 'Schichtvorlage anlegen' }).click();
  await expect(page.getByRole('status')).toContainText(/Angelegt: Schichtvorlage für SCH-RB 1; \d+ Schichten? (ist|sind) bis zum Ende des Buchungszeitraums geplant\./);

  const week = page.getByRole('table', { name: 'Wochenplan der Schichten' });
  const row = week.getByRole('row', { name: /SCH-RB 1/ });
  await expect(row.getByRole('cell')).toHaveText(['05:30–22:00', '05:30–22:00', '05:30–22:00', '05:30–22:00', '–', '05:30–22:00', '–']);
  await checkState(page, testInfo, 'admin-fleet-week');

  // Out of service and back, each with a reason; a bus without booked rides moves no one.
  await page.getByRole('button', { name: 'SCH-RB 1 außer Betrieb nehmen' }).click();
  await page.getByRole('button', { name: 'Außer Betrieb nehmen', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Geben Sie einen Grund für die Änderung an.');
  await page.getByRole('region', { name: 'SCH-RB 1 außer Betrieb nehmen' }).getByLabel('Grund der Änderung').fill('Motorschaden');
  await page.getByRole('button', { name: 'Außer Betrieb nehmen', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Außer Betrieb: SCH-RB 1. 0 Fahrten sind auf andere Busse verlegt; 0 Fahrten braucht die Leitstelle.');
  await expect(page.getByText('Depot: Schichtdorf, Depot. Außer Betrieb.')).toBeVisible();
  await page.getByRole('button', { name: 'SCH-RB 1 wieder in Betrieb nehmen' }).click();
  await page.getByRole('region', { name: 'SCH-RB 1 wieder in Betrieb nehmen' }).getByLabel('Grund der Änderung').fill('Repariert');
  await page.getByRole('button', { name: 'Wieder in Betrieb nehmen', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Wieder in Betrieb: SCH-RB 1.');

  // The template ended: no more shifts from it, and it leaves the week's plan.
  await expect(page.getByRole('listitem').filter({ hasText: 'Schicht Mo, Di, Mi, Do, Sa, 05:30–22:00' })).toBeVisible();
  await page.getByRole('button', { name: 'Beenden Schicht Mo, Di, Mi, Do, Sa, 05:30–22:00' }).click();
  await page.getByRole('region', { name: 'Schichtvorlage von SCH-RB 1 beenden' }).getByLabel('Grund der Änderung').fill('Fahrplanwechsel');
  await page.getByRole('button', { name: 'Schichtvorlage beenden' }).click();
  await expect(page.getByRole('status')).toContainText('Beendet: eine Schichtvorlage von SCH-RB 1.');
  await expect(row.getByRole('cell')).toHaveText(['–', '–', '–', '–', '–', '–', '–']);
  await checkState(page, testInfo, 'admin-fleet-template-ended');
});
