import { checkState, expect, test } from './fixtures';
import { logInAsDemo } from './support';
import { clickCorners } from './admin-support';

test('an admin draws a new area on the map, is told when the boundary crosses itself, and sets its booking rules with a preview in words', async ({ page, baseURL, outsideRequests }, testInfo) => {
  void outsideRequests;
  await logInAsDemo(page, baseURL!, 'admin');
  await page.getByRole('link', { name: 'Verwaltung' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Verwaltung: Bediengebiete' })).toBeVisible();
  await expect(page.getByRole('table')).toContainText('Europe/Berlin');
  await checkState(page, testInfo, 'admin-areas');

  await page.getByRole('link', { name: 'Neues Gebiet anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Neues Gebiet anlegen' })).toBeVisible();
  const name = `Rufbus Testkreis ${testInfo.workerIndex}-${Date.now() % 1e6}`;
  await page.getByLabel('Name des Gebiets').fill(name);
  const map = page.getByRole('region', { name: 'Karte der Gebietsgrenze' });
  await expect(map).toBeVisible();

  // A bow tie: the second corner is across from the first, so the edges cross.
  await page.getByRole('button', { name: 'Grenze zeichnen' }).click();
  await expect(page.getByRole('button', { name: 'Fertig' })).toBeDisabled();
  await clickCorners(page, map, [[0.2, 0.2], [0.6, 0.6], [0.6, 0.2], [0.2, 0.6]]);
  await checkState(page, testInfo, 'admin-area-drawing');
  await page.getByRole('button', { name: 'Fertig' }).click();
  await expect(page.getByText('Die Grenze hat 4 Ecken.')).toBeVisible();
  await page.getByLabel('Grund der Änderung').fill('Testbetrieb');
  await page.getByRole('button', { name: 'Gebiet anlegen' }).click();
  const crossing = 'Die Grenze kreuzt sich selbst.';
  await expect(page.getByRole('alert')).toContainText(crossing);
  await expect(page.locator('#new-boundary-error')).toContainText(crossing);
  await checkState(page, testInfo, 'admin-area-crossing');

  // Drawn again, a misplaced corner taken back, one corner set with the keyboard (Enter at the cross in the middle).
  await page.getByRole('button', { name: 'Grenze zeichnen' }).click();
  await clickCorners(page, map, [[0.2, 0.2], [0.5, 0.2], [0.9, 0.9]]);
  await page.getByRole('button', { name: 'Letzte Ecke entfernen' }).click();
  await expect(page.getByText('2 Ecken gesetzt.')).toBeVisible();
  await map.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('3 Ecken gesetzt.')).toBeVisible();
  await clickCorners(page, map, [[0.2, 0.5]], 3);
  await page.getByRole('button', { name: 'Fertig' }).click();
  await page.getByRole('button', { name: 'Gebiet anlegen' }).click();

  await expect(page.getByRole('heading', { level: 1, name: `${name}: Einstellungen` })).toBeVisible();
  const preview = page.getByRole('note').filter({ hasText: 'So lesen Fahrgäste die Regeln' });
  await expect(preview).toContainText('Buchung frühestens 30 Minuten und höchstens 14 Tage im Voraus.');
  await expect(preview).toContainText('bei 20 Minuten direkter Fahrt höchstens 40 Minuten');
  await page.getByLabel('Vorlauf mindestens (Minuten)').fill('90');
  await page.getByLabel('Im Voraus höchstens (Tage)').fill('21');
  await expect(preview).toContainText('Buchung frühestens 1 Stunde 30 Minuten und höchstens 21 Tage im Voraus.');
  await expect(preview).toContainText('Eine Buchung ist für so viele Personen, wie der größte Bus Plätze hat.');
  await page.getByLabel('Personen je Buchung höchstens').fill('4');
  await expect(preview).toContainText('Eine Buchung ist für höchstens 4 Personen; größere Gruppen rufen die Hotline an.');
  await page.getByLabel('Samstag').fill('08:00–12:00, 14:00–20:00');
  await page.getByLabel('Sonntag').fill('ab neun');
  await page.getByRole('button', { name: 'Ausnahme hinzufügen' }).click();
  const holiday = page.getByRole('group', { name: 'Ausnahme 1' });
  await holiday.getByLabel('Datum').fill('2026-12-25');
  await holiday.getByLabel('Anlass (freiwillig)').fill('1. Weihnachtstag');
  await page.getByLabel('Infoseite im Internet').fill('www.testkreis.de');
  await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
  // Found before asking the service: the unreadable hours and the missing reason.
  await expect(page.getByRole('alert')).toContainText('Schreiben Sie die Zeiten wie');
  await expect(page.getByRole('alert')).toContainText('Geben Sie einen Grund für die Änderung an.');
  await page.getByLabel('Sonntag').fill('');
  await page.getByLabel('Grund der Änderung').fill('Winterfahrplan');
  await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
  // The service's answer: the info page is no http(s) address, named next to the field.
  await expect(page.locator('#area-info-error')).toContainText('http:// oder https://');
  await checkState(page, testInfo, 'admin-area-server-error');
  await page.getByLabel('Infoseite im Internet').fill('https://www.testkreis.de/rufbus');
  await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
  await expect(page.getByRole('status')).toContainText(`Gespeichert: Die Einstellungen von „${name}“ gelten ab sofort.`);
  await page.reload();
  await expect(page.getByLabel('Samstag')).toHaveValue('08:00–12:00, 14:00–20:00');
  await expect(page.getByLabel('Vorlauf mindestens (Minuten)')).toHaveValue('90');
  await expect(page.getByLabel('Personen je Buchung höchstens')).toHaveValue('4');
  await expect(holiday.getByLabel('Datum')).toHaveValue('2026-12-25');
  await expect(holiday.getByLabel('Zeiten an diesem Tag')).toHaveValue('');
  await checkState(page, testInfo, 'admin-area-saved');
});

test('a dispatcher who opens the operator\u2019s pages is told they are for admins', async ({ page, baseURL, outsideRequests }, testInfo) => {
  void outsideRequests;
  await logInAsDemo(page, baseURL!, 'dispatcher');
  await expect(page.getByRole('link', { name: 'Verwaltung' })).toHaveCount(0);
  await page.goto('/verwaltung');
  await expect(page.getByText('Die Verwaltung ist für Administratorinnen und Administratoren', { exact: false })).toBeVisible();
  await checkState(page, testInfo, 'admin-no-access');
});
